import { describe, expect, it } from 'vitest';
import type { TextFeatures } from './text-features.ts';
import { createVectorizer, fitVocabulary } from './tfidf-vectorizer.ts';

const doc = (words: string[], chars: string[] = []): TextFeatures => ({ words, chars: [chars] });

describe('TF-IDF vectorizer', () => {
  const docs = [doc(['a', 'b', 'x'], ['aa']), doc(['a', 'b'], ['aa', 'bb']), doc(['a', 'c'], ['bb']), doc(['b', 'c', 'y'], ['cc'])];

  it('keeps features seen in at least minDf texts, the most frequent first, ties by name', () => {
    const { vocabulary } = fitVocabulary(docs, { minDf: 2, maxFeatures: 10 });
    expect(vocabulary).toEqual({ words: ['a', 'b', 'c'], chars: ['aa', 'bb'] });
    expect(fitVocabulary(docs, { minDf: 1, maxFeatures: 2 }).vocabulary).toEqual({ words: ['a', 'b'], chars: ['aa', 'bb'] });
  });

  it("uses scikit-learn's smooth idf", () => {
    const { idf } = fitVocabulary(docs, { minDf: 2, maxFeatures: 10 });
    expect(idf[0]).toBeCloseTo(Math.log(5 / 4) + 1, 6); // 'a' in 3 of 4
    expect(idf[2]).toBeCloseTo(Math.log(5 / 3) + 1, 6); // 'c' in 2 of 4
  });

  it('weighs (1 + ln tf)·idf, normalises each block to √½, ignores unknown features', () => {
    const { vocabulary, idf } = fitVocabulary(docs, { minDf: 2, maxFeatures: 10 });
    const v = createVectorizer(vocabulary, idf);
    expect(v.size).toBe(5);
    const x = v.transform(doc(['a', 'a', 'c', 'unknown'], ['bb']));
    expect([...x.indices]).toEqual([0, 2, 4]);
    const wa = (1 + Math.log(2)) * idf[0]!;
    const wc = idf[2]!;
    const norm = Math.hypot(wa, wc) / Math.SQRT1_2;
    expect(x.values[0]).toBeCloseTo(wa / norm, 6);
    expect(x.values[1]).toBeCloseTo(wc / norm, 6);
    expect(x.values[2]).toBeCloseTo(Math.SQRT1_2, 6);
    const length = Math.hypot(...x.values);
    expect(length).toBeCloseTo(1, 6);
  });

  it('gives an empty vector for a text with no known feature, and reuses its scratch space cleanly', () => {
    const { vocabulary, idf } = fitVocabulary(docs, { minDf: 2, maxFeatures: 10 });
    const v = createVectorizer(vocabulary, idf);
    expect(v.transform(doc(['zzz'])).indices).toHaveLength(0);
    const first = v.transform(doc(['a', 'b'], ['aa']));
    v.transform(doc(['c', 'c', 'c'], ['bb', 'bb']));
    expect(v.transform(doc(['a', 'b'], ['aa']))).toEqual(first);
  });
});
