import { describe, expect, it } from 'vitest';
import { describeMetric, emptyFigure, metricAggs, metricNames, readFigure, type AggBucket } from './metrics.ts';

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
    expect(readFigure('customers', { doc_count: 90_000, m_customers: { value: 45_000 } }).approximate).toBe(true);
  });

  it('leave empty buckets at zero for counts and money, and without a value for shares and means', () => {
    expect(emptyFigure('count')).toEqual({ value: 0, n: 0 });
    expect(emptyFigure('valueAtRisk')).toEqual({ value: 0, n: 0 });
    expect(emptyFigure('customers')).toEqual({ value: 0, n: 0 });
    for (const m of ['negativeShare', 'meanSentiment', 'nps', 'csat', 'ces', 'meanRating', 'valueShare'] as const) expect(emptyFigure(m), m).toEqual({ value: null, n: 0 });
  });
});

describe('value at risk', () => {
  const customer = (key: string, items: number, ltv: number) => ({ key, doc_count: items, ltv: { value: ltv }, itemsValue: { value: items * ltv } });

  it('counts each customer once, at their value, when the bucket lists them all', () => {
    const bucket: AggBucket = {
      doc_count: 9,
      m_risk: { doc_count: 5, customers: { value: 2 }, value: { value: 3 * 1000 + 2 * 50 }, top: { sum_other_doc_count: 0, buckets: [customer('vip', 3, 1000), customer('c2', 2, 50)] } },
    };
    expect(readFigure('valueAtRisk', bucket)).toEqual({ value: 1050, n: 2 });
  });

  it('estimates the customers past the list from their items and says so', () => {
    // Listed: 2 customers worth 1000 and 500. Not listed: 30 items worth 20 each from 10 customers.
    const bucket: AggBucket = {
      doc_count: 40,
      m_risk: { doc_count: 33, customers: { value: 12 }, value: { value: 2 * 1000 + 500 + 30 * 20 }, top: { sum_other_doc_count: 30, buckets: [customer('a', 2, 1000), customer('b', 1, 500)] } },
    };
    expect(readFigure('valueAtRisk', bucket)).toEqual({ value: 1500 + 10 * 20, n: 12, approximate: true });
  });

  it('asks Elasticsearch for the most valuable customers first, within the bucket budget', () => {
    const aggs = metricAggs('valueAtRisk', { topCustomers: 50 }) as { m_risk: { aggs: { top: { terms: { size: number; order: unknown } } } } };
    expect(aggs.m_risk.aggs.top.terms.size).toBe(50);
    expect(aggs.m_risk.aggs.top.terms.order).toEqual([{ ltv: 'desc' }, { _key: 'asc' }]);
  });
});
