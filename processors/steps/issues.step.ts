// Issue types: multi-label tags from the active taxonomy with confidence and the matched
// span as evidence, each with the sentiment of the sentences that carry it (aspect
// sentiment). Runs after the sentiment step; records the taxonomy version it used.
import { withAspectSentiment } from '../../core/insight/taxonomy/aspect-sentiment.ts';
import type { InsightProvider } from '../insight/insight-provider.ts';
import { ok, type Step } from '../pipeline/pipeline.ts';

export function createIssuesStep(deps: { insight: InsightProvider }): Step {
  return {
    name: 'issues',
    process(items) {
      // One matcher for the whole batch, even if a newer taxonomy arrives meanwhile.
      const matcher = deps.insight.matcher();
      return items.map((item) => {
        const { text, language, sentiment } = item.doc;
        const tags = matcher.match(text, language ?? 'other', item.tokens);
        const issues = sentiment?.sentences ? withAspectSentiment(tags, sentiment.sentences) : tags;
        return ok({ ...item, doc: { ...item.doc, issues, taxonomyVersion: matcher.version } });
      });
    },
  };
}
