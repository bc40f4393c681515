// Removes personal data from every field a customer or an integration can fill, before any
// later step, the index or a log line sees it. Two treatments (README, "What is redacted"):
//   - free text is redacted in place: e-mail, phone numbers, payment cards, Chinese resident
//     ids and IP addresses become typed placeholders ([EMAIL], [PHONE], …): text, title,
//     channel, tags, product name, customer segment, attribute keys and values (not product
//     versions: a four-part version reads as an IPv4 address);
//   - identifiers holding personal data are replaced whole by a keyed pseudonym
//     (pseudonym.ts): customer.id, product.id, sourceId, so counts, profiles and re-sends
//     still line up. Nothing is refused: an integration that keys customers by e-mail works.
// The counts per kind stay on the document (`redactions`). The dead-letter topic is the one
// place original bytes are kept.
import { randomBytes } from 'node:crypto';
import { redactPii } from '../pii/redact-pii.ts';
import { storedIdentifier } from '../pii/pseudonym.ts';
import { customerKey } from '../../core/feedback/customer-key.ts';
import type { PiiKind } from '../../core/feedback/insight.types.ts';
import { ok, perItemStep, type Step } from './step.ts';
import { copyDoc, withDoc } from './enrich-item.ts';

/** `pseudonymKey`: the deployment's secret (see deployment-secret.ts); without one, a key of this process alone. */
export function createPiiStep(opts: { pseudonymKey?: Buffer } = {}): Step {
  const key = opts.pseudonymKey ?? randomBytes(32);
  return perItemStep('pii', (item) => {
    const redactions: Partial<Record<PiiKind, number>> = {};
    const clean = (value: string): string => {
      const r = redactPii(value);
      for (const [kind, n] of Object.entries(r.counts) as Array<[PiiKind, number]>) redactions[kind] = (redactions[kind] ?? 0) + n;
      return r.text;
    };
    const id = (value: string): string => {
      const stored = storedIdentifier(value, key);
      if (stored !== value) clean(value); // counted, not kept
      return stored;
    };
    const doc = copyDoc(item);
    doc.text = clean(doc.text);
    if (doc.title !== undefined) doc.title = clean(doc.title);
    if (doc.channel !== undefined) doc.channel = clean(doc.channel);
    if (doc.sourceId !== undefined) doc.sourceId = id(doc.sourceId);
    if (doc.tags) doc.tags = doc.tags.map(clean);
    if (doc.customer) {
      doc.customer = { ...doc.customer };
      if (doc.customer.id !== undefined) {
        doc.customer.id = id(doc.customer.id);
        // What distinct customers are counted on (core/feedback/customer-key.ts): from the stored id, so a pseudonym's key is the pseudonym's.
        doc.customer.key = customerKey(doc.customer.id);
      }
      if (doc.customer.segment !== undefined) doc.customer.segment = clean(doc.customer.segment);
    }
    if (doc.product) {
      doc.product = { ...doc.product };
      if (doc.product.id !== undefined) doc.product.id = id(doc.product.id);
      if (doc.product.name !== undefined) doc.product.name = clean(doc.product.name);
    }
    if (doc.attributes) {
      doc.attributes = Object.fromEntries(Object.entries(doc.attributes).map(([k, v]) => [clean(k), typeof v === 'string' ? clean(v) : v]));
    }
    doc.redactions = redactions;
    return ok(withDoc(item, doc));
  });
}
