// "Similar complaints" of an item, as a search: negative feedback about the same problems
// (its problem issues), or else with the same key phrases, or else about the same product.
// Pure: the tests import it.
import type { Feedback } from './api/types.ts';

export function similarParams(doc: Pick<Feedback, 'id' | 'issues' | 'keyphrases' | 'product'>): Record<string, string> {
  const problems = [...new Set((doc.issues ?? []).filter((i) => i.kind === 'problem').map((i) => i.id))];
  const base = { sentiment: 'negative', similar: doc.id };
  if (problems.length) return { ...base, issue: problems.join(',') };
  if (doc.keyphrases?.length) return { ...base, keyphrase: doc.keyphrases.slice(0, 3).join(',') };
  if (doc.product?.name) return { ...base, productName: doc.product.name };
  return base;
}
