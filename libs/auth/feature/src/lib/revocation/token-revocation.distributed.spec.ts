import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import type { INestApplicationContext } from '@nestjs/common';
import { decodeJwt } from 'jose';
import { Client } from 'pg';
import { distributedInfrastructure } from '@connector/shared-testing';
import { generateClientKey, jwksText, signAssertion, assertionForm } from '../../testing/client-assertion.fixture';
import { insertGrant, insertRefreshToken, signAccessToken } from '../../testing/issued-token.fixture';
import { basicHeader, startTokenStateModule, tokenStateDataDir } from '../../testing/token-state-test-module';
import { ClientAdminService } from '../clients/client-admin.service';
import { ClientAuthenticatorService } from '../clients/client-authenticator.service';
import { TokenIntrospectionService } from '../introspection/token-introspection.service';
import { TokenRevocationService } from './token-revocation.service';
import { TokenStatusService } from './token-status.service';

const DATABASE_URL = distributedInfrastructure().adminDatabaseUrl;
const TOKEN_URL = 'https://fhir.example.org/oauth/token';
const WEB_BASIC = basicHeader('web-app', 'web-app-secret');

/** Revocation and assertion replay on PostgreSQL, seen by every copy of the auth service (distributed mode). */
describe(TokenRevocationService.name, () => {
  const schema = `auth_rev_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  let dataDir: string;
  let copies: INestApplicationContext[];

  beforeAll(async () => {
    dataDir = tokenStateDataDir();
    const overrides = { DATABASE_URL, DATABASE_SCHEMA: schema };
    copies = [await startTokenStateModule(dataDir, overrides)];
    copies.push(await startTokenStateModule(dataDir, overrides));
  });

  afterAll(async () => {
    await Promise.all(copies.map((copy) => copy.close()));
    rmSync(dataDir, { recursive: true, force: true });
    const client = new Client({ connectionString: DATABASE_URL });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await client.end();
  });

  describe('revoke', () => {
    it('revokes a refresh token at one copy; every copy then reports its grant and tokens inactive', async () => {
      const [one, other] = copies;
      await one
        .get(ClientAdminService)
        .createClient({ clientId: 'web-app', clientSecret: 'web-app-secret', scopes: [], grantTypes: [] });
      const grant = await insertGrant(one);
      const refreshToken = await insertRefreshToken(one, grant.id);
      const accessToken = await signAccessToken(one, { grant: grant.id });
      const { jti } = decodeJwt(accessToken);
      expect(await other.get(TokenStatusService).status({ jti, grant: grant.id })).toEqual({ active: true });

      const reply = await one
        .get(TokenRevocationService)
        .revoke({ form: { token: refreshToken }, authorization: WEB_BASIC });

      expect(reply.status).toBe(200);
      expect(await other.get(TokenStatusService).status({ jti, grant: grant.id })).toEqual({ active: false });
      const introspected = await other
        .get(TokenIntrospectionService)
        .introspect({ form: { token: accessToken }, authorization: WEB_BASIC });
      expect(introspected.body).toEqual({ active: false });
    });
  });

  describe('client assertion replay', () => {
    it('accepts a jti once across copies racing with the same assertion', async () => {
      const key = await generateClientKey('ES384', 'es-1');
      await copies[0].get(ClientAdminService).createClient({
        clientId: 'backend',
        jwks: jwksText(key),
        scopes: ['system/*.read'],
        grantTypes: ['client_credentials'],
      });
      const form = assertionForm(await signAssertion(key, 'backend', TOKEN_URL));

      const outcomes = await Promise.allSettled(
        [...copies, ...copies].map((copy) =>
          copy.get(ClientAuthenticatorService).authenticate(form, undefined, TOKEN_URL),
        ),
      );

      expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    });
  });
});
