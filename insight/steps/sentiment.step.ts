// Sentiment of each item: a document score in [-1, 1], a label and per-sentence scores,
// from voc's bilingual analyzer (insight/sentiment).
import type { SentimentAnalyzer } from '../sentiment/sentiment-analyzer.ts';
import { ok, perItemStep, type Step } from './step.ts';
import { copyDoc, withDoc } from './enrich-item.ts';

export function createSentimentStep(deps: { sentiment: SentimentAnalyzer }): Step {
  return perItemStep('sentiment', (item) => {
    const doc = copyDoc(item);
    doc.sentiment = deps.sentiment.analyze(doc.text, doc.language ?? 'other', item.tokens);
    return ok(withDoc(item, doc));
  });
}
