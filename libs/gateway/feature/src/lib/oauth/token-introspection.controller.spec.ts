import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AuthSubjects, IssueTokenRequest, type OAuthHttpReply } from '@connector/contracts';
import { configFrom } from '@connector/shared-config';
import { FakeServiceClients } from '../../testing/fake-service-clients';
import { createGatewayApp } from '../gateway-app.factory';
import { TokenIntrospectionController } from './token-introspection.controller';

const FORM = 'application/x-www-form-urlencoded';
const BASIC = `Basic ${Buffer.from('app:s3cret').toString('base64')}`;
const BASE_URL = 'https://fhir.example.org';
const ACTIVE: OAuthHttpReply = {
  status: 200,
  body: { active: true, scope: 'patient/*.read', client_id: 'app' },
  headers: { 'Cache-Control': 'no-store', Pragma: 'no-cache' },
};

describe(TokenIntrospectionController.name, () => {
  let app: NestFastifyApplication;
  let clients: FakeServiceClients;

  beforeAll(async () => {
    clients = new FakeServiceClients({ [AuthSubjects.introspectToken]: () => ACTIVE });
    app = await createGatewayApp(configFrom({ CONNECTOR_BASE_URL: BASE_URL }), clients.asServiceClients());
  });

  beforeEach(() => {
    clients.calls.length = 0;
  });

  afterAll(async () => {
    await app.close();
  });

  const post = (payload: string, headers: Record<string, string>) =>
    app.inject({ method: 'POST', url: '/oauth/introspect', payload, headers, remoteAddress: '203.0.113.7' });

  describe('introspect', () => {
    it("forwards form, Authorization, caller address and the endpoint's public URL; writes the answer", async () => {
      const response = await post('token=abc.def.ghi&token_type_hint=access_token', {
        'content-type': FORM,
        authorization: BASIC,
      });

      const [call] = clients.callsTo(AuthSubjects.introspectToken);
      expect(call.payload).toBeInstanceOf(IssueTokenRequest);
      expect(call.payload).toEqual({
        form: { token: 'abc.def.ghi', token_type_hint: 'access_token' },
        authorization: BASIC,
        clientIp: '203.0.113.7',
        endpointUrl: `${BASE_URL}/oauth/introspect`,
      });
      expect(response.statusCode).toBe(200);
      expect(response.headers['cache-control']).toBe('no-store');
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      expect(response.json()).toEqual(ACTIVE.body);
    });

    it('refuses a body that is not a form, without asking the auth service (RFC 7662 §2.1)', async () => {
      const response = await post('{"token":"abc"}', { 'content-type': 'application/json' });

      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ error: 'invalid_request' });
      expect(clients.calls).toHaveLength(0);
    });

    it('refuses a repeated parameter', async () => {
      const response = await post('token=a&token=b', { 'content-type': FORM });

      expect(response.statusCode).toBe(400);
      expect(clients.calls).toHaveLength(0);
    });
  });
});
