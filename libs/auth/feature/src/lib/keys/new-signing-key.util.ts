import { calculateJwkThumbprint, exportJWK, generateKeyPair } from 'jose';
import { SigningKeyEntity } from '@connector/auth-data-access';
import { SIGNING_ALGORITHM, SIGNING_KEY_BITS } from './signing-key.constants';

/**
 * A fresh RSA key pair as JWKs, identified by the RFC 7638 thumbprint of its public half (so the `kid` is derived
 * from the key itself and two copies of the service can never give different keys the same id).
 */
export async function newSigningKey(now: Date): Promise<SigningKeyEntity> {
  const { publicKey, privateKey } = await generateKeyPair(SIGNING_ALGORITHM, {
    modulusLength: SIGNING_KEY_BITS,
    extractable: true,
  });
  const publicJwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(publicJwk, 'sha256');
  const key = new SigningKeyEntity();
  key.kid = kid;
  key.alg = SIGNING_ALGORITHM;
  key.publicJwk = JSON.stringify({ ...publicJwk, kid, alg: SIGNING_ALGORITHM, use: 'sig' });
  key.privateJwk = JSON.stringify({ ...(await exportJWK(privateKey)), kid, alg: SIGNING_ALGORITHM });
  key.createdAt = now.toISOString();
  key.active = true;
  return key;
}
