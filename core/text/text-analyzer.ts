// One analysis for indexing, querying and highlighting, done in voc rather than in
// Elasticsearch so that it works on any cluster (no analysis plugins) and so that what
// search matches and what the tags say agree. Latin-script words are lower-cased,
// accent-folded and Porter-stemmed; Han runs are segmented with jieba. Tokens keep their
// offsets in the original text, which is how highlights mark the customer's own words.
// Each distinct word outside Han runs is analysed once into a lexeme that all its tokens
// share, so the readers of tokens (issue patterns, keyphrases, sentiment) can keep what
// they derive from a word on its lexeme id instead of looking the word up again (see
// lexeme-memo.ts). Jieba's words get none: Chinese text has too many distinct words, and
// too few readers that ask about them, for interning each to pay.
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { englishStopwords, porterStemmer } from './natural.ts';
import { nextWord, WORD, type WordSpan } from './word-scan.ts';

export { WORD };

export type Script = 'han' | 'latin' | 'other';

/** A distinct word as written (a WORD match that is not a Han run), analysed once. */
export type Lexeme = {
  /**
   * Small and dense, for arrays indexed by word; reused for another word after the
   * analyzer's memory is reset, so whoever keeps facts by id checks the lexeme too.
   */
  readonly id: number;
  readonly surface: string;
  /** its index and query term */
  readonly term: string;
  readonly script: Exclude<Script, 'han'>;
  /** a stop word, left out of index and query terms */
  readonly stop: boolean;
};

/** A word of the text; the term of a Han token is the jieba word as written. */
export type Token =
  | { term: string; start: number; end: number; script: Exclude<Script, 'han'>; lexeme: Lexeme }
  | { term: string; start: number; end: number; script: 'han'; lexeme: undefined };

// Function words that would make AND-queries needlessly strict in either language.
const chineseStopwords = new Set(['的', '了', '吗', '呢', '吧', '啊', '呀', '是', '在', '和', '也', '都', '就', '着', '过', '地', '得']);
const stopwords = new Set(englishStopwords);
// Keep negators: "not working" and "working" must not look alike to search or tagging.
for (const w of ['not', 'no', 'nor', 'never', 'cannot']) stopwords.delete(w);

export const HAN = /^\p{Script=Han}/u;
const LATIN = /\p{Script=Latin}/u;

export type TextAnalyzer = {
  tokens(text: string): Token[];
  /** Index/query terms: tokens without stop words, in order. */
  terms(text: string): string[];
  /** The same terms from tokens already computed (saves tokenizing twice). */
  termsOf(tokens: readonly Token[]): string[];
  /** Character bigrams of each Han run (a lone character stays a unigram), for substring search. */
  hanBigrams(text: string): string[];
  /** The same bigrams from the text's tokens: a Han run is a stretch of adjoining Han tokens. */
  hanBigramsOf(text: string, tokens: readonly Token[]): string[];
  /** The Han runs of a text, as typed. */
  hanRuns(text: string): string[];
};

const HAN_RUN = /\p{Script=Han}+/gu;

const SURROGATE = /[\uD800-\uDFFF]/;

/** The bigrams of a Han run, in code points, onto `out`; a lone character stays a unigram. */
function bigrams(run: string, out: string[]): void {
  if (SURROGATE.test(run)) {
    // Characters beyond the BMP (CJK extensions) are two code units each.
    const chars = [...run];
    if (chars.length === 1) out.push(chars[0]!);
    for (let i = 1; i < chars.length; i++) out.push(chars[i - 1]! + chars[i]!);
  } else if (run.length === 1) out.push(run);
  else for (let i = 0; i + 1 < run.length; i++) out.push(run.slice(i, i + 2));
}

function hanBigrams(text: string): string[] {
  const out: string[] = [];
  for (const run of text.match(HAN_RUN) ?? []) bigrams(run, out);
  return out;
}

function hanBigramsOf(text: string, tokens: readonly Token[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i]!.script !== 'han') continue;
    // Runs are maximal, so two runs never adjoin: adjoining Han tokens are one run.
    let j = i;
    while (j + 1 < tokens.length && tokens[j + 1]!.script === 'han' && tokens[j + 1]!.start === tokens[j]!.end) j++;
    bigrams(text.slice(tokens[i]!.start, tokens[j]!.end), out);
    i = j;
  }
  return out;
}

// Analysing a word (stemming above all) dominates analysis time and customer vocabulary
// repeats (Zipf), so lexemes are kept, and stems by lower-cased form as well ("Delayed",
// "delayed" and "DELAYED" are three lexemes and one stemming); the bounds keep a stream
// of unique tokens (ids, typos) from growing the memory forever. Short Han runs repeat a
// lot too, and keep their segmentation. All are module-wide: every analyzer analyses alike.
const LEXEME_LIMIT = 200_000;
const lexemes = new Map<string, Lexeme>();
const stems = new Map<string, string>();
const segments = new Map<string, string[]>();
const SEGMENT_MEMO_MAX_LENGTH = 32;
let jieba: Jieba | undefined;

function stemOf(folded: string): string {
  let stem = stems.get(folded);
  if (stem === undefined) {
    stem = /^\d/.test(folded) ? folded : porterStemmer.stem(folded);
    if (stems.size >= LEXEME_LIMIT) stems.clear();
    stems.set(folded, stem);
  }
  return stem;
}

// The lexemes of recently seen words by a hash of their characters, in front of the map:
// a word found here costs neither a substring nor a lookup in a map of many thousand
// words, whose memory is mostly far from the cache.
const RECENT_BITS = 14;
const RECENT_MASK = (1 << RECENT_BITS) - 1;
const recentHashes = new Int32Array(1 << RECENT_BITS);
const recent: Array<Lexeme | undefined> = new Array<Lexeme | undefined>(1 << RECENT_BITS).fill(undefined);

/** The lexeme of a WORD match that is not a Han run. */
function wordLexeme(surface: string): Lexeme {
  let lexeme = lexemes.get(surface);
  if (lexeme !== undefined) return lexeme;
  const script = LATIN.test(surface) ? 'latin' : 'other';
  let term: string;
  if (script === 'other') term = surface.toLowerCase();
  else {
    // eslint-disable-next-line no-control-regex
    const ascii = /^[\x00-\x7f]*$/.test(surface);
    const folded = (ascii ? surface : surface.normalize('NFKD').replace(/\p{M}/gu, '').replace(/’/g, "'")).toLowerCase();
    term = stemOf(folded);
  }
  const stop = stopwords.has(term) || stopwords.has(term.replace(/'.*$/, ''));
  if (lexemes.size >= LEXEME_LIMIT) {
    // Ids start again.
    lexemes.clear();
    recent.fill(undefined);
  }
  lexeme = { id: lexemes.size, surface, term, script, stop };
  lexemes.set(surface, lexeme);
  return lexeme;
}

/** The lexeme of text[start, end), a WORD match that is not a Han run. */
function lexemeAt(text: string, start: number, end: number): Lexeme {
  let h = end - start;
  for (let i = start; i < end; i++) h = (Math.imul(h, 31) + text.charCodeAt(i)) | 0;
  const slot = (h ^ (h >>> RECENT_BITS)) & RECENT_MASK;
  const seen = recent[slot];
  if (seen !== undefined && recentHashes[slot] === h && seen.surface.length === end - start && text.startsWith(seen.surface, start)) return seen;
  const lexeme = wordLexeme(text.slice(start, end));
  recent[slot] = lexeme;
  recentHashes[slot] = h;
  return lexeme;
}

/** jieba's words of one run of Han characters. */
function segment(run: string): readonly string[] {
  let words = segments.get(run);
  if (words) return words;
  // The dictionary takes ~150 ms to load; only texts with Han characters need it.
  jieba ??= Jieba.withDict(dict);
  words = jieba.cut(run, true);
  if (run.length <= SEGMENT_MEMO_MAX_LENGTH) {
    if (segments.size >= LEXEME_LIMIT) segments.clear();
    segments.set(run, words);
  }
  return words;
}

// Reused by every call: analysis is synchronous.
const span: WordSpan = { start: 0, end: 0, han: false };

function tokens(text: string): Token[] {
  const out: Token[] = [];
  for (let at = 0; nextWord(text, at, span); at = span.end) {
    const { start, end } = span;
    if (span.han) {
      let offset = start;
      for (const word of segment(text.slice(start, end))) {
        out.push({ term: word, start: offset, end: offset + word.length, script: 'han', lexeme: undefined });
        offset += word.length;
      }
    } else {
      const lexeme = lexemeAt(text, start, end);
      out.push({ term: lexeme.term, start, end, script: lexeme.script, lexeme });
    }
  }
  return out;
}

function termsOf(list: readonly Token[]): string[] {
  const out: string[] = [];
  for (const t of list) if (t.script === 'han' ? !chineseStopwords.has(t.term) : !t.lexeme.stop) out.push(t.term);
  return out;
}

export function createTextAnalyzer(): TextAnalyzer {
  return {
    tokens,
    terms: (text) => termsOf(tokens(text)),
    termsOf,
    hanBigrams,
    hanBigramsOf,
    hanRuns: (text) => text.match(HAN_RUN) ?? [],
  };
}
