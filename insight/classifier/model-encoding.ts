// How a trained model becomes compact and how its content is written: weights quantised to
// int8 with one scale per class (a weight is off by at most 1/254 of its class's largest,
// far below what moves a prediction), features whose weights all round to zero dropped from
// the vocabulary (a rare n-gram the regulariser kept near zero changes nothing), typed arrays
// as little-endian base64. The content's sha256 names the model: same content, same
// modelVersion, whatever the date or file name.
import { createHash } from 'node:crypto';
import type { ModelParts, QuantisedWeights } from './classifier.types.ts';
import type { LinearWeights } from './softmax-regression.ts';
import type { Vocabulary } from './tfidf-vectorizer.ts';

export function quantise(
  linear: LinearWeights,
  vocabulary: Vocabulary,
  idf: Float32Array,
): { vocabulary: Vocabulary; idf: Float32Array; weights: QuantisedWeights } {
  const K = linear.classes;
  const w = linear.weights;
  const scales = new Float32Array(K);
  for (let f = 0; f < w.length; f++) {
    const k = f % K;
    scales[k] = Math.max(scales[k]!, Math.abs(w[f]!));
  }
  for (let k = 0; k < K; k++) scales[k] = scales[k]! > 0 ? scales[k]! / 127 : 1;
  const keep: number[] = [];
  const rows: Int8Array[] = [];
  for (let f = 0; f < linear.features; f++) {
    const row = new Int8Array(K);
    let any = false;
    for (let k = 0; k < K; k++) {
      row[k] = Math.round(w[f * K + k]! / scales[k]!);
      if (row[k] !== 0) any = true;
    }
    if (any) {
      keep.push(f);
      rows.push(row);
    }
  }
  const values = new Int8Array(keep.length * K);
  rows.forEach((row, i) => values.set(row, i * K));
  const nWords = vocabulary.words.length;
  const kept: Vocabulary = { words: [], chars: [] };
  for (const f of keep) {
    if (f < nWords) kept.words.push(vocabulary.words[f]!);
    else kept.chars.push(vocabulary.chars[f - nWords]!);
  }
  return { vocabulary: kept, idf: Float32Array.from(keep, (f) => idf[f]!), weights: { scales, values, bias: linear.bias } };
}

/** The part of the model file that decides predictions, in a fixed key order. */
export type EncodedContent = {
  task: ModelParts['task'];
  labels: string[];
  features: ModelParts['features'];
  settings: ModelParts['settings'];
  vocabulary: { words: string[]; chars: string[] };
  idf: string;
  weights: { encoding: 'int8'; scales: number[]; bias: number[]; values: string };
};

export function encodeContent(parts: ModelParts): EncodedContent {
  const { features: f, settings: s } = parts;
  return {
    task: parts.task,
    labels: parts.labels,
    // Spelled out so that key order, which the hash sees, never depends on who built the object.
    features: { wordNgrams: f.wordNgrams, charNgrams: f.charNgrams, hanNgrams: f.hanNgrams },
    settings: {
      seed: s.seed,
      epochs: s.epochs,
      learningRate: s.learningRate,
      classWeight: s.classWeight,
      minDf: s.minDf,
      maxFeatures: s.maxFeatures,
      calibrationFolds: s.calibrationFolds,
      C: s.C,
      l2: s.l2,
    },
    vocabulary: { words: parts.vocabulary.words, chars: parts.vocabulary.chars },
    idf: toBase64(parts.idf),
    weights: { encoding: 'int8', scales: [...parts.weights.scales], bias: [...parts.weights.bias], values: toBase64(parts.weights.values) },
  };
}

export function decodeContent(c: EncodedContent): ModelParts {
  const values = new Int8Array(fromBase64(c.weights.values));
  const idf = new Float32Array(fromBase64(c.idf));
  const features = c.vocabulary.words.length + c.vocabulary.chars.length;
  const K = c.labels.length;
  if (idf.length !== features || values.length !== features * K || c.weights.scales.length !== K || c.weights.bias.length !== K) {
    throw new Error(`inconsistent model: ${features} features and ${K} labels, but ${idf.length} idf values and ${values.length} weights`);
  }
  return {
    task: c.task,
    labels: c.labels,
    features: c.features,
    settings: c.settings,
    vocabulary: c.vocabulary,
    idf,
    weights: { scales: Float32Array.from(c.weights.scales), bias: Float32Array.from(c.weights.bias), values },
  };
}

export function modelVersionOf(parts: ModelParts): string {
  const digest = createHash('sha256').update(JSON.stringify(encodeContent(parts))).digest('hex');
  return `${parts.task}-${digest.slice(0, 12)}`;
}

function toBase64(a: Float32Array | Int8Array): string {
  // Typed arrays are in the platform's byte order: little-endian on every platform voc runs on.
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
}

function fromBase64(s: string): ArrayBuffer {
  const b = Buffer.from(s, 'base64');
  // A copy, aligned, so that Float32Array can view it whatever Buffer's pool offset was.
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
}
