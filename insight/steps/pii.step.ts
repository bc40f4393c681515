// Redacts personal data from the text and title before any later step, the index or a log
// line sees them: e-mail, phone numbers, payment cards, Chinese resident ids and IP
// addresses become typed placeholders ([EMAIL], [PHONE], …) and the counts per kind stay
// on the document. The dead-letter topic is the one place original bytes are kept.
import { redactPii } from '../pii/redact-pii.ts';
import type { PiiKind } from '../../core/feedback/insight.types.ts';
import { ok, perItemStep, type Step } from './step.ts';
import { copyDoc, withDoc } from './enrich-item.ts';

export function createPiiStep(): Step {
  return perItemStep('pii', (item) => {
    const text = redactPii(item.doc.text);
    const title = item.doc.title ? redactPii(item.doc.title) : undefined;
    const redactions: Partial<Record<PiiKind, number>> = { ...text.counts };
    for (const [kind, n] of Object.entries(title?.counts ?? {}) as Array<[PiiKind, number]>) redactions[kind] = (redactions[kind] ?? 0) + n;
    const doc = copyDoc(item);
    doc.text = text.text;
    if (title) doc.title = title.text;
    doc.redactions = redactions;
    return ok(withDoc(item, doc));
  });
}
