// The model file `voc train` writes and voc loads: one JSON document,
//   { format: 'voc-classifier', formatVersion: 2, modelVersion, task, labels, createdAt,
//     trainedOn: { rows, weighted?, file? }, report?, features, settings, vocabulary, idf, weights }
// where everything from `features` on is the content of model-encoding.ts (base64 arrays),
// and modelVersion is recomputed on load: a file edited by hand or truncated is refused
// rather than predicting something nobody trained. A format change bumps formatVersion;
// files of another version are refused with a message saying which versions are read.
// Version 2 added settings.calibrationFolds (per-label offsets are in the bias): a version 1
// model predicts as trained, but says less about how, so it is retrained, not guessed at.
import { z } from 'zod';
import type { ClassifierModel, CrossValidationSummary, ModelInfo } from './classifier.types.ts';
import { classifierTasks } from './classifier.types.ts';
import { decodeContent, encodeContent, type EncodedContent } from './model-encoding.ts';
import { createTextModel } from './text-model.ts';

export const modelFormat = 'voc-classifier';
export const modelFormatVersion = 2;

export class ModelFileError extends Error {
  override readonly name = 'ModelFileError';
}

const range = z.tuple([z.number().int().min(0), z.number().int().min(0)]);
const classReport = z.object({ precision: z.number(), recall: z.number(), f1: z.number(), support: z.number() });

// Checked once per load; the arrays' lengths are checked against each other in decodeContent.
const modelFileSchema = z.object({
  format: z.literal(modelFormat),
  formatVersion: z.literal(modelFormatVersion),
  modelVersion: z.string(),
  task: z.enum(classifierTasks as ['sentiment', 'issue']),
  labels: z.array(z.string()).min(2),
  createdAt: z.string(),
  trainedOn: z.object({ rows: z.number().int(), weighted: z.boolean().optional(), file: z.string().optional() }),
  report: z
    .object({
      rows: z.number(),
      folds: z.number(),
      accuracy: z.number(),
      macroF1: z.number(),
      trainingMs: z.number(),
      predictionMs: z.number(),
      perClass: z.record(z.string(), classReport),
      confusion: z.object({ labels: z.array(z.string()), matrix: z.array(z.array(z.number())) }),
    })
    .optional(),
  features: z.object({ wordNgrams: z.union([z.literal(1), z.literal(2)]), charNgrams: range, hanNgrams: range }),
  settings: z.object({
    seed: z.number(),
    epochs: z.number(),
    learningRate: z.number(),
    classWeight: z.enum(['uniform', 'balanced']),
    minDf: z.number(),
    maxFeatures: z.number(),
    calibrationFolds: z.number().int().min(0),
    C: z.number().nullable(),
    l2: z.number(),
  }),
  vocabulary: z.object({ words: z.array(z.string()), chars: z.array(z.string()) }),
  idf: z.string(),
  weights: z.object({ encoding: z.literal('int8'), scales: z.array(z.number()), bias: z.array(z.number()), values: z.string() }),
});

export type ModelFile = z.infer<typeof modelFileSchema>;

export function serialize(model: ClassifierModel, extra: { file?: string; report?: CrossValidationSummary } = {}): string {
  const info: ModelInfo = { ...model.info, trainedOn: { ...model.info.trainedOn, ...(extra.file ? { file: extra.file } : {}) } };
  const report = extra.report ?? info.report;
  const head = {
    format: modelFormat,
    formatVersion: modelFormatVersion,
    modelVersion: model.modelVersion,
    task: model.task,
    labels: model.parts.labels,
    createdAt: info.createdAt,
    trainedOn: info.trainedOn,
    ...(report ? { report: withoutPredictions(report) } : {}),
  };
  const content: EncodedContent = encodeContent(model.parts);
  return JSON.stringify({ ...head, ...content });
}

export function deserialize(json: string): ClassifierModel {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (error) {
    throw new ModelFileError(`not a model file: ${(error as Error).message}`);
  }
  const r = raw as { format?: unknown; formatVersion?: unknown };
  if (r?.format !== modelFormat) throw new ModelFileError(`not a model file: format is ${JSON.stringify(r?.format)}, expected "${modelFormat}"`);
  if (r.formatVersion !== modelFormatVersion) {
    const retrain = typeof r.formatVersion === 'number' && r.formatVersion < modelFormatVersion ? ' (train the model again with this voc)' : '';
    throw new ModelFileError(`model file format version ${JSON.stringify(r.formatVersion)} is not supported; this voc reads version ${modelFormatVersion}${retrain}`);
  }
  const parsed = modelFileSchema.safeParse(raw);
  if (!parsed.success) throw new ModelFileError(`invalid model file: ${z.prettifyError(parsed.error)}`);
  const f = parsed.data;
  if (f.labels.join('\u0000') !== [...f.labels].sort().join('\u0000')) throw new ModelFileError('invalid model file: labels are not sorted');
  let model: ClassifierModel;
  try {
    const { features, settings, vocabulary, idf, weights, task, labels } = f;
    const parts = decodeContent({ task, labels, features, settings, vocabulary, idf, weights });
    model = createTextModel(parts, { createdAt: f.createdAt, trainedOn: f.trainedOn, ...(f.report ? { report: f.report } : {}) });
  } catch (error) {
    throw new ModelFileError(`invalid model file: ${(error as Error).message}`);
  }
  if (model.modelVersion !== f.modelVersion) {
    throw new ModelFileError(`model file content does not match its modelVersion ${f.modelVersion} (it hashes to ${model.modelVersion}): edited or damaged`);
  }
  return model;
}

function withoutPredictions(report: CrossValidationSummary & { predictions?: unknown }): CrossValidationSummary {
  const { predictions: _predictions, ...rest } = report;
  return rest;
}
