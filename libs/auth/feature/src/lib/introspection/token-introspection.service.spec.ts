import { rmSync } from 'node:fs';
import type { INestApplicationContext } from '@nestjs/common';
import { decodeJwt, generateKeyPair, SignJWT } from 'jose';
import { GrantRepository } from '@connector/auth-data-access';
import type { OAuthHttpReply } from '@connector/contracts';
import { insertGrant, insertRefreshToken, signAccessToken } from '../../testing/issued-token.fixture';
import {
  basicHeader,
  NO_STORE_HEADERS as NO_STORE,
  startTokenStateModule,
  TOKEN_STATE_ISSUER as TEST_BASE_URL,
  tokenStateDataDir,
} from '../../testing/token-state-test-module';
import { ClientAdminService } from '../clients/client-admin.service';
import { TokenRevocationService } from '../revocation/token-revocation.service';
import { TokenIntrospectionService } from './token-introspection.service';

const INTROSPECT_URL = 'https://fhir.example.org/oauth/introspect';
const WEB_BASIC = basicHeader('web-app', 'web-app-secret');
const PUBLIC_APP_FORM = { client_id: 'public-app' };
/** Claims of a provider's password-grant token and a patient's, as the token endpoint issues them. */
const PROVIDER_CLAIMS = {
  sub: 'demo-provider',
  scope: 'openid fhirUser user/*.read patient/*.read',
  role: 'provider',
  fhirUser: 'Practitioner/prac-1',
};
const PATIENT_CLAIMS = { sub: 'demo-patient', role: 'patient', fhirUser: 'Patient/pat-1', patient: 'pat-1' };

describe(TokenIntrospectionService.name, () => {
  let dataDir: string;
  let app: INestApplicationContext;
  let introspection: TokenIntrospectionService;
  let revocation: TokenRevocationService;

  beforeAll(async () => {
    dataDir = tokenStateDataDir();
    app = await startTokenStateModule(dataDir);
    introspection = app.get(TokenIntrospectionService);
    revocation = app.get(TokenRevocationService);
    const clients = app.get(ClientAdminService);
    await clients.createClient({ clientId: 'web-app', clientSecret: 'web-app-secret', scopes: [], grantTypes: [] });
    await clients.createClient({ clientId: 'public-app', scopes: [], grantTypes: [] });
  });

  afterAll(async () => {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const providerToken = () => signAccessToken(app, PROVIDER_CLAIMS);

  /** Asks as the web app (Basic), or with `authorization` (null: none, e.g. a public client by client_id). */
  const introspect = (form: Record<string, string>, authorization: string | null = WEB_BASIC) =>
    introspection.introspect({ form, authorization: authorization ?? undefined, endpointUrl: INTROSPECT_URL });

  function expectInactive(reply: OAuthHttpReply): void {
    expect(reply).toEqual({ status: 200, body: { active: false }, headers: NO_STORE });
  }

  describe('introspect', () => {
    describe('access tokens', () => {
      it("describes the client's own active token with its claims (RFC 7662 §2.2), not cacheable", async () => {
        const token = await providerToken();
        const claims = decodeJwt(token);

        const reply = await introspect({ token });

        expect(reply.status).toBe(200);
        expect(reply.headers).toEqual(NO_STORE);
        expect(reply.body).toEqual({
          active: true,
          scope: 'openid fhirUser user/*.read patient/*.read',
          client_id: 'web-app',
          username: 'demo-provider',
          sub: 'demo-provider',
          token_type: 'Bearer',
          exp: claims.exp,
          iat: claims.iat,
          iss: TEST_BASE_URL,
          jti: claims.jti,
          fhirUser: 'Practitioner/prac-1',
        });
      });

      it("carries a patient user's patient context", async () => {
        const reply = await introspect({
          token: await signAccessToken(app, PATIENT_CLAIMS),
          token_type_hint: 'access_token',
        });

        expect(reply.body).toMatchObject({ active: true, patient: 'pat-1', fhirUser: 'Patient/pat-1' });
      });

      it('names no username for a backend service token (sub = client_id)', async () => {
        const token = await signAccessToken(app, { sub: 'web-app', role: undefined, scope: 'system/*.read' });

        const reply = await introspect({ token });

        expect(reply.body).toMatchObject({ active: true, sub: 'web-app', client_id: 'web-app' });
        expect(reply.body).not.toHaveProperty('username');
      });

      it('answers inactive to another client asking about the token (it was not issued to it)', async () => {
        expectInactive(await introspect({ token: await providerToken(), ...PUBLIC_APP_FORM }, null));
      });

      it('answers inactive for an expired token', async () => {
        const past = Math.floor(Date.now() / 1000) - 60;
        expectInactive(await introspect({ token: await signAccessToken(app, { iat: past - 3600, exp: past }) }));
      });

      it("answers inactive for a token signed with a key that is not the server's", async () => {
        const { privateKey } = await generateKeyPair('RS256');
        const forged = await new SignJWT({ client_id: 'web-app', jti: 'forged' })
          .setProtectedHeader({ alg: 'RS256', kid: decodeProtectedKid(await signAccessToken(app)) })
          .setIssuer(TEST_BASE_URL)
          .setExpirationTime('1h')
          .sign(privateKey);

        expectInactive(await introspect({ token: forged }));
      });

      it('answers inactive for a token from another issuer', async () => {
        expectInactive(await introspect({ token: await signAccessToken(app, { iss: 'https://other.example.org' }) }));
      });

      it('answers inactive once the token is revoked', async () => {
        const token = await providerToken();
        await revocation.revoke({ form: { token }, authorization: WEB_BASIC });

        expectInactive(await introspect({ token }));
      });

      it('is active while its grant stands, inactive once the grant is revoked', async () => {
        const grant = await insertGrant(app);
        const token = await signAccessToken(app, { grant: grant.id, patient: 'pat-1' });
        expect((await introspect({ token })).body).toMatchObject({ active: true, patient: 'pat-1' });

        await app.get(GrantRepository).revoke(grant.id, new Date().toISOString());

        expectInactive(await introspect({ token }));
      });

      it('answers inactive when its grant has expired or does not exist', async () => {
        const expired = await insertGrant(app, { expiresAt: new Date(Date.now() - 1000).toISOString() });

        expectInactive(await introspect({ token: await signAccessToken(app, { grant: expired.id }) }));
        expectInactive(await introspect({ token: await signAccessToken(app, { grant: 'no-such-grant' }) }));
      });
    });

    describe('refresh tokens', () => {
      it('describes an unused refresh token of a standing grant', async () => {
        const grant = await insertGrant(app);
        const token = await insertRefreshToken(app, grant.id);

        const reply = await introspect({ token, token_type_hint: 'refresh_token' });

        expect(reply.body).toEqual({
          active: true,
          scope: 'launch/patient patient/*.read offline_access',
          client_id: 'web-app',
          username: 'demo-patient',
          sub: 'demo-patient',
          exp: Math.floor(Date.parse(grant.expiresAt) / 1000),
          iat: expect.any(Number),
          iss: TEST_BASE_URL,
          patient: 'pat-1',
        });
      });

      it('finds a refresh token despite a wrong hint (RFC 7662 §2.1)', async () => {
        const token = await insertRefreshToken(app, (await insertGrant(app)).id);

        expect((await introspect({ token, token_type_hint: 'access_token' })).body).toMatchObject({ active: true });
      });

      it('answers inactive for a used (rotated) refresh token', async () => {
        const token = await insertRefreshToken(app, (await insertGrant(app)).id, new Date().toISOString());

        expectInactive(await introspect({ token }));
      });

      it('answers inactive when the grant is revoked or expired', async () => {
        const revoked = await insertGrant(app, { revokedAt: new Date().toISOString() });
        const expired = await insertGrant(app, { expiresAt: new Date(Date.now() - 1000).toISOString() });

        expectInactive(await introspect({ token: await insertRefreshToken(app, revoked.id) }));
        expectInactive(await introspect({ token: await insertRefreshToken(app, expired.id) }));
      });

      it('answers inactive to another client asking about the refresh token', async () => {
        const token = await insertRefreshToken(app, (await insertGrant(app)).id);

        expectInactive(await introspect({ token, ...PUBLIC_APP_FORM }, null));
      });
    });

    it('answers inactive for a string that is no token of this server', async () => {
      expectInactive(await introspect({ token: 'not-a-token' }));
    });

    it('requires client authentication (401 invalid_client)', async () => {
      const token = await providerToken();

      const reply = await introspect({ token }, null);

      expect(reply.status).toBe(401);
      expect(reply.body).toMatchObject({ error: 'invalid_client' });
      expect(reply.headers).toMatchObject({ ...NO_STORE, 'WWW-Authenticate': expect.stringMatching(/^Basic /) });
    });

    it('refuses a wrong client secret', async () => {
      const token = await providerToken();
      const reply = await introspect({ token }, `Basic ${Buffer.from('web-app:wrong-secret').toString('base64')}`);

      expect(reply.status).toBe(401);
    });

    it('requires the token parameter (400 invalid_request)', async () => {
      const reply = await introspect({});

      expect(reply.status).toBe(400);
      expect(reply.body).toMatchObject({ error: 'invalid_request' });
    });
  });
});

function decodeProtectedKid(token: string): string {
  const header = JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString('utf8')) as { kid: string };
  return header.kid;
}
