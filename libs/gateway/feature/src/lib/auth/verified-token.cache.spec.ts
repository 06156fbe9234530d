import type { AccessTokenClaims } from './access-token-claims';
import { VerifiedTokenCache } from './verified-token.cache';

const claims = (exp: number): AccessTokenClaims => ({ exp, sub: 'ann' });

describe(VerifiedTokenCache.name, () => {
  describe('get', () => {
    it('returns the claims before exp', () => {
      const cache = new VerifiedTokenCache(10);
      cache.set('t', claims(100));
      expect(cache.get('t', 99_999)).toEqual(claims(100));
    });

    it('returns nothing at exp, and forgets the entry', () => {
      const cache = new VerifiedTokenCache(10);
      cache.set('t', claims(100));
      expect(cache.get('t', 100_000)).toBeUndefined();
      expect(cache.get('t', 0)).toBeUndefined();
    });

    it('keeps at most its capacity, dropping the least recently read', () => {
      const cache = new VerifiedTokenCache(2);
      cache.set('a', claims(100));
      cache.set('b', claims(100));
      cache.get('a', 0);
      cache.set('c', claims(100));
      expect([cache.get('a', 0), cache.get('b', 0), cache.get('c', 0)]).toEqual([claims(100), undefined, claims(100)]);
    });

    it('caches nothing with capacity 0', () => {
      const cache = new VerifiedTokenCache(0);
      cache.set('t', claims(100));
      expect(cache.get('t', 0)).toBeUndefined();
    });
  });
});
