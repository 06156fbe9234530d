import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AuthSubjects, type OAuthHttpReply } from '@connector/contracts';
import { configFrom } from '@connector/shared-config';
import { FakeServiceClients } from '../../testing/fake-service-clients';
import { createGatewayApp } from '../gateway-app.factory';
import { TokenRevocationController } from './token-revocation.controller';

const FORM = 'application/x-www-form-urlencoded';

describe(TokenRevocationController.name, () => {
  let app: NestFastifyApplication;
  let clients: FakeServiceClients;
  let answer: OAuthHttpReply;

  beforeAll(async () => {
    clients = new FakeServiceClients({ [AuthSubjects.revokeToken]: () => answer });
    app = await createGatewayApp(configFrom({}), clients.asServiceClients());
  });

  beforeEach(() => {
    clients.calls.length = 0;
    answer = { status: 200, body: {} };
  });

  afterAll(async () => {
    await app.close();
  });

  const post = (payload: string, headers: Record<string, string> = { 'content-type': FORM }) =>
    app.inject({ method: 'POST', url: '/oauth/revoke', payload, headers });

  describe('revoke', () => {
    it("forwards the form, client id and the revocation endpoint's URL; answers 200 not cacheable", async () => {
      const response = await post('token=opaque-refresh&token_type_hint=refresh_token&client_id=spa');

      expect(clients.callsTo(AuthSubjects.revokeToken)[0].payload).toEqual({
        form: { token: 'opaque-refresh', token_type_hint: 'refresh_token', client_id: 'spa' },
        clientIp: '127.0.0.1',
        // No CONNECTOR_BASE_URL: the origin the request reached (light-my-request's Host).
        endpointUrl: 'http://localhost:80/oauth/revoke',
      });
      expect(response.statusCode).toBe(200);
      expect(response.headers['cache-control']).toBe('no-store');
      expect(response.json()).toEqual({});
    });

    it("writes the auth service's client authentication failure with its challenge", async () => {
      answer = {
        status: 401,
        body: { error: 'invalid_client', error_description: 'Invalid client: client is invalid' },
        headers: { 'WWW-Authenticate': 'Basic realm="connector"' },
      };

      const response = await post('token=x');

      expect(response.statusCode).toBe(401);
      expect(response.headers['www-authenticate']).toBe('Basic realm="connector"');
      expect(response.json()).toMatchObject({ error: 'invalid_client' });
    });

    it('refuses a body that is not a form, without asking the auth service', async () => {
      const response = await post('token=x', { 'content-type': 'text/plain' });

      expect(response.statusCode).toBe(400);
      expect(clients.calls).toHaveLength(0);
    });
  });
});
