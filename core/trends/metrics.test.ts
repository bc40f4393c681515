import { describe, expect, it } from 'vitest';
import { describeMetric, emptyFigure, metricAggs, metricNames, readFigure } from './metrics.ts';
import { POINT_RISKIEST, readRiskiestParts, riskiestPresenceAggs, riskiestRequest, type RiskiestPart } from './value-at-risk.ts';

const stats = (values: number[]) => ({ m_stats: { count: values.length, sum: values.length ? values.reduce((a, b) => a + b, 0) : null, avg: null } });

describe('metrics', () => {
  it('define every metric in words', () => {
    for (const m of metricNames) expect(describeMetric(m).length, m).toBeGreaterThan(20);
  });

  it('read counts, shares and means from sums and counts', () => {
    expect(readFigure('count', { doc_count: 7 })).toEqual({ value: 7, n: 7 });
    expect(readFigure('negativeShare', { doc_count: 8, m_negative: { doc_count: 2 } })).toEqual({ value: 0.25, n: 8 });
    // promoters 10, 9; passive 8; detractors 3, 0 → (2 − 2) / 5 = 0
    expect(readFigure('nps', { doc_count: 9, ...stats([100, 100, 0, -100, -100]) })).toEqual({ value: 0, n: 5 });
    expect(readFigure('nps', { doc_count: 9, ...stats([100, 100, 0, -100]) })).toEqual({ value: 25, n: 4 });
    expect(readFigure('csat', { doc_count: 3, ...stats([1, 1, 0]) }).value).toBeCloseTo(66.667, 3);
    expect(readFigure('ces', { doc_count: 3, m_ces: { doc_count: 2, ...stats([2, 5]) } })).toEqual({ value: 3.5, n: 2 });
    expect(readFigure('meanRating', { doc_count: 3, ...stats([]) })).toEqual({ value: null, n: 0 });
  });

  it('flag distinct counts past the exact threshold as estimates', () => {
    expect(readFigure('customers', { doc_count: 10, m_customers: { value: 4 } })).toEqual({ value: 4, n: 10 });
    expect(readFigure('customers', { doc_count: 90_000, m_customers: { value: 4_500 } }).approximate).toBe(true);
  });

  it('leave empty buckets at zero for counts and money, and without a value for shares and means', () => {
    expect(emptyFigure('count')).toEqual({ value: 0, n: 0 });
    expect(emptyFigure('valueAtRisk')).toEqual({ value: 0, n: 0 });
    expect(emptyFigure('customers')).toEqual({ value: 0, n: 0 });
    for (const m of ['negativeShare', 'meanSentiment', 'nps', 'csat', 'ces', 'meanRating', 'valueShare'] as const) expect(emptyFigure(m), m).toEqual({ value: null, n: 0 });
  });
});

describe('value at risk', () => {
  const risk = (items: number, customers: number, value: number) => ({ doc_count: 50, m_risk: { doc_count: items, customers: { value: customers }, value: { value } } });
  const part = (customers: number, items: number, value: number, itemsValue: number): RiskiestPart => ({ customers, items, value, itemsValue });

  it('counts each riskiest customer once, at their value', () => {
    // A vip worth 1000 with 3 negative items and a customer worth 50 with 2: both followed one by one.
    expect(readFigure('valueAtRisk', risk(5, 2, 3 * 1000 + 2 * 50), part(2, 5, 1050, 3100))).toEqual({ value: 1050, n: 2 });
  });

  it('adds the others exactly while each has one item, and estimates them, flagged, when they repeat', () => {
    // Riskiest: 2 customers, 3 items, worth 1500 (items worth 2500). Others: 10 items worth 20 each.
    expect(readFigure('valueAtRisk', risk(13, 12, 2500 + 200), part(2, 3, 1500, 2500))).toEqual({ value: 1700, n: 12 });
    // The same 10 items from 4 customers: 4 × the mean item value 20.
    expect(readFigure('valueAtRisk', risk(13, 6, 2500 + 200), part(2, 3, 1500, 2500))).toEqual({ value: 1580, n: 6, approximate: true });
  });

  it('is zero without at-risk items, and needs no riskiest customers when every item is another customer', () => {
    expect(readFigure('valueAtRisk', risk(0, 0, 0))).toEqual({ value: 0, n: 0 });
    expect(readFigure('valueAtRisk', risk(3, 3, 300))).toEqual({ value: 300, n: 3 });
  });

  it('reads where each riskiest customer was: per group, per bucket and for all items', () => {
    const customers = (list: Array<[key: string, items: number, value: number]>) => ({ buckets: list.map(([key, n, value]) => ({ key, doc_count: n, value: { value }, itemsValue: { value: value * n } })) });
    const aggregations = {
      m_riskiest: {
        customers: customers([['vip', 3, 1000], ['c2', 3, 50]]),
        groups: { buckets: { 'p-1': { customers: customers([['c2', 3, 50]]) } } },
      },
      // Point by point, the most valuable few (here both).
      m_riskiest_points: {
        within: { buckets: [{ key: 1, customers: customers([['vip', 2, 1000]]) }, { key: 2, customers: customers([['vip', 1, 1000], ['c2', 3, 50]]) }] },
        groups: { buckets: { 'p-1': { within: { buckets: [{ key: 2, customers: customers([['c2', 3, 50]]) }] } } } },
      },
    };
    const parts = readRiskiestParts(aggregations);
    expect(parts.all.whole).toEqual(part(2, 6, 1050, 3150));
    expect(parts.all.within.get('1')).toEqual(part(1, 2, 1000, 2000));
    expect(parts.all.within.get('2')).toEqual(part(2, 4, 1050, 1150));
    expect(parts.groups.get('p-1')!.whole).toEqual(part(1, 3, 50, 150));
    expect(parts.groups.get('p-1')!.within.get('1')).toBeUndefined();
    // Terms groups come as a list.
    expect(readRiskiestParts({ m_riskiest: { groups: { buckets: [{ key: 'vip', customers: customers([['vip', 1, 1000]]) }] } } }).groups.get('vip')!.whole).toEqual(part(1, 1, 1000, 1000));
  });

  it('follows the period\'s riskiest customers over the whole period, and the most valuable of them point by point', () => {
    const ids = Array.from({ length: 1000 }, (_, i) => `c-${i}`);
    const aggs = riskiestPresenceAggs(ids, { groups: { filters: { filters: {} } }, within: { date_histogram: { field: 'createdAt' } } }) as Record<string, { filter: { bool: { filter: [unknown, { terms: Record<string, string[]> }] } } }>;
    expect(aggs.m_riskiest!.filter.bool.filter[1].terms['customer.id']).toEqual(ids);
    expect(aggs.m_riskiest_points!.filter.bool.filter[1].terms['customer.id']).toEqual(ids.slice(0, POINT_RISKIEST));
    expect(JSON.stringify(aggs.m_riskiest)).not.toContain('date_histogram');
    expect(Object.keys(riskiestPresenceAggs(ids, { groups: {} }))).toEqual(['m_riskiest']);
    expect(riskiestPresenceAggs([], { within: {} })).toEqual({});
  });

  it('asks first for the period\'s most valuable at-risk customers', () => {
    const req = riskiestRequest({ match_all: {} }) as { aggs: { riskiest: { terms: { size: number; order: unknown } } } };
    expect(req.aggs.riskiest.terms.size).toBe(1000);
    expect(req.aggs.riskiest.terms.order).toEqual([{ ltv: 'desc' }, { _key: 'asc' }]);
    expect(metricAggs('valueAtRisk')).toHaveProperty('m_risk');
  });
});
