import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, type KeyLike, SignJWT } from 'jose';
import type request from 'supertest';
import { AuthSubjects, CreateClientReply } from '@connector/contracts';
import { type EmbeddedServer } from '@connector/embedded';
import { demoPatientId, generateDemoBundle } from '@connector/fhir-demo-data';
import { expectedResources } from './support/expected-resources';
import { embeddedE2eConfig, startEmbeddedE2e, stopEmbeddedE2e } from './support/embedded-e2e';

const DEMO = expectedResources(generateDemoBundle());
const DEMO_PATIENT = demoPatientId(generateDemoBundle());
const CLIENT_ID = 'nightly-export';
const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

/**
 * SMART Backend Services end to end (embedded mode): a client registered with a public JWK Set gets a token with a
 * signed client assertion, reads what its `system/` scopes allow, and is refused the rest.
 * See https://hl7.org/fhir/smart-app-launch/backend-services.html
 */
describe('SMART Backend Services (client_credentials + private_key_jwt)', () => {
  // A fixed public base URL: supertest listens on a new port per request, and the assertion's aud must match.
  const { dataDir, config } = embeddedE2eConfig('backend', { CONNECTOR_BASE_URL: 'https://connector.test' });
  let server: EmbeddedServer;
  let http: ReturnType<typeof request>;
  let privateKey: KeyLike;
  let tokenUrl: string;
  let discovery: Record<string, unknown>;

  beforeAll(async () => {
    ({ server, http } = await startEmbeddedE2e(config));
    const keys = await generateKeyPair('ES384');
    privateKey = keys.privateKey;
    const publicJwk = { ...(await exportJWK(keys.publicKey)), kid: 'nightly-1', alg: 'ES384', use: 'sig' };
    await server.services.clients.get('auth').request(
      AuthSubjects.createClient,
      {
        clientId: CLIENT_ID,
        scopes: ['system/Patient.rs', 'system/Observation.rs'],
        grantTypes: ['client_credentials'],
        jwks: JSON.stringify({ keys: [publicJwk] }),
      },
      CreateClientReply,
    );
    const smart = await http.get('/fhir/.well-known/smart-configuration');
    discovery = smart.body;
    tokenUrl = smart.body.token_endpoint;
  });

  afterAll(async () => {
    await stopEmbeddedE2e(server, dataDir);
  });

  function assertion(overrides: { aud?: string; jti?: string; key?: KeyLike } = {}): Promise<string> {
    return new SignJWT({})
      .setProtectedHeader({ alg: 'ES384', kid: 'nightly-1', typ: 'JWT' })
      .setIssuer(CLIENT_ID)
      .setSubject(CLIENT_ID)
      .setAudience(overrides.aud ?? tokenUrl)
      .setJti(overrides.jti ?? randomUUID())
      .setExpirationTime('4m')
      .sign(overrides.key ?? privateKey);
  }

  const tokenRequest = async (scope: string, signed?: string) =>
    http
      .post('/oauth/token')
      .type('form')
      .send({
        grant_type: 'client_credentials',
        scope,
        client_assertion_type: ASSERTION_TYPE,
        client_assertion: signed ?? (await assertion()),
      });

  it('advertises private_key_jwt with RS384 and ES384, and the client credentials grant', () => {
    expect(tokenUrl).toBe('https://connector.test/oauth/token');
    expect(discovery['token_endpoint_auth_methods_supported']).toContain('private_key_jwt');
    expect(discovery['token_endpoint_auth_signing_alg_values_supported']).toEqual(['RS384', 'ES384']);
    expect(discovery['grant_types_supported']).toContain('client_credentials');
    expect(discovery['capabilities']).toContain('client-confidential-asymmetric');
  });

  it('issues a token for the system/ scopes asked for and the client may have, and reads within them', async () => {
    const token = await tokenRequest('system/Patient.rs system/Observation.rs system/Claim.rs');
    expect(token.status).toBe(200);
    expect(token.body).toMatchObject({ token_type: 'Bearer', scope: 'system/Patient.rs system/Observation.rs' });
    expect(token.body.refresh_token).toBeUndefined();
    const bearer = `Bearer ${token.body.access_token}`;

    const patients = await http.get('/fhir/Patient?_count=100').set('authorization', bearer);
    expect(patients.status).toBe(200);
    const expectedPatients = DEMO.filter((resource) => resource.type === 'Patient')
      .map(({ id }) => id)
      .sort();
    expect(patients.body.entry.map((entry: { resource: { id: string } }) => entry.resource.id).sort()).toEqual(
      expectedPatients,
    );

    const claims = await http.get('/fhir/Claim').set('authorization', bearer);
    expect(claims.status).toBe(403);
    expect(claims.headers['www-authenticate']).toContain('insufficient_scope');
  });

  it('refuses a replayed assertion, one for another audience, and one signed by another key', async () => {
    const once = await assertion();
    expect((await tokenRequest('system/Patient.rs', once)).status).toBe(200);
    expect((await tokenRequest('system/Patient.rs', once)).status).toBe(401);

    const elsewhere = await assertion({ aud: 'https://other.example.com/token' });
    expect((await tokenRequest('system/Patient.rs', elsewhere)).body.error).toBe('invalid_client');

    const stranger = (await generateKeyPair('ES384')).privateKey;
    expect((await tokenRequest('system/Patient.rs', await assertion({ key: stranger }))).body.error).toBe(
      'invalid_client',
    );
  });

  it('answers invalid_scope when nothing asked for is a system/ scope the client has', async () => {
    const reply = await tokenRequest('patient/*.rs user/Patient.rs');
    expect(reply.status).toBe(400);
    expect(reply.body.error).toBe('invalid_scope');
  });

  it('may create an EHR launch context with its token, and introspect its own token', async () => {
    const token = (await tokenRequest('system/Patient.rs')).body.access_token;
    const launch = await http
      .post('/oauth/launch')
      .set('authorization', `Bearer ${token}`)
      .send({ patient: DEMO_PATIENT });
    expect(launch.status).toBe(200);
    expect(launch.body).toEqual({ launch: expect.any(String), expires_in: expect.any(Number) });

    const introspected = await http
      .post('/oauth/introspect')
      .type('form')
      .send({
        token,
        client_assertion_type: ASSERTION_TYPE,
        client_assertion: await assertion({ aud: tokenUrl.replace(/token$/, 'introspect') }),
      });
    expect(introspected.status).toBe(200);
    expect(introspected.body).toMatchObject({ active: true, client_id: CLIENT_ID, scope: 'system/Patient.rs' });
  });

  it('refuses a launch for a patient that does not exist, or with an encounter of another patient', async () => {
    const bearer = `Bearer ${(await tokenRequest('system/Patient.rs')).body.access_token}`;
    const unknown = await http.post('/oauth/launch').set('authorization', bearer).send({ patient: 'no-such-patient' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.resourceType).toBe('OperationOutcome');

    const encounters = DEMO.filter((resource) => resource.type === 'Encounter');
    const foreign = encounters.find(
      (encounter) => (encounter.resource['subject'] as { reference?: string }).reference !== `Patient/${DEMO_PATIENT}`,
    );
    const own = encounters.find(
      (encounter) => (encounter.resource['subject'] as { reference?: string }).reference === `Patient/${DEMO_PATIENT}`,
    );
    expect(foreign).toBeDefined();
    expect(own).toBeDefined();
    const mismatched = await http
      .post('/oauth/launch')
      .set('authorization', bearer)
      .send({ patient: DEMO_PATIENT, encounter: foreign?.id });
    expect(mismatched.status).toBe(400);
    const matched = await http
      .post('/oauth/launch')
      .set('authorization', bearer)
      .type('form')
      .send({ patient: DEMO_PATIENT, encounter: own?.id });
    expect(matched.status).toBe(200);
  });
});
