import { OAuthError } from '@node-oauth/oauth2-server';
import type { OAuthHttpReply } from '@connector/contracts';
import { CLIENT_AUTHENTICATE_CHALLENGE, TOKEN_RESPONSE_HEADERS } from './token-response.constants';

/** The error codes a token endpoint may answer with. See https://www.rfc-editor.org/rfc/rfc6749#section-5.2 */
const TOKEN_ERROR_CODES: ReadonlySet<string> = new Set([
  'invalid_request',
  'invalid_client',
  'invalid_grant',
  'unauthorized_client',
  'unsupported_grant_type',
  'invalid_scope',
]);

/**
 * The RFC 6749 §5.2 answer to a failed token request. `invalid_client` is always 401 with a Basic challenge (RFC 6749
 * requires it when Basic was tried and allows it otherwise; RFC 7235 requires the challenge on every 401). Anything
 * that is not a protocol error becomes an opaque `server_error` 500: internals stay in the log.
 */
export function oauthErrorReply(error: unknown): OAuthHttpReply {
  if (!(error instanceof OAuthError) || !TOKEN_ERROR_CODES.has(error.name)) {
    return reply(500, 'server_error', 'The server could not issue a token');
  }
  if (error.name === 'invalid_client') {
    return reply(401, error.name, error.message, { 'WWW-Authenticate': CLIENT_AUTHENTICATE_CHALLENGE });
  }
  return reply(400, error.name, error.message);
}

function reply(
  status: number,
  code: string,
  description: string,
  headers: Record<string, string> = {},
): OAuthHttpReply {
  return {
    status,
    body: { error: code, error_description: description },
    headers: { ...TOKEN_RESPONSE_HEADERS, ...headers },
  };
}
