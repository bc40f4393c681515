// Search fields: the text and title analysed by voc's analyzer (stems, segmented Chinese)
// and stored as space-separated terms in whitespace-analysed fields. The API analyses
// queries with the same analyzer, so a query matches exactly what tagging saw. Chinese
// is also indexed as character bigrams, because word segmentation of a short query can
// differ from that of the same words inside a sentence; bigram phrases match substrings.
import type { TextAnalyzer } from '../../core/text/text-analyzer.ts';
import { ok, perItemStep, type Step } from '../pipeline/pipeline.ts';

export function createAnalysisStep(deps: { analyzer: TextAnalyzer }): Step {
  return perItemStep('analysis', (item) => {
    const { text, title } = item.doc;
    const han = deps.analyzer.hanBigrams(title ? `${title}\n${text}` : text);
    const tokens = deps.analyzer.tokens(text);
    const search = {
      text: deps.analyzer.termsOf(tokens).join(' '),
      ...(title ? { title: deps.analyzer.terms(title).join(' ') } : {}),
      ...(han.length ? { han: han.join(' ') } : {}),
    };
    return ok({ ...item, tokens, doc: { ...item.doc, search } });
  });
}
