// A ready-to-use classifier built from its parts (fresh from training or read from a
// model file): extract features, TF-IDF, weighted sum, softmax. The int8 weights are
// dequantised once, into dense feature-major rows: although most weights quantise to zero,
// the frequent features that texts actually contain have dense rows, and a sparse layout
// measured slower. Prediction is synchronous; with the per-word feature cache a short text
// costs some tens of microseconds with 77 labels, a few with 3.
import type { ClassifierModel, ModelInfo, ModelParts } from './classifier.types.ts';
import { modelVersionOf } from './model-encoding.ts';
import { addScaledRow, softmaxInPlace } from './softmax-regression.ts';
import { createFeatureExtractor } from './text-features.ts';
import { createVectorizer } from './tfidf-vectorizer.ts';

export function createTextModel(parts: ModelParts, info: ModelInfo): ClassifierModel {
  const extractor = createFeatureExtractor(parts.features);
  const vectorizer = createVectorizer(parts.vocabulary, parts.idf);
  const K = parts.labels.length;
  const { scales, values, bias } = parts.weights;
  const W = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) W[i] = values[i]! * scales[i % K]!;
  const modelVersion = modelVersionOf(parts);

  function probabilities(text: string): Float64Array {
    const x = vectorizer.transform(extractor.extract(text));
    const z = new Float64Array(K);
    z.set(bias);
    for (let j = 0; j < x.indices.length; j++) addScaledRow(z, W, x.indices[j]! * K, x.values[j]!, K);
    softmaxInPlace(z);
    return z;
  }

  return {
    task: parts.task,
    labels: parts.labels,
    modelVersion,
    parts,
    info,
    probabilities,
    predict(text) {
      const p = probabilities(text);
      let best = 0;
      for (let k = 1; k < K; k++) if (p[k]! > p[best]!) best = k;
      return { label: parts.labels[best]!, confidence: p[best]! };
    },
  };
}
