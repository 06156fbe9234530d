import { BoundedCache } from '../http/bounded-cache';
import type { AccessTokenClaims } from './access-token-claims';

/**
 * Claims of tokens whose signature already verified, keyed by the token string, so that the hot path skips the
 * RS256 check (~0.1 ms). An entry is only ever served before its `exp`; the LRU bound keeps memory flat.
 */
export class VerifiedTokenCache {
  private readonly entries: BoundedCache<string, AccessTokenClaims>;

  constructor(capacity: number) {
    this.entries = new BoundedCache(capacity);
  }

  get(token: string, nowMs: number): AccessTokenClaims | undefined {
    const claims = this.entries.get(token);
    if (claims === undefined) {
      return undefined;
    }
    if (claims.exp * 1000 <= nowMs) {
      this.entries.delete(token);
      return undefined;
    }
    return claims;
  }

  set(token: string, claims: AccessTokenClaims): void {
    this.entries.set(token, claims);
  }
}
