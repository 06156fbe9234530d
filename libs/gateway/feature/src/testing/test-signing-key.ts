import { exportJWK, generateKeyPair, type KeyLike, SignJWT } from 'jose';

/** An RS256 key pair for signing test access tokens, with its public JWK as the auth service would publish it. */
export interface TestSigningKey {
  readonly kid: string;
  readonly privateKey: KeyLike;
  readonly publicJwk: Record<string, unknown>;
}

export async function generateTestSigningKey(kid: string): Promise<TestSigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  return { kid, privateKey, publicJwk };
}

export interface TestTokenOptions {
  readonly issuer: string;
  /** Expiry in epoch seconds. */
  readonly exp: number;
  readonly scope?: string;
  readonly subject?: string;
  readonly kid?: string;
  /** Further claims, e.g. `role` and `patient` for a patient-context token. */
  readonly claims?: Record<string, unknown>;
}

/** Signs an access token the way the auth service does (RS256, kid in the header). */
export function signTestToken(key: TestSigningKey, options: TestTokenOptions): Promise<string> {
  return new SignJWT({ ...options.claims, scope: options.scope ?? 'user/*.read' })
    .setProtectedHeader({ alg: 'RS256', kid: options.kid ?? key.kid })
    .setIssuer(options.issuer)
    .setSubject(options.subject ?? 'test-user')
    .setIssuedAt(options.exp - 3600)
    .setExpirationTime(options.exp)
    .sign(key.privateKey);
}
