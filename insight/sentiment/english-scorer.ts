// Scores one English sentence in one pass over its tokens, VADER-style rules over the
// English lexicon: negation ("not", "n't", "without" … for three words; a negated
// complaint is only mildly positive: "not bad"), intensity ("very", "a bit", ALL CAPS,
// "!!!", elongation "sooo"), contrast ("but" halves what came before and weighs what
// follows ×1.5; "although X, Y" halves X), "too"/"a bit" + attribute as a complaint,
// "no X" as something missing, questions as requests rather than opinions ("why …?"
// complains), hypotheticals ("would be great", "if only") as wishes, a shared link as a
// headline rather than a verdict. Token buffers are reused (see english-tokens.ts).
import type { Token } from '../../core/text/text-analyzer.ts';
import type { EnglishLexicon, Phrase } from './english-lexicon.ts';
import { ATTRIBUTES, COMPLAINT_QUESTION, CONCESSIVE, CONTRAST_AFTER, isNegator, LIKE_VERB_CONTEXT, MODIFIERS, NOT_NEGATABLE } from './english-grammar.ts';
import { CLAUSE, countBangs, createEnglishTokenizer, EMOJI, EMOTICON, HASHTAG, WORD } from './english-tokens.ts';
import type { Evidence, SentenceScorer } from './sentence-evidence.ts';

const THANKS = new Set(['thanks', 'thank', 'thx', 'ty', 'tks', 'thankyou', 'cheers', 'appreciate', 'appreciated']);
/** "Thanks!", "Thank you so much united": a short thank-you is politeness unless the message praises. */
const COURTESY_MAX_WORDS = 5;

/** Negation reaches this many words ahead, within the clause. */
const NEGATION_SCOPE = 3;
/** A negated praise keeps most of its force; a negated complaint becomes mild praise ("not bad"). */
const NEGATED_POSITIVE = -0.75;
const NEGATED_NEGATIVE = -0.4;
/** "no refund", "didn't arrive": a negation that meets no opinion word still reports something missing. */
const UNRESOLVED_NEGATION = -0.7;
const CAPS_EMPHASIS = 1.5;
const TOO_ATTRIBUTE = -1.5;
const BIT_ATTRIBUTE = -1;
/** In a question, praise words are mostly asked about, complaint words still complain. */
const QUESTION_POSITIVE = 0.3;
const QUESTION_NEGATIVE = 0.5;
const TRAILING_BUT = 1;
const LINK_SHARE = 0.3;
/** "if only…", "would be great": praise of what is not (yet) there. */
const HYPOTHETICAL = new Set("if would could i'd we'd you'd wish".split(' '));
const HYPOTHETICAL_POSITIVE = 0.3;
/** "I would recommend", "would definitely buy again": a verdict, not a wish. */
const WOULD_COMMIT = new Set(['recommend', 'buy', 'purchase', 'order', 'definitely', 'highly', 'totally', 'absolutely', 'fly', 'choose']);
const COMPLAINT_QUESTION_VALENCE = 1.5;

// What the rules ask of a word, found once per distinct word by the tokenizer: a bit per
// word list, so that scoring tests bits instead of looking the word up in each list.
const THANKING = 1;
const HYPOTHESIS = 2;
const NEGATOR = 4;
const CONTRAST = 8;
const CONCESSION = 16;
const ATTRIBUTE = 32;
const UNNEGATABLE = 64;
/** like, likes, liked: a verb of liking or a preposition, by the word before */
const LIKE = 128;
/** an adverb before an opinion word, else praise */
const PRETTY = 256;
type WordFacts = { flags: number; /** the intensity factor, 0 for none */ modifier: number; valence: number | undefined; phrases: readonly Phrase[] | undefined };

/** A "?" among the last four characters of the sentence. */
function questionMarkNearEnd(sentence: string): boolean {
  for (let k = Math.max(0, sentence.length - 4); k < sentence.length; k++) if (sentence.charCodeAt(k) === 63) return true;
  return false;
}

export function createEnglishScorer(lexicon: EnglishLexicon): SentenceScorer {
  const factsOf = (w: string): WordFacts => ({
    flags:
      (THANKS.has(w) ? THANKING : 0) |
      (HYPOTHETICAL.has(w) ? HYPOTHESIS : 0) |
      (isNegator(w) ? NEGATOR : 0) |
      (CONTRAST_AFTER.has(w) ? CONTRAST : 0) |
      (CONCESSIVE.has(w) ? CONCESSION : 0) |
      (ATTRIBUTES.has(w) ? ATTRIBUTE : 0) |
      (NOT_NEGATABLE.has(w) ? UNNEGATABLE : 0) |
      (w === 'like' || w === 'likes' || w === 'liked' ? LIKE : 0) |
      (w === 'pretty' ? PRETTY : 0),
    modifier: MODIFIERS.get(w) ?? 0,
    valence: lexicon.valence(w),
    phrases: lexicon.phrases(w),
  });
  const { kinds, words, caps, tagValence, facts, tokenize } = createEnglishTokenizer(lexicon, factsOf);

  function wordValence(i: number, n: number): number | undefined {
    const f = facts[i]!;
    if (f.flags & LIKE) {
      const prev = i > 0 ? words[i - 1]! : '';
      return LIKE_VERB_CONTEXT.has(prev) || isNegator(prev) ? 2 : undefined;
    }
    if (f.flags & PRETTY) return i + 1 < n && kinds[i + 1] === WORD && lexicon.valence(words[i + 1]!) ? undefined : 2;
    return f.valence;
  }

  function matchPhrase(i: number, n: number): number {
    const candidates = facts[i]!.phrases;
    if (!candidates) return 0;
    for (const p of candidates) {
      if (i + p.tokens.length > n) continue;
      let ok = true;
      for (let k = 1; k < p.tokens.length && ok; k++) ok = kinds[i + k] === WORD && words[i + k] === p.tokens[k];
      if (ok) {
        phraseValence = p.valence;
        return p.tokens.length;
      }
    }
    return 0;
  }
  let phraseValence = 0;

  // Per-sentence state, kept at factory scope so that scoring allocates no closures.
  let pos = 0;
  let neg = 0;
  let weight = 1;
  let hypothetical = false;
  let negLeft = 0;
  let negResolved = true;
  let negWords = 0;

  function add(v: number): void {
    if (v > 0) pos += v * weight * (hypothetical ? HYPOTHETICAL_POSITIVE : 1);
    else neg -= v * weight;
  }
  function endNegation(): void {
    if (!negResolved && negWords > 0) add(UNRESOLVED_NEGATION);
    negLeft = 0;
    negWords = 0;
    negResolved = true;
  }

  return function score(text: string, start: number, end: number, out: Evidence, tokens?: readonly Token[]): void {
    const sentence = text.slice(start, end);
    const n = tokenize(sentence, tokens, start);
    pos = 0;
    neg = 0;
    weight = 1;
    hypothetical = false;
    negLeft = 0;
    negResolved = true;
    negWords = 0;
    let concessive = false;
    let mod = 1;
    let modLeft = 0;
    let tooLeft = 0;
    let bitLeft = 0;
    let firstWord = '';
    let thanks = false;
    let wordCount = 0;

    for (let i = 0; i < n; i++) {
      const kind = kinds[i]!;
      if (kind === CLAUSE) {
        endNegation();
        modLeft = tooLeft = bitLeft = 0;
        if (concessive) {
          concessive = false;
          weight = 1.5;
        }
        continue;
      }
      if (kind === HASHTAG) {
        add(tagValence[i]!);
        continue;
      }
      if (kind === EMOJI || kind === EMOTICON) {
        add((kind === EMOJI ? lexicon.emoji(words[i]!) : lexicon.emoticon(words[i]!)) ?? 0);
        continue;
      }
      const w = words[i]!;
      const { flags, modifier } = facts[i]!;
      if (!firstWord) firstWord = w;
      wordCount++;
      if (flags & THANKING) thanks = true;
      let v: number | undefined;
      const span = matchPhrase(i, n);
      if (span > 0) {
        v = phraseValence;
        i += span - 1;
        if (v === 0) {
          if (negLeft > 0) negWords++;
          continue;
        }
      } else if (flags & HYPOTHESIS && !WOULD_COMMIT.has(words[i + 1] ?? '') && !WOULD_COMMIT.has(words[i + 2] ?? '')) {
        hypothetical = true;
        continue;
      } else if (flags & NEGATOR) {
        endNegation();
        negLeft = NEGATION_SCOPE;
        negResolved = false;
        continue;
      } else if (flags & CONTRAST && i + 1 === n && i > 0) {
        // A trailing "but…" leaves the objection unsaid, and what came before is taken back.
        pos *= 0.5;
        neg = neg * 0.5 + TRAILING_BUT;
        continue;
      } else if (flags & CONTRAST && i + 1 < n) {
        endNegation();
        pos *= 0.5;
        neg *= 0.5;
        weight = 1.5;
        v = facts[i]!.valence;
        if (!v) continue;
      } else if (flags & CONCESSION && (i === 0 || kinds[i - 1] === CLAUSE)) {
        concessive = true;
        weight = 0.5;
        continue;
      } else if (w === 'too' && i + 1 < n) {
        tooLeft = 2;
        mod = 1.4;
        modLeft = 2;
        continue;
      } else if (modifier > 0 && i + 1 < n && kinds[i + 1] === WORD) {
        if ((w === 'bit' || w === 'little') && (i === 0 || words[i - 1] !== 'a')) v = undefined;
        else {
          mod = modifier;
          modLeft = 2;
          if (mod < 1) bitLeft = 2;
          continue;
        }
      } else if ((w === 'kind' || w === 'sort') && words[i + 1] === 'of') {
        mod = 0.6;
        modLeft = bitLeft = 2;
        i++;
        continue;
      } else v = wordValence(i, n);

      if (!v && flags & ATTRIBUTE) {
        if (tooLeft > 0) v = TOO_ATTRIBUTE;
        else if (bitLeft > 0) v = BIT_ATTRIBUTE;
      } else if (v) {
        if (modLeft > 0) v *= mod;
        if (caps[i]) v *= CAPS_EMPHASIS;
      }
      if (v !== undefined && v !== 0) {
        if (negLeft > 0 && !(flags & UNNEGATABLE)) {
          v *= v > 0 ? NEGATED_POSITIVE : NEGATED_NEGATIVE;
          negResolved = true;
        }
        add(v);
      }
      if (negLeft > 0) {
        negWords++;
        if (--negLeft === 0) endNegation();
      }
      if (modLeft > 0) modLeft--;
      if (tooLeft > 0) tooLeft--;
      if (bitLeft > 0) bitLeft--;
    }
    endNegation();

    const question = questionMarkNearEnd(sentence);
    if (question) {
      pos *= QUESTION_POSITIVE;
      neg *= QUESTION_NEGATIVE;
      if (COMPLAINT_QUESTION.has(firstWord)) neg += COMPLAINT_QUESTION_VALENCE;
    }
    if (sentence.includes('://') || sentence.includes('www.')) {
      // A sentence that shares a link is mostly a headline or a quote, not the writer's verdict.
      pos *= LINK_SHARE;
      neg *= LINK_SHARE;
    }
    const bangs = countBangs(sentence);
    if (bangs > 0) {
      const amp = 1 + 0.1 * Math.min(bangs, 3);
      pos *= amp;
      neg *= amp;
    }
    out.pos = pos;
    out.neg = neg;
    out.opensWithContrast = firstWord === 'but' || firstWord === 'however' || firstWord === 'unfortunately';
    out.question = question;
    out.courtesy = thanks && wordCount <= COURTESY_MAX_WORDS && pos > 0;
  };
}
