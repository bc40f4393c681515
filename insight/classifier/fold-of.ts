// The fold of a row in k-fold cross-validation, from its index alone: the same multiplicative
// hash as bench/eval/metrics.ts's foldOf, so `voc train`, its inner calibration folds and the
// benchmark (and its Python peers) split a data set identically.

/** Deterministic fold of row `index` among k; neighbouring rows (often alike) spread out. */
export function foldOf(index: number, k: number): number {
  return (Math.imul(index + 1, 2654435761) >>> 0) % k;
}
