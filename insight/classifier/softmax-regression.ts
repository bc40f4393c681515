// Multinomial logistic regression with L2 regularisation, trained by stochastic gradient
// descent over sparse unit-length vectors. Minimises
//   mean_i c(y_i) · r_i · −ln softmax(W·x_i + b)[y_i]  +  (λ/2)·‖W‖²
// (the bias is not regularised; c are the class weights, 1 unless balanced; r the row
// weights, 1 unless given).
// Why SGD: one example touches only its non-zero features (a few hundred of a vocabulary of
// tens of thousands), so an epoch costs O(nnz · classes); a handful of epochs with a
// learning rate decaying linearly to zero (as fastText does) lands close to the optimum
// that full-batch solvers reach in many more passes. The L2 shrinkage of every weight at
// every step is kept lazy by storing W / s and shrinking the scalar s (Bottou's trick).
// Weights are feature-major (W[f · classes + k]) so one feature's row is contiguous.
// Deterministic: the visiting order comes from a seeded generator.
import { seededRandom, shuffle } from './seeded-random.ts';
import type { SparseVector } from './tfidf-vectorizer.ts';

export type SoftmaxOptions = {
  epochs: number;
  /** λ of the objective above. */
  l2: number;
  /** Initial step; decays linearly to 0 over the run. */
  learningRate: number;
  seed: number;
  /** Per-class multipliers of the loss, e.g. balanced weights n / (classes · n_k). */
  classWeights?: Float64Array;
  /** Per-row multipliers of the loss, in the order of `xs`, e.g. the annotators' agreement on each label. */
  rowWeights?: Float64Array;
  onEpoch?: (done: number, total: number) => void;
};

export type LinearWeights = { features: number; classes: number; weights: Float32Array; bias: Float32Array };

export function trainSoftmaxRegression(
  xs: readonly SparseVector[],
  ys: Int32Array,
  dims: { features: number; classes: number },
  options: SoftmaxOptions,
): LinearWeights {
  const { features, classes: K } = dims;
  const W = new Float64Array(features * K);
  const b = new Float64Array(K);
  const p = new Float64Array(K);
  let scale = 1;
  const n = xs.length;
  const order = Int32Array.from({ length: n }, (_, i) => i);
  const random = seededRandom(options.seed);
  const total = Math.max(1, options.epochs * n);
  let t = 0;
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    shuffle(order, random);
    for (let o = 0; o < n; o++) {
      const i = order[o]!;
      const { indices, values } = xs[i]!;
      const y = ys[i]!;
      const eta = options.learningRate * (1 - t / total);
      t++;
      scores(W, b, scale, indices, values, K, p);
      softmaxInPlace(p);
      const c = (options.classWeights ? options.classWeights[y]! : 1) * (options.rowWeights ? options.rowWeights[i]! : 1);
      for (let k = 0; k < K; k++) p[k] = c * (p[k]! - (k === y ? 1 : 0));
      scale *= 1 - eta * options.l2;
      const step = eta / scale;
      for (let j = 0; j < indices.length; j++) subtractScaled(W, indices[j]! * K, values[j]! * step, p, K);
      for (let k = 0; k < K; k++) b[k]! -= eta * p[k]!;
      // Fold the scale back before it underflows (only with strong regularisation).
      if (scale < 1e-6) {
        for (let f = 0; f < W.length; f++) W[f]! *= scale;
        scale = 1;
      }
    }
    options.onEpoch?.(epoch + 1, options.epochs);
  }
  const weights = new Float32Array(W.length);
  for (let f = 0; f < W.length; f++) weights[f] = W[f]! * scale;
  return { features, classes: K, weights, bias: Float32Array.from(b) };
}

/** out[k] = bias[k] + scale · Σ_j values[j] · W[indices[j] · K + k] */
export function scores(W: Float64Array, bias: Float64Array | Float32Array, scale: number, indices: Int32Array, values: Float32Array, K: number, out: Float64Array): void {
  out.fill(0);
  for (let j = 0; j < indices.length; j++) addScaledRow(out, W, indices[j]! * K, values[j]!, K);
  for (let k = 0; k < K; k++) out[k] = bias[k]! + scale * out[k]!;
}

/**
 * acc[k] += v · W[base + k] for k < K. Unrolled by four: V8 does not vectorise, and this
 * loop is where prediction and training spend their time (about 1.5× faster than plain).
 */
export function addScaledRow(acc: Float64Array, W: Float64Array, base: number, v: number, K: number): void {
  const K4 = K - (K % 4);
  let k = 0;
  for (; k < K4; k += 4) {
    acc[k]! += v * W[base + k]!;
    acc[k + 1]! += v * W[base + k + 1]!;
    acc[k + 2]! += v * W[base + k + 2]!;
    acc[k + 3]! += v * W[base + k + 3]!;
  }
  for (; k < K; k++) acc[k]! += v * W[base + k]!;
}

/** W[base + k] −= v · g[k] for k < K, unrolled like addScaledRow. */
export function subtractScaled(W: Float64Array, base: number, v: number, g: Float64Array, K: number): void {
  const K4 = K - (K % 4);
  let k = 0;
  for (; k < K4; k += 4) {
    W[base + k]! -= v * g[k]!;
    W[base + k + 1]! -= v * g[k + 1]!;
    W[base + k + 2]! -= v * g[k + 2]!;
    W[base + k + 3]! -= v * g[k + 3]!;
  }
  for (; k < K; k++) W[base + k]! -= v * g[k]!;
}

export function softmaxInPlace(z: Float64Array): void {
  let max = -Infinity;
  for (let k = 0; k < z.length; k++) if (z[k]! > max) max = z[k]!;
  let sum = 0;
  for (let k = 0; k < z.length; k++) {
    z[k] = Math.exp(z[k]! - max);
    sum += z[k]!;
  }
  for (let k = 0; k < z.length; k++) z[k]! /= sum;
}
