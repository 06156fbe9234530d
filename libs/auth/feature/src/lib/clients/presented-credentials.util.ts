import { InvalidClientError, InvalidRequestError } from '@node-oauth/oauth2-server';
import { parseBasicCredentials } from '../token/basic-credentials.util';
import { JWT_BEARER_ASSERTION_TYPE } from './client-assertion.constants';

/** How the client of a request identified itself; nothing here is verified yet. */
export type PresentedCredentials =
  | { readonly kind: 'secret'; readonly clientId: string; readonly secret: string }
  | { readonly kind: 'assertion'; readonly assertion: string; readonly clientId: string | undefined }
  | { readonly kind: 'none'; readonly clientId: string };

/**
 * The client credentials of a token, introspection or revocation request: HTTP Basic, `client_id` + `client_secret`
 * in the body, a JWT `client_assertion`, or a public client's bare `client_id`. RFC 6749 §2.3 forbids using more
 * than one method in a request, and RFC 7521 §4.2 requires a `client_id` sent alongside to name the same client.
 */
export function presentedCredentials(
  form: Readonly<Record<string, unknown>>,
  authorization: string | undefined,
): PresentedCredentials {
  const field = (name: string): string | undefined => {
    const value = form[name];
    // RFC 6749 §3.1: a parameter sent without a value is treated as omitted.
    return typeof value === 'string' && value !== '' ? value : undefined;
  };
  const basic = authorization ? parseBasicCredentials(authorization) : undefined;
  const bodySecret = field('client_secret');
  const assertionType = field('client_assertion_type');
  const assertion = field('client_assertion');
  const clientId = field('client_id');
  const methods = [basic, bodySecret, assertionType ?? assertion].filter((method) => method !== undefined);
  if (methods.length > 1) {
    throw new InvalidRequestError('Invalid request: use exactly one client authentication method');
  }
  if (basic !== undefined) {
    if (clientId !== undefined && clientId !== basic.clientId) {
      throw new InvalidRequestError('Invalid request: `client_id` names another client than the Authorization header');
    }
    return basic.clientSecret === ''
      ? { kind: 'none', clientId: basic.clientId }
      : { kind: 'secret', clientId: basic.clientId, secret: basic.clientSecret };
  }
  if (assertionType !== undefined || assertion !== undefined) {
    return { kind: 'assertion', assertion: jwtBearerAssertion(assertionType, assertion), clientId };
  }
  if (clientId === undefined) {
    if (bodySecret !== undefined) {
      throw new InvalidRequestError('Missing parameter: `client_id`');
    }
    throw new InvalidClientError('Invalid client: client authentication is required');
  }
  return bodySecret === undefined ? { kind: 'none', clientId } : { kind: 'secret', clientId, secret: bodySecret };
}

/** RFC 7521 §4.2: both parameters are required, and this server understands only JWT assertions (RFC 7523). */
function jwtBearerAssertion(assertionType: string | undefined, assertion: string | undefined): string {
  if (assertionType !== JWT_BEARER_ASSERTION_TYPE) {
    throw new InvalidRequestError(`Invalid request: \`client_assertion_type\` must be ${JWT_BEARER_ASSERTION_TYPE}`);
  }
  if (assertion === undefined) {
    throw new InvalidRequestError('Missing parameter: `client_assertion`');
  }
  return assertion;
}
