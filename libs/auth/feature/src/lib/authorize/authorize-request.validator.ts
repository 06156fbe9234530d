import type { ClientEntity } from '@connector/auth-data-access';
import { hasRegisteredKeys } from '../clients/client-key-set.util';
import type { AuthorizeErrorCode } from './authorize-reply.util';

/** A well-formed authorize request, ready to store while the user signs in. */
export interface ValidAuthorizeRequest {
  readonly kind: 'valid';
  readonly redirectUri: string;
  readonly scopes: string[];
  readonly state: string | null;
  readonly codeChallenge: string | null;
  readonly nonce: string | null;
  readonly launch: string | null;
}

/** An error to send back to the app at its (verified) redirect URI. */
export interface RedirectableError {
  readonly kind: 'redirect';
  readonly redirectUri: string;
  readonly error: AuthorizeErrorCode;
  readonly description: string;
  readonly state: string | null;
}

/** An error that must not be redirected (RFC 6749 §4.1.2.1): shown to the user instead. */
export interface PageError {
  readonly kind: 'page';
  readonly message: string;
}

export type AuthorizeValidation = ValidAuthorizeRequest | RedirectableError | PageError;

/** RFC 7636 §4.1: 43–128 characters of the unreserved set; S256 challenges are always 43. */
const CODE_CHALLENGE_PATTERN = /^[A-Za-z0-9._~-]{43,128}$/;

/**
 * Checks an authorization request in the order RFC 6749 §4.1.2.1 demands: first the client and redirect URI (errors
 * there are shown, never redirected, to avoid an open redirector), then everything else (errors go back to the app).
 * SMART additions: `aud` must be this server's FHIR base URL, and PKCE S256 is required of public clients and
 * checked for everyone who sends it (`plain` is refused). See https://hl7.org/fhir/smart-app-launch/app-launch.html
 */
export function validateAuthorizeRequest(
  params: Readonly<Record<string, string>>,
  client: ClientEntity | null,
  fhirBaseUrls: readonly string[],
): AuthorizeValidation {
  if (!client) {
    return { kind: 'page', message: 'Unknown client_id: this application is not registered with the server.' };
  }
  const redirectUri = params['redirect_uri'] ?? (client.redirectUris.length === 1 ? client.redirectUris[0] : undefined);
  if (redirectUri === undefined || !client.redirectUris.includes(redirectUri)) {
    return { kind: 'page', message: 'The redirect_uri is missing or not registered for this application.' };
  }
  const state = params['state'] ?? null;
  const fail = (error: AuthorizeErrorCode, description: string): RedirectableError => ({
    kind: 'redirect',
    redirectUri,
    error,
    description,
    state,
  });
  if (params['response_type'] !== 'code') {
    return fail('unsupported_response_type', 'response_type must be "code"');
  }
  if (!client.grantTypes.includes('authorization_code')) {
    return fail('unauthorized_client', 'This client may not use the authorization code grant');
  }
  if (!sameFhirBase(params['aud'], fhirBaseUrls)) {
    return fail('invalid_request', 'aud must be the FHIR base URL of this server');
  }
  const pkce = checkPkce(params, client);
  if (pkce !== undefined) {
    return fail('invalid_request', pkce);
  }
  const scopes = [...new Set((params['scope'] ?? '').split(' ').filter((scope) => scope !== ''))];
  if (scopes.length === 0) {
    return fail('invalid_scope', 'scope is required');
  }
  return {
    kind: 'valid',
    redirectUri,
    scopes,
    state,
    codeChallenge: params['code_challenge'] ?? null,
    nonce: params['nonce'] ?? null,
    launch: params['launch'] ?? null,
  };
}

/** Why the PKCE parameters are unacceptable, or undefined when they are fine. */
function checkPkce(params: Readonly<Record<string, string>>, client: ClientEntity): string | undefined {
  const challenge = params['code_challenge'];
  const method = params['code_challenge_method'];
  if (challenge === undefined) {
    const isPublic = client.secretHash === null && !hasRegisteredKeys(client);
    return isPublic ? 'code_challenge is required (PKCE S256) for public clients' : undefined;
  }
  if (method !== 'S256') {
    return 'code_challenge_method must be S256 (plain is not supported)';
  }
  return CODE_CHALLENGE_PATTERN.test(challenge) ? undefined : 'code_challenge is malformed';
}

/** `aud` compared with the server's base URLs, ignoring one trailing slash. */
function sameFhirBase(aud: string | undefined, fhirBaseUrls: readonly string[]): boolean {
  if (aud === undefined) {
    return false;
  }
  const wanted = aud.replace(/\/$/, '');
  return fhirBaseUrls.some((base) => base.replace(/\/$/, '') === wanted);
}
