import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuthSubjects, RESOURCE_SERVICE_SUBJECTS } from '@connector/contracts';
import { FhirError } from '@connector/fhir-outcomes';
import { runCli } from './cli.program';
import { allCreated, fakeCli, type SentRequest } from './testing/fake-cli';

const argv = (...args: string[]) => ['node', 'connector', ...args];

describe('runCli', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'connector-cli-'));
    writeFileSync(join(dir, 'patient.json'), JSON.stringify({ resourceType: 'Patient', id: 'p1' }));
    writeFileSync(join(dir, 'broken.json'), '{');
  });

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  describe('import', () => {
    it('imports the files, prints a line per file and the summary, exits 0 and closes the services', async () => {
      const cli = fakeCli(dir);

      const code = await runCli(argv('import', 'patient.json'), cli.deps);

      expect(code).toBe(0);
      expect(cli.sent).toEqual([
        {
          service: 'chart',
          subject: RESOURCE_SERVICE_SUBJECTS.chart.importResources,
          payload: { source: 'patient.json', resources: [{ resourceType: 'Patient', id: 'p1' }] },
        },
      ]);
      expect(cli.output.lines).toContain('[1/1] ok patient.json: 1 resources (1 created, 0 updated, 0 unchanged)');
      expect(cli.output.lines).toContain('Files: 1 imported, 0 failed');
      expect(cli.lifecycle).toEqual({ opened: 1, closed: 1 });
    });

    it('exits 1 when a file or a path fails, after importing the others', async () => {
      const cli = fakeCli(dir);

      const code = await runCli(argv('import', 'broken.json', 'missing.json', 'patient.json'), cli.deps);

      expect(code).toBe(1);
      expect(cli.sent).toHaveLength(1);
      expect(cli.output.lines).toContain('Files: 1 imported, 2 failed');
      expect(cli.output.lines.some((line) => line.startsWith('missing.json') && line.includes('no such file'))).toBe(
        true,
      );
      expect(cli.output.lines.some((line) => line.startsWith('broken.json') && line.includes('invalid JSON'))).toBe(
        true,
      );
    });

    it('does not start the services when no path names a file', async () => {
      const cli = fakeCli(dir);

      expect(await runCli(argv('import', 'nothing-*.json'), cli.deps)).toBe(1);
      expect(cli.lifecycle.opened).toBe(0);
    });

    it('closes the services when the import throws', async () => {
      const cli = fakeCli(dir, (request: SentRequest) => allCreated(request));
      const failingOutput = {
        ...cli.deps.output,
        out: () => {
          throw new Error('stdout closed');
        },
      };

      const code = await runCli(argv('import', 'patient.json'), { ...cli.deps, output: failingOutput });

      expect(code).toBe(1);
      expect(cli.lifecycle).toEqual({ opened: 1, closed: 1 });
    });
  });

  describe('users add', () => {
    it('sends CreateUserRequest to the auth service', async () => {
      const cli = fakeCli(dir, () => ({ username: 'drsmith', role: 'provider' }));

      const code = await runCli(
        argv(
          'users',
          'add',
          '--username',
          'drsmith',
          '--password',
          'secret1',
          '--role',
          'provider',
          '--fhir-user',
          'Practitioner/1',
          '--patient',
          'p1',
          'p2',
        ),
        cli.deps,
      );

      expect(code).toBe(0);
      expect(cli.sent).toEqual([
        {
          service: 'auth',
          subject: AuthSubjects.createUser,
          payload: {
            username: 'drsmith',
            password: 'secret1',
            role: 'provider',
            fhirUser: 'Practitioner/1',
            patientIds: ['p1', 'p2'],
          },
        },
      ]);
      expect(cli.output.lines).toEqual(['Created user drsmith (provider)']);
      expect(cli.lifecycle).toEqual({ opened: 1, closed: 1 });
    });

    it('rejects an unknown role before contacting any service', async () => {
      const cli = fakeCli(dir);

      const code = await runCli(
        argv('users', 'add', '--username', 'x', '--password', 'secret1', '--role', 'admin'),
        cli.deps,
      );

      expect(code).toBe(1);
      expect(cli.output.errors.join('\n')).toMatch(
        /Allowed choices are provider, staff, patient, authorized-representative/,
      );
      expect(cli.lifecycle.opened).toBe(0);
    });

    it('prints the service error and exits 1 when the auth service refuses', async () => {
      const cli = fakeCli(dir, () => {
        throw FhirError.invalid(['username already exists']);
      });

      const code = await runCli(
        argv('users', 'add', '--username', 'x', '--password', 'secret1', '--role', 'staff'),
        cli.deps,
      );

      expect(code).toBe(1);
      expect(cli.output.errors).toEqual(['Error: username already exists']);
      expect(cli.lifecycle).toEqual({ opened: 1, closed: 1 });
    });
  });

  describe('clients add', () => {
    it('splits space-separated scopes and sends CreateClientRequest to the auth service', async () => {
      const cli = fakeCli(dir, () => ({ clientId: 'my-app' }));

      const code = await runCli(
        argv(
          'clients',
          'add',
          '--client-id',
          'my-app',
          '--secret',
          'long-secret',
          '--name',
          'My app',
          '--scope',
          'user/*.read patient/*.read',
          'openid',
          '--grant',
          'password',
          'client_credentials',
        ),
        cli.deps,
      );

      expect(code).toBe(0);
      expect(cli.sent).toEqual([
        {
          service: 'auth',
          subject: AuthSubjects.createClient,
          payload: {
            clientId: 'my-app',
            clientSecret: 'long-secret',
            name: 'My app',
            scopes: ['user/*.read', 'patient/*.read', 'openid'],
            grantTypes: ['password', 'client_credentials'],
          },
        },
      ]);
      expect(cli.output.lines).toEqual([
        'Created confidential client my-app (grants: password, client_credentials; scopes: user/*.read patient/*.read openid)',
      ]);
    });

    it('registers a public client when no secret is given', async () => {
      const cli = fakeCli(dir, () => ({ clientId: 'spa' }));

      await runCli(
        argv('clients', 'add', '--client-id', 'spa', '--scope', 'patient/*.read', '--grant', 'authorization_code'),
        cli.deps,
      );

      expect(cli.sent[0]?.payload).toEqual({
        clientId: 'spa',
        scopes: ['patient/*.read'],
        grantTypes: ['authorization_code'],
      });
    });

    it('requires --scope and --grant', async () => {
      const cli = fakeCli(dir);

      expect(await runCli(argv('clients', 'add', '--client-id', 'x', '--grant', 'password'), cli.deps)).toBe(1);
      expect(await runCli(argv('clients', 'add', '--client-id', 'x', '--scope', 'a'), cli.deps)).toBe(1);
      expect(cli.lifecycle.opened).toBe(0);
    });
  });

  describe('reindex', () => {
    it('drives every resource service from position to position until each says it is done', async () => {
      const cli = fakeCli(dir, ({ service, payload }) =>
        service === 'chart' && payload['from'] === undefined
          ? { reindexed: 500, next: { resourceType: 'Observation', afterId: 'o-500' } }
          : { reindexed: service === 'chart' ? 20 : 3 },
      );

      const code = await runCli(argv('reindex'), cli.deps);

      expect(code).toBe(0);
      expect(cli.sent).toEqual([
        { service: 'chart', subject: RESOURCE_SERVICE_SUBJECTS.chart.reindexResources, payload: {} },
        {
          service: 'chart',
          subject: RESOURCE_SERVICE_SUBJECTS.chart.reindexResources,
          payload: { from: { resourceType: 'Observation', afterId: 'o-500' } },
        },
        { service: 'practice', subject: RESOURCE_SERVICE_SUBJECTS.practice.reindexResources, payload: {} },
        { service: 'terminology', subject: RESOURCE_SERVICE_SUBJECTS.terminology.reindexResources, payload: {} },
      ]);
      expect(cli.output.lines).toEqual([
        'chart: 500 re-indexed, now at Observation',
        'Re-indexed 526 resources (chart 520, practice 3, terminology 3)',
      ]);
      expect(cli.lifecycle).toEqual({ opened: 1, closed: 1 });
    });

    it('asks only the owning service for --type, and refuses an unknown type without contacting any', async () => {
      const cli = fakeCli(dir, () => ({ reindexed: 7 }));
      expect(await runCli(argv('reindex', '--type', 'Appointment'), cli.deps)).toBe(0);
      expect(cli.sent.map((request) => [request.service, request.payload])).toEqual([
        ['practice', { resourceType: 'Appointment' }],
      ]);

      const refused = fakeCli(dir);
      expect(await runCli(argv('reindex', '--type', 'Gadget'), refused.deps)).toBe(1);
      expect(refused.output.errors.join('\n')).toContain('Gadget is not an R4 resource type');
      expect(refused.lifecycle.opened).toBe(0);
    });
  });

  it('exits 1 on an unknown command and 0 for --help', async () => {
    const cli = fakeCli(dir);

    expect(await runCli(argv('export'), cli.deps)).toBe(1);
    expect(await runCli(argv('--help'), cli.deps)).toBe(0);
    expect(cli.output.lines.join('\n')).toMatch(/import \[options\] <paths\.\.\.>/);
  });
});
