import { describe, expect, it } from 'vitest';
import { previousPeriod, resolvePeriod, resolveSpec, SpecError, trendParamsSchema } from './metric-spec.ts';

const problems = (input: Record<string, unknown>) => {
  const r = trendParamsSchema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('trend parameters', () => {
  it('default to item counts over the last 30 days of the zone, in day buckets', () => {
    const now = Date.UTC(2026, 10, 30, 15, 30); // 23:30 in Shanghai
    const spec = resolveSpec(trendParamsSchema.parse({ tz: 'Asia/Shanghai' }), now);
    expect(spec).toMatchObject({ metric: 'count', interval: 'day', timeZone: 'Asia/Shanghai', to: now });
    expect(new Date(spec.from).toISOString()).toBe('2026-10-31T16:00:00.000Z'); // 1 November, Shanghai
  });

  it('take a plain-date `to` as the whole of that day', () => {
    const period = resolvePeriod({ from: '2026-11-01', to: '2026-11-30', tz: 'America/New_York' }, 0);
    expect(new Date(period.from).toISOString()).toBe('2026-11-01T04:00:00.000Z');
    expect(new Date(period.to).toISOString()).toBe('2026-12-01T05:00:00.000Z');
  });

  it('name the parameter that is wrong', () => {
    expect(problems({ metric: 'happiness' })).toEqual(['metric: metric is one of count, customers, negativeShare, meanSentiment, nps, csat, ces, meanRating, valueAtRisk, valueShare']);
    expect(problems({ split: 'colour' })[0]).toMatch(/^split: split is one of source, /);
    expect(problems({ tz: 'Mars/Olympus' })[0]).toMatch(/^tz: unknown time zone "Mars\/Olympus"/);
    expect(problems({ from: 'last week' })[0]).toMatch(/^from: from is not an ISO 8601 date/);
    expect(problems({ from: '2026-11-05', to: '2026-11-01' })).toEqual(['to: to must be later than from']);
    expect(problems({ interval: 'fortnight' })[0]).toMatch(/^interval: /);
    expect(problems({ top: '50', split: 'product' })).toEqual(['top: top is at most 20']);
    expect(problems({ metric: 'valueShare' })).toEqual(['split: valueShare is a share of a split: give split as well']);
    expect(problems({ source: 'fax' })[0]).toMatch(/^source: unknown source/);
    expect(problems({ colour: 'red' })[0]).toMatch(/colour/);
  });

  it('refuse more than a thousand buckets, naming the interval', () => {
    const p = trendParamsSchema.parse({ from: '2025-01-01', to: '2026-01-01', interval: '5m' });
    expect(() => resolveSpec(p)).toThrow(SpecError);
    expect(() => resolveSpec(p)).toThrow(/more than 1000/);
  });

  it('compare with the period of equal length just before', () => {
    const spec = resolveSpec(trendParamsSchema.parse({ from: '2026-11-08', to: '2026-11-14', split: 'product', top: '3', product: 'a,b' }));
    const prev = previousPeriod(spec);
    expect(prev.to).toBe(spec.from);
    expect(prev.to - prev.from).toBe(spec.to - spec.from);
    expect(spec.split).toEqual({ dimension: 'product', top: 3 });
    expect(spec.filters).toEqual({ product: ['a', 'b'] });
  });
});
