import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Bundle, OperationOutcome } from 'fhir/r4';
import {
  AuthSubjects,
  ChartSubjects,
  PracticeSubjects,
  type ReadResourceHistoryRequest,
  ReadResourceRequest,
  type ReadResourceVersionRequest,
  TerminologySubjects,
} from '@connector/contracts';
import { FhirError } from '@connector/fhir-outcomes';
import { configFrom } from '@connector/shared-config';
import { FakeServiceClients } from '../../testing/fake-service-clients';
import { generateTestSigningKey, signTestToken, type TestSigningKey } from '../../testing/test-signing-key';
import { createGatewayApp } from '../gateway-app.factory';
import { FhirController } from './fhir.controller';

const BASE_URL = 'https://fhir.example.test';
const FHIR_JSON = 'application/fhir+json; charset=utf-8';
// Odd spacing and non-ASCII on purpose: the gateway must pass the service's text through byte for byte.
const STORED_PATIENT = '{"resourceType":"Patient","id":"p-1",  "name":[{"family":"Müller"}],"meta":{"versionId":"3"}}';

// In the form the store writes (stored-content.util): version 2 updated an earlier version 1.
const VERSION_1 =
  '{"resourceType":"Patient","id":"v-1","meta":{"versionId":"1","lastUpdated":"2024-03-01T10:00:00.250Z"},"gender":"male"}';
const VERSION_2 =
  '{"resourceType":"Patient","id":"v-1","meta":{"versionId":"2","lastUpdated":"2024-03-02T11:30:45.500Z"},"gender":"female"}';

const nowSeconds = (): number => Math.floor(Date.now() / 1000);

describe(FhirController.name, () => {
  let app: NestFastifyApplication;
  let clients: FakeServiceClients;
  let key: TestSigningKey;
  let token: string;

  beforeAll(async () => {
    key = await generateTestSigningKey('key-1');
    token = await signTestToken(key, { issuer: BASE_URL, exp: nowSeconds() + 600 });
    clients = new FakeServiceClients({
      [AuthSubjects.getJwks]: () => ({ keys: [key.publicJwk] }),
      [ChartSubjects.readResource]: (payload) => {
        const { id } = payload as ReadResourceRequest;
        if (id === 'p-1') {
          return { resource: STORED_PATIENT };
        }
        if (id === 'v-1') {
          return { resource: VERSION_2 };
        }
        if (id === 'boom') {
          throw new Error('database password is hunter2');
        }
        throw FhirError.resourceNotFound('Patient', id);
      },
      [ChartSubjects.readResourceVersion]: (payload) => {
        const { versionId } = payload as ReadResourceVersionRequest;
        if (versionId === 1 || versionId === 2) {
          return { resource: versionId === 1 ? VERSION_1 : VERSION_2 };
        }
        throw FhirError.notFound(`Version ${versionId} not found`);
      },
      [ChartSubjects.readResourceHistory]: (payload) => {
        const { id } = payload as ReadResourceHistoryRequest;
        if (id !== 'v-1') {
          throw FhirError.resourceNotFound('Patient', id);
        }
        return { versions: [VERSION_2, VERSION_1] };
      },
      [TerminologySubjects.readResource]: () => ({ resource: '{"resourceType":"CodeSystem","id":"cs"}' }),
    });
    app = await createGatewayApp(configFrom({ CONNECTOR_BASE_URL: BASE_URL }), clients.asServiceClients());
  });

  afterAll(async () => {
    await app.close();
  });

  const read = (url: string, headers: Record<string, string> = { authorization: `Bearer ${token}` }) =>
    app.inject({ method: 'GET', url, headers });

  describe('read', () => {
    it('answers the service text byte for byte with the FHIR JSON content type', async () => {
      const response = await read('/fhir/Patient/p-1');
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe(FHIR_JSON);
      expect(response.rawPayload.equals(Buffer.from(STORED_PATIENT, 'utf8'))).toBe(true);
    });

    it('sends a ReadResourceRequest to the owning service under the request id', async () => {
      clients.calls.length = 0;
      await read('/api/fhir/resource/CodeSystem/cs', { authorization: `Bearer ${token}`, 'x-request-id': 'req-42' });
      expect(clients.callsTo(TerminologySubjects.readResource)).toEqual([
        {
          service: 'terminology',
          subject: TerminologySubjects.readResource,
          payload: { resourceType: 'CodeSystem', id: 'cs', access: {} },
          requestId: 'req-42',
        },
      ]);
      expect(clients.calls[0].payload).toBeInstanceOf(ReadResourceRequest);
    });

    it('answers an unknown resource type with 404 naming the type', async () => {
      const response = await read('/fhir/Foo/1');
      expect(response.statusCode).toBe(404);
      expect(response.json<OperationOutcome>().issue[0].details?.text).toBe('Unknown resource type Foo');
    });

    it.each(['a_b', 'x'.repeat(65)])('answers the invalid id %s with 400', async (id) => {
      const response = await read(`/fhir/Patient/${id}`);
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ code: 'invalid' }] });
    });

    it("passes the service's own 404 OperationOutcome through", async () => {
      const response = await read('/fhir/Patient/missing');
      expect(response.statusCode).toBe(404);
      expect(response.headers['content-type']).toBe(FHIR_JSON);
      expect(response.json()).toEqual(FhirError.resourceNotFound('Patient', 'missing').outcome);
    });

    it('passes a 503 through when the owning service is down', async () => {
      const response = await read('/fhir/Appointment/a1');
      expect(clients.callsTo(PracticeSubjects.readResource)).toHaveLength(1);
      expect(response.statusCode).toBe(503);
      expect(response.json()).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ code: 'transient' }] });
    });

    it('hides the internals of an unexpected error behind a 500', async () => {
      const response = await read('/fhir/Patient/boom', {
        authorization: `Bearer ${token}`,
        'x-request-id': 'req-500',
      });
      expect(response.statusCode).toBe(500);
      expect(response.headers['x-request-id']).toBe('req-500');
      expect(response.body).not.toContain('hunter2');
      expect(response.json<OperationOutcome>().issue[0].details?.text).toBe('Internal server error');
    });
  });

  describe('versioning', () => {
    const auth = () => ({ authorization: `Bearer ${token}` });

    it('sends ETag and Last-Modified from the meta of a read', async () => {
      const response = await read('/fhir/Patient/v-1');
      expect(response.headers['etag']).toBe('W/"2"');
      expect(response.headers['last-modified']).toBe('Sat, 02 Mar 2024 11:30:45 GMT');
    });

    it.each<[string, Record<string, string>, number]>([
      ['a matching If-None-Match', { 'if-none-match': 'W/"2"' }, 304],
      ['a strong form of the same tag', { 'if-none-match': '"1", "2"' }, 304],
      ['If-None-Match: *', { 'if-none-match': '*' }, 304],
      ['another version in If-None-Match', { 'if-none-match': 'W/"1"' }, 200],
      ['If-Modified-Since the second it was stored', { 'if-modified-since': 'Sat, 02 Mar 2024 11:30:45 GMT' }, 304],
      ['If-Modified-Since a second earlier', { 'if-modified-since': 'Sat, 02 Mar 2024 11:30:44 GMT' }, 200],
      [
        'If-Modified-Since that If-None-Match overrides',
        { 'if-none-match': 'W/"1"', 'if-modified-since': 'Sun, 03 Mar 2024 00:00:00 GMT' },
        200,
      ],
    ])('answers a read with %s as %i', async (_case, headers, status) => {
      const response = await read('/fhir/Patient/v-1', { ...auth(), ...headers });
      expect(response.statusCode).toBe(status);
      expect(response.headers['etag']).toBe('W/"2"');
      expect(response.body).toBe(status === 304 ? '' : VERSION_2);
    });

    it('reads one version under _history/[vid], with its own ETag', async () => {
      const response = await read('/fhir/Patient/v-1/_history/1');
      expect(response.statusCode).toBe(200);
      expect(response.body).toBe(VERSION_1);
      expect(response.headers['etag']).toBe('W/"1"');
      expect(response.headers['last-modified']).toBe('Fri, 01 Mar 2024 10:00:00 GMT');
      expect(clients.callsTo(ChartSubjects.readResourceVersion).at(-1)?.payload).toEqual({
        resourceType: 'Patient',
        id: 'v-1',
        versionId: 1,
        access: {},
      });
    });

    it.each(['3', 'abc', '0', '01'])('answers the version %s with 404', async (versionId) => {
      const response = await read(`/fhir/Patient/v-1/_history/${versionId}`);
      expect(response.statusCode).toBe(404);
      expect(response.json()).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ code: 'not-found' }] });
    });

    it('answers _history with a history Bundle, newest first, instead of a compartment search', async () => {
      clients.calls.length = 0;
      const response = await read('/Fhir/Patient/v-1/_history');
      expect(response.statusCode).toBe(200);
      expect(clients.callsTo(ChartSubjects.readResourceHistory)).toHaveLength(1);
      expect(clients.callsTo(ChartSubjects.searchResources)).toEqual([]);
      const bundle = response.json<Bundle>();
      expect(bundle).toMatchObject({
        resourceType: 'Bundle',
        type: 'history',
        total: 2,
        link: [{ relation: 'self', url: `${BASE_URL}/fhir/Patient/v-1/_history` }],
      });
      expect(bundle.entry).toEqual([
        {
          fullUrl: `${BASE_URL}/fhir/Patient/v-1`,
          resource: JSON.parse(VERSION_2),
          request: { method: 'PUT', url: 'Patient/v-1' },
          response: { status: '200 OK', etag: 'W/"2"', lastModified: '2024-03-02T11:30:45.500Z' },
        },
        {
          fullUrl: `${BASE_URL}/fhir/Patient/v-1`,
          resource: JSON.parse(VERSION_1),
          request: { method: 'POST', url: 'Patient' },
          response: { status: '201 Created', etag: 'W/"1"', lastModified: '2024-03-01T10:00:00.250Z' },
        },
      ]);
    });

    it('passes the service 404 for the history of an unknown resource through', async () => {
      const response = await read('/fhir/Patient/nobody/_history');
      expect(response.statusCode).toBe(404);
    });

    it('requires a token for history and vread', async () => {
      expect((await read('/fhir/Patient/v-1/_history', {})).statusCode).toBe(401);
      expect((await read('/fhir/Patient/v-1/_history/1', {})).statusCode).toBe(401);
    });
  });

  describe('bearer authentication', () => {
    const expectUnauthorized = (response: Awaited<ReturnType<typeof read>>, text: string, challenge: string) => {
      expect(response.statusCode).toBe(401);
      expect(response.headers['content-type']).toBe(FHIR_JSON);
      expect(response.headers['www-authenticate']).toBe(challenge);
      expect(response.json()).toEqual({
        resourceType: 'OperationOutcome',
        issue: [{ severity: 'error', code: 'login', details: { text } }],
      });
    };

    it.each<Record<string, string>>([{}, { authorization: 'Basic dXNlcjpwYXNz' }])(
      'challenges without error code when no bearer token: %j',
      async (headers) => {
        expectUnauthorized(
          await read('/fhir/Patient/p-1', headers),
          'Missing bearer token',
          'Bearer realm="connector"',
        );
      },
    );

    it('refuses a malformed token as invalid_token', async () => {
      expectUnauthorized(
        await read('/fhir/Patient/p-1', { authorization: 'Bearer not-a-jwt' }),
        'Invalid access token',
        'Bearer realm="connector", error="invalid_token", error_description="Invalid access token"',
      );
    });

    it('refuses a token from another issuer', async () => {
      const foreign = await signTestToken(key, { issuer: 'https://elsewhere.test', exp: nowSeconds() + 600 });
      const response = await read('/fhir/Patient/p-1', { authorization: `Bearer ${foreign}` });
      expect(response.statusCode).toBe(401);
      expect(response.headers['www-authenticate']).toContain('error="invalid_token"');
    });

    it('refuses a token signed by another key under the same kid', async () => {
      const impostor = await generateTestSigningKey('key-1');
      const forged = await signTestToken(impostor, { issuer: BASE_URL, exp: nowSeconds() + 600 });
      const response = await read('/fhir/Patient/p-1', { authorization: `Bearer ${forged}` });
      expect(response.statusCode).toBe(401);
    });

    it('refuses an expired token as expired', async () => {
      const expired = await signTestToken(key, { issuer: BASE_URL, exp: nowSeconds() - 10 });
      expectUnauthorized(
        await read('/fhir/Patient/p-1', { authorization: `Bearer ${expired}` }),
        'Access token expired',
        'Bearer realm="connector", error="invalid_token", error_description="Access token expired"',
      );
    });

    it('checks the token before the resource type', async () => {
      expect((await read('/fhir/Foo/1', {})).statusCode).toBe(401);
    });
  });

  describe('SMART scopes', () => {
    const withScope = async (scope: string, claims: Record<string, unknown> = {}) => ({
      authorization: `Bearer ${await signTestToken(key, { issuer: BASE_URL, exp: nowSeconds() + 600, scope, claims })}`,
    });
    const serviceCalls = () => clients.calls.filter((call) => call.subject !== AuthSubjects.getJwks);

    beforeEach(() => {
      clients.calls.length = 0;
    });

    it.each(['/fhir/Patient/p-1', '/fhir/Patient/v-1/_history', '/fhir/Patient/v-1/_history/1'])(
      'refuses %s of a type the scopes do not grant with 403 and insufficient_scope, asking no service',
      async (url) => {
        const response = await read(url, await withScope('openid user/Observation.rs user/*.write'));
        expect(response.statusCode).toBe(403);
        expect(response.headers['content-type']).toBe(FHIR_JSON);
        expect(response.headers['www-authenticate']).toBe(
          'Bearer realm="connector", error="insufficient_scope", ' +
            'error_description="This access token does not grant read access to Patient resources", ' +
            'scope="user/Patient.r"',
        );
        expect(response.json<OperationOutcome>().issue).toEqual([
          expect.objectContaining({ severity: 'error', code: 'forbidden' }),
        ]);
        expect(serviceCalls()).toEqual([]);
      },
    );

    it.each([
      ['v1', 'patient/Patient.read'],
      ['v2', 'patient/Patient.r'],
    ])('reads a type a %s scope grants, bounded to the launch patient', async (_, scope) => {
      const response = await read('/fhir/Patient/p-1', await withScope(scope, { role: 'provider', patient: 'p-1' }));
      expect(response.statusCode).toBe(200);
      expect(clients.callsTo(ChartSubjects.readResource)[0].payload).toEqual({
        resourceType: 'Patient',
        id: 'p-1',
        access: { resourceTypes: ['Patient'], patients: ['p-1'] },
      });
    });

    it('refuses a read with a search-only scope', async () => {
      expect((await read('/fhir/Patient/p-1', await withScope('user/Patient.s'))).statusCode).toBe(403);
    });

    it('sends the granular constraints of the token with the read', async () => {
      const scope = 'user/Patient.rs?gender=female user/Patient.r?gender=other';
      await read('/fhir/Patient/p-1', await withScope(scope));
      expect(clients.callsTo(ChartSubjects.readResource)[0].payload).toMatchObject({
        access: {
          resourceTypes: ['Patient'],
          constraints: [
            { resourceType: 'Patient', params: [['gender', 'female']] },
            { resourceType: 'Patient', params: [['gender', 'other']] },
          ],
        },
      });
    });

    it('still answers an unknown type with 404 before judging scopes', async () => {
      expect((await read('/fhir/Unicorn/1', await withScope('user/Patient.r'))).statusCode).toBe(404);
    });
  });
});
