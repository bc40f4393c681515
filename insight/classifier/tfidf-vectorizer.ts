// TF-IDF over two feature blocks, words then characters, as one sparse vector:
//   vocabulary: features in at least `minDf` training texts, the `maxFeatures` most frequent
//               per block (ties by name, so the same rows give the same vocabulary);
//   weight:     (1 + ln tf) · idf with scikit-learn's smooth idf, ln((1 + n) / (1 + df)) + 1;
//   norm:       each block is l2-normalised on its own and scaled by √½, so that neither the
//               many character n-grams nor the few words drown the other, and the whole
//               vector has unit length (what the learning rate of the trainer assumes).
// Feature indices: words first (0 … words.length − 1), then characters.
import type { TextFeatures } from './text-features.ts';

export type Vocabulary = { words: string[]; chars: string[] };
export type SparseVector = { indices: Int32Array; values: Float32Array };
export type VocabularyOptions = { minDf: number; maxFeatures: number };

export type Vectorizer = {
  readonly size: number;
  transform(features: TextFeatures): SparseVector;
};

export function fitVocabulary(docs: readonly TextFeatures[], options: VocabularyOptions): { vocabulary: Vocabulary; idf: Float32Array } {
  const words = selectBlock(docs.map((d) => d.words), options);
  const chars = selectBlock(docs.map((d) => d.chars.flat()), options);
  const n = docs.length;
  const idf = new Float32Array(words.length + chars.length);
  [...words, ...chars].forEach((f, i) => {
    idf[i] = Math.log((1 + n) / (1 + f.df)) + 1;
  });
  return { vocabulary: { words: words.map((f) => f.name), chars: chars.map((f) => f.name) }, idf };
}

function selectBlock(docs: readonly string[][], { minDf, maxFeatures }: VocabularyOptions): Array<{ name: string; df: number }> {
  const df = new Map<string, number>();
  for (const doc of docs) for (const f of new Set(doc)) df.set(f, (df.get(f) ?? 0) + 1);
  const kept: Array<{ name: string; df: number }> = [];
  for (const [name, count] of df) if (count >= minDf) kept.push({ name, df: count });
  kept.sort((a, b) => b.df - a.df || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return kept.slice(0, maxFeatures);
}

export function createVectorizer(vocabulary: Vocabulary, idf: Float32Array): Vectorizer {
  const wordIndex = new Map<string, number>();
  vocabulary.words.forEach((w, i) => wordIndex.set(w, i));
  const charIndex = new Map<string, number>();
  const offset = vocabulary.words.length;
  vocabulary.chars.forEach((c, i) => charIndex.set(c, offset + i));
  const size = offset + vocabulary.chars.length;
  // The n-grams of one word are the same array every time (text-features.ts caches them),
  // so their indices are looked up once per distinct word, not once per n-gram occurrence.
  const groupIndices = new WeakMap<readonly string[], Int32Array>();
  // Scratch space reused across calls: transform is not re-entrant, and need not be.
  const counts = new Float64Array(size);
  let touched = new Int32Array(256);
  let count = 0;

  function touch(i: number): void {
    if (counts[i] === 0) {
      if (count === touched.length) {
        const grown = new Int32Array(touched.length * 2);
        grown.set(touched);
        touched = grown;
      }
      touched[count++] = i;
    }
    counts[i]! += 1;
  }

  // Writes entries [from, to) of a block: (1 + ln tf)·idf, l2-normalised, scaled by √½.
  function finishBlock(from: number, to: number, indices: Int32Array, values: Float32Array): void {
    let norm = 0;
    for (let j = from; j < to; j++) {
      const i = touched[j]!;
      const v = (1 + Math.log(counts[i]!)) * idf[i]!;
      counts[i] = 0;
      indices[j] = i;
      values[j] = v;
      norm += v * v;
    }
    const scale = norm > 0 ? Math.SQRT1_2 / Math.sqrt(norm) : 0;
    for (let j = from; j < to; j++) values[j]! *= scale;
  }

  return {
    size,
    transform(features) {
      count = 0;
      for (const w of features.words) {
        const i = wordIndex.get(w);
        if (i !== undefined) touch(i);
      }
      const wordCount = count;
      for (const group of features.chars) {
        let ids = groupIndices.get(group);
        if (!ids) {
          const found: number[] = [];
          for (const c of group) {
            const i = charIndex.get(c);
            if (i !== undefined) found.push(i);
          }
          ids = Int32Array.from(found);
          groupIndices.set(group, ids);
        }
        for (let j = 0; j < ids.length; j++) touch(ids[j]!);
      }
      const indices = new Int32Array(count);
      const values = new Float32Array(count);
      finishBlock(0, wordCount, indices, values);
      finishBlock(wordCount, count, indices, values);
      return { indices, values };
    },
  };
}
