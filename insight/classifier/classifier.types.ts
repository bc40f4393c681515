// The trained text classifier's vocabulary of types: what train() takes, what a model
// answers, what cross-validation reports. A CX team labels examples (sentiment or issue
// types), trains with `voc train`, and voc uses the model file that results.
import type { FeatureConfig } from './text-features.ts';
import type { Vocabulary } from './tfidf-vectorizer.ts';

export type ClassifierTask = 'sentiment' | 'issue';
export const classifierTasks: readonly ClassifierTask[] = ['sentiment', 'issue'];

/**
 * weight: how much the row counts in training relative to the others (a number ≥ 0, 1 when
 * absent), e.g. the share of annotators who agreed on its label. Evaluation counts every row once.
 */
export type LabelledText = { text: string; label: string; weight?: number };

/** confidence: the model's softmax probability of the label, in (0, 1]. */
export type Prediction = { label: string; confidence: number };

export type TrainOptions = {
  task: ClassifierTask;
  /** Seeds the order examples are visited in; same rows + same seed = same model. Default 1. */
  seed?: number;
  /** Passes over the data. Default 10. */
  epochs?: number;
  /** L2 regularisation per example; default 1/(C·n) with C = 20 for n training rows. */
  l2?: number;
  /** Initial SGD step. Default 1. */
  learningRate?: number;
  /** 'balanced' weighs each class by n / (classes · n_class), favouring rare classes (macro-F1). Default: 'balanced' for issue, 'uniform' for sentiment. */
  classWeight?: 'uniform' | 'balanced';
  /** Features seen in fewer training texts are ignored. Default 2. */
  minDf?: number;
  /** Cap per feature block (words, characters), the most frequent kept. Default 200,000. */
  maxFeatures?: number;
  /**
   * Inner cross-validation folds whose out-of-fold scores choose per-label score offsets
   * (bias-calibration.ts); 0 for none. Default 5 for issue types whose largest label has at
   * least 5 times the rows of the smallest, else 0; 0 for sentiment.
   */
  calibrationFolds?: number;
  features?: Partial<FeatureConfig>;
  /** Progress over every model trained, the calibration folds' included. */
  onEpoch?: (done: number, total: number) => void;
};

/** The options a model was trained with, every default filled in (kept in the model file). */
export type TrainingSettings = Required<Omit<TrainOptions, 'task' | 'onEpoch' | 'features' | 'l2'>> & { l2: number; C: number | null };

/** Weights quantised to int8 with one scale per class: w[f·classes + k] ≈ values[…] · scales[k]. */
export type QuantisedWeights = { scales: Float32Array; values: Int8Array; bias: Float32Array };

/** Everything that decides a model's predictions; what the model file stores. */
export type ModelParts = {
  task: ClassifierTask;
  labels: string[];
  features: FeatureConfig;
  settings: TrainingSettings;
  vocabulary: Vocabulary;
  idf: Float32Array;
  weights: QuantisedWeights;
};

export type ClassifierModel = {
  readonly task: ClassifierTask;
  readonly labels: readonly string[];
  /** `<task>-<first 12 hex of the sha256 of the model's content>`: equal models, equal versions. */
  readonly modelVersion: string;
  readonly parts: ModelParts;
  readonly info: ModelInfo;
  predict(text: string): Prediction;
  /** Probability of every label, in the order of `labels`. */
  probabilities(text: string): Float64Array;
};

/** What is known about a model besides its content (not part of modelVersion). */
export type ModelInfo = {
  createdAt: string;
  /** weighted: the rows carried weights (LabelledText.weight). */
  trainedOn: { rows: number; weighted?: boolean; file?: string };
  /** The cross-validated figures of the same rows and options, when they were measured. */
  report?: CrossValidationSummary;
};

export type ClassReport = { precision: number; recall: number; f1: number; support: number };

export type ClassificationReport = {
  rows: number;
  accuracy: number;
  /** Mean F1 over the labels present in the gold labels. */
  macroF1: number;
  perClass: Record<string, ClassReport>;
  /** confusion.matrix[gold][predicted], both indexed like confusion.labels. */
  confusion: { labels: string[]; matrix: number[][] };
};

export type CrossValidationReport = ClassificationReport & {
  folds: number;
  /** Training and prediction time of all folds, milliseconds. */
  trainingMs: number;
  /** The part of trainingMs spent predicting the held-out rows (each model's first texts included). */
  predictionMs: number;
  /** Out-of-fold prediction for every row, in input order. */
  predictions: string[];
};

export type CrossValidationSummary = Omit<CrossValidationReport, 'predictions'>;
