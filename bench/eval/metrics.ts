// Accuracy and macro-F1 (the mean of per-class F1 over the classes present in the gold
// labels), the figures every evaluation in voc reports.
export function accuracy(gold: readonly string[], predicted: readonly string[]): number {
  let hit = 0;
  gold.forEach((g, i) => {
    if (predicted[i] === g) hit++;
  });
  return gold.length ? hit / gold.length : 0;
}

export function macroF1(gold: readonly string[], predicted: readonly string[]): number {
  const classes = [...new Set(gold)];
  let sum = 0;
  for (const c of classes) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    gold.forEach((g, i) => {
      const p = predicted[i];
      if (p === c && g === c) tp++;
      else if (p === c) fp++;
      else if (g === c) fn++;
    });
    const precision = tp + fp ? tp / (tp + fp) : 0;
    const recall = tp + fn ? tp / (tp + fn) : 0;
    sum += precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  }
  return classes.length ? sum / classes.length : 0;
}

/** Deterministic k-fold assignment by row index, the same for every model compared. */
export function foldOf(index: number, k: number): number {
  // A multiplicative hash spreads neighbouring rows (often similar) across folds.
  return (Math.imul(index + 1, 2654435761) >>> 0) % k;
}
