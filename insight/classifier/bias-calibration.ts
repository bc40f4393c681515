// Per-label offsets added to a trained model's scores so that its decisions serve the
// figures a CX team reads for issue types: accuracy and macro-F1 together. Balanced class
// weights favour rare labels by a fixed rule; how far a given data set wants that is an
// empirical matter, so the offsets are chosen on out-of-fold scores of the training rows
// (inner cross-validation, models that did not see the rows they score), never on the
// rows a cross-validation holds out.
// Search: coordinate ascent, one label's offset at a time, over a coarse grid (steps of a
// tenth of the scores' spread, at most two spreads either way). The coarse grid is what
// keeps the offsets from fitting the noise of a few rows: an exact search found offsets
// that scored better on the training rows and worse on held-out ones.
// Each label's pass is one sweep over the rows sorted by the offset at which the label
// would start to win them, updating the counts row by row: O(rows · labels) per label.
import { foldOf } from './fold-of.ts';
import type { LinearWeights } from './softmax-regression.ts';
import type { SparseVector } from './tfidf-vectorizer.ts';

export type BiasSearchOptions = {
  /** Passes over all labels; the search stops early when a pass changes nothing. */
  rounds?: number;
  /** Grid step as a share of the scores' standard deviation. */
  step?: number;
  /** Grid points either side of zero. */
  steps?: number;
};

/**
 * Offsets b maximising accuracy + macro-F1 of argmax(scores[i] + b) against gold, on a grid;
 * a tie keeps the offset nearest to the current one, so data that gains nothing keeps 0.
 */
export function fitClassBiases(scores: readonly Float64Array[], gold: Int32Array, classes: number, options: BiasSearchOptions = {}): Float64Array {
  const n = scores.length;
  const K = classes;
  const b = new Float64Array(K);
  if (n === 0) return b;
  const step = (options.step ?? 0.1) * spread(scores, K);
  if (!(step > 0)) return b;
  const J = options.steps ?? 20;
  const goldCount = new Float64Array(K);
  for (let i = 0; i < n; i++) goldCount[gold[i]!]!++;
  const present = goldCount.reduce((a, c) => a + (c > 0 ? 1 : 0), 0);
  const tp = new Float64Array(K);
  const predicted = new Float64Array(K);
  const f1 = (c: number) => (goldCount[c]! + predicted[c]! > 0 ? (2 * tp[c]!) / (goldCount[c]! + predicted[c]!) : 0);
  const rival = new Int32Array(n);
  const threshold = new Float64Array(n);
  const order = new Int32Array(n);

  for (let round = 0; round < (options.rounds ?? 3); round++) {
    let changed = false;
    for (let k = 0; k < K; k++) {
      // Row i goes to k once b[k] exceeds threshold[i]; until then to its best rival.
      for (let i = 0; i < n; i++) {
        const z = scores[i]!;
        let best = -1;
        for (let c = 0; c < K; c++) if (c !== k && (best < 0 || z[c]! + b[c]! > z[best]! + b[best]!)) best = c;
        rival[i] = best;
        threshold[i] = z[best]! + b[best]! - z[k]!;
        order[i] = i;
      }
      order.sort((x, y) => threshold[x]! - threshold[y]!);
      tp.fill(0);
      predicted.fill(0);
      for (let i = 0; i < n; i++) {
        predicted[rival[i]!]!++;
        if (rival[i] === gold[i]) tp[rival[i]!]!++;
      }
      let f1Sum = 0;
      let hits = 0;
      for (let c = 0; c < K; c++) {
        f1Sum += f1(c);
        hits += tp[c]!;
      }
      const current = Math.round(b[k]! / step);
      let bestScore = -Infinity;
      let bestJ = current;
      let next = 0;
      for (let j = -J; j <= J; j++) {
        while (next < n && threshold[order[next]!]! < j * step) {
          const i = order[next++]!;
          const r = rival[i]!;
          f1Sum -= f1(r) + f1(k);
          predicted[r]!--;
          predicted[k]!++;
          if (gold[i] === r) {
            tp[r]!--;
            hits--;
          } else if (gold[i] === k) {
            tp[k]!++;
            hits++;
          }
          f1Sum += f1(r) + f1(k);
        }
        const score = hits / n + f1Sum / present;
        if (score > bestScore + 1e-12 || (Math.abs(score - bestScore) <= 1e-12 && Math.abs(j - current) < Math.abs(bestJ - current))) {
          bestScore = score;
          bestJ = j;
        }
      }
      if (bestJ !== current) changed = true;
      b[k] = bestJ * step;
    }
    if (!changed) break;
  }
  return b;
}

/** Standard deviation of the scores around each row's mean (offsets move scores relative to each other). */
function spread(scores: readonly Float64Array[], K: number): number {
  let sum = 0;
  for (const z of scores) {
    let mean = 0;
    for (let k = 0; k < K; k++) mean += z[k]!;
    mean /= K;
    for (let k = 0; k < K; k++) sum += (z[k]! - mean) ** 2;
  }
  return Math.sqrt(sum / (scores.length * K));
}

/**
 * Out-of-fold scores of every row: `folds` models, each trained by `fit` on the other folds'
 * rows. Rows are split by foldOf, as cross-validation splits them.
 */
export function outOfFoldScores(xs: readonly SparseVector[], folds: number, fit: (rows: number[]) => LinearWeights): Float64Array[] {
  const out: Float64Array[] = new Array(xs.length);
  for (let fold = 0; fold < folds; fold++) {
    const rows: number[] = [];
    for (let i = 0; i < xs.length; i++) if (foldOf(i, folds) !== fold) rows.push(i);
    const linear = fit(rows);
    for (let i = 0; i < xs.length; i++) if (foldOf(i, folds) === fold) out[i] = linearScores(linear, xs[i]!);
  }
  return out;
}

export function linearScores(linear: LinearWeights, x: SparseVector): Float64Array {
  const K = linear.classes;
  const z = Float64Array.from(linear.bias);
  for (let j = 0; j < x.indices.length; j++) {
    const base = x.indices[j]! * K;
    const v = x.values[j]!;
    for (let k = 0; k < K; k++) z[k]! += v * linear.weights[base + k]!;
  }
  return z;
}
