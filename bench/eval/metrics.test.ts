import { describe, expect, it } from 'vitest';
import { accuracy, foldOf, macroF1 } from './metrics.ts';

describe('evaluation metrics', () => {
  it('compute accuracy and macro-F1', () => {
    const gold = ['a', 'a', 'b', 'b', 'c'];
    const pred = ['a', 'b', 'b', 'b', 'a'];
    expect(accuracy(gold, pred)).toBeCloseTo(0.6);
    // F1: a = 0.5, b = 0.8, c = 0 → 0.4333
    expect(macroF1(gold, pred)).toBeCloseTo((0.5 + 0.8 + 0) / 3);
  });

  it('assign folds deterministically and evenly', () => {
    const counts = [0, 0, 0, 0, 0];
    for (let i = 0; i < 10_000; i++) counts[foldOf(i, 5)]!++;
    for (const c of counts) expect(c).toBeGreaterThan(1800);
    expect(foldOf(42, 5)).toBe(foldOf(42, 5));
  });
});
