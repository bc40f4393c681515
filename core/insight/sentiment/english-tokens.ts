// English tokens for the sentiment rules: lower-cased words (hashtags read as words, or
// as the opinion word hidden in a run-together tag: "#worstflightever"), emoji,
// emoticons and clause punctuation; URLs and @handles are dropped. The buffers are
// reused between calls, since scoring is synchronous and allocation dominates its cost:
// read them before the next tokenize(). What a word as written becomes (lower-cased
// parts, capitals, a hashtag's valence, the caller's facts about each part) is worked out
// once per distinct word and remembered, so a repeated word costs one map lookup.
import type { EnglishLexicon } from './english-lexicon.ts';
import { EMOJI_OR_EMOTICON, emojiKey } from './emoji.lexicon.ts';

export const WORD = 1;
export const CLAUSE = 2;
export const EMOJI = 3;
export const EMOTICON = 4;
/** A hashtag whose valence was found inside it at tokenisation. */
export const HASHTAG = 5;

// Emoji and emoticons before words so ":D" is not read as the word "D".
const TOKEN = new RegExp(
  `(?:https?://|www\\.)\\S+|@\\w+|${EMOJI_OR_EMOTICON.source}|(#?[\\p{L}][\\p{L}\\p{M}'’]*(?:-[\\p{L}]+)*)|([,;:()—–]|\\s-\\s)`,
  'gu',
);

export type EnglishTokens<F> = {
  kinds: number[];
  /** Lower-cased word, emoji key or emoticon. */
  words: string[];
  /** Written in capitals while the rest of the sentence is not: emphasis. */
  caps: boolean[];
  tagValence: number[];
  /** The caller's facts about each WORD token's word (other kinds leave stale entries). */
  facts: F[];
  /** Tokenises a sentence into the buffers and returns the token count. */
  tokenize(sentence: string): number;
};

/** What a word match becomes: nothing, a hashtag with a valence, or words (a compound's parts). */
type Written<F> = { kind: 0 | typeof WORD | typeof HASHTAG; word: string; tagValence: number; isCaps: boolean; parts: ReadonlyArray<{ word: string; facts: F }> };

const WRITTEN_LIMIT = 50_000;

/** `factsOf`: what the caller needs to know about a lower-cased word, kept with it. */
export function createEnglishTokenizer<F>(lexicon: EnglishLexicon, factsOf: (word: string) => F): EnglishTokens<F> {
  const kinds: number[] = [];
  const words: string[] = [];
  const caps: boolean[] = [];
  const tagValence: number[] = [];
  const facts: F[] = [];

  const written = new Map<string, Written<F>>();
  function read(match: string): Written<F> {
    let raw = match;
    if (raw.startsWith('#')) {
      raw = raw.slice(1);
      const lower = raw.toLowerCase();
      if (lexicon.valence(lower) === undefined) {
        const v = lower.length >= 6 ? lexicon.compound(lower) : undefined;
        return { kind: v ? HASHTAG : 0, word: lower, tagValence: v ?? 0, isCaps: false, parts: [] };
      }
    }
    const isCaps = raw.length > 1 && raw === raw.toUpperCase() && raw !== raw.toLowerCase();
    const lower = raw.toLowerCase().replace(/’/g, "'");
    // "well-made", "see-through": unknown compounds are read as their parts.
    const parts = lower.includes('-') && lexicon.valence(lower) === undefined ? lower.split('-') : [lower];
    return { kind: WORD, word: lower, tagValence: 0, isCaps, parts: parts.map((word) => ({ word, facts: factsOf(word) })) };
  }

  function tokenize(sentence: string): number {
    let n = 0;
    let capsCount = 0;
    TOKEN.lastIndex = 0;
    for (let m = TOKEN.exec(sentence); m; m = TOKEN.exec(sentence)) {
      if (m[1] !== undefined) {
        kinds[n] = EMOJI;
        words[n] = emojiKey(m[1]);
      } else if (m[2] !== undefined) {
        kinds[n] = EMOTICON;
        words[n] = m[2];
      } else if (m[3] !== undefined) {
        let w = written.get(m[3]);
        if (w === undefined) {
          if (written.size >= WRITTEN_LIMIT) written.clear();
          written.set(m[3], (w = read(m[3])));
        }
        if (w.kind === HASHTAG) {
          kinds[n] = HASHTAG;
          words[n] = w.word;
          tagValence[n++] = w.tagValence;
        } else if (w.kind === WORD) {
          if (w.isCaps) capsCount++;
          for (const part of w.parts) {
            kinds[n] = WORD;
            words[n] = part.word;
            facts[n] = part.facts;
            caps[n++] = w.isCaps;
          }
        }
        continue;
      } else if (m[4] !== undefined) {
        kinds[n] = CLAUSE;
        words[n] = m[4];
      } else continue;
      n++;
    }
    // A shouted sentence emphasises nothing in particular.
    if (capsCount > n / 2) for (let i = 0; i < n; i++) caps[i] = false;
    return n;
  }

  return { kinds, words, caps, tagValence, facts, tokenize };
}

/** Exclamation marks ending a sentence (up to 4), "?" and spaces between them ignored. */
export function countBangs(s: string): number {
  let c = 0;
  for (let i = s.length - 1; i >= 0 && c < 4; i--) {
    const ch = s.charCodeAt(i);
    if (ch === 33 /* ! */ || ch === 0xff01) c++;
    else if (ch !== 63 /* ? */ && ch !== 32) break;
  }
  return c;
}
