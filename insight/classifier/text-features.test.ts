import { describe, expect, it } from 'vitest';
import { createTextAnalyzer } from '../../core/text/text-analyzer.ts';
import { charNgrams, createFeatureExtractor } from './text-features.ts';

const analyzer = createTextAnalyzer();

describe('text features', () => {
  it("uses the analyzer's terms as unigrams, word by word the same as on the whole text", () => {
    const extractor = createFeatureExtractor({ wordNgrams: 1, charNgrams: [0, 0], hanNgrams: [0, 0] });
    for (const text of [
      'My parcel still has not arrived, the courier says it was delivered.',
      "Can't log in after the update; it's broken again.",
      '快递太慢了，客服态度也不好',
      'The app 闪退 after the latest update (v2.3), café crème',
    ]) {
      expect(extractor.extract(text).words).toEqual(analyzer.terms(text));
    }
  });

  it('adds bigrams of adjacent terms, keeping negators', () => {
    const { words } = createFeatureExtractor().extract('It is not working at all');
    expect(words).toContain('not work');
    expect(words).toContain('not');
  });

  it('makes character n-grams of padded, lower-cased, accent-folded words and of Chinese runs', () => {
    const extractor = createFeatureExtractor({ wordNgrams: 1, charNgrams: [2, 3], hanNgrams: [1, 2] });
    expect(extractor.extract('Café').chars).toEqual([[' c', 'ca', 'af', 'fe', 'e ', ' ca', 'caf', 'afe', 'fe ']]);
    expect(extractor.extract('太慢了').chars).toEqual([['太', '慢', '了', '太慢', '慢了']]);
    // Stop words carry style: their n-grams count even though their terms do not.
    expect(extractor.extract('the').chars[0]).toContain('the');
    expect(charNgrams('ab', 3, 4)).toEqual([]);
    expect(charNgrams('a𠮷b', 2, 2)).toEqual(['a𠮷', '𠮷b']);
  });

  it('counts emoji, runs of ! and ? and emoticons as words, but not the :/ of a link', () => {
    const { words } = createFeatureExtractor({ wordNgrams: 1, charNgrams: [0, 0], hanNgrams: [0, 0] }).extract('Great!!!! 😡 https://t.co/x :) meh :/ ??');
    expect(words).toEqual(expect.arrayContaining(['!!!', '😡', ':)', ':/', '??']));
    expect(words.filter((w) => w === ':/')).toHaveLength(1);
  });

  it('shares the n-gram arrays of a repeated word (the vectorizer caches by identity)', () => {
    const extractor = createFeatureExtractor();
    const a = extractor.extract('refund please');
    const b = extractor.extract('no refund');
    expect(b.chars[1]).toBe(a.chars[0]);
  });
});
