import { describe, expect, it } from 'vitest';
import type { MessageRef } from '../core/kafka/message-ref.ts';
import { decodeMessage } from './decode-message.ts';

const ref = (value: unknown, topic = 'voc.feedback.raw.review'): MessageRef => ({
  topic,
  partition: 0,
  offset: '7',
  key: null,
  value: value === null ? null : Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)),
  headers: {},
  timestamp: String(Date.UTC(2026, 10, 5, 12)),
});

describe('decode', () => {
  it('validates, fills the source from the topic and stamps times and origin', () => {
    const o = decodeMessage(ref({ text: 'Nice', sourceId: 'a' }), 'review');
    expect(o.ok).toBe(true);
    if (!o.ok) return;
    expect(o.item.doc).toMatchObject({ source: 'review', createdAt: '2026-11-05T12:00:00.000Z', receivedAt: '2026-11-05T12:00:00.000Z' });
    expect(o.item.doc.origin).toEqual({ topic: 'voc.feedback.raw.review', partition: 0, offset: '7' });
    expect(o.item.doc.id).toMatch(/^[a-f0-9]{32}$/);
  });

  it('dead-letters what it cannot use, saying why', () => {
    expect(decodeMessage(ref(null), 'review')).toMatchObject({ ok: false, reason: 'empty-message' });
    expect(decodeMessage(ref('{"text": '), 'review')).toMatchObject({ ok: false, action: 'dead-letter', reason: 'invalid-json' });
    expect(decodeMessage(ref({ source: 'survey', text: 'x' }), 'review')).toMatchObject({ ok: false, reason: 'source-mismatch' });
    const invalid = decodeMessage(ref({ text: 'x', rating: 0 }), 'review');
    expect(invalid).toMatchObject({ ok: false, reason: 'invalid-feedback' });
    expect(!invalid.ok && invalid.detail).toContain('rating');
  });
});

