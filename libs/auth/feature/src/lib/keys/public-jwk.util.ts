import type { JWK } from 'jose';
import type { SigningKeyEntity } from '@connector/auth-data-access';

/**
 * The JWKS entry of a stored key: only the RSA public members (`kty`, `n`, `e`) are copied, so a private member
 * can never leak into the published set whatever the stored JSON holds. See https://www.rfc-editor.org/rfc/rfc7517#section-4
 */
export function publicJwkOf(key: SigningKeyEntity): JWK {
  const stored = JSON.parse(key.publicJwk) as JWK;
  return { kty: stored.kty, n: stored.n, e: stored.e, kid: key.kid, alg: key.alg, use: 'sig' };
}
