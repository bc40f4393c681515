// Language of each item (en, zh or other); see insight/language for the rule.
import { detectLanguage } from '../language/detect-language.ts';
import { ok, perItemStep, type Step } from './step.ts';
import { copyDoc, withDoc } from './enrich-item.ts';

export function createLanguageStep(): Step {
  return perItemStep('language', (item) => {
    const doc = copyDoc(item);
    doc.language = detectLanguage(doc.text);
    return ok(withDoc(item, doc));
  });
}
