import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { owningService, RESOURCE_SERVICE_SUBJECTS } from '@connector/contracts';
import { FhirError } from '@connector/fhir-outcomes';
import { fakeClients, type SentRequest } from '../testing/fake-cli';
import type { ImportClients } from '@connector/fhir-import';
import { importFiles } from './import-files';
import type { FileOutcome } from './import-outcome';

const SYNTHEA_FILE = resolve(
  __dirname,
  '../../../..',
  '../shared/data/synthea/Clemente_Kreiger_1484a42d-0eaf-4654-9cbf-6b050a5cd73b.json',
);

function syntheaBundle(): { entry: { resource: { resourceType: string; id: string } }[] } {
  try {
    return JSON.parse(readFileSync(SYNTHEA_FILE, 'utf8')) as ReturnType<typeof syntheaBundle>;
  } catch {
    throw new Error(`Synthea sample bundle missing: ${SYNTHEA_FILE} (expected ../shared/data/synthea beside the repo)`);
  }
}

describe('importFiles', () => {
  let dir: string;
  const file = (name: string) => ({ path: join(dir, name), source: name });

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'connector-import-'));
    copyFileSync(SYNTHEA_FILE, join(dir, 'synthea.json'));
    writeFileSync(join(dir, 'broken.json'), '{"resourceType": "Patient",');
    writeFileSync(
      join(dir, 'bad-entry.json'),
      JSON.stringify({
        resourceType: 'Bundle',
        type: 'batch',
        entry: [{ resource: { resourceType: 'Patient', id: 'ok' } }, { resource: { resourceType: 'Unicorn' } }],
      }),
    );
    writeFileSync(
      join(dir, 'export.ndjson'),
      `${JSON.stringify({ resourceType: 'Patient', id: 'n1' })}\n${JSON.stringify({ resourceType: 'Coverage', id: 'c1' })}\n`,
    );
    writeFileSync(join(dir, 'bad-line.ndjson'), `${JSON.stringify({ resourceType: 'Patient', id: 'n1' })}\nnot json\n`);
    writeFileSync(join(dir, 'bom.json'), `\uFEFF${JSON.stringify({ resourceType: 'Patient', id: 'bom' })}`);
  });

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends one import request per owning service for a Synthea bundle', async () => {
    const raw = syntheaBundle();
    const expected: Record<string, string[]> = {};
    for (const { resource } of raw.entry) {
      const service = owningService(resource.resourceType) ?? 'none';
      (expected[service] ??= []).push(`${resource.resourceType}/${resource.id}`);
    }
    const sent: SentRequest[] = [];

    const [outcome] = await importFiles([file('synthea.json')], fakeClients(sent));

    const actual: Record<string, string[]> = {};
    for (const request of sent) {
      expect(request.subject).toBe(RESOURCE_SERVICE_SUBJECTS[request.service as 'chart'].importResources);
      expect(request.payload['source']).toBe('synthea.json');
      const resources = request.payload['resources'] as { resourceType: string; id: string }[];
      actual[request.service] = resources.map((resource) => `${resource.resourceType}/${resource.id}`);
    }
    expect(actual).toEqual(expected);
    expect(outcome).toMatchObject({ ok: true, file: 'synthea.json', resources: raw.entry.length });
    expect(outcome?.ok === true && outcome.result.created).toBe(raw.entry.length);
  });

  it('reports a failed file and goes on with the next ones', async () => {
    const sent: SentRequest[] = [];
    const finished: FileOutcome[] = [];

    const outcomes = await importFiles(
      [file('broken.json'), file('bad-entry.json'), file('bad-line.ndjson'), file('export.ndjson'), file('bom.json')],
      fakeClients(sent),
      { fileFinished: (outcome) => finished.push(outcome) },
    );

    expect(outcomes).toEqual(finished);
    expect(outcomes.map((outcome) => (outcome.ok ? 'ok' : outcome.problem))).toEqual([
      {
        file: 'broken.json',
        entryIndex: undefined,
        line: undefined,
        message: expect.stringMatching(/^invalid JSON: /),
      },
      { file: 'bad-entry.json', entryIndex: 1, line: undefined, message: 'unknown resource type "Unicorn"' },
      { file: 'bad-line.ndjson', entryIndex: undefined, line: 2, message: expect.stringMatching(/^invalid JSON: /) },
      'ok',
      'ok',
    ]);
    expect(sent.map((request) => [request.service, request.payload['source']])).toEqual([
      ['chart', 'export.ndjson'],
      ['practice', 'export.ndjson'],
      ['chart', 'bom.json'],
    ]);
  });

  it('fails a file that a service rejects, saying which services already stored their part', async () => {
    const sent: SentRequest[] = [];
    const rejectPractice = (request: SentRequest) => {
      if (request.service === 'practice') {
        throw FhirError.unavailable('The practice service is unavailable');
      }
      return { created: 1, updated: 0, unchanged: 0, byType: { Patient: 1 } };
    };

    const [outcome] = await importFiles([file('export.ndjson')], fakeClients(sent, rejectPractice));

    expect(outcome).toEqual({
      ok: false,
      file: 'export.ndjson',
      problem: {
        file: 'export.ndjson',
        message:
          'the practice service rejected the import: The practice service is unavailable (already stored by the chart service)',
      },
    });
  });

  it('keeps several files in flight, returning the outcomes in file order', async () => {
    const names = ['export.ndjson', 'broken.json', 'bom.json', 'bad-line.ndjson', 'synthea.json'];
    let inFlight = 0;
    let mostInFlight = 0;
    const slow: ImportClients = {
      get: (service) => ({
        request: async <T extends object>(subject: string, payload: object, replyType: new () => T) => {
          inFlight++;
          mostInFlight = Math.max(mostInFlight, inFlight);
          await new Promise((done) => setTimeout(done, 5));
          inFlight--;
          return fakeClients([]).get(service).request(subject, payload, replyType);
        },
      }),
    };

    const outcomes = await importFiles(names.map(file), slow, undefined, 3);

    expect(outcomes.map((outcome) => outcome.file)).toEqual(names);
    expect(outcomes.map((outcome) => outcome.ok)).toEqual([true, false, true, false, true]);
    expect(mostInFlight).toBeGreaterThan(1);
    expect(mostInFlight).toBeLessThanOrEqual(3);
  });

  it('fails a file that cannot be read', async () => {
    const [outcome] = await importFiles([file('does-not-exist.json')], fakeClients([]));

    expect(outcome).toMatchObject({
      ok: false,
      problem: { file: 'does-not-exist.json', message: expect.stringMatching(/ENOENT/) },
    });
  });
});
