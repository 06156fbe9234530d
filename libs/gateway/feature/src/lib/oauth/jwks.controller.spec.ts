import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AuthSubjects } from '@connector/contracts';
import { configFrom } from '@connector/shared-config';
import { FakeServiceClients } from '../../testing/fake-service-clients';
import { createGatewayApp } from '../gateway-app.factory';
import { JwksController } from './jwks.controller';

const PUBLISHED = { keys: [{ kty: 'RSA', kid: 'k1', n: 'abc', e: 'AQAB', alg: 'RS256', use: 'sig' }] };

describe(JwksController.name, () => {
  let app: NestFastifyApplication;
  let clients: FakeServiceClients;

  beforeAll(async () => {
    clients = new FakeServiceClients({ [AuthSubjects.getJwks]: () => PUBLISHED });
    app = await createGatewayApp(configFrom({}), clients.asServiceClients());
  });

  afterAll(async () => {
    await app.close();
  });

  describe('keys', () => {
    it('publishes the auth service key set without a token, asking the service once', async () => {
      const first = await app.inject({ method: 'GET', url: '/.well-known/jwks.json' });
      const second = await app.inject({ method: 'GET', url: '/.well-known/jwks.json' });
      expect(first.statusCode).toBe(200);
      expect(first.headers['content-type']).toMatch(/^application\/json/);
      expect(first.json()).toEqual(PUBLISHED);
      expect(second.json()).toEqual(PUBLISHED);
      expect(clients.callsTo(AuthSubjects.getJwks)).toHaveLength(1);
    });
  });
});
