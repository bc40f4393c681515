import { describe, expect, it } from 'vitest';
import type { Item } from './step.ts';
import { copyDoc, withDoc } from './enrich-item.ts';

const item = (): Item => ({
  ref: { topic: 't', partition: 0, offset: '1', key: null, value: null, headers: {}, timestamp: '0' },
  doc: { id: 'a', source: 'review', text: 'Late again', createdAt: '2026-11-01T00:00:00.000Z', receivedAt: '2026-11-01T00:00:00.000Z', origin: { topic: 't', partition: 0, offset: '1' } },
  tokens: [],
});

describe('enrich item', () => {
  it('leaves the given item as it was and keeps everything else', () => {
    const given = item();
    const doc = copyDoc(given);
    doc.text = 'Late again!';
    doc.language = 'en';
    const next = withDoc(given, doc);
    expect(given.doc.text).toBe('Late again');
    expect(given.doc.language).toBeUndefined();
    expect(next.doc).toEqual({ ...given.doc, text: 'Late again!', language: 'en' });
    expect(next.ref).toBe(given.ref);
    expect(next.tokens).toBe(given.tokens);
  });

  it('keeps the key order of a spread with overrides, so serialised documents do not change', () => {
    const given = item();
    const doc = copyDoc(given);
    doc.text = 'x';
    doc.language = 'en';
    expect(JSON.stringify(withDoc(given, doc))).toBe(JSON.stringify({ ...given, doc: { ...given.doc, text: 'x', language: 'en' } }));
  });
});
