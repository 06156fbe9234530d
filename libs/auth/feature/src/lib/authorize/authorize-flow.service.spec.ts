import { createHash, randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { decodeJwt } from 'jose';
import { AuthHandler } from '../auth.handler';
import { AuthServiceModule } from '../auth-service.module';
import { AuthorizeBrowser, redirectParams, TEST_FHIR_BASE } from '../../testing/authorize-browser';
import { PATIENT_USER, PROVIDER_USER, REPRESENTATIVE_USER } from '../../testing/auth-seed';
import { tempDataDir, testConfig } from '../../testing/auth-test-module';
import { fakeChartBus, type FakePatient } from '../../testing/fake-chart.bus';

const REDIRECT_URI = 'https://app.example.com/callback';
const PATIENTS: FakePatient[] = [
  { id: 'pat-1', family: 'Nakamura', given: 'Lucas', birthDate: '1995-12-12' },
  { id: 'pat-2', family: 'Whitfield', given: 'Nora', birthDate: '1987-11-22' },
  { id: 'pat-3', family: 'Moreno', given: 'James', birthDate: '1979-04-08' },
];
const APP_SCOPES = 'openid fhirUser launch launch/patient offline_access patient/*.rs user/*.rs';

function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

describe('AuthorizeFlowService (through AuthHandler.authorizePage)', () => {
  const dataDir = tempDataDir();
  let app: INestApplicationContext;
  let handler: AuthHandler;

  beforeAll(async () => {
    app = await NestFactory.createApplicationContext(
      AuthServiceModule.forRoot(testConfig(dataDir), fakeChartBus(PATIENTS)),
      { logger: ['error'] },
    );
    await app.init();
    handler = app.get(AuthHandler);
    await handler.createClient({
      clientId: 'smart-app',
      scopes: APP_SCOPES.split(' '),
      grantTypes: ['authorization_code', 'refresh_token'],
      redirectUris: [REDIRECT_URI],
    });
    await handler.createClient({
      clientId: 'confidential-app',
      clientSecret: 'confidential-secret',
      scopes: ['openid', 'patient/*.rs'],
      grantTypes: ['authorization_code'],
      redirectUris: [REDIRECT_URI],
      launchTypes: ['standalone'],
    });
    for (const user of [PROVIDER_USER, PATIENT_USER, REPRESENTATIVE_USER]) {
      await handler.createUser(user);
    }
  });

  afterAll(async () => {
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  function authorizeParams(challenge: string, extra: Record<string, string> = {}): Record<string, string> {
    return {
      response_type: 'code',
      client_id: 'smart-app',
      redirect_uri: REDIRECT_URI,
      scope: APP_SCOPES,
      state: 'state-42',
      aud: TEST_FHIR_BASE,
      code_challenge: challenge,
      code_challenge_method: 'S256',
      ...extra,
    };
  }

  async function signIn(browser: AuthorizeBrowser, user: { username: string; password: string }) {
    return browser.submit('login', [
      ['username', user.username],
      ['password', user.password],
    ]);
  }

  function redeem(code: string, verifier: string | undefined, clientId = 'smart-app') {
    const form: Record<string, string> = {
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT_URI,
      client_id: clientId,
    };
    if (verifier !== undefined) {
      form['code_verifier'] = verifier;
    }
    return handler.issueToken({ form });
  }

  /** Runs login → (picker) → consent for the user and returns the code. */
  async function codeFor(
    user: { username: string; password: string },
    challenge: string,
    options: { patient?: string; extra?: Record<string, string>; untick?: string } = {},
  ): Promise<string> {
    const browser = new AuthorizeBrowser(handler);
    expect((await browser.start(authorizeParams(challenge, options.extra))).status).toBe(200);
    await signIn(browser, user);
    if (options.patient !== undefined) {
      await browser.submit('patient', [
        ['patient', options.patient],
        ['action', 'select'],
      ]);
    }
    const scopes = browser.choices('scope').filter((scope) => scope !== options.untick);
    const reply = await browser.submit('consent', [
      ...scopes.map((scope): [string, string] => ['scope', scope]),
      ['decision', 'allow'],
    ]);
    expect(reply.status).toBe(303);
    const params = redirectParams(reply);
    expect(params.get('state')).toBe('state-42');
    return params.get('code') ?? '';
  }

  describe('the authorize request', () => {
    it('shows an error page, never a redirect, for an unknown client or an unregistered redirect_uri', async () => {
      const browser = new AuthorizeBrowser(handler);
      const cases: Record<string, string>[] = [
        { client_id: 'nobody' },
        { redirect_uri: 'https://evil.example.com/cb' },
      ];
      for (const extra of cases) {
        const reply = await browser.start(authorizeParams(pkcePair().challenge, extra));
        expect(reply.status).toBe(400);
        expect(reply.headers['location']).toBeUndefined();
        expect(reply.headers['content-type']).toContain('text/html');
      }
    });

    it.each([
      ['a wrong aud', { aud: 'https://other.example.com/fhir' }, 'invalid_request'],
      ['the plain PKCE method', { code_challenge_method: 'plain' }, 'invalid_request'],
      ['no PKCE from a public client', { code_challenge: '' }, 'invalid_request'],
      ['response_type token', { response_type: 'token' }, 'unsupported_response_type'],
      ['an unknown launch', { launch: 'no-such-launch' }, 'invalid_request'],
    ])('redirects %s back to the app with error=%s and the state, and no code', async (_label, extra, error) => {
      const reply = await new AuthorizeBrowser(handler).start(authorizeParams(pkcePair().challenge, extra));
      expect(reply.status).toBe(303);
      const params = redirectParams(reply);
      expect(params.get('error')).toBe(error);
      expect(params.get('state')).toBe('state-42');
      expect(params.get('code')).toBeNull();
    });

    it('refuses a standalone-only client an EHR launch', async () => {
      const launch = await handler.createLaunch({ createdBy: 'demo-provider', patient: 'pat-1' });
      const reply = await new AuthorizeBrowser(handler).start(
        authorizeParams(pkcePair().challenge, {
          client_id: 'confidential-app',
          scope: 'openid patient/*.rs',
          launch: launch.launch,
        }),
      );
      expect(redirectParams(reply).get('error')).toBe('invalid_request');
    });

    it('shows a login page with a CSRF token and sets an HttpOnly, SameSite, Secure binding cookie', async () => {
      const browser = new AuthorizeBrowser(handler);
      const reply = await browser.start(authorizeParams(pkcePair().challenge));
      expect(reply.headers['set-cookie']).toMatch(/^connector_authorize=[\w-]{43}; .*HttpOnly; SameSite=Lax; Secure$/);
      expect(browser.field('csrf')).toMatch(/^[\w-]{43}$/);
      expect(reply.headers['x-frame-options']).toBe('DENY');
      // The last form's 303 goes to the app: the policy must let it through, and only to the app's origin.
      expect(reply.headers['content-security-policy']).toContain("form-action 'self' https://app.example.com;");
      expect(reply.headers['content-security-policy']).toContain("default-src 'none'");
    });
  });

  describe('the pages', () => {
    it('takes a provider through login, the patient picker and consent to a code that yields the chosen patient', async () => {
      const { verifier, challenge } = pkcePair();
      const browser = new AuthorizeBrowser(handler);
      await browser.start(authorizeParams(challenge));
      const picker = await signIn(browser, PROVIDER_USER);
      expect(picker.status).toBe(200);
      expect(browser.choices('patient').sort()).toEqual(['pat-1', 'pat-2', 'pat-3']);
      await browser.submit('patient', [
        ['q', 'whit'],
        ['action', 'search'],
      ]);
      expect(browser.choices('patient')).toEqual(['pat-2']);
      await browser.submit('patient', [
        ['patient', 'pat-2'],
        ['action', 'select'],
      ]);
      expect(browser.html).toContain('Nora Whitfield');
      expect(browser.choices('scope')).toEqual(APP_SCOPES.split(' '));
      const reply = await browser.submit('consent', [
        ...APP_SCOPES.split(' ').map((scope): [string, string] => ['scope', scope]),
        ['decision', 'allow'],
      ]);
      const token = await redeem(redirectParams(reply).get('code') ?? '', verifier);

      expect(token.status).toBe(200);
      expect(token.body).toMatchObject({ patient: 'pat-2', scope: APP_SCOPES, need_patient_banner: true });
      const claims = decodeJwt(String(token.body['access_token']));
      expect(claims).toMatchObject({ patient: 'pat-2', sub: 'demo-provider' });
      // A provider's launch patient bounds patient/ scopes only; user/*.rs still reaches every patient.
      expect(claims['patients']).toBeUndefined();
      const idToken = decodeJwt(String(token.body['id_token']));
      expect(idToken).toMatchObject({
        aud: 'smart-app',
        sub: 'demo-provider',
        fhirUser: `${TEST_FHIR_BASE}/Practitioner/prac-1`,
      });
      expect(token.body['refresh_token']).toEqual(expect.any(String));
    });

    it('grants only the scopes left ticked on the consent page', async () => {
      const { verifier, challenge } = pkcePair();
      const code = await codeFor(PROVIDER_USER, challenge, { patient: 'pat-1', untick: 'offline_access' });
      const token = await redeem(code, verifier);
      expect(String(token.body['scope']).split(' ')).not.toContain('offline_access');
      expect(token.body['refresh_token']).toBeUndefined();
    });

    it('lets the user leave kinds of records out of a scope for every type', async () => {
      const { verifier, challenge } = pkcePair();
      const browser = new AuthorizeBrowser(handler);
      await browser.start(authorizeParams(challenge));
      await signIn(browser, PATIENT_USER);
      const withheld = browser
        .choices('withhold')
        .filter((value) => value.startsWith('patient/*.rs#') && !value.endsWith('#results'));
      expect(withheld.length).toBeGreaterThan(5);
      const reply = await browser.submit('consent', [
        ...browser.choices('scope').map((scope): [string, string] => ['scope', scope]),
        ...withheld.map((value): [string, string] => ['withhold', value]),
        ['decision', 'allow'],
      ]);
      const token = await redeem(redirectParams(reply).get('code') ?? '', verifier);
      const granted = String(token.body['scope']).split(' ');
      expect(granted).not.toContain('patient/*.rs');
      expect(granted.filter((scope) => scope.startsWith('patient/')).sort()).toEqual(
        ['DiagnosticReport', 'ImagingStudy', 'Observation', 'Specimen'].map((type) => `patient/${type}.rs`),
      );
    });

    it('sends access_denied when the user denies', async () => {
      const browser = new AuthorizeBrowser(handler);
      await browser.start(authorizeParams(pkcePair().challenge));
      await signIn(browser, PATIENT_USER);
      const reply = await browser.submit('consent', [['decision', 'deny']]);
      expect(redirectParams(reply).get('error')).toBe('access_denied');
    });

    it('gives a patient user their own record without a picker, and only patient/ scopes', async () => {
      const { verifier, challenge } = pkcePair();
      const browser = new AuthorizeBrowser(handler);
      await browser.start(authorizeParams(challenge));
      await signIn(browser, PATIENT_USER);
      expect(browser.choices('patient')).toEqual([]);
      expect(browser.choices('scope')).not.toContain('user/*.rs');
      const reply = await browser.submit('consent', [
        ...browser.choices('scope').map((scope): [string, string] => ['scope', scope]),
        ['decision', 'allow'],
      ]);
      const token = await redeem(redirectParams(reply).get('code') ?? '', verifier);
      expect(token.body['patient']).toBe('pat-1');
    });

    it("offers a representative only the people they represent, refuses anyone else's, and bounds the token to the one picked", async () => {
      const { verifier, challenge } = pkcePair();
      const browser = new AuthorizeBrowser(handler);
      await browser.start(authorizeParams(challenge));
      await signIn(browser, REPRESENTATIVE_USER);
      expect(browser.choices('patient').sort()).toEqual(['pat-1', 'pat-2']);
      const refused = await browser.submit('patient', [
        ['patient', 'pat-3'],
        ['action', 'select'],
      ]);
      expect(refused.status).toBe(400);
      expect(browser.html).toContain('not available to you');

      await browser.submit('patient', [
        ['patient', 'pat-2'],
        ['action', 'select'],
      ]);
      const reply = await browser.submit('consent', [
        ...browser.choices('scope').map((scope): [string, string] => ['scope', scope]),
        ['decision', 'allow'],
      ]);
      const token = await redeem(redirectParams(reply).get('code') ?? '', verifier);
      expect(decodeJwt(String(token.body['access_token']))).toMatchObject({ patient: 'pat-2', patients: ['pat-2'] });
    });

    it('answers a wrong password with the login page again (401), then throttles with 429 and Retry-After', async () => {
      const browser = new AuthorizeBrowser(handler, '198.51.100.7');
      await browser.start(authorizeParams(pkcePair().challenge));
      const wrong = await browser.submit('login', [
        ['username', REPRESENTATIVE_USER.username],
        ['password', 'nope'],
      ]);
      expect(wrong.status).toBe(401);
      expect(browser.html).toContain('Wrong username or password');
      for (let attempt = 1; attempt < 5; attempt++) {
        await browser.submit('login', [
          ['username', REPRESENTATIVE_USER.username],
          ['password', 'nope'],
        ]);
      }
      const throttled = await signIn(browser, REPRESENTATIVE_USER);
      expect(throttled.status).toBe(429);
      expect(Number(throttled.headers['retry-after'])).toBeGreaterThan(0);
    });

    it('refuses a form from another browser (no cookie), with a wrong CSRF token, or for a later step', async () => {
      const browser = new AuthorizeBrowser(handler);
      await browser.start(authorizeParams(pkcePair().challenge));
      const hidden: [string, string][] = [
        ['request', browser.field('request') ?? ''],
        ['csrf', browser.field('csrf') ?? ''],
      ];
      const credentials: [string, string][] = [
        ['username', PROVIDER_USER.username],
        ['password', PROVIDER_USER.password],
      ];
      expect((await browser.submit('login', [hidden[0], ['csrf', 'x'.repeat(43)], ...credentials])).status).toBe(400);
      expect((await browser.submit('consent', [...hidden, ['decision', 'allow']])).status).toBe(409);
      browser.forgetCookie();
      expect((await browser.submit('login', [...hidden, ...credentials])).status).toBe(400);
    });
  });

  describe('redeeming the code', () => {
    it('needs the right PKCE verifier: missing, wrong, or the challenge itself are invalid_grant', async () => {
      const { challenge } = pkcePair();
      for (const verifier of [undefined, pkcePair().verifier, challenge]) {
        const code = await codeFor(PATIENT_USER, challenge);
        const reply = await redeem(code, verifier);
        expect(reply.status).toBe(400);
        expect(reply.body['error']).toBe('invalid_grant');
      }
    });

    it('is single use', async () => {
      const { verifier, challenge } = pkcePair();
      const code = await codeFor(PATIENT_USER, challenge);
      expect((await redeem(code, verifier)).status).toBe(200);
      expect((await redeem(code, verifier)).body['error']).toBe('invalid_grant');
    });

    it('carries an EHR launch context (patient) into the token', async () => {
      const launch = await handler.createLaunch({ createdBy: 'demo-provider', patient: 'pat-3', encounter: 'enc-9' });
      const { verifier, challenge } = pkcePair();
      const code = await codeFor(PROVIDER_USER, challenge, { extra: { launch: launch.launch } });
      const token = await redeem(code, verifier);
      // The EHR shows the patient banner itself; a standalone launch (tested above) needs the app to.
      expect(token.body).toMatchObject({ patient: 'pat-3', encounter: 'enc-9', need_patient_banner: false });
    });
  });

  describe('refresh', () => {
    it('rotates the refresh token, and a replayed old one revokes the whole grant', async () => {
      const { verifier, challenge } = pkcePair();
      const first = await redeem(await codeFor(PATIENT_USER, challenge), verifier);
      const refresh = (token: unknown) =>
        handler.issueToken({
          form: { grant_type: 'refresh_token', refresh_token: String(token), client_id: 'smart-app' },
        });

      const second = await refresh(first.body['refresh_token']);
      expect(second.status).toBe(200);
      expect(second.body['refresh_token']).not.toBe(first.body['refresh_token']);
      expect(second.body['patient']).toBe('pat-1');

      expect((await refresh(first.body['refresh_token'])).body['error']).toBe('invalid_grant');
      expect((await refresh(second.body['refresh_token'])).body['error']).toBe('invalid_grant');
    });

    it('may narrow but never widen the scope', async () => {
      const { verifier, challenge } = pkcePair();
      const first = await redeem(await codeFor(PATIENT_USER, challenge), verifier);
      const narrowed = await handler.issueToken({
        form: {
          grant_type: 'refresh_token',
          refresh_token: String(first.body['refresh_token']),
          client_id: 'smart-app',
          scope: 'patient/*.rs',
        },
      });
      expect(narrowed.body['scope']).toBe('patient/*.rs');
      const widened = await handler.issueToken({
        form: {
          grant_type: 'refresh_token',
          refresh_token: String(narrowed.body['refresh_token']),
          client_id: 'smart-app',
          scope: 'user/*.rs',
        },
      });
      expect(widened.body['error']).toBe('invalid_scope');
    });
  });
});
