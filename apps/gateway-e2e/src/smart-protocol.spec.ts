import { generateKeyPair } from 'jose';
import { DEMO_ACCOUNTS } from '@connector/embedded';
import { authorizeQuery, runAuthorizeFlow, type FlowOptions } from './support/authorize-flow';
import { AuthorizeSession, newPkce, randomState, type ClientAuth } from './support/authorize-session';
import { withoutServerMeta } from './support/expected-resources';
import {
  CONFIDENTIAL_CLIENT,
  DEMO_ENCOUNTER,
  DEMO_PATIENT,
  DEMO_PATIENT_ID,
  ENCOUNTER_PATIENT_ID,
  OTHER_PATIENT,
  PROTOCOL_REDIRECT,
  PUBLIC_CLIENT,
  fhirKit,
  scopesOf,
  startSmartFixture,
  statusOfFailure,
  stopSmartFixture,
  type SmartFixture,
} from './support/smart-fixture';

/*
 * SMART App Launch protocol edges over plain HTTP, no browser: the advertised capabilities that the Chromium
 * launches (smart-launch.spec.ts) and the token lifecycle (smart-token-lifecycle.spec.ts) do not cover, PKCE, and
 * the authorize request's errors.
 * See https://hl7.org/fhir/smart-app-launch/app-launch.html
 */

describe('SMART App Launch protocol (embedded Connector on a loopback port)', () => {
  let smart: SmartFixture;

  beforeAll(async () => {
    smart = await startSmartFixture();
  }, 60000);

  afterAll(async () => {
    await stopSmartFixture(smart);
  });

  describe('the other advertised capabilities', () => {
    it('authorize-post: takes the authorize request as a form POST', async () => {
      const flow = await runAuthorizeFlow(smart.protocolFlow(PUBLIC_CLIENT, { method: 'POST' }));
      const reply = await smart.exchangeFlow(PUBLIC_CLIENT, flow);
      expect(reply.status).toBe(200);
      expect(reply.body['patient']).toBe(DEMO_PATIENT_ID);
    });

    it('client-confidential-asymmetric: authenticates the code exchange with a signed client assertion', async () => {
      const flow = await runAuthorizeFlow(smart.protocolFlow(smart.asymmetricClient));
      const reply = await smart.exchangeFlow(smart.asymmetricClient, flow);
      expect(reply.status).toBe(200);
      expect(reply.body['patient']).toBe(DEMO_PATIENT_ID);
      expect(await smart.readPatient(String(reply.body['access_token']))).toBe(200);
    });

    it('client-confidential-asymmetric: refuses an assertion signed by a key the client did not register', async () => {
      const flow = await runAuthorizeFlow(smart.protocolFlow(smart.asymmetricClient));
      const { privateKey } = await generateKeyPair('ES384');
      const impostor: ClientAuth = {
        clientId: smart.asymmetricClient.clientId,
        signingKey: { privateKey, kid: 'k1', alg: 'ES384' },
      };
      const reply = await smart.exchangeFlow(impostor, flow);
      expect(reply.status).toBe(401);
      expect(reply.body['error']).toBe('invalid_client');
    });

    it('context-ehr-encounter: puts the launch’s encounter in the token response', async () => {
      const created = await smart.createLaunch(
        { patient: ENCOUNTER_PATIENT_ID, encounter: DEMO_ENCOUNTER.id },
        await smart.passwordToken(DEMO_ACCOUNTS.provider),
      );
      expect(created.status).toBe(200);
      const { launch } = (await created.json()) as { launch: string };
      const flow = await runAuthorizeFlow(
        smart.protocolFlow(CONFIDENTIAL_CLIENT, { scope: 'launch patient/*.rs', launch, patient: undefined }),
      );
      expect(flow.sawPicker).toBe(false);
      const reply = await smart.exchangeFlow(CONFIDENTIAL_CLIENT, flow);
      expect(reply.status).toBe(200);
      expect(reply.body).toMatchObject({ patient: ENCOUNTER_PATIENT_ID, encounter: DEMO_ENCOUNTER.id });
    });

    it('permission-online and context-style: online_access brings a refresh token; the style URL serves JSON', async () => {
      const flow = await runAuthorizeFlow(
        smart.protocolFlow(PUBLIC_CLIENT, { scope: 'launch/patient online_access patient/Patient.rs' }),
      );
      const reply = await smart.exchangeFlow(PUBLIC_CLIENT, flow);
      expect(reply.status).toBe(200);
      expect(scopesOf(reply.body['scope'])).toContain('online_access');
      expect(reply.body['refresh_token']).toEqual(expect.any(String));
      const style = await fetch(String(reply.body['smart_style_url']));
      expect(style.status).toBe(200);
      expect(await style.json()).toEqual(expect.any(Object));
    });

    it('permission-user: a user/ scope without launch/patient reads any patient, with no picker and no patient', async () => {
      const flow = await runAuthorizeFlow(
        smart.protocolFlow(PUBLIC_CLIENT, { scope: 'user/Patient.rs', patient: undefined }),
      );
      expect(flow.sawPicker).toBe(false);
      const reply = await smart.exchangeFlow(PUBLIC_CLIENT, flow);
      expect(reply.status).toBe(200);
      expect(reply.body['patient']).toBeUndefined();
      const client = fhirKit(smart.connector.fhirBase, String(reply.body['access_token']));
      for (const patient of [DEMO_PATIENT, OTHER_PATIENT]) {
        const read = (await client.read({ resourceType: 'Patient', id: patient.id })) as unknown as Record<
          string,
          unknown
        >;
        expect(withoutServerMeta(read)).toEqual(patient.resource);
      }
    });

    it('permission-v1: a v1 scope (patient/Patient.read) reads the patient and nothing else', async () => {
      const flow = await runAuthorizeFlow(
        smart.protocolFlow(PUBLIC_CLIENT, { scope: 'launch/patient patient/Patient.read' }),
      );
      const reply = await smart.exchangeFlow(PUBLIC_CLIENT, flow);
      expect(reply.status).toBe(200);
      const client = fhirKit(smart.connector.fhirBase, String(reply.body['access_token']));
      const read = (await client.read({ resourceType: 'Patient', id: DEMO_PATIENT_ID })) as unknown as Record<
        string,
        unknown
      >;
      expect(withoutServerMeta(read)).toEqual(DEMO_PATIENT.resource);
      const refused = client.search({ resourceType: 'Observation', searchParams: { patient: DEMO_PATIENT_ID } });
      expect(await statusOfFailure(refused)).toBe(403);
    });
  });

  describe('PKCE (public client)', () => {
    async function codeFor(): Promise<{ code: string; verifier: string; challenge: string }> {
      const flow = await runAuthorizeFlow(smart.protocolFlow(PUBLIC_CLIENT));
      return { code: flow.redirect.searchParams.get('code') ?? '', ...flow.pkce };
    }

    it('exchanges a code with the right verifier (the control for the failures below)', async () => {
      const { code, verifier } = await codeFor();
      const reply = await smart.exchange(PUBLIC_CLIENT, code, verifier);
      expect(reply.status).toBe(200);
      expect(reply.body['patient']).toBe(DEMO_PATIENT_ID);
      expect(await smart.readPatient(String(reply.body['access_token']))).toBe(200);
    });

    it.each([
      ['a missing verifier', () => undefined],
      ['a wrong verifier', () => newPkce().verifier],
      ['the challenge sent as the verifier', (challenge: string) => challenge],
    ])('answers %s with invalid_grant', async (_case, verifierFor: (challenge: string) => string | undefined) => {
      const { code, challenge } = await codeFor();
      const reply = await smart.exchange(PUBLIC_CLIENT, code, verifierFor(challenge));
      expect(reply.status).toBe(400);
      expect(reply.body['error']).toBe('invalid_grant');
      expect(reply.body['access_token']).toBeUndefined();
    });
  });

  describe('authorize request errors', () => {
    const base = (): FlowOptions => smart.protocolFlow(PUBLIC_CLIENT);

    async function authorizeWith(changes: Record<string, string | undefined>) {
      const state = randomState();
      const query = { ...authorizeQuery(base(), newPkce(), state), ...changes };
      const response = await new AuthorizeSession(smart.connector.origin).authorize(query);
      return { response, state, redirect: response.location === undefined ? undefined : new URL(response.location) };
    }

    it.each([
      ['an unknown client_id', { client_id: 'no-such-app' }],
      ['an unregistered redirect_uri', { redirect_uri: 'https://attacker.example/callback' }],
    ])('shows an error page for %s and does not redirect', async (_case, changes) => {
      const { response } = await authorizeWith(changes);
      expect(response.status).toBe(400);
      expect(response.location).toBeUndefined();
      expect(response.contentType).toMatch(/^text\/html/);
    });

    it.each([
      ['a wrong aud', { aud: 'https://other-server.example/fhir' }, 'invalid_request'],
      ['the plain PKCE method', { code_challenge_method: 'plain' }, 'invalid_request'],
      [
        'no code_challenge from a public client',
        { code_challenge: undefined, code_challenge_method: undefined },
        'invalid_request',
      ],
      ['an unsupported response_type', { response_type: 'token' }, 'unsupported_response_type'],
    ])('redirects %s back to the app with an error and no code', async (_case, changes, error) => {
      const { response, state, redirect } = await authorizeWith(changes);
      expect([302, 303]).toContain(response.status);
      expect(redirect?.origin + (redirect?.pathname ?? '')).toBe(PROTOCOL_REDIRECT);
      expect(redirect?.searchParams.get('error')).toBe(error);
      expect(redirect?.searchParams.get('state')).toBe(state);
      expect(redirect?.searchParams.has('code')).toBe(false);
    });

    it('answers Deny on the consent page with access_denied', async () => {
      const flow = await runAuthorizeFlow({ ...base(), decision: 'deny' });
      expect(flow.redirect.searchParams.get('error')).toBe('access_denied');
      expect(flow.redirect.searchParams.get('state')).toBe(flow.state);
      expect(flow.redirect.searchParams.has('code')).toBe(false);
    });
  });
});
