// train(rows, options) → a model: features (text-features.ts), TF-IDF vocabulary fitted on
// these rows only, multinomial logistic regression by SGD (softmax-regression.ts), int8
// weights (model-encoding.ts). The model returned is the quantised one, so cross-validation
// measures exactly what a model file will predict.
// Defaults are one setting for every data set, not tuned per set (bench/eval/trained.eval.ts
// shows how they do): L2 as scikit-learn's C = 20 relative to the number of rows, since the
// char n-grams make many weak, correlated features that want less shrinkage than C = 1; ten
// epochs, after which more changed nothing measurable. They were picked by looking at
// cross-validated figures of the airline, banking77 and CFPB dev sets, where neighbouring
// values (C 5–50, 5–20 epochs, other block weights) moved results by under a point.
import type { ClassifierModel, LabelledText, TrainOptions, TrainingSettings } from './classifier.types.ts';
import { quantise } from './model-encoding.ts';
import { trainSoftmaxRegression } from './softmax-regression.ts';
import { createFeatureExtractor, defaultFeatureConfig, type FeatureConfig } from './text-features.ts';
import { createTextModel } from './text-model.ts';
import { createVectorizer, fitVocabulary } from './tfidf-vectorizer.ts';

export const trainingDefaults = {
  seed: 1,
  epochs: 10,
  C: 20,
  learningRate: 1,
  // Issue types are long-tailed and a rare one matters as much as a common one (macro-F1):
  // balanced for 'issue'; sentiment keeps the data's priors, which accuracy rewards.
  classWeight: { sentiment: 'uniform', issue: 'balanced' },
  minDf: 2,
  maxFeatures: 200_000,
} as const;

export class TrainingDataError extends Error {
  override readonly name = 'TrainingDataError';
}

export function train(rows: readonly LabelledText[], options: TrainOptions): ClassifierModel {
  const labels = [...new Set(rows.map((r) => r.label))].sort();
  if (labels.length < 2) throw new TrainingDataError(`training needs at least 2 labels, found ${labels.length}${labels.length ? ` (${labels[0]})` : ''}`);
  const features: FeatureConfig = { ...defaultFeatureConfig, ...options.features };
  const C = options.l2 === undefined ? trainingDefaults.C : null;
  const settings: TrainingSettings = {
    seed: options.seed ?? trainingDefaults.seed,
    epochs: options.epochs ?? trainingDefaults.epochs,
    learningRate: options.learningRate ?? trainingDefaults.learningRate,
    classWeight: options.classWeight ?? trainingDefaults.classWeight[options.task],
    minDf: options.minDf ?? trainingDefaults.minDf,
    maxFeatures: options.maxFeatures ?? trainingDefaults.maxFeatures,
    C,
    l2: options.l2 ?? 1 / (trainingDefaults.C * rows.length),
  };

  const extractor = createFeatureExtractor(features);
  const docs = rows.map((r) => extractor.extract(r.text));
  // With very few rows min-df would leave nothing; every feature then counts.
  const minDf = rows.length < 10 * settings.minDf ? 1 : settings.minDf;
  const { vocabulary, idf } = fitVocabulary(docs, { minDf, maxFeatures: settings.maxFeatures });
  const vectorizer = createVectorizer(vocabulary, idf);
  const xs = docs.map((d) => vectorizer.transform(d));
  const index = new Map(labels.map((l, i) => [l, i]));
  const ys = Int32Array.from(rows, (r) => index.get(r.label)!);

  let classWeights: Float64Array | undefined;
  if (settings.classWeight === 'balanced') {
    const counts = new Float64Array(labels.length);
    for (const y of ys) counts[y]!++;
    classWeights = counts.map((c) => rows.length / (labels.length * c));
  }

  const linear = trainSoftmaxRegression(xs, ys, { features: vectorizer.size, classes: labels.length }, {
    epochs: settings.epochs,
    l2: settings.l2,
    learningRate: settings.learningRate,
    seed: settings.seed,
    classWeights,
    onEpoch: options.onEpoch,
  });
  const compact = quantise(linear, vocabulary, idf);
  return createTextModel({ task: options.task, labels, features, settings, ...compact }, { createdAt: new Date().toISOString(), trainedOn: { rows: rows.length } });
}
