/** Access tokens are RS256 JWTs: verifiable by anyone holding the public JWKS, signable only by the auth service. */
export const SIGNING_ALGORITHM = 'RS256';

/** RSA modulus size of a new signing key (RFC 7518 §3.3 requires at least 2048). */
export const SIGNING_KEY_BITS = 2048;

/** How often each copy of the service re-reads which key is active (a rotation reaches all copies in this time). */
export const ACTIVE_KEY_RECHECK_MS = 60_000;
