import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FULL_ACCESS, type ResourceToImport, type SearchResourcesRequest } from '@connector/contracts';
import { FhirError } from '@connector/fhir-outcomes';
import { configFrom } from '@connector/shared-config';
import { FhirResourceServiceModule } from './fhir-resource-service.module';
import { ResourceService } from './resource.service';

const BASE_URL = 'https://fhir.example.test/fhir';
const CATEGORY_SYSTEM = 'http://terminology.hl7.org/CodeSystem/observation-category';

const patient = (id: string, gender: string): ResourceToImport => ({ resourceType: 'Patient', id, gender });
const observation = (id: string, subject: string, category: string): ResourceToImport => ({
  resourceType: 'Observation',
  id,
  status: 'final',
  category: [{ coding: [{ system: CATEGORY_SYSTEM, code: category }] }],
  code: { text: id },
  subject: { reference: `Patient/${subject}` },
});

const PATIENTS = [
  patient('pf-1', 'female'),
  patient('pm-1', 'male'),
  patient('pf-2', 'female'),
  patient('pf-3', 'female'),
];
const OBSERVATIONS = [
  observation('o-1', 'pf-1', 'vital-signs'),
  observation('o-2', 'pf-1', 'laboratory'),
  observation('o-3', 'pm-1', 'vital-signs'),
  observation('o-4', 'pf-1', 'vital-signs'),
];

/** Ids of the fixtures matching a predicate: the expected sets, computed from the input, not through the store. */
const idsWhere = (resources: readonly ResourceToImport[], match: (resource: ResourceToImport) => boolean): string[] =>
  resources
    .filter(match)
    .map((resource) => resource.id)
    .sort();

const idsOf = (texts: readonly string[]): string[] => texts.map((text) => (JSON.parse(text) as { id: string }).id);

function searchRequest(resourceType: string, params: [string, string][], extra = {}): SearchResourcesRequest {
  return { resourceType, params, lenient: false, baseUrl: BASE_URL, access: FULL_ACCESS, ...extra };
}

async function caught(promise: Promise<unknown>): Promise<FhirError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(FhirError);
  return error as FhirError;
}

describe(ResourceService.name, () => {
  let dataDir: string;
  let app: INestApplicationContext;
  let service: ResourceService;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'fhir-service-search-'));
    const config = configFrom({ CONNECTOR_DATA_DIR: dataDir, DATABASE_URL: undefined, NATS_URL: undefined });
    app = await NestFactory.createApplicationContext(FhirResourceServiceModule.forRoot('chart', config), {
      logger: ['error'],
    });
    await app.init();
    service = app.get(ResourceService);
    await service.importResources({ source: 'spec', resources: [...PATIENTS, ...OBSERVATIONS] });
  });

  afterAll(async () => {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  describe('search', () => {
    it('answers the stored JSON texts of the matches', async () => {
      const reply = await service.search(searchRequest('Patient', [['gender', 'female']]));

      expect(idsOf(reply.resources).sort()).toEqual(idsWhere(PATIENTS, (p) => p.gender === 'female'));
      expect(reply.warnings).toEqual([]);
      expect(reply.canonicalParams).toEqual(expect.arrayContaining([['gender', 'female']]));
    });

    it('ANDs a reference and a token parameter', async () => {
      const reply = await service.search(
        searchRequest('Observation', [
          ['patient', 'pf-1'],
          ['category', 'vital-signs'],
        ]),
      );

      const expected = idsWhere(
        OBSERVATIONS,
        (o) => JSON.stringify(o).includes('"Patient/pf-1"') && JSON.stringify(o).includes('"vital-signs"'),
      );
      expect(expected).toEqual(['o-1', 'o-4']);
      expect(idsOf(reply.resources).sort()).toEqual(expected);
    });

    it('pages with _count, each match exactly once across the cursors', async () => {
      const seen: string[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < 10; page++) {
        const reply = await service.search(
          searchRequest(
            'Patient',
            [
              ['gender', 'female'],
              ['_count', '1'],
            ],
            { cursor },
          ),
        );
        expect(reply.resources.length).toBeLessThanOrEqual(1);
        seen.push(...idsOf(reply.resources));
        cursor = reply.nextCursor;
        if (cursor === undefined) {
          break;
        }
      }

      expect(cursor).toBeUndefined();
      expect(seen.sort()).toEqual(idsWhere(PATIENTS, (p) => p.gender === 'female'));
    });

    it('rejects an unknown parameter with a 400 naming it', async () => {
      const error = await caught(service.search(searchRequest('Patient', [['shoe-size', '42']])));

      expect(error.status).toBe(400);
      expect(error.message).toContain('shoe-size');
    });

    it('ignores an unknown parameter in lenient mode and says so in the warnings', async () => {
      const reply = await service.search(
        searchRequest(
          'Patient',
          [
            ['shoe-size', '42'],
            ['gender', 'male'],
          ],
          { lenient: true },
        ),
      );

      expect(idsOf(reply.resources)).toEqual(idsWhere(PATIENTS, (p) => p.gender === 'male'));
      expect(reply.warnings).toHaveLength(1);
      expect(reply.warnings[0]).toContain('shoe-size');
      expect(reply.canonicalParams.map(([name]) => name)).not.toContain('shoe-size');
    });

    it('refuses a type another service owns, before touching the store', async () => {
      const error = await caught(service.search(searchRequest('Appointment', [])));

      expect(error.status).toBe(400);
      expect(error.message).toContain('practice');
    });

    it('answers an unknown resource type with 404', async () => {
      expect((await caught(service.search(searchRequest('Gadget', [])))).status).toBe(404);
    });
  });

  describe('search with _summary and _elements', () => {
    const SUBSETTED = 'http://terminology.hl7.org/CodeSystem/v3-ObservationValue|SUBSETTED';
    const parsed = (texts: readonly string[]) =>
      texts.map(
        (text) => JSON.parse(text) as Record<string, unknown> & { meta: { tag?: { system: string; code: string }[] } },
      );
    const tags = (resource: { meta: { tag?: { system: string; code: string }[] } }) =>
      (resource.meta.tag ?? []).map((tag) => `${tag.system}|${tag.code}`);

    it('answers only the total for _summary=count', async () => {
      const reply = await service.search(
        searchRequest('Observation', [
          ['patient', 'pf-1'],
          ['_summary', 'count'],
          ['_include', 'Observation:subject'],
        ]),
      );
      expect(reply.resources).toEqual([]);
      expect(reply.total).toBe(OBSERVATIONS.filter((o) => JSON.stringify(o).includes('"Patient/pf-1"')).length);
      expect(reply.included ?? []).toEqual([]);
    });

    it('keeps the R4 summary elements for _summary=true (category is not one) and tags SUBSETTED', async () => {
      const reply = await service.search(
        searchRequest('Observation', [
          ['_id', 'o-1'],
          ['_summary', 'true'],
        ]),
      );
      const [resource] = parsed(reply.resources);
      // Observation's isSummary elements among the fixture's: status, code, subject (R4 StructureDefinition).
      expect(Object.keys(resource).sort()).toEqual(['code', 'id', 'meta', 'resourceType', 'status', 'subject']);
      expect(tags(resource)).toEqual([SUBSETTED]);
    });

    it('subsets matches by _elements but includes by _summary only', async () => {
      const reply = await service.search(
        searchRequest('Observation', [
          ['_id', 'o-1'],
          ['_elements', 'category'],
          ['_include', 'Observation:subject'],
        ]),
      );
      const [match] = parsed(reply.resources);
      // Observation's mandatory (min 1) elements are status and code; they come along.
      expect(Object.keys(match).sort()).toEqual(['category', 'code', 'id', 'meta', 'resourceType', 'status']);
      expect(tags(match)).toEqual([SUBSETTED]);
      const [included] = parsed(reply.included ?? []);
      expect(included).toMatchObject({ resourceType: 'Patient', id: 'pf-1', gender: 'female' });
      expect(tags(included)).toEqual([]);
    });

    it('passes the stored texts through untouched without them', async () => {
      const plain = await service.search(searchRequest('Observation', [['_id', 'o-1']]));
      const asFalse = await service.search(
        searchRequest('Observation', [
          ['_id', 'o-1'],
          ['_summary', 'false'],
        ]),
      );
      expect(asFalse.resources).toEqual(plain.resources);
      expect(tags(parsed(plain.resources)[0])).toEqual([]);
    });
  });

  describe('search with includes', () => {
    it('returns local includes and hands back revincludes whose source type practice owns', async () => {
      const reply = await service.search(
        searchRequest('Patient', [
          ['_id', 'pf-1'],
          ['_revinclude', 'Observation:subject'],
          ['_revinclude', 'Appointment:patient'],
        ]),
      );
      expect(idsOf(reply.included ?? []).sort()).toEqual(
        idsWhere(
          OBSERVATIONS,
          (resource) => (resource['subject'] as { reference: string }).reference === 'Patient/pf-1',
        ),
      );
      expect(reply.foreign).toEqual({
        include: [],
        revinclude: [{ sourceType: 'Appointment', code: 'patient', targets: ['Patient/pf-1'] }],
      });
    });

    it('has neither included nor foreign when the search asks for no include', async () => {
      const reply = await service.search(searchRequest('Patient', [['_id', 'pf-1']]));
      expect('included' in reply || 'foreign' in reply).toBe(false);
    });
  });

  describe('reindex', () => {
    it('re-indexes every stored resource, or one type, and says it is done', async () => {
      const total = (await service.count()).total;
      expect(await service.reindex({})).toEqual({ reindexed: total });
      expect(await service.reindex({ resourceType: 'Observation' })).toEqual({ reindexed: OBSERVATIONS.length });
      const found = await service.search(searchRequest('Observation', [['subject', 'Patient/pm-1']]));
      expect(found.resources.length).toBeGreaterThan(0);
    });

    it("refuses another service's type", async () => {
      expect((await caught(service.reindex({ resourceType: 'Appointment' }))).status).toBe(400);
    });
  });

  describe('includeFrom', () => {
    const request = (params: [string, string][], frontier: string[]) => ({
      resourceType: 'Patient',
      params,
      frontier,
      access: FULL_ACCESS,
    });

    it('continues :iterate directives from a frontier handed in by another service', async () => {
      const reply = await service.includeFrom(
        request([['_revinclude:iterate', 'Observation:subject']], ['Patient/pm-1']),
      );
      expect(idsOf(reply.included).sort()).toEqual(
        idsWhere(
          OBSERVATIONS,
          (resource) => (resource['subject'] as { reference: string }).reference === 'Patient/pm-1',
        ),
      );
    });

    it('refuses filters and directives without :iterate', async () => {
      for (const params of [[['_revinclude', 'Observation:subject']], [['gender', 'female']]] as [string, string][][]) {
        expect((await caught(service.includeFrom(request(params, ['Patient/pm-1'])))).status).toBe(400);
      }
    });
  });

  describe('readMany', () => {
    it('answers the stored resources among the references, leaving unknown ones out', async () => {
      const reply = await service.readMany({
        references: [
          ['Patient', 'pm-1'],
          ['Patient', 'nobody'],
          ['Observation', 'o-3'],
        ],
        access: FULL_ACCESS,
      });
      expect(idsOf(reply.resources).sort()).toEqual(['o-3', 'pm-1']);
    });

    it("refuses another service's type", async () => {
      expect((await caught(service.readMany({ references: [['Appointment', 'a']], access: FULL_ACCESS }))).status).toBe(
        400,
      );
    });
  });

  describe('revinclude', () => {
    it('answers the resources of the source type referencing the targets', async () => {
      const reply = await service.revinclude({
        sourceType: 'Observation',
        code: 'subject',
        targets: ['Patient/pm-1'],
        access: FULL_ACCESS,
      });
      expect(idsOf(reply.resources)).toEqual(
        idsWhere(
          OBSERVATIONS,
          (resource) => (resource['subject'] as { reference: string }).reference === 'Patient/pm-1',
        ),
      );
    });
  });
});
