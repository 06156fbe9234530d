import { randomBytes, timingSafeEqual } from 'node:crypto';
import { sha256Hex } from '../secrets/token-hash.util';

/** The cookie that ties an authorize request to the browser that started it (against login CSRF and fixation). */
export const BINDING_COOKIE = 'connector_authorize';

const SECRET_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** A fresh random value (256 bits, base64url): request ids, CSRF tokens, cookie secrets, codes, refresh tokens. */
export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The binding secret the browser already holds, if its Cookie header carries a well-formed one. */
export function bindingSecretOf(cookieHeader: string | undefined): string | undefined {
  for (const part of (cookieHeader ?? '').split(';')) {
    const [name, ...rest] = part.trim().split('=');
    const value = rest.join('=');
    if (name === BINDING_COOKIE && SECRET_PATTERN.test(value)) {
      return value;
    }
  }
  return undefined;
}

/** `Set-Cookie` for the binding secret: HttpOnly, SameSite=Lax (the form posts are same-site), only on our paths. */
export function bindingCookie(secret: string, secure: boolean, maxAgeSeconds: number): string {
  return `${BINDING_COOKIE}=${secret}; Path=/oauth/authorize; Max-Age=${maxAgeSeconds}; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;
}

/** Constant-time string comparison for secrets of equal expected length. */
export function sameSecret(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined) {
    return false;
  }
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

export function bindingOf(secret: string): string {
  return sha256Hex(secret);
}
