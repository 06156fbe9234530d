import { runAuthorizeFlow } from './support/authorize-flow';
import { postOAuth, randomState, type ClientAuth, type OAuthReply } from './support/authorize-session';
import {
  CONFIDENTIAL_CLIENT,
  DEMO_PATIENT_ID,
  DEMO_PRACTITIONER_ID,
  scopesOf,
  startSmartFixture,
  stopSmartFixture,
  verifiedIdToken,
  type SmartFixture,
} from './support/smart-fixture';

/*
 * SMART App Launch over plain HTTP, no browser: what happens to a grant after the authorize flow — code
 * redemption, refresh token rotation, introspection (RFC 7662) and revocation (RFC 7009), the id_token nonce.
 * See https://hl7.org/fhir/smart-app-launch/app-launch.html
 */

describe('SMART App Launch token lifecycle (embedded Connector on a loopback port)', () => {
  let smart: SmartFixture;

  beforeAll(async () => {
    smart = await startSmartFixture();
  }, 60000);

  afterAll(async () => {
    await stopSmartFixture(smart);
  });

  describe('refresh, revocation and introspection (confidential client)', () => {
    const introspectUrl = () => `${smart.connector.origin}/oauth/introspect`;
    const revokeUrl = () => `${smart.connector.origin}/oauth/revoke`;

    /** A provider's grant with offline_access, its code redeemed once. */
    async function offlineGrant(): Promise<{ code: string; verifier: string; tokens: OAuthReply }> {
      const flow = await runAuthorizeFlow(smart.protocolFlow(CONFIDENTIAL_CLIENT));
      expect(flow.redirect.searchParams.get('state')).toBe(flow.state);
      const code = flow.redirect.searchParams.get('code') ?? '';
      const tokens = await smart.exchange(CONFIDENTIAL_CLIENT, code, flow.pkce.verifier);
      expect(tokens.status).toBe(200);
      expect(tokens.body).toMatchObject({ patient: DEMO_PATIENT_ID, refresh_token: expect.any(String) });
      return { code, verifier: flow.pkce.verifier, tokens };
    }

    const refresh = (refreshToken: string) =>
      postOAuth(smart.tokenUrl, CONFIDENTIAL_CLIENT, { grant_type: 'refresh_token', refresh_token: refreshToken });
    const introspect = (token: string) => postOAuth(introspectUrl(), CONFIDENTIAL_CLIENT, { token });

    it('redeems an authorization code only once (RFC 6749 §4.1.2)', async () => {
      const { code, verifier } = await offlineGrant();
      const replayed = await smart.exchange(CONFIDENTIAL_CLIENT, code, verifier);
      expect(replayed.status).toBe(400);
      expect(replayed.body['error']).toBe('invalid_grant');
    });

    it('rotates the refresh token: the new one works, the old one no longer does', async () => {
      const { tokens } = await offlineGrant();
      const oldRefresh = String(tokens.body['refresh_token']);
      const refreshed = await refresh(oldRefresh);
      expect(refreshed.status).toBe(200);
      const newRefresh = String(refreshed.body['refresh_token']);
      expect(newRefresh).not.toBe(oldRefresh);
      expect(refreshed.body['patient']).toBe(DEMO_PATIENT_ID);
      expect(scopesOf(refreshed.body['scope']).sort()).toEqual(scopesOf(tokens.body['scope']).sort());
      expect(await smart.readPatient(String(refreshed.body['access_token']))).toBe(200);

      const reused = await refresh(oldRefresh);
      expect(reused.status).toBe(400);
      expect(reused.body['error']).toBe('invalid_grant');
      // A rotated-out token coming back means it leaked: the whole grant ends (OAuth 2.0 Security BCP §4.14.2).
      const afterReplay = await refresh(newRefresh);
      expect(afterReplay.body['error']).toBe('invalid_grant');
    });

    it('introspects a live access token, and revocation of the refresh token ends the grant', async () => {
      const { tokens } = await offlineGrant();
      const accessToken = String(tokens.body['access_token']);
      const refreshToken = String(tokens.body['refresh_token']);
      const active = await introspect(accessToken);
      expect(active.status).toBe(200);
      expect(active.body).toMatchObject({
        active: true,
        client_id: CONFIDENTIAL_CLIENT.clientId,
        patient: DEMO_PATIENT_ID,
      });
      expect(scopesOf(active.body['scope']).sort()).toEqual(scopesOf(tokens.body['scope']).sort());

      const revoked = await postOAuth(revokeUrl(), CONFIDENTIAL_CLIENT, {
        token: refreshToken,
        token_type_hint: 'refresh_token',
      });
      expect(revoked.status).toBe(200);
      const afterRevoke = await refresh(refreshToken);
      expect(afterRevoke.status).toBe(400);
      expect(afterRevoke.body['error']).toBe('invalid_grant');
      const inactive = await introspect(accessToken);
      expect(inactive.status).toBe(200);
      expect(inactive.body).toEqual({ active: false });
      // The gateway has never seen this token, so its first status check already finds the grant revoked (a token
      // it had cached would be refused within the 60 s re-check interval instead).
      expect(await smart.readPatient(accessToken)).toBe(401);
    });

    it('echoes the OpenID Connect nonce in the id_token', async () => {
      const nonce = randomState();
      const flow = await runAuthorizeFlow(
        smart.protocolFlow(CONFIDENTIAL_CLIENT, { scope: 'launch/patient openid fhirUser patient/Patient.rs', nonce }),
      );
      const reply = await smart.exchangeFlow(CONFIDENTIAL_CLIENT, flow);
      expect(reply.status).toBe(200);
      expect(reply.body['refresh_token']).toBeUndefined();
      const claims = await verifiedIdToken(
        String(reply.body['id_token']),
        String(smart.smartConfiguration['jwks_uri']),
        String(smart.smartConfiguration['issuer']),
        CONFIDENTIAL_CLIENT.clientId,
      );
      expect(claims['nonce']).toBe(nonce);
      expect(claims['fhirUser']).toEqual(
        expect.stringMatching(new RegExp(`(^|/)Practitioner/${DEMO_PRACTITIONER_ID}$`)),
      );
    });

    it('refuses a confidential client’s code exchange without its secret', async () => {
      const flow = await runAuthorizeFlow(smart.protocolFlow(CONFIDENTIAL_CLIENT));
      const withoutSecret: ClientAuth = { clientId: CONFIDENTIAL_CLIENT.clientId };
      const reply = await smart.exchangeFlow(withoutSecret, flow);
      // RFC 6749 §5.2: 401 is required only when the client tried the Authorization header; this one did not.
      expect([400, 401]).toContain(reply.status);
      expect(reply.body['error']).toBe('invalid_client');
    });
  });
});
