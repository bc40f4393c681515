// Search fields: the text and title analysed by voc's analyzer (stems, segmented Chinese)
// and stored as space-separated terms in whitespace-analysed fields. The API analyses
// queries with the same analyzer, so a query matches exactly what tagging saw. Chinese
// is also indexed as character bigrams, because word segmentation of a short query can
// differ from that of the same words inside a sentence; bigram phrases match substrings.
import type { FeedbackDocument } from '../../core/feedback/feedback-document.ts';
import type { TextAnalyzer } from '../../core/text/text-analyzer.ts';
import { ok, perItemStep, type Step } from './step.ts';
import { copyDoc, withDoc } from './enrich-item.ts';

export function createAnalysisStep(deps: { analyzer: TextAnalyzer }): Step {
  return perItemStep('analysis', (item) => {
    const { text, title } = item.doc;
    const tokens = deps.analyzer.tokens(text);
    const han = title ? deps.analyzer.hanBigrams(`${title}\n${text}`) : deps.analyzer.hanBigramsOf(text, tokens);
    const search: FeedbackDocument['search'] = { text: deps.analyzer.termsOf(tokens).join(' ') };
    if (title) search.title = deps.analyzer.terms(title).join(' ');
    if (han.length) search.han = han.join(' ');
    const doc = copyDoc(item);
    doc.search = search;
    const next = withDoc(item, doc);
    next.tokens = tokens;
    return ok(next);
  });
}
