// Issue types: multi-label tags from the active taxonomy with confidence and the matched
// span as evidence, each with the sentiment of the sentences that carry it (aspect
// sentiment). Runs after the sentiment step; records the taxonomy version it used.
import { withAspectSentiment } from '../taxonomy/aspect-sentiment.ts';
import type { InsightProvider } from '../insight-provider.ts';
import { ok, type Step } from './step.ts';
import { copyDoc, withDoc } from './enrich-item.ts';

export function createIssuesStep(deps: { insight: InsightProvider }): Step {
  return {
    name: 'issues',
    process(items) {
      // One matcher for the whole batch, even if a newer taxonomy arrives meanwhile.
      const matcher = deps.insight.matcher();
      return items.map((item) => {
        const doc = copyDoc(item);
        const tags = matcher.match(doc.text, doc.language ?? 'other', item.tokens);
        doc.issues = doc.sentiment?.sentences ? withAspectSentiment(tags, doc.sentiment.sentences) : tags;
        doc.taxonomyVersion = matcher.version;
        return ok(withDoc(item, doc));
      });
    },
  };
}
