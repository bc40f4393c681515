import { describe, expect, it } from 'vitest';
import { sumBuckets } from './sum-buckets.ts';

const stats = (values: number[]) => ({
  count: values.length,
  sum: values.reduce((a, b) => a + b, 0),
  min: values.length ? Math.min(...values) : null,
  max: values.length ? Math.max(...values) : null,
  avg: values.length ? values.reduce((a, b) => a + b, 0) / values.length : null,
});

describe('sumBuckets', () => {
  it('adds counts, filter buckets and stats, point by point in histograms', () => {
    const a = { doc_count: 3, m_negative: { doc_count: 1 }, m_stats: stats([1, -1, 0.5]), points: { buckets: [{ key: 1, doc_count: 3, m_stats: stats([1, -1, 0.5]) }, { key: 2, doc_count: 0, m_stats: stats([]) }] } };
    const b = { doc_count: 2, m_negative: { doc_count: 2 }, m_stats: stats([-0.5]), points: { buckets: [{ key: 1, doc_count: 1, m_stats: stats([-0.5]) }, { key: 2, doc_count: 1, m_stats: stats([]) }] } };
    const sum = sumBuckets([a, b]);
    expect(sum).toEqual({
      doc_count: 5,
      m_negative: { doc_count: 3 },
      m_stats: stats([1, -1, 0.5, -0.5]),
      points: { buckets: [{ key: 1, doc_count: 4, m_stats: stats([1, -1, 0.5, -0.5]) }, { key: 2, doc_count: 1, m_stats: { count: 0, sum: 0, min: null, max: null, avg: null } }] },
    });
  });

  it('refuses what does not add up or does not line up, naming where', () => {
    expect(() => sumBuckets([{ doc_count: 1, m_customers: { value: 1 } }, { doc_count: 1, m_customers: { value: 1 } }])).toThrow(/bucket\.m_customers/);
    const h = (keys: number[]) => ({ doc_count: 0, points: { buckets: keys.map((key) => ({ key, doc_count: 0 })) } });
    expect(() => sumBuckets([h([1, 2]), h([1, 3])])).toThrow(/points: the histograms' buckets differ/);
    expect(() => sumBuckets([{ doc_count: 1, m_negative: { doc_count: 1 } }, { doc_count: 1 }])).toThrow(/not in every part/);
    expect(() => sumBuckets([])).toThrow(/no parts/);
  });
});
