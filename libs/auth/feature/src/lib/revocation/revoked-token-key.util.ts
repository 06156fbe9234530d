/** The `auth_revoked_token` key of a revoked access token (RFC 7009), kept until the token's `exp`. */
export function revokedAccessTokenKey(jti: string): string {
  return `access:${jti}`;
}

/** The `auth_revoked_token` key of a used client assertion (RFC 7523 §3 replay protection), kept until its `exp`. */
export function usedAssertionKey(clientId: string, jti: string): string {
  return `assertion:${clientId}:${jti}`;
}
