import { AccessTokenError } from './access-token.error';

// RFC 6750 §2.1: b64token = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="
const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i;
const BEARER_SCHEME = /^Bearer(?: |$)/i;

/**
 * The token of an `Authorization: Bearer …` header. No header, or another scheme, counts as "missing" (the
 * client did not try bearer auth); a Bearer header without a well-formed token counts as "invalid".
 */
export function bearerTokenOf(authorization: string | undefined): string {
  if (authorization === undefined || !BEARER_SCHEME.test(authorization)) {
    throw new AccessTokenError('missing');
  }
  const match = BEARER.exec(authorization);
  if (!match) {
    throw new AccessTokenError('invalid');
  }
  return match[1];
}
