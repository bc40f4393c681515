// Figures a CX team reads to decide whether a trained model is good enough: accuracy,
// macro-F1 (the mean F1 over the gold labels, so a rare issue type counts as much as a
// common one), precision/recall/F1/support per label and the confusion matrix. Same
// definitions as bench/eval/metrics.ts, which product code must not import.
import type { ClassificationReport, ClassReport } from './classifier.types.ts';

export function classificationReport(gold: readonly string[], predicted: readonly string[], labels?: readonly string[]): ClassificationReport {
  const all = [...new Set([...(labels ?? []), ...gold, ...predicted])].sort();
  const index = new Map(all.map((l, i) => [l, i]));
  const matrix = all.map(() => all.map(() => 0));
  let hits = 0;
  gold.forEach((g, i) => {
    const p = predicted[i]!;
    matrix[index.get(g)!]![index.get(p)!]!++;
    if (p === g) hits++;
  });
  const perClass: Record<string, ClassReport> = {};
  const present = new Set(gold);
  let f1Sum = 0;
  all.forEach((label, k) => {
    const tp = matrix[k]![k]!;
    const support = matrix[k]!.reduce((a, b) => a + b, 0);
    const predictedCount = matrix.reduce((a, row) => a + row[k]!, 0);
    const precision = predictedCount ? tp / predictedCount : 0;
    const recall = support ? tp / support : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    perClass[label] = { precision, recall, f1, support };
    if (present.has(label)) f1Sum += f1;
  });
  return {
    rows: gold.length,
    accuracy: gold.length ? hits / gold.length : 0,
    macroF1: present.size ? f1Sum / present.size : 0,
    perClass,
    confusion: { labels: all, matrix },
  };
}
