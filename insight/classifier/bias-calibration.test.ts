import { describe, expect, it } from 'vitest';
import { fitClassBiases, linearScores, outOfFoldScores } from './bias-calibration.ts';
import { foldOf } from './fold-of.ts';
import type { SparseVector } from './tfidf-vectorizer.ts';

const predictions = (scores: Float64Array[], b: Float64Array) =>
  scores.map((z) => {
    let best = 0;
    for (let k = 1; k < z.length; k++) if (z[k]! + b[k]! > z[best]! + b[best]!) best = k;
    return best;
  });

describe('fitClassBiases', () => {
  it('keeps zero offsets when the scores already decide every row right', () => {
    const scores = [Float64Array.of(2, 0), Float64Array.of(0, 2), Float64Array.of(1.5, 0.5), Float64Array.of(0.2, 1)];
    expect([...fitClassBiases(scores, Int32Array.of(0, 1, 0, 1), 2)]).toEqual([0, 0]);
  });

  it('raises a label its scores undersell, and then decides its rows right', () => {
    // Label 1 always scores 0.5 below where it should: every row goes to label 0 unaided.
    const gold = Int32Array.from({ length: 40 }, (_, i) => (i % 4 === 0 ? 1 : 0));
    const scores = Array.from(gold, (g, i) => Float64Array.of(1, g === 1 ? 0.8 : 0.2 + (i % 3) * 0.1));
    expect(predictions(scores, new Float64Array(2))).not.toContain(1);
    const b = fitClassBiases(scores, gold, 2);
    expect(b[1]! - b[0]!).toBeGreaterThan(0.2);
    expect(b[1]! - b[0]!).toBeLessThan(0.8);
    expect(predictions(scores, b)).toEqual([...gold]);
  });

  it('moves by whole grid steps, at most `steps` of them', () => {
    // Rows of (0.5, -0.5) and (2.5, -2.5): deviations from the row mean of 0.5 and 2.5, a
    // spread of √((0.25 + 6.25) / 2), so steps of a quarter of that. Label 1 is every row's
    // gold label: the search raises it as far as the grid allows, which wins the near rows.
    const spread = Math.sqrt((0.25 + 6.25) / 2);
    const scores = Array.from({ length: 12 }, (_, i) => (i % 2 ? Float64Array.of(0.5, -0.5) : Float64Array.of(2.5, -2.5)));
    const b = fitClassBiases(scores, new Int32Array(12).fill(1), 2, { step: 0.25, steps: 4 });
    for (const v of b) {
      expect(Math.abs(v)).toBeLessThanOrEqual(spread + 1e-9);
      const steps = v / (0.25 * spread);
      expect(Math.abs(steps - Math.round(steps))).toBeLessThan(1e-9);
    }
    expect(predictions(scores, b)).toEqual(scores.map((_, i) => (i % 2 ? 1 : 0)));
  });

  it('returns zeros for no rows or scores that do not vary', () => {
    expect([...fitClassBiases([], new Int32Array(0), 3)]).toEqual([0, 0, 0]);
    expect([...fitClassBiases([Float64Array.of(1, 1)], Int32Array.of(1), 2)]).toEqual([0, 0]);
  });
});

describe('outOfFoldScores', () => {
  it('scores each row with the model of the fold that left it out', () => {
    const xs: SparseVector[] = Array.from({ length: 10 }, (_, i) => ({ indices: Int32Array.of(0), values: Float32Array.of(i) }));
    const trainedOn: number[][] = [];
    // A "model" whose weight is the number of rows it was trained on, so each score tells its fold.
    const scores = outOfFoldScores(xs, 3, (rows) => {
      trainedOn.push(rows);
      return { features: 1, classes: 1, weights: Float32Array.of(rows.length), bias: Float32Array.of(0) };
    });
    expect(trainedOn).toHaveLength(3);
    xs.forEach((_, i) => {
      const fold = foldOf(i, 3);
      expect(trainedOn[fold]).not.toContain(i);
      expect(scores[i]![0]).toBe(i * trainedOn[fold]!.length);
    });
  });

  it('linearScores is bias plus the weighted features', () => {
    const linear = { features: 2, classes: 2, weights: Float32Array.of(1, 2, 3, 4), bias: Float32Array.of(0.5, -0.5) };
    expect([...linearScores(linear, { indices: Int32Array.of(1), values: Float32Array.of(2) })]).toEqual([6.5, 7.5]);
  });
});
