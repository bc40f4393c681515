import { describe, expect, it } from 'vitest';
import { createTextAnalyzer } from '../text/text-analyzer.ts';
import { resolveSpec, trendParamsSchema } from './metric-spec.ts';
import { metricRequest, readMetricResponse, topValuesRequest } from './metric-query.ts';

const analyzer = createTextAnalyzer();
const spec = (params: Record<string, string>) => resolveSpec(trendParamsSchema.parse({ from: '2026-11-01', to: '2026-11-02', tz: 'Asia/Shanghai', interval: 'day', ...params }));

describe('metric requests', () => {
  it('bucket by day in the requested zone over the whole period, empty days included', () => {
    const req = metricRequest(spec({ metric: 'nps', q: 'battery', segment: 'vip' }), analyzer);
    const hist = (req.aggs.total!.aggs as { points: { date_histogram: Record<string, unknown> } }).points.date_histogram;
    expect(hist).toMatchObject({ field: 'createdAt', calendar_interval: '1d', time_zone: 'Asia/Shanghai', min_doc_count: 0 });
    expect(hist.extended_bounds).toEqual({ min: Date.UTC(2026, 9, 31, 16), max: Date.UTC(2026, 10, 2, 16) - 1 });
    const json = JSON.stringify(req.query);
    expect(json).toContain('{"terms":{"customer.segment":["vip"]}}');
    expect(json).toContain('"query":"batteri"');
    expect(json).toContain(`"gte":${Date.UTC(2026, 9, 31, 16)}`);
  });

  it('leave the buckets out when only the period\'s totals are wanted', () => {
    const req = metricRequest(spec({ metric: 'valueAtRisk', split: 'product' }), analyzer, ['a'], ['c-1'], { summariesOnly: true });
    expect(JSON.stringify(req)).not.toContain('date_histogram');
    expect(req.aggs.total!.aggs).toHaveProperty('m_risk');
  });

  it('split into the top values and an "other" bucket of items carrying none of them', () => {
    const s = spec({ split: 'issue', top: '2' });
    expect(topValuesRequest(s, analyzer)!.aggs.top.terms).toEqual({ field: 'issues.id', size: 2 });
    const req = metricRequest(s, analyzer, ['delivery.late', 'product_quality.battery']) as { aggs: { split: { filters: { filters: object; other_bucket_key: string } } } };
    expect(req.aggs.split.filters.filters).toEqual({ 'delivery.late': { term: { 'issues.id': 'delivery.late' } }, 'product_quality.battery': { term: { 'issues.id': 'product_quality.battery' } } });
    expect(req.aggs.split.filters.other_bucket_key).toBeTruthy();
    expect(topValuesRequest(spec({}), analyzer)).toBeUndefined();
  });

  it('leave out the series of all items where it is the sum of the split\'s series', () => {
    const aggsOf = (params: Record<string, string>) => Object.keys(metricRequest(spec(params), analyzer, ['x']).aggs);
    // Single-valued dimension and a metric whose aggregations add up: summed by voc.
    for (const metric of ['count', 'negativeShare', 'meanSentiment', 'nps', 'csat', 'ces', 'meanRating']) expect(aggsOf({ metric, split: 'segment' }), metric).toEqual(['split']);
    // A distinct count does not add up; an item can carry several issues.
    expect(aggsOf({ metric: 'customers', split: 'segment' })).toEqual(['total', 'split']);
    expect(aggsOf({ metric: 'valueAtRisk', split: 'segment' })).toContain('total');
    expect(aggsOf({ metric: 'count', split: 'issue' })).toEqual(['total', 'split']);
    expect(aggsOf({ metric: 'count' })).toEqual(['total']);
  });
});

describe('metric responses', () => {
  const day = (key: number, docs: number, negative: number) => ({ key, doc_count: docs, m_negative: { doc_count: negative } });
  const d1 = Date.UTC(2026, 9, 31, 16);
  const d2 = Date.UTC(2026, 10, 1, 16);
  it('become series with local bucket times, zero-item buckets without a share, and an other series', () => {
    const s = spec({ metric: 'negativeShare', split: 'product', top: '1' });
    const response = {
      // No series of all items: the request did not ask for it (see above).
      aggregations: {
        split: {
          buckets: {
            phone: { doc_count: 6, m_negative: { doc_count: 3 }, points: { buckets: [day(d1, 6, 3), day(d2, 0, 0)] } },
            __other__: { doc_count: 4, m_negative: { doc_count: 1 }, points: { buckets: [day(d1, 4, 1), day(d2, 0, 0)] } },
          },
        },
      },
    };
    const out = readMetricResponse(s, response, ['phone']);
    expect(out.total.points).toEqual([{ t: '2026-11-01T00:00:00+08:00', value: 0.4, n: 10 }, { t: '2026-11-02T00:00:00+08:00', value: null, n: 0 }]);
    expect(out.total.summary).toEqual({ value: 0.4, n: 10 });
    expect(out.split!.series.map((x) => [x.key, x.other ?? false, x.summary.value])).toEqual([['phone', false, 0.5], ['other', true, 0.25]]);
    expect(out.from).toBe('2026-11-01T00:00:00+08:00');
    expect(out.to).toBe('2026-11-03T00:00:00+08:00'); // to=2026-11-02 includes that day
  });

  it('read the series of all items as answered where an item can be in several split values', () => {
    const s = spec({ metric: 'count', split: 'issue', top: '1' });
    const response = {
      aggregations: {
        total: { doc_count: 5, points: { buckets: [day(d1, 5, 0), day(d2, 0, 0)] } },
        split: {
          buckets: {
            late: { doc_count: 4, points: { buckets: [day(d1, 4, 0), day(d2, 0, 0)] } },
            __other__: { doc_count: 3, points: { buckets: [day(d1, 3, 0), day(d2, 0, 0)] } },
          },
        },
      },
    };
    expect(readMetricResponse(s, response, ['late']).total.summary).toEqual({ value: 5, n: 5 });
  });
});
