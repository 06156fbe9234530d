import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { OperationOutcome } from 'fhir/r4';
import {
  AuthSubjects,
  ChartSubjects,
  PracticeSubjects,
  ReadResourceRequest,
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
        if (id === 'boom') {
          throw new Error('database password is hunter2');
        }
        throw FhirError.resourceNotFound('Patient', id);
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
});
