import { BoundedCache } from './bounded-cache';

describe(BoundedCache.name, () => {
  describe('set', () => {
    it('evicts the oldest entry when full', () => {
      const cache = new BoundedCache<string, number>(2);
      cache.set('a', 1);
      cache.set('b', 2);
      cache.set('c', 3);
      expect([cache.get('a'), cache.get('b'), cache.get('c'), cache.size]).toEqual([undefined, 2, 3, 2]);
    });

    it('replaces a key without evicting another', () => {
      const cache = new BoundedCache<string, number>(2);
      cache.set('a', 1);
      cache.set('b', 2);
      cache.set('a', 10);
      expect([cache.get('a'), cache.get('b')]).toEqual([10, 2]);
    });
  });

  describe('get', () => {
    it('makes the entry the most recently used', () => {
      const cache = new BoundedCache<string, number>(2);
      cache.set('a', 1);
      cache.set('b', 2);
      cache.get('a');
      cache.set('c', 3);
      expect([cache.get('a'), cache.get('b')]).toEqual([1, undefined]);
    });
  });
});
