// English tokens for the sentiment rules: lower-cased words (hashtags read as words, or
// as the opinion word hidden in a run-together tag: "#worstflightever"), emoji,
// emoticons and clause punctuation; URLs and @handles are dropped. The buffers are
// reused between calls, since scoring is synchronous and allocation dominates its cost:
// read them before the next tokenize(). What a word as written becomes (lower-cased
// parts, capitals, a hashtag's valence, the caller's facts about each part) is worked out
// once per distinct word and remembered: by the analyzer's lexeme when the caller passes
// the text's analyzer tokens and the word is one of them (most are), else by the word.
import { createLexemeMemo } from '../../core/text/lexeme-memo.ts';
import type { Token } from '../../core/text/text-analyzer.ts';
import type { EnglishLexicon } from './english-lexicon.ts';
import { emojiKey } from './emoji.lexicon.ts';
import { CLAUSE, EMOJI, EMOTICON, nextToken, type TokenSpan, WORD } from './english-token-scan.ts';

export { CLAUSE, EMOJI, EMOTICON, WORD };
/** A hashtag whose valence was found inside it at tokenisation. */
export const HASHTAG = 5;

export type EnglishTokens<F> = {
  kinds: number[];
  /** Lower-cased word, emoji key or emoticon. */
  words: string[];
  /** Written in capitals while the rest of the sentence is not: emphasis. */
  caps: boolean[];
  tagValence: number[];
  /** The caller's facts about each WORD token's word (other kinds leave stale entries). */
  facts: F[];
  /**
   * Tokenises a sentence into the buffers and returns the token count. `tokens`: the
   * analyzer's tokens of the text the sentence starts at `offset` of, when at hand.
   */
  tokenize(sentence: string, tokens?: readonly Token[], offset?: number): number;
};

/**
 * What a word match becomes: nothing, a hashtag with a valence, one word (`word`,
 * `facts`) or several (a compound's `parts`). One object for the common case of one
 * word, since every token reads it.
 */
type Written<F> = {
  kind: 0 | typeof WORD | typeof HASHTAG;
  word: string;
  facts: F | undefined;
  tagValence: number;
  isCaps: boolean;
  parts: ReadonlyArray<{ word: string; facts: F }> | undefined;
};

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
        return { kind: v ? HASHTAG : 0, word: lower, facts: undefined, tagValence: v ?? 0, isCaps: false, parts: undefined };
      }
    }
    const isCaps = raw.length > 1 && raw === raw.toUpperCase() && raw !== raw.toLowerCase();
    const lower = raw.toLowerCase().replace(/’/g, "'");
    // "well-made", "see-through": unknown compounds are read as their parts.
    if (lower.includes('-') && lexicon.valence(lower) === undefined) {
      const parts = lower.split('-').map((word) => ({ word, facts: factsOf(word) }));
      return { kind: WORD, word: lower, facts: undefined, tagValence: 0, isCaps, parts };
    }
    return { kind: WORD, word: lower, facts: factsOf(lower), tagValence: 0, isCaps, parts: undefined };
  }

  const writtenLexeme = createLexemeMemo((lexeme) => read(lexeme.surface));
  function writtenWord(word: string): Written<F> {
    let w = written.get(word);
    if (w === undefined) {
      if (written.size >= WRITTEN_LIMIT) written.clear();
      written.set(word, (w = read(word)));
    }
    return w;
  }

  // Reused by every call: tokenising is synchronous.
  const span: TokenSpan = { kind: 0, start: 0, end: 0 };

  function tokenize(sentence: string, tokens?: readonly Token[], offset = 0): number {
    let n = 0;
    let capsCount = 0;
    // The analyzer's token at or after the current word: both go left to right.
    let k = tokens ? firstTokenFrom(tokens, offset) : 0;
    for (let at = 0; nextToken(sentence, at, span); at = span.end) {
      const { kind, start, end } = span;
      if (kind === EMOJI) {
        kinds[n] = EMOJI;
        words[n] = emojiKey(sentence.slice(start, end));
      } else if (kind === EMOTICON) {
        kinds[n] = EMOTICON;
        words[n] = sentence.slice(start, end);
      } else if (kind === WORD) {
        let w: Written<F> | undefined;
        if (tokens) {
          while (k < tokens.length && tokens[k]!.start < offset + start) k++;
          const t = tokens[k];
          if (t !== undefined && t.start === offset + start && t.end === offset + end && t.script !== 'han') w = writtenLexeme(t.lexeme);
        }
        w ??= writtenWord(sentence.slice(start, end));
        if (w.kind === HASHTAG) {
          kinds[n] = HASHTAG;
          words[n] = w.word;
          tagValence[n++] = w.tagValence;
        } else if (w.kind === WORD) {
          if (w.isCaps) capsCount++;
          if (w.parts === undefined) {
            kinds[n] = WORD;
            words[n] = w.word;
            facts[n] = w.facts!;
            caps[n++] = w.isCaps;
          } else {
            for (const part of w.parts) {
              kinds[n] = WORD;
              words[n] = part.word;
              facts[n] = part.facts;
              caps[n++] = w.isCaps;
            }
          }
        }
        continue;
      } else if (kind === CLAUSE) {
        kinds[n] = CLAUSE;
        words[n] = sentence.slice(start, end);
      } else continue;
      n++;
    }
    // A shouted sentence emphasises nothing in particular.
    if (capsCount > n / 2) for (let i = 0; i < n; i++) caps[i] = false;
    return n;
  }

  return { kinds, words, caps, tagValence, facts, tokenize };
}

/** Index of the first token that starts at or after `offset`. */
function firstTokenFrom(tokens: readonly Token[], offset: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (tokens[mid]!.start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
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
