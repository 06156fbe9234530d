import { compare, hash } from 'bcryptjs';

/** bcrypt work factor for user passwords and client secrets. */
export const BCRYPT_COST = 10;

/** A salted bcrypt hash of a password or client secret; the plain value is never stored. */
export function hashSecret(secret: string): Promise<string> {
  return hash(secret, BCRYPT_COST);
}

/** True when `secret` is the one `secretHash` was made from. */
export function verifySecret(secret: string, secretHash: string): Promise<boolean> {
  return compare(secret, secretHash);
}
