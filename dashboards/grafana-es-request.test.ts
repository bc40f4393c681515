// The translation of dashboard queries into what Grafana sends, held to the behaviour read
// from Grafana's source (the cases its own tests use where there are some); the
// integration test runs the translations on a real Elasticsearch.
import { describe, expect, it } from 'vitest';
import { count, esTarget, filters, mathTarget, max, median, overTime, terms } from './es-query.ts';
import { annotationRequest, goDuration, interpolate, luceneEscape, panelIntervalMs, searchRequest, variablesOf, type RequestContext } from './grafana-es-request.ts';
import { evaluateMath, readFrames } from './grafana-es-response.ts';
import { alertAnnotation } from './alert-fields.ts';

const ds = { type: 'elasticsearch' as const, uid: 'x' };
const from = Date.UTC(2018, 4, 15, 17, 50);
const to = Date.UTC(2018, 4, 15, 17, 55);
const ctx = (over: Partial<RequestContext> = {}): RequestContext => ({ index: 'voc-feedback', timeField: 'createdAt', from, to, intervalMs: 15_000, variables: new Map(), ...over });
type Body = { size: number; query: { bool: { filter: unknown } }; aggs: Record<string, Record<string, Record<string, unknown>> & { aggs?: Record<string, unknown> }>; sort?: object };
const body = (t: Parameters<typeof searchRequest>[0], c = ctx()) => searchRequest(t, c).body as unknown as Body;

describe('panel queries as Grafana sends them', () => {
  it('filter on the time range and nest a date histogram with the interval, bounds and epoch keys', () => {
    const b = body(esTarget(ds, { query: '', metric: count, groupBy: [overTime()] }));
    expect(b.size).toBe(0);
    // One filter is written as an object; a blank query adds no query string.
    expect(b.query.bool.filter).toEqual({ range: { createdAt: { gte: from, lte: to, format: 'epoch_millis' } } });
    expect(b.aggs['2']!.date_histogram).toEqual({ field: 'createdAt', fixed_interval: '15000ms', min_doc_count: 0, extended_bounds: { min: from, max: to }, format: 'epoch_millis' });
    expect(b.aggs['2']!.aggs, 'count needs no aggregation').toBeUndefined();
  });

  it('add the query string with analyze_wildcard, and calendar intervals as calendar_interval', () => {
    const t = esTarget(ds, { query: 'source:review', metric: { type: 'avg', field: 'rating' }, groupBy: [overTime()] });
    t.bucketAggs[0]!.settings = { interval: '1w' };
    const b = body(t);
    expect(b.query.bool.filter).toEqual([{ range: { createdAt: { gte: from, lte: to, format: 'epoch_millis' } } }, { query_string: { analyze_wildcard: true, query: 'source:review' } }]);
    expect(b.aggs['2']!.date_histogram).toMatchObject({ calendar_interval: '1w', min_doc_count: 0 });
    expect(b.aggs['2']!.aggs).toEqual({ '1': { avg: { field: 'rating' } } });
  });

  it('read terms settings as Grafana does: sizes as numbers (0 or none means 500), order by count, key or the metric', () => {
    const t = esTarget(ds, { query: '*', metric: max('createdAt'), groupBy: [terms('id', 50, { orderBy: 'metric', order: 'desc' }), terms('source', 0, { missing: '(none)' })] });
    const outer = body(t).aggs['2']!;
    expect(outer.terms).toEqual({ field: 'id', size: 50, order: { '1': 'desc' }, min_doc_count: 1 });
    // Ordering by a metric puts that metric under the terms, beside the next level.
    expect(outer.aggs!['1']).toEqual({ max: { field: 'createdAt' } });
    const inner = (outer.aggs!['3'] as { terms: object; aggs: object });
    expect(inner.terms).toEqual({ field: 'source', size: 500, order: { _count: 'desc' }, min_doc_count: 1, missing: '(none)' });
    expect(inner.aggs).toEqual({ '1': { max: { field: 'createdAt' } } });
    const byCount = esTarget(ds, { query: '*', metric: count, groupBy: [terms('source', 5, { orderBy: 'metric' })] });
    expect(body(byCount).aggs['2']!.terms).toMatchObject({ order: { _count: 'desc' } });
  });

  it('send metric settings along, and filters as query strings keyed by label (the query when unlabelled)', () => {
    const t = esTarget(ds, { query: '*', metric: median('ackSeconds'), groupBy: [filters({ label: 'all', query: '*' }, { label: '', query: 'kind:flag' })] });
    const f = body(t).aggs['2']!;
    expect(f.filters).toEqual({ filters: { all: { query_string: { query: '*', analyze_wildcard: true } }, 'kind:flag': { query_string: { query: 'kind:flag', analyze_wildcard: true } } } });
    expect(f.aggs).toEqual({ '1': { percentiles: { field: 'ackSeconds', percents: ['50'] } } });
    const distinct = esTarget(ds, { query: '*', metric: { type: 'cardinality', field: 'customer.id', precisionThreshold: 3000 }, groupBy: [overTime()] });
    expect(body(distinct).aggs['2']!.aggs).toEqual({ '1': { cardinality: { field: 'customer.id', precision_threshold: '3000' } } });
  });

  it('sort document queries by `_doc` before a lower-case time field, as a Go map writes the sort object', () => {
    const raw = esTarget(ds, { query: '*', metric: { type: 'raw_data', size: 100 }, groupBy: [] });
    expect(Object.keys(body(raw).sort!)).toEqual(['_doc', 'createdAt']);
    expect(Object.keys(body(raw, ctx({ timeField: '@timestamp' })).sort!)).toEqual(['@timestamp', '_doc']);
    expect(body(raw).size).toBe(100);
  });

  it('refuse what is not modelled rather than guess', () => {
    const pipeline = esTarget(ds, { query: '*', metric: count, groupBy: [overTime()] });
    pipeline.metrics = [{ id: '1', type: 'moving_avg', field: '2' }];
    expect(() => searchRequest(pipeline, ctx())).toThrow(/not modelled/);
    expect(() => searchRequest(esTarget(ds, { query: '*', metric: count, groupBy: [] }), ctx())).toThrow(/missing metrics and aggregations/);
  });
});

describe('template variables', () => {
  const vars = variablesOf(
    [
      { type: 'query', name: 'segment', allValue: '* OR *:*', current: { value: ['$__all'] } },
      { type: 'textbox', name: 'ltv', current: { value: '10000' } },
    ],
    {},
  );

  it('insert the custom "All" value raw, several values as a quoted OR group, one value escaped', () => {
    expect(interpolate('customer.segment:$segment', vars, 'lucene')).toBe('customer.segment:* OR *:*');
    const some = variablesOf([{ type: 'query', name: 'segment', allValue: '* OR *:*', current: { value: ['$__all'] } }], { segment: ['vip', 'high value'] });
    expect(interpolate('customer.segment:$segment', some, 'lucene')).toBe('customer.segment:("vip" OR "high\\ value")');
    expect(interpolate('x:${segment}', variablesOf([{ type: 'query', name: 'segment', current: { value: 'a/b' } }]), 'lucene')).toBe('x:a\\/b');
    expect(interpolate('rating:>=$ltv AND $__interval AND $unknown', vars, 'lucene')).toBe('rating:>=10000 AND $__interval AND $unknown');
    expect(interpolate('$segment', some, 'default')).toBe('{vip,high value}');
  });

  it('escape like Grafana: numbers untouched, every Lucene operator character escaped', () => {
    expect(luceneEscape('12.5')).toBe('12.5');
    expect(luceneEscape('a+b (c) "d" e:f')).toBe('a\\+b\\ \\(c\\)\\ \\"d\\"\\ e\\:f');
  });

  it('are refused when unknown to the dashboard', () => {
    expect(() => variablesOf([], { nope: 'x' })).toThrow(/no variable nope/);
  });
});

describe('intervals', () => {
  it('write Go durations as Grafana substitutes $__interval', () => {
    expect(goDuration(86_400_000)).toBe('24h0m0s');
    expect(goDuration(90_000)).toBe('1m30s');
    expect(goDuration(500)).toBe('500ms');
  });

  it('take the panel minimum when range / width is well below it, and refuse to guess Grafana rounding otherwise', () => {
    expect(panelIntervalMs('1d', 12 * 86_400_000, 1000)).toBe(86_400_000);
    expect(() => panelIntervalMs('1h', 90 * 86_400_000, 1000)).toThrow(/not modelled/);
    expect(() => panelIntervalMs(undefined, 1, 1)).toThrow(/minimum interval/);
  });
});

describe('annotations', () => {
  it('match the time field within the range and the query, without analyze_wildcard, up to 10,000 events', () => {
    const r = annotationRequest(alertAnnotation({ uid: 'a' }), { index: 'p.alerts', from, to, variables: new Map() });
    expect(r.body).toEqual({
      query: { bool: { filter: [{ bool: { should: [{ range: { at: { from, to, format: 'epoch_millis' } } }], minimum_should_match: 1 } }, { query_string: { query: 'kind:"transition" AND state:"firing"' } }] } },
      size: 10_000,
    });
  });
});

describe('responses and expressions', () => {
  const a = esTarget(ds, { refId: 'A', query: '*', metric: count, groupBy: [terms('source', 5), overTime()] });
  const b = esTarget(ds, { refId: 'B', query: '*', metric: count, groupBy: [terms('source', 5), overTime()] });
  const series = (counts: Record<string, number[]>) => ({
    aggregations: { '2': { buckets: Object.entries(counts).map(([key, c]) => ({ key, doc_count: 0, '3': { buckets: c.map((n, i) => ({ key: i * 1000, doc_count: n })) } })) } },
  });

  it('read a date histogram under terms as one labelled series per term', () => {
    expect(readFrames(a, series({ review: [1, 2] }))).toEqual({ kind: 'series', series: [{ labels: { source: 'review' }, points: [[0, 1], [1000, 2]] }] });
  });

  it('divide series joined by labels and time, 0/0 giving NaN as Grafana\'s math does', () => {
    const out = evaluateMath(mathTarget('C', '$A / $B'), new Map([['A', readFrames(a, series({ review: [1, 0], survey: [3, 3] }))], ['B', readFrames(b, series({ review: [4, 0], survey: [6, 6] }))]]));
    expect(out.map((i) => [i.labels, [...i.values]])).toEqual([[{ source: 'review' }, [[0, 0.25], [1000, NaN]]], [{ source: 'survey' }, [[0, 0.5], [1000, 0.5]]]]);
  });

  it('read a terms table as rows named like Grafana\'s columns, and scale numbers from it', () => {
    const t = esTarget(ds, { query: '*', metric: max('customer.lifetimeValue'), groupBy: [terms('customer.id', 10)] });
    const frames = readFrames(t, { aggregations: { '2': { buckets: [{ key: 'c1', doc_count: 2, '1': { value: 50 } }] } } });
    expect(frames).toEqual({ kind: 'table', table: { columns: ['customer.id', 'Max'], rows: [{ 'customer.id': 'c1', Max: 50 }] } });
    expect([...evaluateMath(mathTarget('B', '$A * 100'), new Map([['A', frames]]))[0]!.values]).toEqual([[0, 5000]]);
  });
});
