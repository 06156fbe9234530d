import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Bundle } from 'fhir/r4';
import { xmlToJson } from '@connector/fhir-serializers';
import {
  buildApps,
  createTestDatabase,
  DistributedTopology,
  requireDistributedInfrastructure,
  runCli,
  sharedDataDir,
  sharedDataFiles,
  type TestDatabase,
} from '@connector/shared-testing';
import {
  type ExpectedResource,
  expectedResources,
  MILLISECOND_INSTANT,
  withoutServerMeta,
} from './support/expected-resources';
import { runAuthorizeFlow } from './support/authorize-flow';

const CLIENT = { id: 'e2e-app', secret: 'e2e-secret-0123' };
const USER = { username: 'e2e-provider', password: 'e2e-password' };

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Runs `work` over items with at most `limit` in flight. */
async function inParallel<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: limit }, async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await work(item);
    }
  });
  await Promise.all(lanes);
}

describe('Connector in distributed mode (every service its own process, NATS, PostgreSQL)', () => {
  let database: TestDatabase;
  let topology: DistributedTopology;
  let token: string;
  const syntheaFiles = sharedDataFiles('synthea', '.json');
  const expected: ExpectedResource[] = syntheaFiles.flatMap((file) =>
    expectedResources(JSON.parse(readFileSync(file, 'utf8')) as Bundle),
  );

  const get = (path: string, bearer = token) =>
    fetch(`${topology.baseUrl}${path}`, { headers: { authorization: `Bearer ${bearer}` } });

  async function passwordToken(
    clientId: string,
    secret: string,
    username: string,
    password: string,
  ): Promise<Response> {
    return fetch(`${topology.baseUrl}/oauth/token`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}`,
      },
      body: new URLSearchParams({ grant_type: 'password', username, password }),
    });
  }

  beforeAll(async () => {
    const infra = await requireDistributedInfrastructure();
    database = await createTestDatabase();
    await buildApps();
    topology = await DistributedTopology.start({
      natsUrl: infra.natsUrl,
      databaseUrl: database.url,
      port: await freePort(),
    });

    const client = await runCli(
      [
        'clients',
        'add',
        '--client-id',
        CLIENT.id,
        '--secret',
        CLIENT.secret,
        '--scope',
        'user/*.read',
        '--grant',
        'password',
      ],
      topology.env,
    );
    expect(client.code).toBe(0);
    const user = await runCli(
      ['users', 'add', '--username', USER.username, '--password', USER.password, '--role', 'provider'],
      topology.env,
    );
    expect(user.code).toBe(0);

    const imported = await runCli(['import', sharedDataDir('synthea')], topology.env);
    if (imported.code !== 0) {
      throw new Error(`import failed:\n${imported.stdout}\n${imported.stderr}`);
    }
    const response = await passwordToken(CLIENT.id, CLIENT.secret, USER.username, USER.password);
    token = ((await response.json()) as { access_token: string }).access_token;
  }, 600000);

  afterAll(async () => {
    await topology?.stop();
    await database?.drop();
  });

  it(`reads back every resource of every Synthea bundle exactly as imported (ids and references rewritten, meta added)`, async () => {
    expect(expected.length).toBeGreaterThan(3000);
    const mismatches: string[] = [];
    await inParallel(expected, 16, async (resource) => {
      const response = await get(`/fhir/${resource.type}/${resource.id}`);
      if (response.status !== 200) {
        mismatches.push(`${resource.type}/${resource.id}: HTTP ${response.status}`);
        return;
      }
      const served = (await response.json()) as Record<string, unknown> & {
        meta: { versionId: string; lastUpdated: string };
      };
      if (served.meta.versionId !== '1' || !MILLISECOND_INSTANT.test(served.meta.lastUpdated)) {
        mismatches.push(`${resource.type}/${resource.id}: meta ${JSON.stringify(served.meta)}`);
      }
      try {
        expect(withoutServerMeta(served)).toEqual(resource.resource);
      } catch {
        mismatches.push(`${resource.type}/${resource.id}: content differs`);
      }
    });
    expect(mismatches).toEqual([]);
  });

  it('searches across every imported bundle over NATS and PostgreSQL, paging through next links', async () => {
    const femaleIds = new Set(
      expected.filter((r) => r.type === 'Patient' && r.resource['gender'] === 'female').map((r) => r.id),
    );
    expect(femaleIds.size).toBeGreaterThan(0);
    const seen: string[] = [];
    let url: string | undefined = `${topology.baseUrl}/fhir/Patient?gender=female&_count=3`;
    while (url !== undefined) {
      const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
      expect(response.status).toBe(200);
      const bundle = (await response.json()) as {
        type: string;
        entry?: { fullUrl: string; resource: { id: string } }[];
        link: { relation: string; url: string }[];
      };
      expect(bundle.type).toBe('searchset');
      for (const entry of bundle.entry ?? []) {
        expect(entry.fullUrl).toBe(`${topology.baseUrl}/fhir/Patient/${entry.resource.id}`);
        seen.push(entry.resource.id);
      }
      url = bundle.link.find((link) => link.relation === 'next')?.url;
    }
    expect(seen.length).toBe(new Set(seen).size);
    expect(new Set(seen)).toEqual(femaleIds);
  });

  it('re-importing the same files changes nothing (idempotent, no new versions)', async () => {
    const again = await runCli(['import', syntheaFiles[0] as string], topology.env);
    expect(again.code).toBe(0);
    const patient = expected.find((resource) => resource.type === 'Patient') as ExpectedResource;
    const served = (await (await get(`/fhir/Patient/${patient.id}`)).json()) as { meta: { versionId: string } };
    expect(served.meta.versionId).toBe('1');
  });

  it('rejects a bad bundle whole, naming the file and entry, and stores none of it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'connector-bad-'));
    const file = join(dir, 'dangling.json');
    const bundle = {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [
        {
          fullUrl: 'urn:uuid:6b4a3cf3-0000-4000-8000-000000000001',
          resource: { resourceType: 'Patient', id: 'bad-bundle-patient' },
        },
        {
          fullUrl: 'urn:uuid:6b4a3cf3-0000-4000-8000-000000000002',
          resource: {
            resourceType: 'Observation',
            id: 'bad-bundle-obs',
            status: 'final',
            code: { text: 'x' },
            subject: { reference: 'urn:uuid:6b4a3cf3-0000-4000-8000-00000000dead' },
          },
        },
      ],
    };
    writeFileSync(file, JSON.stringify(bundle));
    const result = await runCli(['import', file], topology.env);
    expect(result.code).not.toBe(0);
    expect(`${result.stdout}${result.stderr}`).toContain('dangling.json');
    expect((await get('/fhir/Patient/bad-bundle-patient')).status).toBe(404);
  });

  it('serves XML, ETags, versions and history over NATS once an import changes a resource', async () => {
    const patient = expected.find((resource) => resource.type === 'Patient') as ExpectedResource;
    const json = await (await get(`/fhir/Patient/${patient.id}`)).text();
    const xml = await fetch(`${topology.baseUrl}/fhir/Patient/${patient.id}?_format=xml`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(xml.headers.get('content-type')).toBe('application/fhir+xml; charset=utf-8');
    expect(JSON.parse(xmlToJson(await xml.text()))).toEqual(JSON.parse(json));

    const file = join(mkdtempSync(join(tmpdir(), 'connector-v2-')), 'patient-v2.json');
    writeFileSync(file, JSON.stringify({ ...patient.resource, active: false }));
    expect((await runCli(['import', file], topology.env)).code).toBe(0);
    const current = await get(`/fhir/Patient/${patient.id}`);
    expect(current.headers.get('etag')).toBe('W/"2"');
    const unchanged = await fetch(`${topology.baseUrl}/fhir/Patient/${patient.id}`, {
      headers: { authorization: `Bearer ${token}`, 'if-none-match': 'W/"2"' },
    });
    expect(unchanged.status).toBe(304);
    const first = (await (await get(`/fhir/Patient/${patient.id}/_history/1`)).json()) as Record<string, unknown>;
    expect(withoutServerMeta(first)).toEqual(patient.resource);
    const history = (await (await get(`/fhir/Patient/${patient.id}/_history`)).json()) as Bundle;
    expect(history.type).toBe('history');
    expect(history.entry?.map((entry) => entry.resource?.meta?.versionId ?? '?')).toEqual(['2', '1']);
  });

  it("continues :iterate across services over NATS, and keeps a patient's token to its own compartment", async () => {
    const patient = expected.find((resource) => resource.type === 'Patient') as ExpectedResource;
    const claims = expected.filter(
      (resource) =>
        resource.type === 'Claim' &&
        (resource.resource['patient'] as { reference: string }).reference === `Patient/${patient.id}`,
    );
    const providers = new Set(claims.map((claim) => (claim.resource['provider'] as { reference: string }).reference));
    expect(claims.length).toBeGreaterThan(0);
    const response = await get(
      `/fhir/Patient?_id=${patient.id}&_revinclude=Claim:patient&_include:iterate=Claim:provider&_count=1`,
    );
    const included = ((await response.json()) as Bundle).entry
      ?.filter((entry) => entry.search?.mode === 'include')
      .map((entry) => `${entry.resource?.resourceType}/${entry.resource?.id}`)
      .sort();
    expect(included).toEqual([...claims.map((claim) => `Claim/${claim.id}`), ...providers].sort());

    const other = expected.find(
      (resource) => resource.type === 'Patient' && resource.id !== patient.id,
    ) as ExpectedResource;
    const cli = (args: string[]) => runCli(args, topology.env).then((result) => expect(result.code).toBe(0));
    await cli([
      'clients',
      'add',
      '--client-id',
      'e2e-patient-app',
      '--secret',
      CLIENT.secret,
      '--scope',
      'patient/*.read',
      '--grant',
      'password',
    ]);
    await cli([
      'users',
      'add',
      '--username',
      'e2e-patient',
      '--password',
      'e2e-password',
      '--role',
      'patient',
      '--patient',
      patient.id,
    ]);
    const granted = await passwordToken('e2e-patient-app', CLIENT.secret, 'e2e-patient', 'e2e-password');
    expect(granted.status).toBe(200);
    const patientToken = ((await granted.json()) as { access_token: string }).access_token;
    expect((await get(`/fhir/Patient/${patient.id}`, patientToken)).status).toBe(200);
    expect((await get(`/fhir/Patient/${other.id}`, patientToken)).status).toBe(404);
    const theirClaims = (await (
      await get(`/fhir/Claim?patient=${other.id}&_summary=count`, patientToken)
    ).json()) as Bundle;
    expect(theirClaims.total).toBe(0);
    const ownClaims = (await (
      await get(`/fhir/Claim?patient=${patient.id}&_summary=count`, patientToken)
    ).json()) as Bundle;
    expect(ownClaims.total).toBe(claims.length);
  });

  it('runs a SMART standalone launch over NATS: sign-in, the patient picker (auth asks chart), consent, refresh, revocation', async () => {
    const [patient, other] = expected.filter((resource) => resource.type === 'Patient') as ExpectedResource[];
    const redirectUri = 'http://127.0.0.1:9/callback';
    const registered = await runCli(
      [
        'clients',
        'add',
        '--client-id',
        'e2e-smart-app',
        '--scope',
        'openid fhirUser launch/patient offline_access patient/*.rs',
        '--grant',
        'authorization_code',
        'refresh_token',
        '--redirect-uri',
        redirectUri,
      ],
      topology.env,
    );
    expect(registered.code).toBe(0);
    const flow = await runAuthorizeFlow({
      origin: topology.baseUrl,
      fhirBase: `${topology.baseUrl}/fhir`,
      clientId: 'e2e-smart-app',
      redirectUri,
      scope: 'openid fhirUser launch/patient offline_access patient/*.rs',
      user: USER,
      patient: patient.id,
    });
    expect(flow.sawPicker).toBe(true);
    expect(flow.redirect.searchParams.get('state')).toBe(flow.state);

    const oauth = (path: string, form: Record<string, string>) =>
      fetch(`${topology.baseUrl}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ client_id: 'e2e-smart-app', ...form }),
      });
    const exchanged = await oauth('/oauth/token', {
      grant_type: 'authorization_code',
      code: flow.redirect.searchParams.get('code') ?? '',
      redirect_uri: redirectUri,
      code_verifier: flow.pkce.verifier,
    });
    expect(exchanged.status).toBe(200);
    const tokens = (await exchanged.json()) as { access_token: string; refresh_token: string; patient: string };
    expect(tokens.patient).toBe(patient.id);
    expect((await get(`/fhir/Patient/${patient.id}`, tokens.access_token)).status).toBe(200);
    expect((await get(`/fhir/Patient/${other.id}`, tokens.access_token)).status).toBe(404);

    const refreshed = await oauth('/oauth/token', { grant_type: 'refresh_token', refresh_token: tokens.refresh_token });
    expect(refreshed.status).toBe(200);
    const rotated = (await refreshed.json()) as { access_token: string; refresh_token: string };
    expect((await oauth('/oauth/revoke', { token: rotated.refresh_token })).status).toBe(200);
    const introspected = await oauth('/oauth/introspect', { token: rotated.access_token });
    expect(await introspected.json()).toEqual({ active: false });
    const afterRevocation = await oauth('/oauth/token', {
      grant_type: 'refresh_token',
      refresh_token: rotated.refresh_token,
    });
    expect(((await afterRevocation.json()) as { error: string }).error).toBe('invalid_grant');
    // This gateway has not seen the rotated token yet, so it asks the auth service and learns it is revoked.
    expect((await get(`/fhir/Patient/${patient.id}`, rotated.access_token)).status).toBe(401);
  });

  it('never creates demo accounts in distributed mode', async () => {
    const response = await passwordToken('demo-app', 'demo-secret', 'demo-provider', 'demo');
    expect(response.status).toBe(401);
    expect(((await response.json()) as { error: string }).error).toBe('invalid_client');
  });

  it('answers 503 with an OperationOutcome while the chart service is down, and 200 once it is back', async () => {
    const patient = expected.find((resource) => resource.type === 'Patient') as ExpectedResource;
    await topology.kill('chart');
    const down = await get(`/fhir/Patient/${patient.id}`);
    expect(down.status).toBe(503);
    const outcome = (await down.json()) as { resourceType: string; issue: { details: { text: string } }[] };
    expect(outcome.resourceType).toBe('OperationOutcome');
    expect(outcome.issue[0]?.details.text).toContain('chart');
    expect((await fetch(`${topology.baseUrl}/health/ready`)).status).toBe(503);

    await topology.restart('chart');
    expect((await get(`/fhir/Patient/${patient.id}`)).status).toBe(200);
    expect((await fetch(`${topology.baseUrl}/health/ready`)).status).toBe(200);
  });
});
