// One analysis for indexing, querying and highlighting, done in voc rather than in
// Elasticsearch so that it works on any cluster (no analysis plugins) and so that what
// search matches and what the tags say agree. Latin-script words are lower-cased,
// accent-folded and Porter-stemmed; Han runs are segmented with jieba. Tokens keep their
// offsets in the original text, which is how highlights mark the customer's own words.
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { englishStopwords, porterStemmer } from './natural.ts';

export type Token = { term: string; start: number; end: number; script: 'han' | 'latin' | 'other' };

// Function words that would make AND-queries needlessly strict in either language.
const chineseStopwords = new Set(['的', '了', '吗', '呢', '吧', '啊', '呀', '是', '在', '和', '也', '都', '就', '着', '过', '地', '得']);
const stopwords = new Set(englishStopwords);
// Keep negators: "not working" and "working" must not look alike to search or tagging.
for (const w of ['not', 'no', 'nor', 'never', 'cannot']) stopwords.delete(w);

/**
 * A word: a run of Han characters (segmented further by jieba), or a run of other
 * letters, marks and digits with inner apostrophes. Han characters are letters too, so
 * the second form excludes them: "app闪退了" is "app" then "闪退了".
 */
export const WORD = /\p{Script=Han}+|(?:(?!\p{Script=Han})[\p{L}\p{M}\p{N}])+(?:['’](?:(?!\p{Script=Han})\p{L})+)*/gu;
export const HAN = /^\p{Script=Han}/u;
// matchAll starts at the lastIndex of the regex it is given: a private copy keeps callers
// that exec() the exported WORD from steering this analyzer.
const WORDS = new RegExp(WORD.source, WORD.flags);
const LATIN = /\p{Script=Latin}/u;

export type TextAnalyzer = {
  tokens(text: string): Token[];
  /** Index/query terms: tokens without stop words, in order. */
  terms(text: string): string[];
  /** The same terms from tokens already computed (saves tokenizing twice). */
  termsOf(tokens: readonly Token[]): string[];
  /** Character bigrams of each Han run (a lone character stays a unigram), for substring search. */
  hanBigrams(text: string): string[];
  /** The Han runs of a text, as typed. */
  hanRuns(text: string): string[];
};

const HAN_RUN = /\p{Script=Han}+/gu;

function bigrams(run: string): string[] {
  const chars = [...run];
  if (chars.length === 1) return chars;
  return chars.slice(1).map((c, i) => chars[i]! + c);
}

let jieba: Jieba | undefined;
const segments = new Map<string, string[]>();

/** jieba's words of one run of Han characters; short runs repeat a lot and are memoised. */
function segment(run: string): string[] {
  let words = segments.get(run);
  if (words) return words;
  // The dictionary takes ~150 ms to load; only texts with Han characters need it.
  jieba ??= Jieba.withDict(dict);
  words = jieba.cut(run, true);
  if (run.length <= 32) {
    if (segments.size >= STEM_CACHE_LIMIT) segments.clear();
    segments.set(run, words);
  }
  return words;
}

// Stemming dominates analysis time and customer vocabulary repeats (Zipf), so stems are
// memoised; the bound keeps a stream of unique tokens (ids, typos) from growing it forever.
const STEM_CACHE_LIMIT = 200_000;
const stems = new Map<string, string>();

function latinTerm(word: string): string {
  let stem = stems.get(word);
  if (stem !== undefined) return stem;
  // eslint-disable-next-line no-control-regex
  const ascii = /^[\x00-\x7f]*$/.test(word);
  const folded = (ascii ? word : word.normalize('NFKD').replace(/\p{M}/gu, '').replace(/’/g, "'")).toLowerCase();
  stem = /^\d/.test(folded) ? folded : porterStemmer.stem(folded);
  if (stems.size >= STEM_CACHE_LIMIT) stems.clear();
  stems.set(word, stem);
  return stem;
}

export function createTextAnalyzer(): TextAnalyzer {
  function tokens(text: string): Token[] {
    const out: Token[] = [];
    for (const m of text.matchAll(WORDS)) {
      const run = m[0];
      const start = m.index;
      if (HAN.test(run)) {
        let offset = start;
        for (const word of segment(run)) {
          out.push({ term: word, start: offset, end: offset + word.length, script: 'han' });
          offset += word.length;
        }
      } else {
        const script = LATIN.test(run) ? 'latin' : 'other';
        const term = script === 'latin' ? latinTerm(run) : run.toLowerCase();
        out.push({ term, start, end: start + run.length, script });
      }
    }
    return out;
  }

  function isStopword(t: Token): boolean {
    if (t.script === 'han') return chineseStopwords.has(t.term);
    return stopwords.has(t.term) || stopwords.has(t.term.replace(/'.*$/, ''));
  }

  return {
    tokens,
    terms: (text) => tokens(text).filter((t) => !isStopword(t)).map((t) => t.term),
    termsOf: (list) => list.filter((t) => !isStopword(t)).map((t) => t.term),
    hanBigrams: (text) => (text.match(HAN_RUN) ?? []).flatMap(bigrams),
    hanRuns: (text) => text.match(HAN_RUN) ?? [],
  };
}
