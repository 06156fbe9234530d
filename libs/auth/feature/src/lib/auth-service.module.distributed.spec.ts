import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import type { INestApplicationContext } from '@nestjs/common';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { distributedInfrastructure } from '@connector/shared-testing';
import { PROVIDER_USER, WEB_CLIENT } from '../testing/auth-seed';
import { keySetOf, startAuthModule, tempDataDir, TEST_BASE_URL } from '../testing/auth-test-module';
import { AuthHandler } from './auth.handler';
import { AuthServiceModule } from './auth-service.module';

const DATABASE_URL = distributedInfrastructure().adminDatabaseUrl;
const WEB_BASIC = `Basic ${Buffer.from('web-app:web-app-secret').toString('base64')}`;

/** The auth service on PostgreSQL, as N copies of it run in distributed mode. */
describe(AuthServiceModule.name, () => {
  const schema = `auth_svc_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const overrides = { DATABASE_URL, DATABASE_SCHEMA: schema };
  let dataDir: string;
  const started: INestApplicationContext[] = [];

  async function start(): Promise<INestApplicationContext> {
    const app = await startAuthModule(dataDir, overrides);
    started.push(app);
    return app;
  }

  beforeAll(() => {
    dataDir = tempDataDir();
  });

  afterAll(async () => {
    await Promise.all(started.map((app) => app.close()));
    rmSync(dataDir, { recursive: true, force: true });
    const client = new Client({ connectionString: DATABASE_URL });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await client.end();
  });

  describe('forRoot', () => {
    it('issues tokens that verify against the JWKS from PostgreSQL', async () => {
      const handler = (await start()).get(AuthHandler);
      await handler.createClient(WEB_CLIENT);
      await handler.createUser(PROVIDER_USER);
      const form = { grant_type: 'password', username: PROVIDER_USER.username, password: PROVIDER_USER.password };

      const reply = await handler.issueToken({ form, authorization: WEB_BASIC });

      expect(reply.status).toBe(200);
      const jwks = keySetOf(await handler.getJwks());
      const { payload } = await jwtVerify(String(reply.body['access_token']), createLocalJWKSet(jwks), {
        issuer: TEST_BASE_URL,
      });
      expect(payload.sub).toBe('demo-provider');
      expect(await handler.health()).toEqual({ service: 'auth', database: 'up' });
    });

    it('lets copies that start at once on a keyless database agree on one signing key', async () => {
      const first = started[0];
      await first.get(DataSource).query(`DELETE FROM "${schema}"."auth_signing_key"`);

      const copies = await Promise.all([start(), start(), start()]);

      const kids = await Promise.all(
        copies.map(async (copy) => (await copy.get(AuthHandler).getJwks()).keys.map((key) => key['kid'])),
      );
      expect(kids[0]).toHaveLength(1);
      expect(kids).toEqual([kids[0], kids[0], kids[0]]);
    });
  });
});
