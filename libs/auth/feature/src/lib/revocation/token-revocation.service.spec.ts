import { rmSync } from 'node:fs';
import type { INestApplicationContext } from '@nestjs/common';
import { decodeJwt } from 'jose';
import { DataSource } from 'typeorm';
import { AuditEventRepository, GrantRepository, RevokedTokenEntity } from '@connector/auth-data-access';
import { insertGrant, insertRefreshToken, signAccessToken } from '../../testing/issued-token.fixture';
import {
  basicHeader,
  NO_STORE_HEADERS,
  startTokenStateModule,
  tokenStateDataDir,
} from '../../testing/token-state-test-module';
import { ClientAdminService } from '../clients/client-admin.service';
import { TokenIntrospectionService } from '../introspection/token-introspection.service';
import { TokenRevocationService } from './token-revocation.service';
import { TokenStatusService } from './token-status.service';

const REVOKE_URL = 'https://fhir.example.org/oauth/revoke';
const WEB_BASIC = basicHeader('web-app', 'web-app-secret');
const OTHER_BASIC = basicHeader('other-app', 'other-app-secret');
const REVOKED = { status: 200, body: {}, headers: NO_STORE_HEADERS };

describe(TokenRevocationService.name, () => {
  let dataDir: string;
  let app: INestApplicationContext;
  let revocation: TokenRevocationService;
  let status: TokenStatusService;

  beforeAll(async () => {
    dataDir = tokenStateDataDir();
    app = await startTokenStateModule(dataDir);
    revocation = app.get(TokenRevocationService);
    status = app.get(TokenStatusService);
    const clients = app.get(ClientAdminService);
    await clients.createClient({ clientId: 'web-app', clientSecret: 'web-app-secret', scopes: [], grantTypes: [] });
    await clients.createClient({ clientId: 'other-app', clientSecret: 'other-app-secret', scopes: [], grantTypes: [] });
  });

  afterAll(async () => {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Revokes as the web app (Basic), or with `authorization` (null: none). */
  const revoke = (form: Record<string, string>, authorization: string | null = WEB_BASIC) =>
    revocation.revoke({ form, authorization: authorization ?? undefined, endpointUrl: REVOKE_URL });
  const active = async (token: string): Promise<unknown> =>
    (await app.get(TokenIntrospectionService).introspect({ form: { token }, authorization: WEB_BASIC })).body['active'];
  const grantRevokedAt = async (id: string) => (await app.get(GrantRepository).findById(id))?.revokedAt;

  describe('revoke', () => {
    describe('refresh tokens', () => {
      it('revokes the whole grant: the refresh token and the access tokens minted from it', async () => {
        const grant = await insertGrant(app);
        const refreshToken = await insertRefreshToken(app, grant.id);
        const accessToken = await signAccessToken(app, { grant: grant.id });

        expect(await revoke({ token: refreshToken, token_type_hint: 'refresh_token' })).toEqual(REVOKED);

        expect(await grantRevokedAt(grant.id)).toEqual(expect.any(String));
        expect(await active(refreshToken)).toBe(false);
        expect(await active(accessToken)).toBe(false);
        const { jti } = decodeJwt(accessToken);
        expect(await status.status({ jti, grant: grant.id })).toEqual({ active: false });
      });

      it('is found despite a hint naming the other kind (RFC 7009 §2.1)', async () => {
        const grant = await insertGrant(app);

        await revoke({ token: await insertRefreshToken(app, grant.id), token_type_hint: 'access_token' });

        expect(await grantRevokedAt(grant.id)).toEqual(expect.any(String));
      });

      it("leaves another client's refresh token alone, and still answers 200", async () => {
        const grant = await insertGrant(app);
        const refreshToken = await insertRefreshToken(app, grant.id);

        expect(await revoke({ token: refreshToken }, OTHER_BASIC)).toEqual(REVOKED);

        expect(await grantRevokedAt(grant.id)).toBeNull();
        expect(await active(refreshToken)).toBe(true);
      });
    });

    describe('access tokens', () => {
      it('refuses the token from then on, until its exp, and leaves other tokens alone', async () => {
        const token = await signAccessToken(app);
        const sibling = await signAccessToken(app);
        const { jti, exp } = decodeJwt(token);

        expect(await revoke({ token })).toEqual(REVOKED);

        expect(await active(token)).toBe(false);
        expect(await status.status({ jti })).toEqual({ active: false });
        expect(await active(sibling)).toBe(true);
        const row = await app
          .get(DataSource)
          .getRepository(RevokedTokenEntity)
          .findOneBy({ tokenKey: `access:${jti}` });
        expect(row?.expiresAt).toBe(new Date(Number(exp) * 1000).toISOString());
      });

      it('revokes the grant the token was minted from', async () => {
        const grant = await insertGrant(app);
        const refreshToken = await insertRefreshToken(app, grant.id);

        await revoke({ token: await signAccessToken(app, { grant: grant.id }), token_type_hint: 'refresh_token' });

        expect(await grantRevokedAt(grant.id)).toEqual(expect.any(String));
        expect(await active(refreshToken)).toBe(false);
      });

      it('accepts revoking the same token twice', async () => {
        const token = await signAccessToken(app);

        expect(await revoke({ token })).toEqual(REVOKED);
        expect(await revoke({ token })).toEqual(REVOKED);
      });

      it("leaves another client's access token alone, and still answers 200", async () => {
        const token = await signAccessToken(app);

        expect(await revoke({ token }, OTHER_BASIC)).toEqual(REVOKED);

        expect(await active(token)).toBe(true);
      });
    });

    it('answers 200 for a token it does not know (RFC 7009 §2.2)', async () => {
      expect(await revoke({ token: 'never-issued', token_type_hint: 'unknown-kind' })).toEqual(REVOKED);
    });

    it('requires client authentication, and revokes nothing without it', async () => {
      const token = await signAccessToken(app);

      const reply = await revoke({ token }, null);
      const bodyOnly = await revocation.revoke({ form: { token, client_id: 'web-app' } });

      expect(reply.status).toBe(401);
      expect(reply.body).toMatchObject({ error: 'invalid_client' });
      expect(bodyOnly.status).toBe(401);
      expect(await active(token)).toBe(true);
    });

    it('writes each revocation, and each refused one, to the audit trail (without the token)', async () => {
      const grant = await insertGrant(app);
      const refreshToken = await insertRefreshToken(app, grant.id);
      await revoke({ token: refreshToken }, null);
      await revoke({ token: refreshToken });

      const [success, failure] = await app.get(AuditEventRepository).findRecent(2);
      expect(success).toMatchObject({ event: 'revoke', outcome: 'success', clientId: 'web-app' });
      expect(failure).toMatchObject({ event: 'revoke', outcome: 'failure', detail: 'invalid_client' });
      expect(JSON.stringify([success, failure])).not.toContain(refreshToken);
    });

    it('requires the token parameter (400 invalid_request)', async () => {
      const reply = await revoke({ token_type_hint: 'access_token' });

      expect(reply.status).toBe(400);
      expect(reply.body).toMatchObject({ error: 'invalid_request' });
      expect(reply.headers).toMatchObject(NO_STORE_HEADERS);
    });
  });
});
