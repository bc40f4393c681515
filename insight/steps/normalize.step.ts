// Normalises text to Unicode NFC (full-width and composed forms compare equal downstream)
// and derives per-response survey figures: the NPS contribution (+100 promoter, 0 passive,
// -100 detractor) whose average over any set of responses is that set's NPS, and a 0/1
// CSAT satisfaction (4–5 on a 1–5 scale) whose average is the CSAT share.
import type { FeedbackDocument } from '../../core/feedback/feedback-document.ts';
import { ok, perItemStep, type Step } from './step.ts';
import { copyDoc, withDoc } from './enrich-item.ts';

export function surveyFigures(score: number | undefined, scale: FeedbackDocument['scale']): FeedbackDocument['survey'] {
  if (score === undefined || scale === undefined) return undefined;
  if (scale === 'nps') {
    const category = score >= 9 ? 'promoter' : score >= 7 ? 'passive' : 'detractor';
    return { scale, nps: { category, contribution: category === 'promoter' ? 100 : category === 'passive' ? 0 : -100 } };
  }
  if (scale === 'csat') return { scale, csatSatisfied: score >= 4 ? 1 : 0 };
  return { scale };
}

// ASCII is already in every normal form; most English feedback skips the costly call.
const nfc = (s: string) => (/^[\x00-\x7f]*$/.test(s) ? s : s.normalize('NFC'));

export function createNormalizeStep(): Step {
  return perItemStep('normalize', (item) => {
    const doc = copyDoc(item);
    doc.text = nfc(doc.text);
    doc.title = doc.title === undefined ? undefined : nfc(doc.title);
    doc.survey = surveyFigures(doc.score, doc.scale);
    return ok(withDoc(item, doc));
  });
}
