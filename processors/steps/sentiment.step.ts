// A first sentiment step: a document score in [-1, 1] and a label. English uses natural's
// AFINN analyzer (with its negation handling); Chinese uses voc's lexicon with negators,
// degree adverbs and contrast. Scores are squashed as s / sqrt(s² + 15) so that long
// texts do not saturate. Deeper, per-sentence analysis replaces this step later.
import type { SentimentLabel } from '../../core/feedback/feedback-document.ts';
import { SentimentAnalyzer } from '../../core/text/natural.ts';
import type { TextAnalyzer } from '../../core/text/text-analyzer.ts';
import { ok, perItemStep, type Step } from '../pipeline/pipeline.ts';
import { zhContrast, zhDegree, zhNegators, zhPolarity } from './sentiment-lexicon.zh.ts';

const NEUTRAL_BAND = 0.1;

export function squash(sum: number): number {
  return sum / Math.sqrt(sum * sum + 15);
}

export function label(score: number): SentimentLabel {
  return score > NEUTRAL_BAND ? 'positive' : score < -NEUTRAL_BAND ? 'negative' : 'neutral';
}

export function createSentimentStep(deps: { analyzer: TextAnalyzer }) {
  const english = new SentimentAnalyzer('English', null, 'afinn');

  function scoreEnglish(text: string): number {
    const words = text.toLowerCase().match(/[a-z]+(?:'[a-z]+)?/g) ?? [];
    if (words.length === 0) return 0;
    // natural returns the mean polarity per word; the sum is what the squash expects.
    return squash(english.getSentiment(words) * words.length);
  }

  function scoreChinese(text: string): number {
    let sum = 0;
    let weightAfterContrast = 1;
    const tokens = deps.analyzer.tokens(text).filter((t) => t.script === 'han');
    for (let i = 0; i < tokens.length; i++) {
      const term = tokens[i]!.term;
      if (zhContrast.has(term)) {
        sum *= 0.5;
        weightAfterContrast = 1.5;
        continue;
      }
      const polarity = zhPolarity[term];
      if (polarity === undefined) continue;
      let value = polarity * weightAfterContrast;
      for (let j = Math.max(0, i - 3); j < i; j++) {
        const before = tokens[j]!.term;
        if (zhNegators.has(before)) value = -value * 0.8;
        const degree = zhDegree[before];
        if (degree) value *= degree;
      }
      sum += value;
    }
    return squash(sum);
  }

  const step: Step = perItemStep('sentiment', (item) => {
    const { text, language } = item.doc;
    const score = Math.round((language === 'zh' ? scoreChinese(text) : scoreEnglish(text)) * 1000) / 1000;
    return ok({ ...item, doc: { ...item.doc, sentiment: { score, label: label(score) } } });
  });
  return step;
}
