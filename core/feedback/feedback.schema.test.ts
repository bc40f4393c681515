import { describe, expect, it } from 'vitest';
import { feedbackId } from './feedback-id.ts';
import { feedbackJsonSchema, parseFeedback } from './feedback.schema.ts';

describe('feedback model v1', () => {
  it('accepts a full survey response', () => {
    const r = parseFeedback({
      source: 'survey',
      sourceId: 'r-1',
      text: '  Quick delivery, friendly driver.  ',
      score: 9,
      scale: 'nps',
      customer: { id: 'c1', segment: 'vip', lifetimeValue: 5200 },
      product: { id: 'p1', name: 'Aurora Phone', version: '2.3.1' },
      locale: 'en-GB',
      createdAt: '2026-11-02T10:00:00+01:00',
      tags: ['q4'],
      attributes: { store: 'Leeds', repeat: true },
    });
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.feedback.text).toBe('Quick delivery, friendly driver.');
  });

  it('reports every problem with its field path', () => {
    const r = parseFeedback({ source: 'fax', text: '', rating: 6, score: 11, scale: 'nps', customer: { lifetimeValue: -1 }, extra: 1 });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      const paths = r.problems.map((p) => p.path);
      expect(paths).toEqual(expect.arrayContaining(['source', 'text', 'rating', 'customer.lifetimeValue', '(item)']));
      expect(r.problems.find((p) => p.path === '(item)')?.message).toContain('extra');
    }
  });

  it('checks score against its scale and requires both', () => {
    expect(parseFeedback({ source: 'survey', text: 'ok', score: 6, scale: 'csat' }).ok).toBe(false);
    expect(parseFeedback({ source: 'survey', text: 'ok', score: 5, scale: 'csat' }).ok).toBe(true);
    expect(parseFeedback({ source: 'survey', text: 'ok', score: 7, scale: 'ces' }).ok).toBe(true);
    const missing = parseFeedback({ source: 'survey', text: 'ok', score: 5 });
    expect(missing.ok || missing.problems[0]?.path).toBe('scale');
  });

  it('rejects text over 20,000 characters', () => {
    expect(parseFeedback({ source: 'review', text: 'a'.repeat(20_000) }).ok).toBe(true);
    expect(parseFeedback({ source: 'review', text: 'a'.repeat(20_001) }).ok).toBe(false);
  });

  it('exports a JSON Schema with the same required fields', () => {
    const schema = feedbackJsonSchema() as { required: string[]; properties: Record<string, unknown>; additionalProperties: boolean };
    expect(schema.required.sort()).toEqual(['source', 'text']);
    expect(Object.keys(schema.properties)).toContain('customer');
    expect(schema.additionalProperties).toBe(false);
  });
});

describe('createdAt bounds', () => {
  const now = Date.parse('2026-12-07T12:00:00Z');
  const at = (createdAt: string) => parseFeedback({ source: 'review', text: 'fine', createdAt }, now);

  it('takes dates from 2000-01-01 to a day ahead', () => {
    for (const d of ['2000-01-01T00:00:00Z', '2015-02-24T11:35:52-08:00', '2026-12-08T11:59:59Z']) expect(at(d).ok, d).toBe(true);
  });

  it('refuses years a client invents, naming the field', () => {
    for (const d of ['0001-01-01T00:00:00Z', '1999-12-31T23:59:59Z', '9999-12-31T23:59:59Z', '2026-12-08T12:00:01Z']) {
      const r = at(d);
      expect(r.ok, d).toBe(false);
      if (!r.ok) expect(r.problems).toEqual([{ path: 'createdAt', message: expect.stringContaining('between 2000-01-01 and a day from now') }]);
    }
  });
});

describe('feedback ids', () => {
  it('derive from source and sourceId when there is one', () => {
    const a = feedbackId({ source: 'review', sourceId: 'x', text: 'one' });
    expect(feedbackId({ source: 'review', sourceId: 'x', text: 'edited text' })).toBe(a);
    expect(feedbackId({ source: 'complaint', sourceId: 'x', text: 'one' })).not.toBe(a);
    expect(a).toMatch(/^[a-f0-9]{32}$/);
  });

  it('derive from content otherwise', () => {
    const base = { source: 'social' as const, text: 'love it', customer: { id: 'c1' }, createdAt: '2026-11-01T00:00:00Z' };
    expect(feedbackId(base)).toBe(feedbackId({ ...base }));
    expect(feedbackId({ ...base, text: 'love it!' })).not.toBe(feedbackId(base));
    expect(feedbackId({ ...base, customer: { id: 'c2' } })).not.toBe(feedbackId(base));
  });
});
