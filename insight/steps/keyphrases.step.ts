// Keyphrases for trend and emerging-theme views: up to five short phrases per item.
import type { KeyphraseExtractor } from '../keyphrases/keyphrases.ts';
import { ok, perItemStep, type Step } from './step.ts';
import { copyDoc, withDoc } from './enrich-item.ts';

export function createKeyphrasesStep(deps: { keyphrases: KeyphraseExtractor }): Step {
  return perItemStep('keyphrases', (item) => {
    const doc = copyDoc(item);
    doc.keyphrases = deps.keyphrases.extract(doc.text, doc.language ?? 'other', item.tokens);
    return ok(withDoc(item, doc));
  });
}
