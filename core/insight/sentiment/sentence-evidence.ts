// What a language's sentence scorer reports and how evidence becomes a score and a label,
// shared by both languages so that English and Chinese scores mean the same thing.
// Positive and negative evidence are kept apart (not netted early) so that a mixed text
// ("love the colour but it runs small") lands near zero, i.e. neutral, instead of
// whichever side has one more word.
import type { SentimentLabel } from '../../feedback/feedback-document.ts';

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

export type SentenceScorer = (text: string, start: number, end: number, out: Evidence) => void;

/** Evidence needed for a score of ±0.5: about one clear word ("great", "失望"). */
const EVIDENCE_SCALE = Number(process.env.ES ?? 2.5);
const NEGW = Number(process.env.NEGW ?? 1);
/** Scores within ±this are neutral. */
export const NEUTRAL_BAND = 0.2;

/** Net evidence over total evidence, shrunk toward 0 when there is little: always in [-1, 1]. */
export function evidenceScore(pos: number, neg: number): number {
  neg *= NEGW;
  return (pos - neg) / (pos + neg + EVIDENCE_SCALE);
}

const TP = Number(process.env.TP ?? NEUTRAL_BAND);
const TN = Number(process.env.TN ?? NEUTRAL_BAND);
export function labelOf(score: number): SentimentLabel {
  return score >= TP ? 'positive' : score <= -TN ? 'negative' : 'neutral';
}
