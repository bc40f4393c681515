import { describe, expect, it } from 'vitest';
import { scores, softmaxInPlace, trainSoftmaxRegression } from './softmax-regression.ts';
import type { SparseVector } from './tfidf-vectorizer.ts';

// Feature k marks class k; feature 3 is shared noise.
function data(n: number): { xs: SparseVector[]; ys: Int32Array } {
  const xs: SparseVector[] = [];
  const ys: number[] = [];
  for (let i = 0; i < n; i++) {
    const y = i % 3;
    xs.push({ indices: Int32Array.of(y, 3), values: Float32Array.of(0.8, 0.6) });
    ys.push(y);
  }
  return { xs, ys: Int32Array.from(ys) };
}

const options = { epochs: 10, l2: 1e-4, learningRate: 1, seed: 1 };

function predict(w: ReturnType<typeof trainSoftmaxRegression>, x: SparseVector): number {
  const p = new Float64Array(w.classes);
  scores(Float64Array.from(w.weights), w.bias, 1, x.indices, x.values, w.classes, p);
  return p.indexOf(Math.max(...p));
}

describe('softmax regression by SGD', () => {
  it('separates separable classes', () => {
    const { xs, ys } = data(60);
    const w = trainSoftmaxRegression(xs, ys, { features: 4, classes: 3 }, options);
    xs.forEach((x, i) => expect(predict(w, x)).toBe(ys[i]));
  });

  it('gives the same weights for the same seed, others for another', () => {
    const { xs, ys } = data(30);
    const a = trainSoftmaxRegression(xs, ys, { features: 4, classes: 3 }, options);
    const b = trainSoftmaxRegression(xs, ys, { features: 4, classes: 3 }, options);
    const c = trainSoftmaxRegression(xs, ys, { features: 4, classes: 3 }, { ...options, seed: 2 });
    expect(b.weights).toEqual(a.weights);
    expect(c.weights).not.toEqual(a.weights);
  });

  it('shrinks weights with stronger L2 and reports every epoch', () => {
    const { xs, ys } = data(30);
    const epochs: number[] = [];
    const weak = trainSoftmaxRegression(xs, ys, { features: 4, classes: 3 }, { ...options, onEpoch: (done) => epochs.push(done) });
    const strong = trainSoftmaxRegression(xs, ys, { features: 4, classes: 3 }, { ...options, l2: 0.1 });
    const size = (w: Float32Array) => Math.hypot(...w);
    expect(size(strong.weights)).toBeLessThan(size(weak.weights) / 2);
    expect(epochs).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('weighs classes: a heavier class wins an ambiguous example', () => {
    // The same vector labelled 0 twice as often as 1: unweighted it goes to 0, weighted 1:4 to 1.
    const x: SparseVector = { indices: Int32Array.of(0), values: Float32Array.of(1) };
    const xs = [x, x, x];
    const ys = Int32Array.of(0, 0, 1);
    const plain = trainSoftmaxRegression(xs, ys, { features: 1, classes: 2 }, options);
    const weighted = trainSoftmaxRegression(xs, ys, { features: 1, classes: 2 }, { ...options, classWeights: Float64Array.of(1, 4) });
    expect(predict(plain, x)).toBe(0);
    expect(predict(weighted, x)).toBe(1);
  });

  it('weighs rows: the same vector labelled both ways goes with the heavier row', () => {
    const x: SparseVector = { indices: Int32Array.of(0), values: Float32Array.of(1) };
    const xs = [x, x];
    const ys = Int32Array.of(0, 1);
    const towards = (rowWeights: Float64Array) => predict(trainSoftmaxRegression(xs, ys, { features: 1, classes: 2 }, { ...options, rowWeights }), x);
    expect(towards(Float64Array.of(0.9, 0.1))).toBe(0);
    expect(towards(Float64Array.of(0.1, 0.9))).toBe(1);
  });

  it('computes a stable softmax', () => {
    const z = Float64Array.of(1000, 1000, -1000);
    softmaxInPlace(z);
    expect([...z]).toEqual([0.5, 0.5, 0]);
  });
});
