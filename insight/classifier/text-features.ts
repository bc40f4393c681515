// The raw features the classifier counts in a text, before any vocabulary exists:
//   words: the analyzer's terms (Porter-stemmed English without stop words but with
//          negators, jieba Chinese words) as unigrams and adjacent-term bigrams ("t1 t2"),
//          plus signs the analyzer skips (emoji, "!!", ":)");
//   chars: character n-grams of every surface word, stop words included, lower-cased and
//          accent-folded and padded with a space at both ends (2–4 by default, as
//          scikit-learn's char_wb), and of every Chinese run (1–3 by default, unpadded:
//          jieba's segmentation errors are what the characters make up for).
// Terms come from createTextAnalyzer() so that what the classifier sees agrees with what
// search indexes. The analyzer treats each word match on its own, so terms(text) equals the
// concatenated terms of its words; that lets us cache per distinct word, which is what
// makes prediction fast (the stemmer is the slow part). A test checks the equivalence.
import { createTextAnalyzer } from '../../core/text/text-analyzer.ts';

export type FeatureConfig = {
  /** 1: term unigrams; 2: unigrams and bigrams. */
  wordNgrams: 1 | 2;
  /** [min, max] character n-gram lengths within padded non-Chinese words; [0, 0] for none. */
  charNgrams: [number, number];
  /** [min, max] character n-gram lengths over Chinese runs; [0, 0] for none. */
  hanNgrams: [number, number];
};

export const defaultFeatureConfig: FeatureConfig = { wordNgrams: 2, charNgrams: [2, 4], hanNgrams: [1, 3] };

/**
 * words: term unigrams, term bigrams and signs. chars: the n-grams of each surface word or
 * Chinese run, one array per occurrence. The inner arrays come from the per-word cache and
 * are shared between texts (which lets the vectorizer cache their indices by identity):
 * never mutate them.
 */
export type TextFeatures = { words: string[]; chars: (readonly string[])[] };

export type FeatureExtractor = { extract(text: string): TextFeatures };

// The analyzer's own word pattern: a Han run, or letters/marks/digits with apostrophe parts.
const WORD = /\p{Script=Han}+|[\p{L}\p{M}\p{N}]+(?:['’][\p{L}]+)*/gu;
// Signs of feeling the word pattern skips: emoji, runs of ! and ? (cut to three), emoticons
// (not the ":/" of a URL). Counted as unigrams; worth about a point of sentiment accuracy.
const SIGN = /\p{Extended_Pictographic}|[!?]+|[:;=]-?[()DPp](?![\p{L}\p{N}])|:\/(?!\/)/gu;
const HAN = /^\p{Script=Han}/u;
// Enough for the distinct words of a large training set; cleared rather than evicted
// piecemeal, which only costs re-analysis.
const CACHE_LIMIT = 200_000;

type Piece = { terms: string[]; chars: string[] };

/** The n-grams of `text` for n in [min, max], by code point; none when min < 1. */
export function charNgrams(text: string, min: number, max: number): string[] {
  const out: string[] = [];
  if (min < 1) return out;
  // substring is several times faster than slicing an array of code points; only text
  // with astral characters (emoji, rare Han) needs the latter to keep pairs together.
  const units = /[\uD800-\uDFFF]/.test(text) ? [...text] : undefined;
  const length = units ? units.length : text.length;
  for (let n = min; n <= max; n++) {
    for (let i = 0; i + n <= length; i++) out.push(units ? units.slice(i, i + n).join('') : text.substring(i, i + n));
  }
  return out;
}

export function createFeatureExtractor(config: FeatureConfig = defaultFeatureConfig): FeatureExtractor {
  const analyzer = createTextAnalyzer();
  const cache = new Map<string, Piece>();

  function piece(word: string): Piece {
    let p = cache.get(word);
    if (p) return p;
    const terms = analyzer.terms(word);
    let chars: string[];
    if (HAN.test(word)) {
      chars = charNgrams(word, config.hanNgrams[0], config.hanNgrams[1]);
    } else {
      const folded = word.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/’/g, "'");
      chars = charNgrams(` ${folded} `, config.charNgrams[0], config.charNgrams[1]);
    }
    p = { terms, chars };
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(word, p);
    return p;
  }

  return {
    extract(text) {
      const terms: string[] = [];
      const chars: (readonly string[])[] = [];
      for (const m of text.matchAll(WORD)) {
        const p = piece(m[0]);
        for (const t of p.terms) terms.push(t);
        chars.push(p.chars);
      }
      const words = terms.slice();
      for (const m of text.matchAll(SIGN)) words.push(m[0].length > 3 ? m[0].slice(0, 3) : m[0]);
      if (config.wordNgrams >= 2) for (let i = 1; i < terms.length; i++) words.push(`${terms[i - 1]} ${terms[i]}`);
      return { words, chars };
    },
  };
}
