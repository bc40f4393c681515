import { describe, expect, it } from 'vitest';
import { createRandom, hashSeed } from './random.ts';

describe('createRandom', () => {
  it('repeats its sequence for a seed and spreads nearby seeds apart', () => {
    const a = createRandom(1);
    const b = createRandom(1);
    const seq = Array.from({ length: 20 }, () => a.float());
    expect(Array.from({ length: 20 }, () => b.float())).toEqual(seq);
    expect(createRandom(2).float()).not.toBe(seq[0]);
    expect(hashSeed(1, 'items')).not.toBe(hashSeed(1, 'incident'));
  });

  it('draws floats in [0, 1), whole numbers within bounds and weights in proportion', () => {
    const r = createRandom(42);
    const counts = { a: 0, b: 0 };
    let outOfBounds = 0;
    for (let i = 0; i < 20_000; i++) {
      const f = r.float();
      const n = r.int(3, 5);
      if (!(f >= 0 && f < 1 && n >= 3 && n <= 5 && Number.isInteger(n))) outOfBounds += 1;
      counts[r.weighted([['a', 1], ['b', 3]] as const)] += 1;
    }
    expect(outOfBounds).toBe(0);
    expect(counts.b / counts.a).toBeGreaterThan(2.7);
    expect(counts.b / counts.a).toBeLessThan(3.3);
    expect(() => r.pick([])).toThrow();
  });
});
