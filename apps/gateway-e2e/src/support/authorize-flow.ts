import {
  AUTHORIZE_PATH,
  AuthorizeSession,
  CONSENT_ACTION,
  LOGIN_ACTION,
  newPkce,
  PICKER_ACTION,
  type PageResponse,
  type Pkce,
  randomState,
} from './authorize-session';
import { findForm, requireForm, valuesOf } from './html-form';

export interface FlowOptions {
  readonly origin: string;
  readonly fhirBase: string;
  readonly clientId: string;
  readonly redirectUri: string;
  readonly scope: string;
  readonly user: { readonly username: string; readonly password: string };
  /** The patient to choose if the picker appears (the flow fails if it appears without one). */
  readonly patient?: string;
  readonly launch?: string;
  /** OpenID Connect nonce, echoed in the id_token. */
  readonly nonce?: string;
  /** Scopes to untick on the consent page. */
  readonly untick?: readonly string[];
  readonly decision?: 'allow' | 'deny';
  /** `POST` sends the authorize request as a form (SMART `authorize-post`); default `GET`. */
  readonly method?: 'GET' | 'POST';
}

export interface FlowResult {
  /** Where the server finally sent the browser: the app's redirect_uri with code or error. */
  readonly redirect: URL;
  readonly pkce: Pkce;
  readonly state: string;
  /** Whether the patient picker was shown. */
  readonly sawPicker: boolean;
  /** The scopes the consent page offered. */
  readonly offered: readonly string[];
}

function expectPage(page: PageResponse, action: string, step: string): void {
  if (page.status !== 200 || findForm(page.body, action) === undefined) {
    throw new Error(
      `${step}: expected a 200 page with the ${action} form, got ${page.status} ${page.location ?? ''}\n${page.body.slice(0, 1500)}`,
    );
  }
}

function definedFields(query: Record<string, string | undefined>): URLSearchParams {
  return new URLSearchParams(
    Object.entries(query).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}

/** The standard query of a SMART authorize request with S256 PKCE. */
export function authorizeQuery(options: FlowOptions, pkce: Pkce, state: string): Record<string, string | undefined> {
  return {
    response_type: 'code',
    client_id: options.clientId,
    redirect_uri: options.redirectUri,
    scope: options.scope,
    state,
    aud: options.fhirBase,
    code_challenge: pkce.challenge,
    code_challenge_method: 'S256',
    launch: options.launch,
    nonce: options.nonce,
  };
}

/**
 * Signs in, picks the patient when asked, answers the consent page and returns where the server redirected:
 * the same steps the Chromium test takes, for the cases where only the protocol matters.
 */
export async function runAuthorizeFlow(options: FlowOptions): Promise<FlowResult> {
  const session = new AuthorizeSession(options.origin);
  const pkce = newPkce();
  const state = randomState();
  const query = authorizeQuery(options, pkce, state);
  const login =
    options.method === 'POST'
      ? await session.post(AUTHORIZE_PATH, definedFields(query))
      : await session.authorize(query);
  expectPage(login, LOGIN_ACTION, 'authorize');
  let page = await session.submit(login, LOGIN_ACTION, options.user);
  const sawPicker = findForm(page.body, PICKER_ACTION) !== undefined;
  if (sawPicker) {
    if (options.patient === undefined) {
      throw new Error('the patient picker appeared but the flow names no patient');
    }
    page = await session.submit(page, PICKER_ACTION, { patient: options.patient, action: 'select' });
  }
  expectPage(page, CONSENT_ACTION, 'after sign-in');
  const offered = valuesOf(requireForm(page.body, CONSENT_ACTION), 'scope');
  const kept = offered.filter((scope) => !(options.untick ?? []).includes(scope));
  const answer = await session.submit(page, CONSENT_ACTION, { scope: kept, decision: options.decision ?? 'allow' });
  if (answer.location === undefined || !answer.location.startsWith(options.redirectUri)) {
    throw new Error(
      `consent: expected a redirect to ${options.redirectUri}, got ${answer.status}\n${answer.body.slice(0, 1500)}`,
    );
  }
  return { redirect: new URL(answer.location), pkce, state, sawPicker, offered };
}
