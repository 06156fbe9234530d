import { rmSync } from 'node:fs';
import type { INestApplicationContext } from '@nestjs/common';
import { createLocalJWKSet, jwtVerify, type JSONWebKeySet } from 'jose';
import type { OAuthHttpReply } from '@connector/contracts';
import { PATIENT_USER, PROVIDER_USER, REPRESENTATIVE_USER, WEB_CLIENT } from '../../testing/auth-seed';
import { keySetOf, tempDataDir, TEST_BASE_URL, TEST_TOKEN_TTL_SECONDS } from '../../testing/auth-test-module';
import { basic, NO_STORE, passwordForm, startSeededAuthModule, WEB_BASIC } from '../../testing/token-request.fixture';
import { AuthHandler } from '../auth.handler';
import { TokenEndpointService } from './token-endpoint.service';

describe(TokenEndpointService.name, () => {
  let dataDir: string;
  let app: INestApplicationContext;
  let tokens: TokenEndpointService;
  let jwks: JSONWebKeySet;

  beforeAll(async () => {
    dataDir = tempDataDir();
    app = await startSeededAuthModule(dataDir);
    jwks = keySetOf(await app.get(AuthHandler).getJwks());
    tokens = app.get(TokenEndpointService);
  });

  afterAll(async () => {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function verifiedClaims(reply: OAuthHttpReply) {
    return jwtVerify(String(reply.body['access_token']), createLocalJWKSet(jwks), { issuer: TEST_BASE_URL });
  }

  function expectError(reply: OAuthHttpReply, status: number, error: string): void {
    expect(reply.status).toBe(status);
    expect(reply.body).toEqual({ error, error_description: expect.any(String) });
    expect(reply.headers).toMatchObject(NO_STORE);
  }

  describe('issueToken', () => {
    describe('password grant success (RFC 6749 §4.3.3, §5.1)', () => {
      it('answers 200 with a Bearer token, its lifetime and the granted scope, not cacheable', async () => {
        const reply = await tokens.issueToken({ form: passwordForm(PROVIDER_USER), authorization: WEB_BASIC });

        expect(reply.status).toBe(200);
        expect(reply.headers).toEqual(NO_STORE);
        expect(reply.body).toEqual({
          access_token: expect.any(String),
          token_type: 'Bearer',
          expires_in: TEST_TOKEN_TTL_SECONDS,
          // No scope requested: everything the client may have; a provider may have all of it.
          scope: 'openid fhirUser user/*.read patient/*.read',
        });
      });

      it('issues an RS256 JWT that verifies against the JWKS, with the kid of the published key', async () => {
        const reply = await tokens.issueToken({ form: passwordForm(PROVIDER_USER), authorization: WEB_BASIC });

        const { payload, protectedHeader } = await verifiedClaims(reply);
        expect(protectedHeader).toMatchObject({ alg: 'RS256', kid: jwks.keys[0].kid });
        expect(payload).toEqual({
          iss: TEST_BASE_URL,
          sub: 'demo-provider',
          client_id: 'web-app',
          scope: 'openid fhirUser user/*.read patient/*.read',
          role: 'provider',
          fhirUser: 'Practitioner/prac-1',
          iat: expect.any(Number),
          exp: expect.any(Number),
          jti: expect.any(String),
        });
        const { iat = NaN, exp = NaN } = payload;
        expect(exp - iat).toBe(TEST_TOKEN_TTL_SECONDS);
        expect(Math.abs(iat - Date.now() / 1000)).toBeLessThan(60);
      });

      it('gives every token its own jti', async () => {
        const first = await tokens.issueToken({ form: passwordForm(PROVIDER_USER), authorization: WEB_BASIC });
        const second = await tokens.issueToken({ form: passwordForm(PROVIDER_USER), authorization: WEB_BASIC });

        expect((await verifiedClaims(first)).payload.jti).not.toBe((await verifiedClaims(second)).payload.jti);
      });

      it('accepts client credentials in the request body instead of HTTP Basic (RFC 6749 §2.3.1)', async () => {
        const form = passwordForm(PROVIDER_USER, { client_id: 'web-app', client_secret: 'web-app-secret' });

        const reply = await tokens.issueToken({ form });

        expect(reply.status).toBe(200);
        expect((await verifiedClaims(reply)).payload['client_id']).toBe('web-app');
      });

      it('accepts a public client identified by client_id alone (RFC 6749 §4.3.2)', async () => {
        const reply = await tokens.issueToken({ form: passwordForm(PATIENT_USER, { client_id: 'public-app' }) });

        expect(reply.status).toBe(200);
        expect(reply.body['scope']).toBe('launch/patient patient/*.read');
      });

      it('decodes form-urlencoded Basic credentials (RFC 6749 §2.3.1)', async () => {
        const handler = app.get(AuthHandler);
        await handler.createClient({ ...WEB_CLIENT, clientId: 'odd-secret-app', clientSecret: 'p@ss word+1/2' });
        // application/x-www-form-urlencoded of "p@ss word+1/2", written out by hand.
        const authorization = basic('odd-secret-app', 'p%40ss+word%2B1%2F2');

        const reply = await tokens.issueToken({ form: passwordForm(PROVIDER_USER), authorization });

        expect(reply.status).toBe(200);
      });

      it('tells a patient linked to one Patient their launch context, in the reply and the token', async () => {
        const reply = await tokens.issueToken({ form: passwordForm(PATIENT_USER), authorization: WEB_BASIC });

        expect(reply.body['patient']).toBe('pat-1');
        const { payload } = await verifiedClaims(reply);
        expect(payload).toMatchObject({
          sub: 'demo-patient',
          role: 'patient',
          fhirUser: 'Patient/pat-1',
          patient: 'pat-1',
        });
        expect(payload['patients']).toEqual(['pat-1']);
      });

      it('gives a representative of several patients the list but no single patient context', async () => {
        const reply = await tokens.issueToken({ form: passwordForm(REPRESENTATIVE_USER), authorization: WEB_BASIC });

        expect(reply.status).toBe(200);
        expect(reply.body).not.toHaveProperty('patient');
        const { payload } = await verifiedClaims(reply);
        expect(payload).not.toHaveProperty('patient');
        expect(payload['patients']).toEqual(['pat-1', 'pat-2']);
      });

      it('puts no patient claims in a provider token', async () => {
        const reply = await tokens.issueToken({ form: passwordForm(PROVIDER_USER), authorization: WEB_BASIC });

        const { payload } = await verifiedClaims(reply);
        expect(payload).not.toHaveProperty('patient');
        expect(payload).not.toHaveProperty('patients');
      });
    });

    describe('scope (RFC 6749 §3.3)', () => {
      it('grants the requested scopes the client and the role allow, dropping the rest', async () => {
        const form = passwordForm(PROVIDER_USER, { scope: 'user/*.read patient/Observation.read launch' });

        const reply = await tokens.issueToken({ form, authorization: WEB_BASIC });

        // patient/*.read of the client covers patient/Observation.read; launch is not the client's.
        expect(reply.status).toBe(200);
        expect(reply.body['scope']).toBe('user/*.read patient/Observation.read');
        expect((await verifiedClaims(reply)).payload['scope']).toBe('user/*.read patient/Observation.read');
      });

      it('never grants user/* scopes to a patient', async () => {
        const form = passwordForm(PATIENT_USER, { scope: 'openid user/*.read patient/*.read' });

        const reply = await tokens.issueToken({ form, authorization: WEB_BASIC });

        expect(reply.body['scope']).toBe('openid patient/*.read');
      });

      it("defaults to the client's scopes the role allows when none is requested", async () => {
        const reply = await tokens.issueToken({ form: passwordForm(REPRESENTATIVE_USER), authorization: WEB_BASIC });

        expect(reply.body['scope']).toBe('openid fhirUser patient/*.read');
      });

      it('treats an empty scope parameter as omitted (RFC 6749 §3.1)', async () => {
        const reply = await tokens.issueToken({
          form: passwordForm(PATIENT_USER, { scope: '' }),
          authorization: WEB_BASIC,
        });

        expect(reply.body['scope']).toBe('openid fhirUser patient/*.read');
      });

      it('answers invalid_scope when nothing requested may be granted', async () => {
        const form = passwordForm(PATIENT_USER, { scope: 'user/*.read' });

        expectError(await tokens.issueToken({ form, authorization: WEB_BASIC }), 400, 'invalid_scope');
      });

      it('answers invalid_scope for a scope the client was never given', async () => {
        const form = passwordForm(PROVIDER_USER, { scope: 'system/*.read' });

        expectError(await tokens.issueToken({ form, authorization: WEB_BASIC }), 400, 'invalid_scope');
      });
    });
  });
});
