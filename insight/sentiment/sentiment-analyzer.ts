// voc's sentiment analyzer for English and Chinese feedback: zero-shot (hand-written
// rules and lexicons, no model trained on labelled feedback), deterministic and fast
// enough to run inline in the processor (about 10 µs for a tweet, 10–35 µs for a Chinese
// review, once the word memos are warm; passing the analyzer's tokens saves reading the
// English words again).
//
// Contract: analyze(text, language, tokens?) returns a document score in [-1, 1], a label
// (positive from 0.2, negative from -0.15, neutral between; see sentence-evidence.ts)
// and one entry per sentence with offsets into the original text. Sentences are scored by the language's rules; the document score is the
// net over the total of all positive and negative evidence, so mixed feedback is neutral
// and more evidence means a firmer score. An English sentence opening with "But" outweighs
// the one before it (a scorer reports such a turn; the Chinese one weighs 但是 inside its
// own sentence and reports none). 'other' languages get the English rules, whose emoji and emoticons
// are universal. Consumers that need two classes should use the sign of the score (0
// means no opinion was found). A thank-you in a message that asks or complains counts
// little: "Can you help? Thanks!" is a request.
import type { Language } from '../../core/feedback/feedback-document.ts';
import type { SentenceSentiment, SentimentResult } from '../../core/feedback/insight.types.ts';
import type { TextAnalyzer, Token } from '../../core/text/text-analyzer.ts';
import { createChineseScorer } from './chinese-scorer.ts';
import { createEnglishLexicon } from './english-lexicon.ts';
import { createEnglishScorer } from './english-scorer.ts';
import { type Evidence, evidenceScore, labelOf, type SentenceScorer } from './sentence-evidence.ts';
import { splitSentences } from './sentence-split.ts';

export type SentimentAnalyzer = {
  /** `tokens`: the analyzer's tokens of `text`, when the caller has them; they save work, not change the result. */
  analyze(text: string, language: Language, tokens?: readonly Token[]): SentimentResult;
};

/** Weight of a sentence that opens with a contrast, and what remains of the one before it. */
const CONTRAST_NEXT = 1.5;
const CONTRAST_PREVIOUS = 0.5;
/** What a thank-you is worth in a message that asks or complains. */
const COURTESY_WEIGHT = 0.15;

const HAN = /\p{Script=Han}/u;

export function createSentimentAnalyzer(deps: { analyzer: TextAnalyzer }): SentimentAnalyzer {
  // The analyzer's first token of a single word is its search stem: one normalisation for search and sentiment.
  const lexicon = createEnglishLexicon((word) => deps.analyzer.tokens(word)[0]?.term ?? word);
  const english = createEnglishScorer(lexicon);
  const chinese = createChineseScorer(lexicon);
  const evidence: Evidence = { pos: 0, neg: 0, opensWithContrast: false, question: false, courtesy: false };
  // Per-sentence evidence of the current document, reused between calls.
  const pos: number[] = [];
  const neg: number[] = [];
  const courtesy: boolean[] = [];

  function analyze(text: string, language: Language, tokens?: readonly Token[]): SentimentResult {
    // Language detection can call a mostly-Chinese text 'other'; Han characters decide.
    const scorer: SentenceScorer = language === 'zh' || (language === 'other' && HAN.test(text)) ? chinese : english;
    const spans = splitSentences(text);
    const sentences: SentenceSentiment[] = new Array(spans.length);
    let asksOrComplains = false;
    for (let k = 0; k < spans.length; k++) {
      const { start, end } = spans[k]!;
      scorer(text, start, end, evidence, tokens);
      const score = evidenceScore(evidence.pos, evidence.neg);
      sentences[k] = { start, end, score, label: labelOf(score) };
      pos[k] = evidence.pos;
      neg[k] = evidence.neg;
      courtesy[k] = evidence.courtesy;
      if (evidence.question || evidence.neg > 0) asksOrComplains = true;
      if (evidence.opensWithContrast && k > 0) {
        // "I love the colour. But it runs small.": the turn outweighs what it answers.
        pos[k - 1]! *= CONTRAST_PREVIOUS;
        neg[k - 1]! *= CONTRAST_PREVIOUS;
        pos[k]! *= CONTRAST_NEXT;
        neg[k]! *= CONTRAST_NEXT;
      }
    }
    let p = 0;
    let n = 0;
    for (let k = 0; k < spans.length; k++) {
      // "Can you help? Thanks!" is politeness, not praise.
      p += courtesy[k] && asksOrComplains ? pos[k]! * COURTESY_WEIGHT : pos[k]!;
      n += neg[k]!;
    }
    const score = evidenceScore(p, n);
    return { score, label: labelOf(score), sentences };
  }

  return { analyze };
}
