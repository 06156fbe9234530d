import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Bundle } from 'fhir/r4';
import { AuthSubjects, CreateClientReply } from '@connector/contracts';
import { DEMO_ACCOUNTS, type EmbeddedServer } from '@connector/embedded';
import { demoPatientId, generateDemoBundle } from '@connector/fhir-demo-data';
import { prepareImport, sendPreparedImport } from '@connector/fhir-import';
import { sharedDataDir } from '@connector/shared-testing';
import { type ExpectedResource, expectedResources } from './support/expected-resources';
import { embeddedE2eConfig, type Http, pathOf, startEmbeddedE2e, stopEmbeddedE2e } from './support/embedded-e2e';

const CATEGORY_SYSTEM = 'http://terminology.hl7.org/CodeSystem/observation-category';
const LABORATORY = `${CATEGORY_SYSTEM}|laboratory`;
const VITAL_SIGNS = `${CATEGORY_SYSTEM}|vital-signs`;
const LAB_SCOPE = `user/Observation.rs?category=${LABORATORY}`;

// The demo data set has vital signs only; one small Synthea record adds laboratory Observations.
const DEMO_BUNDLE = generateDemoBundle();
const SYNTHEA_BUNDLE = JSON.parse(
  readFileSync(join(sharedDataDir('synthea'), 'Clemente_Kreiger_1484a42d-0eaf-4654-9cbf-6b050a5cd73b.json'), 'utf8'),
) as Bundle;
const DEMO = expectedResources(DEMO_BUNDLE);
const ALL = [...DEMO, ...expectedResources(SYNTHEA_BUNDLE)];
const DEMO_PATIENT = demoPatientId(DEMO_BUNDLE);

/** A client registered with narrower scopes than the demo app, through the auth service's own subject. */
const SCOPED_CLIENT = {
  clientId: 'scoped-app',
  clientSecret: 'scoped-secret',
  scopes: ['openid', 'fhirUser', 'user/Patient.read', 'user/Encounter.rs', LAB_SCOPE, 'patient/*.read'],
};

const ofType = (resources: readonly ExpectedResource[], type: string) => resources.filter((each) => each.type === type);
const sortedIds = (resources: readonly ExpectedResource[]): string[] => resources.map(({ id }) => id).sort();
const hasCategory = (resource: ExpectedResource, token: string): boolean => {
  const [system, code] = token.split('|');
  return ((resource.resource['category'] ?? []) as { coding?: { system?: string; code?: string }[] }[]).some(
    (concept) => (concept.coding ?? []).some((coding) => coding.system === system && coding.code === code),
  );
};
const subjectOf = (resource: ExpectedResource): string | undefined =>
  (resource.resource['subject'] as { reference?: string } | undefined)?.reference;

describe('SMART scopes at the gateway (embedded mode, SQLite)', () => {
  const { dataDir, config } = embeddedE2eConfig('scopes');
  let server: EmbeddedServer;
  let http: Http;

  /** A password-grant token response for a user through a client, asking for `scope`. */
  const tokenResponse = (
    client: { clientId: string; clientSecret: string },
    user: { username: string; password: string },
    scope: string,
  ) =>
    http
      .post('/oauth/token')
      .auth(client.clientId, client.clientSecret)
      .type('form')
      .send({ grant_type: 'password', username: user.username, password: user.password, scope });

  const DEMO_CLIENT = { clientId: DEMO_ACCOUNTS.client.clientId, clientSecret: DEMO_ACCOUNTS.client.secret };

  async function tokenFor(
    scope: string,
    user: { username: string; password: string } = DEMO_ACCOUNTS.provider,
    client: { clientId: string; clientSecret: string } = SCOPED_CLIENT,
  ): Promise<string> {
    const response = await tokenResponse(client, user, scope);
    expect(response.status).toBe(200);
    return response.body.access_token as string;
  }

  const get = (url: string, token: string) => http.get(url).auth(token, { type: 'bearer' });

  /** Every match of a search, following next links to the end. */
  async function allMatches(url: string, token: string): Promise<{ matches: string[]; included: string[] }> {
    const matches: string[] = [];
    const included: string[] = [];
    let next: string | undefined = url;
    for (let page = 0; next !== undefined && page < 50; page++) {
      const response = await get(next, token);
      expect(response.status).toBe(200);
      const bundle = response.body as Bundle;
      for (const entry of bundle.entry ?? []) {
        const key = `${entry.resource?.resourceType}/${entry.resource?.id}`;
        (entry.search?.mode === 'include' ? included : matches).push(key);
      }
      const link = bundle.link?.find((candidate) => candidate.relation === 'next')?.url;
      next = link === undefined ? undefined : pathOf(link);
    }
    return { matches: matches.sort(), included: included.sort() };
  }

  beforeAll(async () => {
    ({ server, http } = await startEmbeddedE2e(config));
    await sendPreparedImport(server.services.clients, prepareImport(SYNTHEA_BUNDLE, 'synthea'));
    await server.services.clients
      .get('auth')
      .request(
        AuthSubjects.createClient,
        { ...SCOPED_CLIENT, name: 'Scoped e2e app', grantTypes: ['password'] },
        CreateClientReply,
      );
  }, 120000);

  afterAll(async () => {
    await stopEmbeddedE2e(server, dataDir);
  });

  describe('granting (password grant with a scope parameter)', () => {
    it('grants what the client covers, v1 and v2, and drops the rest', async () => {
      const response = await tokenResponse(
        SCOPED_CLIENT,
        DEMO_ACCOUNTS.provider,
        'user/Patient.rs user/Condition.read user/Encounter.r patient/Observation.rs system/*.read',
      );
      expect(response.status).toBe(200);
      expect(response.body.scope).toBe('user/Patient.rs user/Encounter.r patient/Observation.rs');
    });

    it('refuses a request the client covers none of with invalid_scope', async () => {
      // The client may read laboratory Observations only, not every Observation.
      const response = await tokenResponse(SCOPED_CLIENT, DEMO_ACCOUNTS.provider, 'user/Observation.rs');
      expect(response.status).toBe(400);
      expect(response.body.error).toBe('invalid_scope');
    });
  });

  describe('type grants', () => {
    const patientId = DEMO_PATIENT;
    const encounterId = ofType(DEMO, 'Encounter')[0]?.id;

    it.each([
      ['v1', 'user/Patient.read'],
      ['v2', 'user/Patient.rs'],
    ])(
      'a %s scope reads and searches its type and is refused every other with 403 insufficient_scope',
      async (_, scope) => {
        const token = await tokenFor(scope);
        expect((await get(`/fhir/Patient/${patientId}`, token)).status).toBe(200);
        expect((await get('/fhir/Patient?_count=1', token)).status).toBe(200);

        const read = await get(`/fhir/Encounter/${encounterId}`, token);
        expect(read.status).toBe(403);
        expect(read.body).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ code: 'forbidden' }] });
        expect(read.headers['www-authenticate']).toMatch(/^Bearer realm="connector", error="insufficient_scope", /);
        expect(read.headers['www-authenticate']).toContain('scope="user/Encounter.r"');

        const search = await get('/fhir/Encounter?status=finished', token);
        expect(search.status).toBe(403);
        expect(search.headers['www-authenticate']).toContain('scope="user/Encounter.s"');
      },
    );

    it('treats vread and history as reads of the type', async () => {
      const token = await tokenFor('user/Encounter.rs');
      expect((await get(`/fhir/Encounter/${encounterId}/_history`, token)).status).toBe(200);
      expect((await get(`/fhir/Patient/${patientId}/_history`, token)).status).toBe(403);
      expect((await get(`/fhir/Patient/${patientId}/_history/1`, token)).status).toBe(403);
    });

    it('honours read and search separately (v2 r without s)', async () => {
      const token = await tokenFor('user/Encounter.r');
      expect((await get(`/fhir/Encounter/${encounterId}`, token)).status).toBe(200);
      const search = await get('/fhir/Encounter', token);
      expect(search.status).toBe(403);
      expect(search.headers['www-authenticate']).toContain('scope="user/Encounter.s"');
    });

    it('bounds a patient/ scope without a launch patient to no patient at all', async () => {
      const token = await tokenFor('patient/Observation.rs');
      const response = await get('/fhir/Observation?_summary=count', token);
      expect(response.status).toBe(200);
      expect(response.body.total).toBe(0);
      // The same search with the demo app's full provider token finds the Observations: the bound is the scope's.
      const full = await tokenFor('user/*.read', DEMO_ACCOUNTS.provider, DEMO_CLIENT);
      expect((await get('/fhir/Observation?_summary=count', full)).body.total).toBe(ofType(ALL, 'Observation').length);
    });
  });

  describe('includes of types not granted', () => {
    const encounters = ofType(ALL, 'Encounter');
    const patients = ofType(ALL, 'Patient');

    it('leaves out an _include of a type the token does not grant', async () => {
      const url = '/fhir/Encounter?_include=Encounter:patient&_count=50';
      const full = await allMatches(url, await tokenFor('user/*.read', DEMO_ACCOUNTS.provider, DEMO_CLIENT));
      expect(full.included.some((key) => key.startsWith('Patient/'))).toBe(true);

      const scoped = await allMatches(url, await tokenFor('user/Encounter.rs'));
      expect(scoped.matches).toEqual(
        sortedIds(encounters)
          .map((id) => `Encounter/${id}`)
          .sort(),
      );
      expect(scoped.included).toEqual([]);
    });

    it('leaves out a _revinclude of a type the token does not grant', async () => {
      const url = '/fhir/Patient?_revinclude=Encounter:patient&_count=50';
      const full = await allMatches(url, await tokenFor('user/*.read', DEMO_ACCOUNTS.provider, DEMO_CLIENT));
      expect(full.included.some((key) => key.startsWith('Encounter/'))).toBe(true);

      const scoped = await allMatches(url, await tokenFor('user/Patient.rs'));
      expect(scoped.matches).toEqual(
        sortedIds(patients)
          .map((id) => `Patient/${id}`)
          .sort(),
      );
      expect(scoped.included).toEqual([]);
    });
  });

  describe('granular scopes', () => {
    const observations = ofType(ALL, 'Observation');
    const laboratory = observations.filter((resource) => hasCategory(resource, LABORATORY));
    const others = observations.filter((resource) => !hasCategory(resource, LABORATORY));

    it('the test data has laboratory and other Observations', () => {
      expect(laboratory.length).toBeGreaterThan(0);
      expect(others.length).toBeGreaterThan(0);
    });

    it(`${LAB_SCOPE} searches laboratory Observations only`, async () => {
      const token = await tokenFor(LAB_SCOPE);
      const { matches } = await allMatches('/fhir/Observation?_count=20', token);
      expect(matches).toEqual(
        sortedIds(laboratory)
          .map((id) => `Observation/${id}`)
          .sort(),
      );
      const vitals = await get(`/fhir/Observation?category=${encodeURIComponent(VITAL_SIGNS)}&_summary=count`, token);
      expect(vitals.body.total).toBe(0);
    });

    it(`${LAB_SCOPE} reads a laboratory Observation and gets 404 for any other`, async () => {
      const token = await tokenFor(LAB_SCOPE);
      expect((await get(`/fhir/Observation/${laboratory[0]?.id}`, token)).status).toBe(200);
      expect((await get(`/fhir/Observation/${others[0]?.id}`, token)).status).toBe(404);
    });

    it("bounds a patient user's scopes to the patient's own Observations, and a granular one further", async () => {
      const own = observations.filter((resource) => subjectOf(resource) === `Patient/${DEMO_PATIENT}`);
      const ownLaboratory = own.filter((resource) => hasCategory(resource, LABORATORY));
      expect(own.length).toBeGreaterThan(ownLaboratory.length);
      const asIds = (resources: readonly ExpectedResource[]) => sortedIds(resources).map((id) => `Observation/${id}`);

      const all = await tokenFor('patient/Observation.rs', DEMO_ACCOUNTS.patient, DEMO_CLIENT);
      expect((await allMatches('/fhir/Observation?_count=20', all)).matches).toEqual(asIds(own));

      const granular = await tokenFor(
        `patient/Observation.rs?category=${LABORATORY}`,
        DEMO_ACCOUNTS.patient,
        DEMO_CLIENT,
      );
      expect((await allMatches('/fhir/Observation?_count=20', granular)).matches).toEqual(asIds(ownLaboratory));
      // Patient is not granted by these tokens at all, not even the user's own record.
      expect((await get(`/fhir/Patient/${DEMO_PATIENT}`, granular)).status).toBe(403);
    });
  });

  describe('401 challenges (RFC 6750 §3)', () => {
    it('answers a request without a token with a bare Bearer challenge', async () => {
      const response = await http.get(`/fhir/Patient/${DEMO_PATIENT}`);
      expect(response.status).toBe(401);
      expect(response.headers['www-authenticate']).toBe('Bearer realm="connector"');
      expect(response.body).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ code: 'login' }] });
    });

    it.each([
      ['garbage', 'not-a-token'],
      ['a malformed bearer value', 'a b c'],
    ])('answers %s with invalid_token', async (_, value) => {
      const response = await http.get('/fhir/Patient').set('authorization', `Bearer ${value}`);
      expect(response.status).toBe(401);
      expect(response.headers['www-authenticate']).toMatch(/^Bearer realm="connector", error="invalid_token"/);
    });

    it('answers a token whose claims were changed with invalid_token', async () => {
      const [header, payload, signature] = (await tokenFor('user/Patient.read')).split('.');
      const claims = JSON.parse(Buffer.from(payload as string, 'base64url').toString('utf8')) as Record<
        string,
        unknown
      >;
      const widened = Buffer.from(JSON.stringify({ ...claims, scope: 'user/*.read' })).toString('base64url');
      const response = await get('/fhir/Encounter', `${header}.${widened}.${signature}`);
      expect(response.status).toBe(401);
      expect(response.headers['www-authenticate']).toContain('error="invalid_token"');
    });
  });
});
