import type { AccessTokenClaims } from './access-token-claims';
import { VerifiedTokenCache } from './verified-token.cache';

const HOUR_MS = 3_600_000;
const claims = (exp: number): AccessTokenClaims => ({ exp, sub: 'ann' });

describe(VerifiedTokenCache.name, () => {
  describe('get', () => {
    it('returns the claims before exp', () => {
      const cache = new VerifiedTokenCache(10, HOUR_MS);
      cache.set('t', claims(100), 0);
      expect(cache.get('t', 99_999)).toEqual(claims(100));
    });

    it('returns nothing at exp, and forgets the entry', () => {
      const cache = new VerifiedTokenCache(10, HOUR_MS);
      cache.set('t', claims(100), 0);
      expect(cache.get('t', 100_000)).toBeUndefined();
      expect(cache.get('t', 0)).toBeUndefined();
    });

    it('returns nothing once the maximum age has passed, even before exp', () => {
      const cache = new VerifiedTokenCache(10, 60_000);
      cache.set('t', claims(3600), 10_000);
      expect(cache.get('t', 69_999)).toEqual(claims(3600));
      expect(cache.get('t', 70_000)).toBeUndefined();
    });

    it('ages entries by 60 seconds by default', () => {
      const cache = new VerifiedTokenCache(10);
      cache.set('t', claims(3600), 0);
      expect(cache.get('t', 59_999)).toEqual(claims(3600));
      expect(cache.get('t', 60_000)).toBeUndefined();
    });

    it('keeps at most its capacity, dropping the least recently read', () => {
      const cache = new VerifiedTokenCache(2);
      cache.set('a', claims(100), 0);
      cache.set('b', claims(100), 0);
      cache.get('a', 0);
      cache.set('c', claims(100), 0);
      expect([cache.get('a', 0), cache.get('b', 0), cache.get('c', 0)]).toEqual([claims(100), undefined, claims(100)]);
    });

    it('caches nothing with capacity 0', () => {
      const cache = new VerifiedTokenCache(0);
      cache.set('t', claims(100), 0);
      expect(cache.get('t', 0)).toBeUndefined();
    });
  });
});
