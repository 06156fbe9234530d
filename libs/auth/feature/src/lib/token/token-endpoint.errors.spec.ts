import { rmSync } from 'node:fs';
import type { INestApplicationContext } from '@nestjs/common';
import type { OAuthHttpReply } from '@connector/contracts';
import { BATCH_CLIENT, PROVIDER_USER } from '../../testing/auth-seed';
import { tempDataDir } from '../../testing/auth-test-module';
import { basic, NO_STORE, passwordForm, startSeededAuthModule, WEB_BASIC } from '../../testing/token-request.fixture';
import { TokenEndpointService } from './token-endpoint.service';

/** Error answers of the token endpoint: codes and statuses from RFC 6749 §5.2. */
describe(TokenEndpointService.name, () => {
  let dataDir: string;
  let app: INestApplicationContext;
  let tokens: TokenEndpointService;

  beforeAll(async () => {
    dataDir = tempDataDir();
    // Every case here fails on purpose for the same user; the throttle has its own cases below with real limits.
    app = await startSeededAuthModule(dataDir, {
      LOGIN_MAX_FAILURES_PER_USER: '1000',
      LOGIN_MAX_FAILURES_PER_IP: '1000',
    });
    tokens = app.get(TokenEndpointService);
  });

  afterAll(async () => {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  function expectError(reply: OAuthHttpReply, status: number, error: string): void {
    expect(reply.status).toBe(status);
    expect(reply.body).toEqual({ error, error_description: expect.any(String) });
    expect(reply.headers).toMatchObject(NO_STORE);
  }

  describe('issueToken', () => {
    describe('errors (RFC 6749 §5.2)', () => {
      it('answers invalid_grant for a wrong password', async () => {
        const form = passwordForm({ ...PROVIDER_USER, password: 'not-the-password' });

        expectError(await tokens.issueToken({ form, authorization: WEB_BASIC }), 400, 'invalid_grant');
      });

      it('answers invalid_grant for an unknown username, the same as for a wrong password', async () => {
        const form = passwordForm({ username: 'nobody', password: 'whatever' });

        expectError(await tokens.issueToken({ form, authorization: WEB_BASIC }), 400, 'invalid_grant');
      });

      it('answers 401 invalid_client with a Basic challenge for an unknown client using HTTP Basic', async () => {
        const reply = await tokens.issueToken({ form: passwordForm(PROVIDER_USER), authorization: basic('who', 'x') });

        expectError(reply, 401, 'invalid_client');
        expect(reply.headers?.['WWW-Authenticate']).toBe('Basic realm="connector"');
      });

      it('answers 401 invalid_client for a wrong secret using HTTP Basic', async () => {
        const reply = await tokens.issueToken({
          form: passwordForm(PROVIDER_USER),
          authorization: basic('web-app', 'nope'),
        });

        expectError(reply, 401, 'invalid_client');
        expect(reply.headers?.['WWW-Authenticate']).toBe('Basic realm="connector"');
      });

      it('answers 401 invalid_client for a wrong secret in the body', async () => {
        const form = passwordForm(PROVIDER_USER, { client_id: 'web-app', client_secret: 'nope' });

        expectError(await tokens.issueToken({ form }), 401, 'invalid_client');
      });

      it('answers invalid_client when a confidential client sends no secret', async () => {
        expectError(
          await tokens.issueToken({ form: passwordForm(PROVIDER_USER, { client_id: 'web-app' }) }),
          401,
          'invalid_client',
        );
      });

      it('answers invalid_client when no client is identified at all', async () => {
        expectError(await tokens.issueToken({ form: passwordForm(PROVIDER_USER) }), 401, 'invalid_client');
      });

      it('answers invalid_client for an authentication scheme other than Basic', async () => {
        const reply = await tokens.issueToken({
          form: passwordForm(PROVIDER_USER),
          authorization: 'Bearer abc.def.ghi',
        });

        expectError(reply, 401, 'invalid_client');
      });

      it('answers invalid_request when a client uses both Basic and client_secret (RFC 6749 §2.3)', async () => {
        const form = passwordForm(PROVIDER_USER, { client_secret: 'web-app-secret' });

        expectError(await tokens.issueToken({ form, authorization: WEB_BASIC }), 400, 'invalid_request');
      });

      it('answers unauthorized_client when the client may not use the password grant', async () => {
        const reply = await tokens.issueToken({
          form: passwordForm(PROVIDER_USER),
          authorization: basic(BATCH_CLIENT.clientId, BATCH_CLIENT.clientSecret),
        });

        expectError(reply, 400, 'unauthorized_client');
      });

      it('answers unsupported_grant_type for a grant type nobody knows', async () => {
        const form = { grant_type: 'magic', username: 'demo-provider', password: 'provider-password' };

        expectError(await tokens.issueToken({ form, authorization: WEB_BASIC }), 400, 'unsupported_grant_type');
      });

      it('answers unsupported_grant_type for a registered grant type this server does not implement', async () => {
        const form = { grant_type: 'urn:ietf:params:oauth:grant-type:device_code', device_code: 'x' };

        expectError(await tokens.issueToken({ form, authorization: WEB_BASIC }), 400, 'unsupported_grant_type');
      });

      it('answers invalid_scope to client credentials when the client may have no system/ scope', async () => {
        const reply = await tokens.issueToken({
          form: { grant_type: 'client_credentials' },
          authorization: basic(BATCH_CLIENT.clientId, BATCH_CLIENT.clientSecret),
        });

        expectError(reply, 400, 'invalid_scope');
      });

      it('answers invalid_request when username is missing', async () => {
        const form = { grant_type: 'password', password: 'provider-password' };

        expectError(await tokens.issueToken({ form, authorization: WEB_BASIC }), 400, 'invalid_request');
      });

      it('answers invalid_request when password is missing', async () => {
        const form = { grant_type: 'password', username: 'demo-provider' };

        expectError(await tokens.issueToken({ form, authorization: WEB_BASIC }), 400, 'invalid_request');
      });

      it('answers invalid_request when grant_type is missing', async () => {
        const form = { username: 'demo-provider', password: 'provider-password' };

        expectError(await tokens.issueToken({ form, authorization: WEB_BASIC }), 400, 'invalid_request');
      });
    });
  });

  describe('throttling', () => {
    let throttledDir: string;
    let throttledApp: INestApplicationContext;
    let throttled: TokenEndpointService;

    beforeAll(async () => {
      throttledDir = tempDataDir();
      throttledApp = await startSeededAuthModule(throttledDir, {
        LOGIN_MAX_FAILURES_PER_USER: '3',
        LOGIN_MAX_FAILURES_PER_IP: '5',
      });
      throttled = throttledApp.get(TokenEndpointService);
    });

    afterAll(async () => {
      await throttledApp.close();
      rmSync(throttledDir, { recursive: true, force: true });
    });

    it("answers 429 with Retry-After once a user's password has failed too often, even with the right password", async () => {
      const wrong = {
        form: passwordForm({ ...PROVIDER_USER, password: 'nope' }),
        authorization: WEB_BASIC,
        clientIp: '203.0.113.1',
      };
      for (let attempt = 0; attempt < 3; attempt++) {
        expectError(await throttled.issueToken(wrong), 400, 'invalid_grant');
      }
      const reply = await throttled.issueToken({ ...wrong, form: passwordForm(PROVIDER_USER) });

      expect(reply.status).toBe(429);
      expect(Number(reply.headers?.['Retry-After'])).toBeGreaterThan(0);
      expect(reply.headers).toMatchObject(NO_STORE);
    });

    it('throttles an address that fails for many users, and a client whose secret keeps failing', async () => {
      const fromIp = (username: string) => ({
        form: passwordForm({ username, password: 'nope' }),
        authorization: WEB_BASIC,
        clientIp: '203.0.113.2',
      });
      for (const username of ['u1', 'u2', 'u3', 'u4', 'u5']) {
        expect((await throttled.issueToken(fromIp(username))).status).toBe(400);
      }
      expect((await throttled.issueToken(fromIp('u6'))).status).toBe(429);

      const badSecret = {
        form: { grant_type: 'client_credentials' },
        authorization: basic(BATCH_CLIENT.clientId, 'wrong-secret'),
        clientIp: '203.0.113.3',
      };
      for (let attempt = 0; attempt < 3; attempt++) {
        expect((await throttled.issueToken(badSecret)).status).toBe(401);
      }
      expect((await throttled.issueToken(badSecret)).status).toBe(429);
    });
  });
});
