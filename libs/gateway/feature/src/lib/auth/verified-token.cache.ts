import { VERIFIED_TOKEN_MAX_AGE_MS } from '../gateway.constants';
import { BoundedCache } from '../http/bounded-cache';
import type { AccessTokenClaims } from './access-token-claims';

interface CachedToken {
  readonly claims: AccessTokenClaims;
  /** Epoch ms from which the entry is no longer served: its `exp`, or the end of its maximum age if sooner. */
  readonly staleAt: number;
}

/**
 * Claims of tokens whose signature verified and that the auth service said still stand, keyed by the token string,
 * so that the hot path skips the RS256 check (~0.1 ms) and the status round trip. An entry is served neither at or
 * after its `exp` nor longer than `maxAgeMs` (so a revocation takes effect within it); the LRU bound keeps memory flat.
 */
export class VerifiedTokenCache {
  private readonly entries: BoundedCache<string, CachedToken>;

  constructor(
    capacity: number,
    private readonly maxAgeMs: number = VERIFIED_TOKEN_MAX_AGE_MS,
  ) {
    this.entries = new BoundedCache(capacity);
  }

  get(token: string, nowMs: number): AccessTokenClaims | undefined {
    const entry = this.entries.get(token);
    if (entry === undefined) {
      return undefined;
    }
    if (entry.staleAt <= nowMs) {
      this.entries.delete(token);
      return undefined;
    }
    return entry.claims;
  }

  /** `verifiedAtMs`: when the token was checked; the entry ages from then. */
  set(token: string, claims: AccessTokenClaims, verifiedAtMs: number): void {
    this.entries.set(token, { claims, staleAt: Math.min(claims.exp * 1000, verifiedAtMs + this.maxAgeMs) });
  }
}
