// What a language's sentence scorer reports and how evidence becomes a score and a label,
// shared by both languages so that English and Chinese scores mean the same thing.
// Positive and negative evidence are kept apart (not netted early) so that a mixed text
// ("love the colour but it runs small") lands near zero, i.e. neutral, instead of
// whichever side has one more word.
import type { SentimentLabel } from '../../core/feedback/feedback-document.ts';
import type { Token } from '../../core/text/text-analyzer.ts';

export type Evidence = {
  /** Positive and negative evidence, each ≥ 0, on the AFINN scale summed over the sentence. */
  pos: number;
  neg: number;
  /** The sentence opens with a contrast marker ("But …", "但是…"): it outweighs the one before. */
  opensWithContrast: boolean;
  /** A question: asks rather than states. */
  question: boolean;
  /** Only thanks ("Thanks!", "Thank you in advance"): politeness when the rest asks or complains. */
  courtesy: boolean;
};

/** `tokens`: the analyzer's tokens of `text`, when at hand; a scorer may use them to save work. */
export type SentenceScorer = (text: string, start: number, end: number, out: Evidence, tokens?: readonly Token[]) => void;

/** Evidence needed for a score of ±0.5: about one clear word ("great", "失望"). */
const EVIDENCE_SCALE = 2.5;
/**
 * Scores from POSITIVE_FROM up are positive, from -NEGATIVE_FROM down negative. The
 * negative side is closer to zero: customers state complaints mildly ("still waiting",
 * "no reply") and a missed complaint costs more than a missed compliment.
 */
export const POSITIVE_FROM = 0.2;
export const NEGATIVE_FROM = 0.15;

/** Net evidence over total evidence, shrunk toward 0 when there is little: always in [-1, 1]. */
export function evidenceScore(pos: number, neg: number): number {
  return (pos - neg) / (pos + neg + EVIDENCE_SCALE);
}

export function labelOf(score: number): SentimentLabel {
  return score >= POSITIVE_FROM ? 'positive' : score <= -NEGATIVE_FROM ? 'negative' : 'neutral';
}
