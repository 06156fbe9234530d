import { readFileSync } from 'node:fs';
import type { Bundle } from 'fhir/r4';
import { createEmbeddedServer, DEMO_ACCOUNTS, type EmbeddedServer } from '@connector/embedded';
import { generateDemoBundle } from '@connector/fhir-demo-data';
import { R4_PATIENT_COMPARTMENT_PARAMS } from '@connector/fhir-types';
import { referencesIn, runCli, sharedDataFiles } from '@connector/shared-testing';
import { expectedResources, MILLISECOND_INSTANT, withoutServerMeta } from './support/expected-resources';
import { embeddedE2eConfig, type Http, startEmbeddedE2e, stopEmbeddedE2e } from './support/embedded-e2e';

async function passwordToken(http: Http, username: string, password: string) {
  return http
    .post('/oauth/token')
    .auth(DEMO_ACCOUNTS.client.clientId, DEMO_ACCOUNTS.client.secret)
    .type('form')
    .send({ grant_type: 'password', username, password });
}

describe('Connector in embedded mode (one process, in-process transport, SQLite)', () => {
  const { dataDir, config } = embeddedE2eConfig('embedded');
  let server: EmbeddedServer;
  let http: Http;
  let providerToken: string;

  beforeAll(async () => {
    ({ server, http } = await startEmbeddedE2e(config));
    const response = await passwordToken(http, DEMO_ACCOUNTS.provider.username, DEMO_ACCOUNTS.provider.password);
    providerToken = response.body.access_token;
  });

  afterAll(async () => {
    await stopEmbeddedE2e(server, dataDir);
  });

  it('seeds the demo data set on first start with an empty store', () => {
    expect(server.demo?.seeded).toBe(true);
  });

  describe('POST /oauth/token (password grant)', () => {
    it('issues a Bearer token for the demo provider', async () => {
      const response = await passwordToken(http, DEMO_ACCOUNTS.provider.username, DEMO_ACCOUNTS.provider.password);
      expect(response.status).toBe(200);
      expect(response.headers['cache-control']).toContain('no-store');
      expect(response.body).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
      expect(response.body.access_token.split('.')).toHaveLength(3);
    });

    it('tells the demo patient which Patient they are', async () => {
      const response = await passwordToken(http, DEMO_ACCOUNTS.patient.username, DEMO_ACCOUNTS.patient.password);
      expect(response.status).toBe(200);
      expect(response.body.patient).toBe(server.demo?.patientId);
    });

    it('answers a wrong password with invalid_grant (RFC 6749 §5.2)', async () => {
      const response = await passwordToken(http, DEMO_ACCOUNTS.provider.username, 'wrong');
      expect(response.status).toBe(400);
      expect(response.body.error).toBe('invalid_grant');
    });
  });

  describe('discovery', () => {
    it('serves the CapabilityStatement without a token', async () => {
      const response = await http.get('/fhir/metadata');
      expect(response.status).toBe(200);
      expect(response.body.resourceType).toBe('CapabilityStatement');
      expect(response.body.fhirVersion).toBe('4.0.1');
      const types = response.body.rest[0].resource.map((resource: { type: string }) => resource.type);
      expect(types).toEqual(expect.arrayContaining(['Patient', 'Observation', 'Claim', 'Coverage', 'ValueSet']));
    });

    it('names the token endpoint in the SMART configuration and serves the JWKS it names', async () => {
      const smart = await http.get('/fhir/.well-known/smart-configuration');
      expect(smart.status).toBe(200);
      expect(smart.body.token_endpoint).toMatch(/\/oauth\/token$/);
      const jwksPath = new URL(smart.body.jwks_uri).pathname;
      const jwks = await http.get(jwksPath);
      expect(jwks.status).toBe(200);
      expect(jwks.body.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256' });
      expect(jwks.body.keys[0].d).toBeUndefined();
    });

    it('reports ready when every service and database answers', async () => {
      const response = await http.get('/health/ready');
      expect(response.status).toBe(200);
      expect(Object.keys(response.body.checks).sort()).toEqual(['auth', 'chart', 'practice', 'terminology']);
    });
  });

  describe('GET /fhir/{type}/{id}', () => {
    const demo = expectedResources(generateDemoBundle());

    it('serves every demo resource, from whichever service owns it, exactly as generated plus meta', async () => {
      expect(demo.length).toBeGreaterThan(20);
      for (const expected of demo) {
        const response = await http
          .get(`/fhir/${expected.type}/${expected.id}`)
          .auth(providerToken, { type: 'bearer' });
        expect(response.status).toBe(200);
        expect(response.headers['content-type']).toBe('application/fhir+json; charset=utf-8');
        const served = JSON.parse(response.text);
        expect(served.meta.versionId).toBe('1');
        expect(served.meta.lastUpdated).toMatch(MILLISECOND_INSTANT);
        expect(withoutServerMeta(served)).toEqual(expected.resource);
      }
    });

    it('requires a bearer token (401, WWW-Authenticate, OperationOutcome)', async () => {
      const response = await http.get(`/fhir/Patient/${server.demo?.patientId}`);
      expect(response.status).toBe(401);
      expect(response.headers['www-authenticate']).toMatch(/^Bearer /);
      expect(response.body.resourceType).toBe('OperationOutcome');
    });

    it('rejects a forged token', async () => {
      const [header, payload] = providerToken.split('.');
      const response = await http
        .get(`/fhir/Patient/${server.demo?.patientId}`)
        .auth(`${header}.${payload}.AAAA`, { type: 'bearer' });
      expect(response.status).toBe(401);
      expect(response.headers['www-authenticate']).toContain('error="invalid_token"');
    });

    it('answers an unknown id with 404 "Resource Patient/x not found"', async () => {
      const response = await http.get('/fhir/Patient/does-not-exist').auth(providerToken, { type: 'bearer' });
      expect(response.status).toBe(404);
      expect(response.body.issue[0].details.text).toBe('Resource Patient/does-not-exist not found');
    });

    it('answers an unknown resource type with a 404 naming the type', async () => {
      const response = await http.get('/fhir/Unicorn/1').auth(providerToken, { type: 'bearer' });
      expect(response.status).toBe(404);
      expect(response.body.issue[0].details.text).toContain('Unicorn');
    });

    it('answers writes with 405 and an OperationOutcome (the API is read-only)', async () => {
      const response = await http
        .post('/fhir/Patient')
        .auth(providerToken, { type: 'bearer' })
        .send({ resourceType: 'Patient' });
      expect(response.status).toBe(405);
      expect(response.body.resourceType).toBe('OperationOutcome');
    });
  });

  describe('a patient token', () => {
    const demo = expectedResources(generateDemoBundle());
    let patientToken: string;

    beforeAll(async () => {
      const response = await passwordToken(http, DEMO_ACCOUNTS.patient.username, DEMO_ACCOUNTS.patient.password);
      patientToken = response.body.access_token;
    });

    it('reads its own Patient resource', async () => {
      const response = await http.get(`/fhir/Patient/${server.demo?.patientId}`).auth(patientToken, { type: 'bearer' });
      expect(response.status).toBe(200);
    });

    /** What a patient may see: data referring to them, their own record, and data about no patient at all. */
    const visibleTo = (patientId: string, resource: (typeof demo)[number]): boolean =>
      R4_PATIENT_COMPARTMENT_PARAMS[resource.type] === undefined ||
      (resource.type === 'Patient' && resource.id === patientId) ||
      referencesIn(resource.resource).includes(`Patient/${patientId}`);

    it("reads its own compartment's data and what belongs to no patient, and never another patient's", async () => {
      const patientId = server.demo?.patientId as string;
      const hidden = demo.filter((resource) => !visibleTo(patientId, resource));
      expect(hidden.some((resource) => resource.type === 'Patient')).toBe(true);
      expect(hidden.some((resource) => resource.type === 'Observation')).toBe(true);
      for (const resource of demo) {
        const response = await http.get(`/fhir/${resource.type}/${resource.id}`).auth(patientToken, { type: 'bearer' });
        expect([resource.type, resource.id, response.status]).toEqual([
          resource.type,
          resource.id,
          visibleTo(patientId, resource) ? 200 : 404,
        ]);
      }
    });

    it('searches only its own compartment, includes too', async () => {
      const patientId = server.demo?.patientId as string;
      const response = await http
        .get('/fhir/Observation?_count=1000&_include=Observation:subject&_revinclude=Provenance:target')
        .auth(patientToken, { type: 'bearer' });
      expect(response.status).toBe(200);
      const bundle = response.body as Bundle;
      const expected = demo.filter((resource) => resource.type === 'Observation' && visibleTo(patientId, resource));
      expect(expected.length).toBeGreaterThan(0);
      const matches = (bundle.entry ?? []).filter((entry) => entry.search?.mode === 'match');
      expect(matches.map((entry) => entry.resource?.id).sort()).toEqual(expected.map((resource) => resource.id).sort());
      const included = (bundle.entry ?? []).filter((entry) => entry.search?.mode === 'include');
      expect(included.map((entry) => `${entry.resource?.resourceType}/${entry.resource?.id}`)).toEqual([
        `Patient/${patientId}`,
      ]);
      const others = await http.get('/fhir/Patient').auth(patientToken, { type: 'bearer' });
      expect((others.body as Bundle).entry?.map((entry) => entry.resource?.id)).toEqual([patientId]);
    });

    it('answers the compartment form for its own patient, and nothing for another', async () => {
      const patientId = server.demo?.patientId as string;
      const other = demo.find((resource) => resource.type === 'Patient' && resource.id !== patientId)?.id;
      const own = await http
        .get(`/fhir/Patient/${patientId}/Observation?_summary=count`)
        .auth(patientToken, { type: 'bearer' });
      const expected = demo.filter((resource) => resource.type === 'Observation' && visibleTo(patientId, resource));
      expect(own.body.total).toBe(expected.length);
      const theirs = await http
        .get(`/fhir/Patient/${other}/Observation?_summary=count`)
        .auth(patientToken, { type: 'bearer' });
      expect(theirs.body.total).toBe(0);
      const provider = await http
        .get(`/fhir/Patient/${other}/Observation?_summary=count`)
        .auth(providerToken, { type: 'bearer' });
      expect(provider.body.total).toBeGreaterThan(0);
    });
  });

  describe('import CLI against the running server', () => {
    it('imports a Synthea bundle into the same data dir and the running server serves it at once', async () => {
      const [file] = sharedDataFiles('synthea', '.json');
      const bundle = JSON.parse(readFileSync(file as string, 'utf8')) as Bundle;
      const patient = expectedResources(bundle).find((resource) => resource.type === 'Patient');
      const result = await runCli(['import', file as string], {
        NATS_URL: '',
        CONNECTOR_DATA_DIR: dataDir,
        LOG_LEVEL: 'warn',
      });
      expect(result.code).toBe(0);
      const response = await http.get(`/fhir/Patient/${patient?.id}`).auth(providerToken, { type: 'bearer' });
      expect(response.status).toBe(200);
      expect(withoutServerMeta(JSON.parse(response.text))).toEqual(patient?.resource);
    }, 240000);
  });

  it('rebuilds the search indexes with the reindex command, and searches answer the same after it', async () => {
    const before = await http.get('/fhir/Observation?_summary=count').auth(providerToken, { type: 'bearer' });
    const result = await runCli(['reindex'], { NATS_URL: '', CONNECTOR_DATA_DIR: dataDir, LOG_LEVEL: 'warn' });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Re-indexed \d+ resources \(chart \d+, practice \d+, terminology \d+\)/);
    const after = await http.get('/fhir/Observation?_summary=count').auth(providerToken, { type: 'bearer' });
    expect(after.body.total).toBe(before.body.total);
    expect(after.body.total).toBeGreaterThan(0);
  }, 240000);

  it('does not seed again when restarted on a data dir that already has data', async () => {
    await server.close();
    server = await createEmbeddedServer(config);
    expect(server.demo?.seeded).toBe(false);
  });
});
