import { describe, expect, it } from 'vitest';
import type { IssueTag, SentenceSentiment } from '../../core/feedback/insight.types.ts';
import { withAspectSentiment } from './aspect-sentiment.ts';

const tag = (id: string, start: number, end: number): IssueTag => ({ id, label: id, parent: id.split('.')[0]!, kind: 'problem', confidence: 0.7, evidence: 'x'.repeat(end - start), start, end });

// "Delivery was fast. But the screen cracked!" and "物流很快。但是屏幕裂了！"
const sentences: SentenceSentiment[] = [
  { start: 0, end: 18, score: 0.6, label: 'positive' },
  { start: 19, end: 42, score: -0.7, label: 'negative' },
];

describe('aspect sentiment', () => {
  it('gives each tag the sentiment of the sentence holding its evidence', () => {
    const [delivery, screen] = withAspectSentiment([tag('praise.fast_delivery', 0, 13), tag('product_quality.defective', 27, 41)], sentences);
    expect(delivery!.sentiment).toEqual({ score: 0.6, label: 'positive' });
    expect(screen!.sentiment).toEqual({ score: -0.7, label: 'negative' });
  });

  it('averages the sentences a span overlaps and labels the mean', () => {
    const [both] = withAspectSentiment([tag('delivery.late', 10, 30)], sentences);
    expect(both!.sentiment).toEqual({ score: -0.05, label: 'neutral' });
    const [twoNegative] = withAspectSentiment([tag('x.y', 0, 10)], [
      { start: 0, end: 5, score: -0.4, label: 'negative' },
      { start: 5, end: 10, score: -0.2, label: 'negative' },
    ]);
    expect(twoNegative!.sentiment).toEqual({ score: -0.3, label: 'negative' });
  });

  it('leaves a tag alone when no sentence covers it, and does not change its input', () => {
    const tags = [tag('x.y', 50, 60)];
    expect(withAspectSentiment(tags, sentences)).toEqual(tags);
    expect(withAspectSentiment(tags, [])).toEqual(tags);
    withAspectSentiment([tag('x.y', 0, 5)], sentences);
    expect(tags[0]!.sentiment).toBeUndefined();
  });

  it('does not count a sentence that only touches the span', () => {
    const [touching] = withAspectSentiment([tag('x.y', 18, 19)], sentences);
    expect(touching!.sentiment).toBeUndefined();
  });
});
