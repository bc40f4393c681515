// Issue types: multi-label tags from the active taxonomy with kind, confidence and the
// matched span as evidence, each with the sentiment of the sentences that carry it (aspect
// sentiment). Runs after the sentiment step; records the taxonomy version it used.
// `aspects` repeats each tag's issue and aspect label as one keyword ("delivery.late:
// negative"): `issues` is an object array, which Elasticsearch flattens, so only a joined
// keyword lets plain terms aggregations count each issue's aspect sentiment.
import { withAspectSentiment } from '../taxonomy/aspect-sentiment.ts';
import type { InsightProvider } from '../insight-provider.ts';
import { ok, type Step } from './step.ts';
import { copyDoc, withDoc } from './enrich-item.ts';
import type { IssueTag } from '../../core/feedback/insight.types.ts';

/** Always an array, so that re-tagging a stored document replaces its old aspects. */
export function aspectsOf(tags: readonly IssueTag[]): string[] {
  return tags.flatMap((t) => (t.sentiment ? [`${t.id}:${t.sentiment.label}`] : []));
}

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
        doc.aspects = aspectsOf(doc.issues);
        doc.taxonomyVersion = matcher.version;
        return ok(withDoc(item, doc));
      });
    },
  };
}
