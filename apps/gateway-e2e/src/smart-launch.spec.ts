import type { Browser } from 'playwright-core';
import { DEMO_ACCOUNTS } from '@connector/embedded';
import { authorizeQuery } from './support/authorize-flow';
import { AuthorizeSession, LOGIN_ACTION, newPkce, randomState } from './support/authorize-session';
import { BrowserRun, launchChromium, openWatchedPage, waitForUrlPrefix, type WatchedPage } from './support/browser';
import { withoutServerMeta, type ExpectedResource } from './support/expected-resources';
import type { SmartApp, SmartAppResult } from './support/smart-app';
import {
  CONFIDENTIAL_CLIENT,
  DEMO_PATIENT,
  DEMO_PATIENT_ID,
  DEMO_PRACTITIONER_ID,
  OTHER_PATIENT,
  PATIENTS,
  PROTOCOL_REDIRECT,
  PUBLIC_CLIENT,
  REFUSED_SCOPE,
  fhirKit,
  scopesOf,
  startSmartFixture,
  statusOfFailure,
  stopSmartFixture,
  verifiedIdToken,
  type SmartFixture,
} from './support/smart-fixture';

/*
 * SMART App Launch end to end: a real app using the official `fhirclient` library, driven through the server's
 * login, patient-picker and consent pages in headless Chromium. The protocol edges over plain HTTP are in
 * smart-protocol.spec.ts. See https://hl7.org/fhir/smart-app-launch/app-launch.html
 */

function officialName(patient: ExpectedResource): { family: string; given: string } {
  const [name] = patient.resource['name'] as { family: string; given: string[] }[];
  return { family: name?.family ?? '', given: name?.given[0] ?? '' };
}

/** The SMART capabilities this spec and smart-protocol.spec.ts exercise, each in at least one test. */
const EXERCISED_CAPABILITIES = [
  'launch-ehr',
  'launch-standalone',
  'authorize-post',
  'client-public',
  'client-confidential-symmetric',
  'client-confidential-asymmetric',
  'sso-openid-connect',
  'context-ehr-patient',
  'context-ehr-encounter',
  'context-standalone-patient',
  'context-banner',
  'context-style',
  'permission-offline',
  'permission-online',
  'permission-patient',
  'permission-user',
  'permission-v1',
  'permission-v2',
];

describe('SMART App Launch (embedded Connector on a loopback port)', () => {
  let smart: SmartFixture;
  let browser: Browser;

  beforeAll(async () => {
    smart = await startSmartFixture();
    browser = await launchChromium();
  }, 60000);

  afterAll(async () => {
    await browser?.close();
    await stopSmartFixture(smart);
  });

  describe('discovery', () => {
    it('names the authorize, token, revocation and introspection endpoints and S256 PKCE', () => {
      const origin = smart.connector.origin;
      expect(smart.smartConfiguration).toMatchObject({
        authorization_endpoint: `${origin}/oauth/authorize`,
        token_endpoint: `${origin}/oauth/token`,
        code_challenge_methods_supported: ['S256'],
      });
      expect(smart.smartConfiguration['revocation_endpoint']).toEqual(
        expect.stringMatching(new RegExp(`^${origin}/oauth/`)),
      );
      expect(smart.smartConfiguration['introspection_endpoint']).toEqual(
        expect.stringMatching(new RegExp(`^${origin}/oauth/`)),
      );
      expect(smart.smartConfiguration['capabilities']).toEqual(expect.arrayContaining(EXERCISED_CAPABILITIES));
    });
  });

  /** Waits for the browser to land on the app's /callback page and returns what the page shows. */
  async function appResultPage(watched: WatchedPage, app: SmartApp): Promise<SmartAppResult> {
    await waitForUrlPrefix(watched, app.redirectUri);
    const shown = watched.page.locator('#result, #error').first();
    await shown.waitFor();
    const text = (await shown.textContent()) ?? '';
    if ((await shown.getAttribute('id')) === 'error') {
      throw new Error(`the SMART app failed at /callback: ${text}`);
    }
    return JSON.parse(text) as SmartAppResult;
  }

  async function signIn(watched: WatchedPage, user: { username: string; password: string }): Promise<void> {
    const { page } = watched;
    await page.locator('form[action="/oauth/authorize/login"]').waitFor();
    await page.fill('input[name="username"]', user.username);
    await page.fill('input[name="password"]', user.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }

  async function radioValues(watched: WatchedPage): Promise<string[]> {
    const radios = await watched.page.locator('input[type="radio"][name="patient"]').all();
    return Promise.all(radios.map(async (radio) => (await radio.getAttribute('value')) ?? ''));
  }

  describe('standalone launch by a provider in Chromium, with fhirclient', () => {
    const run = new BrowserRun<
      { pickerBefore: string[]; pickerAfterSearch: string[]; pickerLabel: string },
      SmartAppResult
    >();

    beforeAll(async () => {
      await run.record(browser, async (watched) => {
        await watched.page.goto(smart.standaloneApp.launchUrl);
        await waitForUrlPrefix(watched, `${smart.connector.origin}/oauth/authorize`);
        await signIn(watched, DEMO_ACCOUNTS.provider);
        const { page } = watched;
        await page.locator('form[action="/oauth/authorize/patient"]').waitFor();
        const pickerBefore = await radioValues(watched);
        await page.fill('input[name="q"]', officialName(DEMO_PATIENT).family);
        await page.getByRole('button', { name: 'Search' }).click();
        await page
          .locator('input[name="q"]')
          .and(page.locator(`[value="${officialName(DEMO_PATIENT).family}"]`))
          .waitFor();
        const pickerAfterSearch = await radioValues(watched);
        const radio = page.locator(`input[type="radio"][name="patient"][value="${DEMO_PATIENT_ID}"]`);
        const pickerLabel = (await page.locator('label', { has: radio }).textContent()) ?? '';
        run.reached({ pickerBefore, pickerAfterSearch, pickerLabel });
        await radio.check();
        await page.getByRole('button', { name: 'Continue' }).click();
        await page.locator('form[action="/oauth/authorize/consent"]').waitFor();
        await page.locator(`input[type="checkbox"][name="scope"][value="${REFUSED_SCOPE}"]`).uncheck();
        await page.getByRole('button', { name: 'Allow' }).click();
        return appResultPage(watched, smart.standaloneApp);
      });
    }, 45000);

    it('lists patients in the picker and filters them by name', () => {
      const { pickerBefore, pickerAfterSearch, pickerLabel } = run.step();
      expect(pickerBefore).toContain(DEMO_PATIENT_ID);
      expect(pickerBefore.length).toBeGreaterThan(1);
      const family = officialName(DEMO_PATIENT).family;
      const matching = PATIENTS.filter((patient) => officialName(patient).family.includes(family)).map(
        (patient) => patient.id,
      );
      expect([...pickerAfterSearch].sort()).toEqual([...matching].sort());
      expect(pickerLabel).toContain(officialName(DEMO_PATIENT).given);
      expect(pickerLabel).toContain(family);
    });

    it('lands on the app, which reads the chosen patient through fhirclient', () => {
      const result = run.result();
      expect(result.patientId).toBe(DEMO_PATIENT_ID);
      expect(withoutServerMeta(result.requested)).toEqual(DEMO_PATIENT.resource);
      expect(withoutServerMeta(result.read)).toEqual(DEMO_PATIENT.resource);
    });

    it('grants what was asked minus the scope unticked on the consent page', () => {
      const result = run.result();
      const granted = scopesOf(result.tokenResponse['scope']);
      expect(granted).not.toContain(REFUSED_SCOPE);
      expect(granted).toEqual(expect.arrayContaining(['patient/Patient.rs', 'openid', 'fhirUser', 'offline_access']));
      expect(result.tokenResponse).toMatchObject({
        token_type: expect.stringMatching(/^bearer$/i),
        patient: DEMO_PATIENT_ID,
      });
      expect(result.tokenResponse['expires_in']).toEqual(expect.any(Number));
      expect(result.tokenResponse['refresh_token']).toEqual(expect.any(String));
      expect(result.tokenResponse['need_patient_banner']).toEqual(expect.any(Boolean));
      expect(result.tokenResponse['smart_style_url']).toEqual(expect.any(String));
    });

    it('issues a signed id_token naming the provider as fhirUser, for this client, from the advertised issuer', async () => {
      const result = run.result();
      expect(result.fhirUser).toBe(`Practitioner/${DEMO_PRACTITIONER_ID}`);
      const claims = await verifiedIdToken(
        String(result.tokenResponse['id_token']),
        String(smart.smartConfiguration['jwks_uri']),
        String(smart.smartConfiguration['issuer']),
        PUBLIC_CLIENT.clientId,
      );
      expect(claims['fhirUser']).toEqual(
        expect.stringMatching(new RegExp(`(^|/)Practitioner/${DEMO_PRACTITIONER_ID}$`)),
      );
    });

    it('lets fhir-kit-client read and search with the access token, within the granted scopes only', async () => {
      const result = run.result();
      const client = fhirKit(smart.connector.fhirBase, String(result.tokenResponse['access_token']));
      const read = (await client.read({ resourceType: 'Patient', id: DEMO_PATIENT_ID })) as unknown as Record<
        string,
        unknown
      >;
      expect(withoutServerMeta(read)).toEqual(DEMO_PATIENT.resource);
      const bundle = (await client.search({ resourceType: 'Patient', searchParams: { _id: DEMO_PATIENT_ID } })) as {
        entry?: { resource: { id: string } }[];
      };
      expect(bundle.entry?.map((entry) => entry.resource.id)).toEqual([DEMO_PATIENT_ID]);
      const refused = client.search({ resourceType: 'Observation', searchParams: { patient: DEMO_PATIENT_ID } });
      expect(await statusOfFailure(refused)).toBe(403);
    });
  });

  describe('standalone launch by a patient in Chromium', () => {
    const run = new BrowserRun<{ pickerShown: number }, SmartAppResult>();

    beforeAll(async () => {
      await run.record(browser, async (watched) => {
        await watched.page.goto(smart.standaloneApp.launchUrl);
        await signIn(watched, DEMO_ACCOUNTS.patient);
        await watched.page.locator('form[action="/oauth/authorize/consent"]').waitFor();
        run.reached({ pickerShown: await watched.page.locator('form[action="/oauth/authorize/patient"]').count() });
        await watched.page.getByRole('button', { name: 'Allow' }).click();
        return appResultPage(watched, smart.standaloneApp);
      });
    }, 45000);

    it('skips the picker and shows the consent page right after sign-in', () => {
      expect(run.step().pickerShown).toBe(0);
    });

    it('puts the patient’s own record in context', () => {
      const result = run.result();
      expect(result.patientId).toBe(DEMO_PATIENT_ID);
      expect(result.fhirUser).toBe(`Patient/${DEMO_PATIENT_ID}`);
      expect(withoutServerMeta(result.read)).toEqual(DEMO_PATIENT.resource);
    });

    it('cannot read another patient', async () => {
      const result = run.result();
      const client = fhirKit(smart.connector.fhirBase, String(result.tokenResponse['access_token']));
      const status = await statusOfFailure(client.read({ resourceType: 'Patient', id: OTHER_PATIENT.id }));
      expect([403, 404]).toContain(status);
    });
  });

  describe('EHR launch', () => {
    let providerToken: string;

    beforeAll(async () => {
      providerToken = await smart.passwordToken(DEMO_ACCOUNTS.provider);
    });

    it('refuses to create a launch context without a token', async () => {
      const response = await smart.createLaunch({ patient: OTHER_PATIENT.id }, undefined);
      expect(response.status).toBe(401);
    });

    it('refuses to let a patient create a launch context', async () => {
      const response = await smart.createLaunch(
        { patient: OTHER_PATIENT.id },
        await smart.passwordToken(DEMO_ACCOUNTS.patient),
      );
      expect(response.status).toBe(403);
    });

    it('refuses a patient who signs in to a launch for another patient, with no code', async () => {
      const created = await smart.createLaunch({ patient: OTHER_PATIENT.id }, providerToken);
      const { launch } = (await created.json()) as { launch: string };
      const session = new AuthorizeSession(smart.connector.origin);
      const state = randomState();
      const options = smart.protocolFlow(PUBLIC_CLIENT, { scope: 'launch patient/*.rs', launch });
      const login = await session.authorize(authorizeQuery(options, newPkce(), state));
      const answer = await session.submit(login, LOGIN_ACTION, DEMO_ACCOUNTS.patient);
      const redirect = new URL(answer.location ?? 'about:blank');
      expect(`${redirect.origin}${redirect.pathname}`).toBe(PROTOCOL_REDIRECT);
      expect(redirect.searchParams.get('error')).toBe('access_denied');
      expect(redirect.searchParams.get('state')).toBe(state);
      expect(redirect.searchParams.has('code')).toBe(false);
    });

    it('launches the app with the EHR’s patient: sign-in, consent (billing left out), no picker, that patient in the token', async () => {
      const created = await smart.createLaunch({ patient: OTHER_PATIENT.id }, providerToken);
      expect(created.status).toBe(200);
      const launch = (await created.json()) as { launch: string; expires_in: number };
      expect(launch.launch).toEqual(expect.any(String));
      expect(launch.expires_in).toBeGreaterThan(0);

      const watched = await openWatchedPage(browser);
      try {
        const url = new URL(smart.ehrApp.launchUrl);
        url.searchParams.set('iss', smart.connector.fhirBase);
        url.searchParams.set('launch', launch.launch);
        await watched.page.goto(url.toString());
        await signIn(watched, DEMO_ACCOUNTS.provider);
        await watched.page.locator('form[action="/oauth/authorize/consent"]').waitFor();
        expect(await watched.page.locator('form[action="/oauth/authorize/patient"]').count()).toBe(0);
        await watched.page.getByText('Leave out kinds of records').click();
        await watched.page.getByLabel('Insurance and billing').check();
        await watched.page.getByRole('button', { name: 'Allow' }).click();
        const result = await appResultPage(watched, smart.ehrApp);
        const granted = scopesOf(result.tokenResponse['scope']);
        expect(granted).not.toContain('patient/*.rs');
        expect(granted).toEqual(expect.arrayContaining(['patient/Patient.rs', 'patient/Observation.rs']));
        expect(granted).not.toContain('patient/Coverage.rs');
        const client = fhirKit(smart.connector.fhirBase, String(result.tokenResponse['access_token']));
        expect(await statusOfFailure(client.search({ resourceType: 'Coverage', searchParams: {} }))).toBe(403);
        expect(result.patientId).toBe(OTHER_PATIENT.id);
        expect(result.tokenResponse['patient']).toBe(OTHER_PATIENT.id);
        expect(withoutServerMeta(result.read)).toEqual(OTHER_PATIENT.resource);
        expect(result.idToken).toMatchObject({ aud: CONFIDENTIAL_CLIENT.clientId });
      } finally {
        await watched.close();
      }
    }, 45000);
  });
});
