// Language of each item (en, zh or other); see core/insight/language for the rule.
import { detectLanguage } from '../../core/insight/language/detect-language.ts';
import { ok, perItemStep, type Step } from '../pipeline/pipeline.ts';

export function createLanguageStep(): Step {
  return perItemStep('language', (item) => ok({ ...item, doc: { ...item.doc, language: detectLanguage(item.doc.text) } }));
}
