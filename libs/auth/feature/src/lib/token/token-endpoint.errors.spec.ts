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
    app = await startSeededAuthModule(dataDir);
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

      it('answers unsupported_grant_type for a standard grant this server does not implement', async () => {
        const reply = await tokens.issueToken({
          form: { grant_type: 'client_credentials' },
          authorization: basic(BATCH_CLIENT.clientId, BATCH_CLIENT.clientSecret),
        });

        expectError(reply, 400, 'unsupported_grant_type');
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
});
