// Keyphrases for trend and emerging-theme views: up to five short phrases per item.
import type { KeyphraseExtractor } from '../../core/insight/keyphrases/keyphrases.ts';
import { ok, perItemStep, type Step } from '../pipeline/pipeline.ts';

export function createKeyphrasesStep(deps: { keyphrases: KeyphraseExtractor }): Step {
  return perItemStep('keyphrases', (item) => ok({ ...item, doc: { ...item.doc, keyphrases: deps.keyphrases.extract(item.doc.text, item.doc.language ?? 'other', item.tokens) } }));
}
