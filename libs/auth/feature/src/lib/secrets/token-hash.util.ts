import { createHash } from 'node:crypto';

/**
 * The SHA-256 of a token as lowercase hex: how refresh tokens are stored and looked up. A fast hash suffices (unlike
 * passwords) because the tokens are 256 random bits, beyond any guessing.
 */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
