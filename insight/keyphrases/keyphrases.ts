// Up to five keyphrases per text for trend and emerging-theme views: what the text is
// about ("battery life", "customer service", "验证码", "客服态度"), not how it feels.
// No model: the analyzer's tokens, stop and generic word lists, and a few shape rules.
//   English: runs of 1–3 content words with nothing but spaces or hyphens between them,
//   as written (lower-cased). A word right after a subject pronoun, modal, "to" or a
//   negator is taken for a verb ("I need", "to take", "didn't pay") and skipped; a past-
//   tense word may start a phrase ("cracked screen") but not end one ("package arrived"
//   → "package"), and a lone "-ing" word is a verb ("keeps crashing") unless it is a known
//   noun ("shipping"). @handles, #tags and web addresses are skipped. Pairs rank first.
//   Chinese: jieba words of two or more characters that are not function, generic,
//   predicate ("太慢") or negated ("收不到") words; a word followed by an aspect noun forms
//   one compound ("客服" + "态度" → "客服态度"). Compounds, then longer words rank first.
// Ties keep text order, so the output is deterministic. Texts of other languages get none.
import type { Language } from '../../core/feedback/feedback-document.ts';
import { englishStopwords } from '../../core/text/natural.ts';
import { createLexemeMemo } from '../../core/text/lexeme-memo.ts';
import type { TextAnalyzer, Token } from '../../core/text/text-analyzer.ts';
import { chineseAspectHeads, chineseGenericWords, chinesePredicateStarts, englishGenericWords, englishIngNouns, englishLyNouns, englishVerbCues } from './keyphrase-stopwords.ts';

export type KeyphraseExtractor = {
  /** `tokens`, when the caller already has analyzer.tokens(text), saves tokenizing again. */
  extract(text: string, language: Language, tokens?: readonly Token[]): string[];
};

const MAX_PHRASES = 5;
const MAX_WORDS = 3;
const ENGLISH_WORD = /^\p{L}[\p{L}\p{M}-]{2,}$/u;
// How a Chinese word may not start, by UTF-16 unit: a predicate ("太慢") or a numeral.
const PREDICATE_START = 1;
const NUMERAL_START = 2;
const chineseStarts = new Uint8Array(0x10000);
for (const c of chinesePredicateStarts) chineseStarts[c.charCodeAt(0)]! |= PREDICATE_START;
for (const c of '零一二三四五六七八九十百千万两几半0123456789') chineseStarts[c.charCodeAt(0)]! |= NUMERAL_START;

/** How a word as written takes part in English phrases; worked out once per word. */
type EnglishWord = { lower: string; content: boolean; past: boolean; verbing: boolean; verbCue: boolean };
type Candidate = { phrase: string; score: number; at: number };

export function createKeyphraseExtractor(deps: { analyzer: TextAnalyzer }): KeyphraseExtractor {
  const stemOf = (w: string) => deps.analyzer.tokens(w).map((t) => t.term);
  const skipStems = new Set([...englishStopwords, ...englishGenericWords].flatMap(stemOf));
  const skipWords = new Set([...englishStopwords, ...englishGenericWords]);
  const verbCues = new Set(englishVerbCues);
  const lyNouns = new Set(englishLyNouns);
  const ingNouns = new Set(englishIngNouns);
  const zhSkip = new Set(chineseGenericWords);
  const zhHeads = new Set(chineseAspectHeads);

  // What a word as written means to phrases, worked out once per distinct word.
  const englishWord = createLexemeMemo(({ surface, term }): EnglishWord => {
    const lower = surface.toLowerCase().replace(/’/g, "'");
    const content = ENGLISH_WORD.test(lower) && !skipWords.has(lower) && !skipStems.has(term) && !(lower.length >= 6 && lower.endsWith('ly') && !lyNouns.has(lower));
    return { lower, content, past: lower.endsWith('ed'), verbing: lower.endsWith('ing') && !ingNouns.has(lower), verbCue: verbCues.has(lower) || lower.endsWith("n't") || lower.endsWith("'ll") };
  });
  // Cheap enough to work out for every jieba word, which have no lexeme (see text-analyzer.ts).
  const isChineseContent = (word: string) =>
    // "收不到", "打不开": what went wrong, not what it is about.
    word.length >= 2 && chineseStarts[word.charCodeAt(0)] === 0 && !word.includes('不') && !word.includes('没') && !zhSkip.has(word);

  // Reused by every text (extraction is synchronous): only the candidates are new.
  const run: Run = { text: '', out: [], starts: [], ends: [], past: [], verbing: [], n: 0, previous: undefined, previousEnd: -1 };

  function englishCandidates(text: string, tokens: readonly Token[]): Candidate[] {
    run.text = text;
    run.out = [];
    run.n = 0;
    run.previous = undefined;
    run.previousEnd = -1;
    for (const t of tokens) if (t.script !== 'han') visit(run, englishWord(t.lexeme), t.start, t.end);
    flushRun(run);
    return run.out;
  }

  function chineseCandidates(text: string, tokens: readonly Token[]): Candidate[] {
    const out: Candidate[] = [];
    let previous: Token | undefined;
    for (const t of tokens) {
      if (t.script !== 'han' || !isChineseContent(t.term)) {
        previous = undefined;
        continue;
      }
      if (previous && previous.end === t.start && zhHeads.has(t.term)) {
        out.push({ phrase: previous.term + t.term, score: 3, at: previous.start });
      }
      out.push({ phrase: t.term, score: t.term.length >= 3 ? 2 : 1, at: t.start });
      previous = t;
    }
    return out;
  }

  return {
    extract(text, language, tokens) {
      if (language === 'other') return [];
      tokens ??= deps.analyzer.tokens(text);
      const candidates = language === 'zh' ? chineseCandidates(text, tokens) : englishCandidates(text, tokens);
      return choose(candidates, language === 'zh');
    },
  };
}

// Phrase building lives at module level with its state in one object: closures created
// per text would cost more than the work.
type Run = {
  text: string;
  out: Candidate[];
  /** the words of the current run: offsets and whether each is past tense */
  starts: number[];
  ends: number[];
  past: boolean[];
  verbing: boolean[];
  n: number;
  previous: EnglishWord | undefined;
  previousEnd: number;
};

function visit(run: Run, w: EnglishWord, start: number, end: number): void {
  const skip = !w.content || isAddress(run.text, start, w.lower) || (run.previous?.verbCue === true && run.n === 0);
  if (skip || (run.n > 0 && !onlyJoiners(run.text, run.previousEnd, start))) flushRun(run);
  if (!skip) {
    run.starts[run.n] = start;
    run.ends[run.n] = end;
    run.past[run.n] = w.past;
    run.verbing[run.n] = w.verbing;
    run.n++;
  }
  run.previous = w;
  run.previousEnd = end;
}

/** Ends the current run of content words, keeping its last 1–3 words as a phrase. */
function flushRun(run: Run): void {
  // Head-final: trailing past-tense words are verbs of the story, not the theme.
  while (run.n > 0 && run.past[run.n - 1]) run.n--;
  // A lone "-ing" word is a verb ("keeps crashing"); in a phrase it is a noun ("packing list").
  if (run.n === 1 && run.verbing[0]) run.n = 0;
  const n = Math.min(run.n, MAX_WORDS);
  if (n > 0) {
    const first = run.n - n;
    const start = run.starts[first]!;
    const end = run.ends[run.n - 1]!;
    const written = run.text.slice(start, end).toLowerCase();
    const phrase = singleSpaced(run.text, start, end) ? written : written.replace(/\s+/g, ' ');
    run.out.push({ phrase, score: n === 1 ? 1 : n === 2 ? 3 : 2.5, at: run.starts[first]! });
  }
  run.n = 0;
}

/** No tab, no-break space or run of spaces between the words of text[from, to). */
function singleSpaced(text: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c === 9 || c === 0xa0 || (c === 32 && text.charCodeAt(k + 1) === 32)) return false;
  }
  return true;
}

function onlyJoiners(text: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c !== 32 && c !== 45 && c !== 9 && c !== 0xa0) return false; // space, hyphen, tab, nbsp
  }
  return true;
}

/** @handles, #tags and pieces of web addresses. */
function isAddress(text: string, start: number, surface: string): boolean {
  const before = text.charCodeAt(start - 1);
  if (before === 64 || before === 35 || before === 47) return true; // @ # /
  if (before === 46 && /[\p{L}\p{N}]/u.test(text[start - 2] ?? '')) return true; // t.co, example.com
  return surface === 'http' || surface === 'https' || surface === 'www';
}

/** The best five: a phrase said twice counts more; "service" adds nothing to "customer service". */
function choose(candidates: Candidate[], chinese: boolean): string[] {
  const ranked = candidates.length <= FEW ? rankFew(candidates) : rankMany(candidates);
  const chosen: string[] = [];
  for (const { phrase } of ranked) {
    if (chosen.length === MAX_PHRASES) break;
    if (chosen.some((c) => (chinese ? c.includes(phrase) : containsWords(c, phrase)))) continue;
    chosen.push(phrase);
  }
  return chosen;
}

const byRank = (a: Candidate, b: Candidate) => b.score - a.score || a.at - b.at;

/** Distinct phrases in order of first mention, the score of a repeat added to the first; best first. */
function rankMany(candidates: Candidate[]): Candidate[] {
  const merged = new Map<string, Candidate>();
  for (const c of candidates) {
    const seen = merged.get(c.phrase);
    if (seen) seen.score += 1;
    else merged.set(c.phrase, c); // candidates are fresh objects, owned here
  }
  return [...merged.values()].sort(byRank);
}

// A text has a handful of candidates: merged in place and insertion-sorted (stable, as
// Array#sort is), the same ranking as rankMany without a map, a copy and a sort buffer.
const FEW = 32;
function rankFew(candidates: Candidate[]): Candidate[] {
  let n = 0;
  next: for (const c of candidates) {
    for (let k = 0; k < n; k++) {
      if (candidates[k]!.phrase === c.phrase) {
        candidates[k]!.score += 1;
        continue next;
      }
    }
    candidates[n++] = c; // n never passes the element being read
  }
  candidates.length = n;
  for (let i = 1; i < n; i++) {
    const c = candidates[i]!;
    let j = i - 1;
    for (; j >= 0 && byRank(candidates[j]!, c) > 0; j--) candidates[j + 1] = candidates[j]!;
    candidates[j + 1] = c;
  }
  return candidates;
}

/** Whether `words` occurs in `phrase` as whole words: " phrase " contains " words ". */
function containsWords(phrase: string, words: string): boolean {
  for (let k = phrase.indexOf(words); k >= 0; k = phrase.indexOf(words, k + 1)) {
    const end = k + words.length;
    if ((k === 0 || phrase.charCodeAt(k - 1) === 32) && (end === phrase.length || phrase.charCodeAt(end) === 32)) return true;
  }
  return false;
}
