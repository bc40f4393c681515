import { describe, expect, it } from 'vitest';
import { runSteps, type Item } from './step.ts';
import { createPiiStep } from './pii.step.ts';
import { pseudonym } from '../pii/pseudonym.ts';
import type { DraftDocument } from './step.ts';

const key = Buffer.alloc(32, 7);
const email = 'jane.doe@example.com';
const phone = '+86 138 0013 8000';

function item(doc: Partial<DraftDocument>): Item<number> {
  const at = '2026-11-05T12:00:00.000Z';
  return { ref: 0, doc: { id: 'x', source: 'complaint', text: 'fine', createdAt: at, receivedAt: at, origin: { topic: 't', partition: 0, offset: '0' }, ...doc } as DraftDocument };
}

describe('the PII step', () => {
  const step = createPiiStep({ pseudonymKey: key });
  const run = (doc: Partial<DraftDocument>) => {
    const { ok } = runSteps([step], [item(doc)]);
    return ok[0]!.doc;
  };

  it('redacts every free-text field and counts what it removed', () => {
    const doc = run({
      text: `mail ${email}`,
      title: `call ${phone}`,
      channel: `hotline ${phone}`,
      tags: [`vip ${email}`, 'late'],
      customer: { segment: `vip ${email}` },
      product: { name: `phone of ${email}`, version: '1.2.3' },
      attributes: { [`note ${email}`]: `tel ${phone}`, count: 3, ok: true },
    });
    expect(doc).toMatchObject({
      text: 'mail [EMAIL]',
      title: 'call [PHONE]',
      channel: 'hotline [PHONE]',
      tags: ['vip [EMAIL]', 'late'],
      customer: { segment: 'vip [EMAIL]' },
      product: { name: 'phone of [EMAIL]', version: '1.2.3' },
      attributes: { 'note [EMAIL]': 'tel [PHONE]', count: 3, ok: true },
    });
    expect(doc.redactions).toEqual({ email: 5, phone: 3 });
  });

  it('replaces identifiers holding personal data by a stable keyed pseudonym, and keeps the others', () => {
    const doc = run({ sourceId: `ticket from ${email}`, customer: { id: email, lifetimeValue: 10 }, product: { id: phone } });
    expect(doc.customer!.id).toBe(pseudonym(email, key));
    expect(doc.customer!.id).toMatch(/^anon-[0-9a-f]{24}$/);
    expect(doc.product!.id).toBe(pseudonym(phone, key));
    expect(doc.sourceId).toBe(pseudonym(`ticket from ${email}`, key));
    expect(doc.customer!.lifetimeValue).toBe(10);
    expect(run({ customer: { id: email } }).customer!.id).toBe(doc.customer!.id);
    expect(pseudonym(email, Buffer.alloc(32, 8))).not.toBe(doc.customer!.id); // another deployment, another pseudonym
    const plain = run({ sourceId: 'T-1001', customer: { id: 'c-42' }, product: { id: 'sku-7' } });
    expect([plain.sourceId, plain.customer!.id, plain.product!.id]).toEqual(['T-1001', 'c-42', 'sku-7']);
  });

  it('does not let a prototype key through as anything but a plain attribute', () => {
    const attributes = JSON.parse(`{"__proto__": "mail ${email}", "constructor": 1}`);
    const doc = run({ attributes });
    expect(Object.getPrototypeOf(doc.attributes)).toBe(Object.prototype);
    expect(Object.keys(doc.attributes!).sort()).toEqual(['__proto__', 'constructor']);
    expect(doc.attributes!['__proto__' as keyof typeof doc.attributes]).toBe('mail [EMAIL]');
  });
});
