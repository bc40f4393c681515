// Aspect sentiment: an issue tag takes the sentiment of the sentences that carry its
// evidence, so "delivery was fast but the screen cracked" can be positive about delivery
// and negative about quality while the document as a whole is mixed.
// The score is the mean of the overlapping sentences' scores. One sentence keeps its own
// label; several are labelled from the mean with the sentiment step's neutral band
// (|score| ≤ 0.1). A tag no sentence overlaps (or an empty list) is returned unchanged.
import type { SentimentLabel } from '../../core/feedback/feedback-document.ts';
import type { IssueTag, SentenceSentiment } from '../../core/feedback/insight.types.ts';

const NEUTRAL_BAND = 0.1;

export function withAspectSentiment(tags: IssueTag[], sentences: readonly SentenceSentiment[]): IssueTag[] {
  return tags.map((tag) => {
    const covering = sentences.filter((s) => s.start < tag.end && tag.start < s.end);
    if (covering.length === 0) return tag;
    if (covering.length === 1) return { ...tag, sentiment: { score: covering[0]!.score, label: covering[0]!.label } };
    const score = Math.round((covering.reduce((sum, s) => sum + s.score, 0) / covering.length) * 1000) / 1000;
    return { ...tag, sentiment: { score, label: labelOf(score) } };
  });
}

function labelOf(score: number): SentimentLabel {
  return score > NEUTRAL_BAND ? 'positive' : score < -NEUTRAL_BAND ? 'negative' : 'neutral';
}
