import { rmSync } from 'node:fs';
import type { INestApplicationContext } from '@nestjs/common';
import { InvalidClientError, InvalidRequestError } from '@node-oauth/oauth2-server';
import { generateKeyPair } from 'jose';
import {
  assertionForm,
  type ClientKey,
  generateClientKey,
  jwksText,
  type JwksServer,
  serveJwks,
  signAssertion,
} from '../../testing/client-assertion.fixture';
import { basicHeader as basic, startTokenStateModule, tokenStateDataDir } from '../../testing/token-state-test-module';
import { oauthErrorReply } from '../token/oauth-error-reply.util';
import { ClientAdminService } from './client-admin.service';
import { ClientAuthenticatorService } from './client-authenticator.service';

const TOKEN_URL = 'https://fhir.example.org/oauth/token';
const INTROSPECT_URL = 'https://fhir.example.org/oauth/introspect';
/** A client id and secret that need form-urlencoding inside a Basic header (RFC 6749 §2.3.1). */
const WEB_CLIENT = {
  clientId: 'web-app',
  clientSecret: 'web-app-secret',
  scopes: ['user/*.read'],
  grantTypes: ['password' as const],
};
const ODD_CLIENT = { clientId: 'odd.app~1', clientSecret: 'sé cret:+1%', scopes: ['user/*.read'] };

describe(ClientAuthenticatorService.name, () => {
  let dataDir: string;
  let app: INestApplicationContext;
  let authenticator: ClientAuthenticatorService;
  let rsKey: ClientKey;
  let esKey: ClientKey;
  let remoteKey: ClientKey;
  let jwksServer: JwksServer;

  beforeAll(async () => {
    dataDir = tokenStateDataDir();
    app = await startTokenStateModule(dataDir);
    authenticator = app.get(ClientAuthenticatorService);
    [rsKey, esKey, remoteKey] = await Promise.all([
      generateClientKey('RS384', 'rs-1'),
      generateClientKey('ES384', 'es-1'),
      generateClientKey('RS384', 'remote-1'),
    ]);
    jwksServer = await serveJwks(() => jwksText(remoteKey));
    const handler = app.get(ClientAdminService);
    const backend = { scopes: ['system/*.read'], grantTypes: ['client_credentials' as const] };
    await handler.createClient(WEB_CLIENT);
    await handler.createClient({ ...ODD_CLIENT, grantTypes: ['password'] });
    await handler.createClient({ clientId: 'spa', scopes: ['patient/*.read'], grantTypes: ['authorization_code'] });
    await handler.createClient({ clientId: 'backend-rs', jwks: jwksText(rsKey), ...backend });
    await handler.createClient({ clientId: 'backend-es', jwks: jwksText(esKey), ...backend });
    await handler.createClient({ clientId: 'backend-remote', jwksUri: jwksServer.url, ...backend });
  });

  afterAll(async () => {
    await jwksServer.close();
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const authenticated = async (form: Record<string, string>, authorization?: string, url = TOKEN_URL) =>
    (await authenticator.authenticate(form, authorization, url)).clientId;

  /** The error the authentication failed with, checked to be what `oauthErrorReply` answers with `status`. */
  async function failure(promise: Promise<unknown>, status: 400 | 401): Promise<Error> {
    const error = await promise.then(
      () => new Error('expected the client authentication to fail'),
      (reason: unknown) => reason as Error,
    );
    expect(error).toBeInstanceOf(status === 401 ? InvalidClientError : InvalidRequestError);
    expect(oauthErrorReply(error).status).toBe(status);
    return error;
  }

  describe('authenticate', () => {
    describe('client secret (RFC 6749 §2.3.1)', () => {
      it('accepts HTTP Basic with the right secret', async () => {
        await expect(authenticated({}, basic(WEB_CLIENT.clientId, WEB_CLIENT.clientSecret))).resolves.toBe('web-app');
      });

      it('form-urldecodes the id and secret inside the Basic header', async () => {
        const encoded = `${encodeURIComponent(ODD_CLIENT.clientId)}:${encodeURIComponent(ODD_CLIENT.clientSecret)}`;
        const header = `Basic ${Buffer.from(encoded.replace(/%20/g, '+')).toString('base64')}`;

        await expect(authenticated({}, header)).resolves.toBe(ODD_CLIENT.clientId);
      });

      it('accepts client_id and client_secret in the body', async () => {
        const form = { client_id: WEB_CLIENT.clientId, client_secret: WEB_CLIENT.clientSecret };

        await expect(authenticated(form)).resolves.toBe('web-app');
      });

      it('accepts a client_id in the body that names the Basic client', async () => {
        await expect(authenticated({ client_id: 'web-app' }, basic('web-app', 'web-app-secret'))).resolves.toBe(
          'web-app',
        );
      });

      it.each([
        ['a wrong Basic secret', {}, basic('web-app', 'wrong-secret')],
        ['a wrong body secret', { client_id: 'web-app', client_secret: 'wrong-secret' }, undefined],
        ['no secret at all', { client_id: 'web-app' }, undefined],
        ['an unknown client', {}, basic('nobody', 'web-app-secret')],
        ['another Authorization scheme', {}, 'Bearer abc'],
      ])('refuses %s with invalid_client', async (_label, form: Record<string, string>, authorization) => {
        await failure(authenticator.authenticate(form, authorization, TOKEN_URL), 401);
      });

      it('refuses Basic together with client_secret in the body (invalid_request)', async () => {
        const form = { client_secret: 'web-app-secret' };

        await failure(authenticator.authenticate(form, basic('web-app', 'web-app-secret'), TOKEN_URL), 400);
      });

      it('refuses a body client_id naming another client than Basic (invalid_request)', async () => {
        await failure(
          authenticator.authenticate({ client_id: 'spa' }, basic('web-app', 'web-app-secret'), TOKEN_URL),
          400,
        );
      });

      it('refuses a body secret without client_id (invalid_request)', async () => {
        await failure(authenticator.authenticate({ client_secret: 'web-app-secret' }, undefined, TOKEN_URL), 400);
      });
    });

    describe('public client', () => {
      it('accepts the client_id alone', async () => {
        await expect(authenticated({ client_id: 'spa' })).resolves.toBe('spa');
      });

      it('refuses a public client that sends a secret', async () => {
        await failure(
          authenticator.authenticate({ client_id: 'spa', client_secret: 'guessed-secret' }, undefined, TOKEN_URL),
          401,
        );
      });

      it('refuses a request that names no client at all', async () => {
        await failure(authenticator.authenticate({ token: 'x' }, undefined, TOKEN_URL), 401);
      });
    });

    describe('private_key_jwt (RFC 7523, SMART Backend Services)', () => {
      it('accepts an RS384 assertion signed by a registered key', async () => {
        const assertion = await signAssertion(rsKey, 'backend-rs', TOKEN_URL);

        await expect(authenticated(assertionForm(assertion))).resolves.toBe('backend-rs');
      });

      it('accepts an ES384 assertion signed by a registered key', async () => {
        const assertion = await signAssertion(esKey, 'backend-es', TOKEN_URL);

        await expect(authenticated(assertionForm(assertion))).resolves.toBe('backend-es');
      });

      it('fetches the key set from the jwks_uri once and reuses it', async () => {
        const before = jwksServer.fetches();
        for (let i = 0; i < 2; i++) {
          const assertion = await signAssertion(remoteKey, 'backend-remote', TOKEN_URL);
          await expect(authenticated(assertionForm(assertion))).resolves.toBe('backend-remote');
        }
        expect(jwksServer.fetches() - before).toBe(1);
      });

      it('accepts a client_id parameter naming the assertion client', async () => {
        const assertion = await signAssertion(rsKey, 'backend-rs', TOKEN_URL);

        await expect(authenticated(assertionForm(assertion, { client_id: 'backend-rs' }))).resolves.toBe('backend-rs');
      });

      it('accepts the token endpoint as audience at the introspection endpoint (RFC 7523 §3)', async () => {
        const assertion = await signAssertion(rsKey, 'backend-rs', TOKEN_URL);

        await expect(authenticated(assertionForm(assertion), undefined, INTROSPECT_URL)).resolves.toBe('backend-rs');
      });

      it('accepts an exp exactly five minutes ahead', async () => {
        const exp = Math.floor(Date.now() / 1000) + 300;
        const assertion = await signAssertion(rsKey, 'backend-rs', TOKEN_URL, { claims: { exp } });

        await expect(authenticated(assertionForm(assertion))).resolves.toBe('backend-rs');
      });

      it('refuses a replayed jti, and records it only for that client', async () => {
        const jti = 'same-jti-twice';
        const first = await signAssertion(rsKey, 'backend-rs', TOKEN_URL, { claims: { jti } });
        const second = await signAssertion(rsKey, 'backend-rs', TOKEN_URL, { claims: { jti } });
        const otherClient = await signAssertion(esKey, 'backend-es', TOKEN_URL, { claims: { jti } });

        await expect(authenticated(assertionForm(first))).resolves.toBe('backend-rs');
        const error = await failure(authenticator.authenticate(assertionForm(second), undefined, TOKEN_URL), 401);
        expect(error.message).toMatch(/jti/);
        await expect(authenticated(assertionForm(otherClient))).resolves.toBe('backend-es');
      });

      it('refuses the very same assertion sent twice', async () => {
        const assertion = await signAssertion(esKey, 'backend-es', TOKEN_URL);

        await authenticated(assertionForm(assertion));
        await failure(authenticator.authenticate(assertionForm(assertion), undefined, TOKEN_URL), 401);
      });

      it.each([
        ['another audience', { aud: 'https://elsewhere.example.org/oauth/token' }, /aud/],
        ['the introspection endpoint as audience at the token endpoint', { aud: INTROSPECT_URL }, /aud/],
        ['an expired assertion', { exp: Math.floor(Date.now() / 1000) - 120 }, /expired/],
        ['an exp more than five minutes ahead', { exp: Math.floor(Date.now() / 1000) + 310 }, /five minutes/],
        ['no exp', { exp: undefined }, /exp/],
        ['no jti', { jti: undefined }, /jti/],
        ['sub other than iss', { sub: 'backend-es' }, /sub/],
      ])('refuses %s', async (_label, claims, message) => {
        const assertion = await signAssertion(rsKey, 'backend-rs', TOKEN_URL, { claims });

        const error = await failure(authenticator.authenticate(assertionForm(assertion), undefined, TOKEN_URL), 401);
        expect(error.message).toMatch(message);
      });

      it('refuses RS256, even signed by the registered key', async () => {
        const assertion = await signAssertion(rsKey, 'backend-rs', TOKEN_URL, { alg: 'RS256' });

        const error = await failure(authenticator.authenticate(assertionForm(assertion), undefined, TOKEN_URL), 401);
        expect(error.message).toMatch(/RS384 or ES384/);
      });

      it('refuses HS256 signed with a shared secret', async () => {
        const signingKey = new TextEncoder().encode('a-shared-secret-of-enough-length-32b');
        const assertion = await signAssertion(rsKey, 'backend-rs', TOKEN_URL, { alg: 'HS256', signingKey });

        await failure(authenticator.authenticate(assertionForm(assertion), undefined, TOKEN_URL), 401);
      });

      it('refuses a key id the client did not register', async () => {
        const stranger = await generateClientKey('RS384', 'rs-unknown');
        const assertion = await signAssertion(stranger, 'backend-rs', TOKEN_URL);

        const error = await failure(authenticator.authenticate(assertionForm(assertion), undefined, TOKEN_URL), 401);
        expect(error.message).toMatch(/no registered key/);
      });

      it('refuses an unregistered key that claims a registered key id', async () => {
        const { privateKey } = await generateKeyPair('RS384');
        const assertion = await signAssertion(rsKey, 'backend-rs', TOKEN_URL, { signingKey: privateKey });

        const error = await failure(authenticator.authenticate(assertionForm(assertion), undefined, TOKEN_URL), 401);
        expect(error.message).toMatch(/signature/);
      });

      it('refuses a key id the jwks_uri does not publish', async () => {
        const stranger = await generateClientKey('RS384', 'remote-unknown');
        const assertion = await signAssertion(stranger, 'backend-remote', TOKEN_URL);

        await failure(authenticator.authenticate(assertionForm(assertion), undefined, TOKEN_URL), 401);
      });

      it('refuses the assertion when the jwks_uri cannot be reached', async () => {
        const gone = await serveJwks(() => jwksText(remoteKey));
        await gone.close();
        await app.get(ClientAdminService).createClient({
          clientId: 'backend-gone',
          jwksUri: gone.url,
          scopes: ['system/*.read'],
          grantTypes: ['client_credentials'],
        });
        const assertion = await signAssertion(remoteKey, 'backend-gone', TOKEN_URL);

        const error = await failure(authenticator.authenticate(assertionForm(assertion), undefined, TOKEN_URL), 401);
        expect(error.message).toMatch(/key set could not be read/);
      });

      it('refuses another client key signing in the name of a client', async () => {
        const assertion = await signAssertion(esKey, 'backend-rs', TOKEN_URL, { kid: 'es-1' });

        await failure(authenticator.authenticate(assertionForm(assertion), undefined, TOKEN_URL), 401);
      });

      it('refuses an assertion for a client without registered keys', async () => {
        const assertion = await signAssertion(rsKey, 'web-app', TOKEN_URL);

        await failure(authenticator.authenticate(assertionForm(assertion), undefined, TOKEN_URL), 401);
      });

      it.each([
        ['its client_id alone', { client_id: 'backend-rs' }, undefined],
        ['a secret', { client_id: 'backend-rs', client_secret: 'some-secret' }, undefined],
        ['Basic', {}, basic('backend-rs', 'some-secret')],
      ])(
        'refuses a client with keys that authenticates with %s',
        async (_label, form: Record<string, string>, header) => {
          await failure(authenticator.authenticate(form, header, TOKEN_URL), 401);
        },
      );

      it.each([
        [
          'another assertion type',
          { client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:saml2-bearer' },
        ],
        ['no assertion type', { client_assertion_type: '' }],
        ['a client_id naming another client', { client_id: 'backend-es' }],
      ])('answers invalid_request for %s', async (_label, extra) => {
        const assertion = await signAssertion(rsKey, 'backend-rs', TOKEN_URL);

        await failure(authenticator.authenticate(assertionForm(assertion, extra), undefined, TOKEN_URL), 400);
      });

      it('answers invalid_request for an assertion that is not a JWT', async () => {
        await failure(authenticator.authenticate(assertionForm('not-a-jwt'), undefined, TOKEN_URL), 400);
      });

      it('answers invalid_request for an assertion together with Basic', async () => {
        const assertion = await signAssertion(rsKey, 'backend-rs', TOKEN_URL);

        await failure(
          authenticator.authenticate(assertionForm(assertion), basic('web-app', 'web-app-secret'), TOKEN_URL),
          400,
        );
      });
    });
  });
});
