// k-fold cross-validation of train(): every row is predicted once by a model that did not
// see it, and the figures are computed over those out-of-fold predictions. Folds come from
// the row index through the same multiplicative hash as bench/eval/metrics.ts's foldOf, so
// `voc train` and the benchmark (and its Python peers) split a data set identically; a test
// in bench/eval checks the two agree.
import type { CrossValidationReport, LabelledText, TrainOptions } from './classifier.types.ts';
import { classificationReport } from './classification-metrics.ts';
import { foldOf } from './fold-of.ts';
import { train } from './train-classifier.ts';

export { foldOf };

export type CrossValidateOptions = TrainOptions & {
  /** Called after each epoch of each fold's training. */
  onFold?: (fold: number, folds: number, epochsDone: number, epochs: number) => void;
};

export function crossValidate(rows: readonly LabelledText[], k = 5, options: CrossValidateOptions): CrossValidationReport {
  if (!Number.isInteger(k) || k < 2) throw new Error(`cross-validation needs at least 2 folds, got ${k}`);
  const started = performance.now();
  const folds = rows.map((_, i) => foldOf(i, k));
  const predictions: string[] = new Array(rows.length);
  let predictionMs = 0;
  for (let fold = 0; fold < k; fold++) {
    const trainRows = rows.filter((_, i) => folds[i] !== fold);
    const model = train(trainRows, { ...options, onEpoch: (done, total) => options.onFold?.(fold, k, done, total) });
    const predicting = performance.now();
    rows.forEach((r, i) => {
      if (folds[i] === fold) predictions[i] = model.predict(r.text).label;
    });
    predictionMs += performance.now() - predicting;
  }
  const labels = [...new Set(rows.map((r) => r.label))];
  const report = classificationReport(rows.map((r) => r.label), predictions, labels);
  return { ...report, folds: k, trainingMs: Math.round(performance.now() - started), predictionMs: Math.round(predictionMs), predictions };
}
