import { SeededRandom } from './seeded-random';

describe(SeededRandom.name, () => {
  describe('next', () => {
    it('repeats the same sequence for the same seed and differs for another', () => {
      const draw = (seed: number) => {
        const random = new SeededRandom(seed);
        return Array.from({ length: 20 }, () => random.next());
      };

      expect(draw(42)).toEqual(draw(42));
      expect(draw(43)).not.toEqual(draw(42));
      expect(draw(42).every((value) => value >= 0 && value < 1)).toBe(true);
    });
  });

  describe('int', () => {
    it('stays within both bounds and reaches each of them', () => {
      const random = new SeededRandom(1);
      const values = new Set(Array.from({ length: 500 }, () => random.int(2, 4)));

      expect([...values].sort()).toEqual([2, 3, 4]);
    });
  });

  describe('sample', () => {
    it('returns distinct items of the list', () => {
      const chosen = new SeededRandom(7).sample(['a', 'b', 'c', 'd'], 3);

      expect(new Set(chosen).size).toBe(3);
      expect(chosen.every((item) => ['a', 'b', 'c', 'd'].includes(item))).toBe(true);
    });
  });
});
