// Segments side by side: the same metrics for each customer segment over one period, from
// one request (a filters bucket per segment, each metric's aggregations under its own
// name). Every figure carries its n, so a segment of a handful of customers reads as such.
import { filterQuery, type FilterParams } from '../core/query/feedback-filter.ts';
import { periodFilter } from '../core/trends/metric-query.ts';
import { describeMetric, emptyFigure, metricAggs, readFigure, type AggBucket, type Figure, type MetricName } from '../core/trends/metrics.ts';
import { formatInZone } from '../core/trends/time-buckets.ts';
import { tolerant, type AnalyticsDeps } from './analytics.types.ts';

export type SegmentsQuery = { filters: FilterParams; from: number; to: number; timeZone: string; segments: readonly string[]; metrics: readonly MetricName[] };

export type SegmentsResult = {
  from: string;
  to: string;
  metrics: Array<{ metric: MetricName; definition: string }>;
  segments: Array<{ segment: string; figures: Partial<Record<MetricName, Figure>> }>;
  all: Partial<Record<MetricName, Figure>>;
};

export async function compareSegments(deps: AnalyticsDeps, q: SegmentsQuery): Promise<SegmentsResult> {
  const { query } = filterQuery(q.filters, deps.analyzer, [periodFilter(q)]);
  // Metrics name their aggregations alike (several read a `stats`), so each gets a bucket of its own.
  const perMetric = Object.fromEntries(q.metrics.map((m) => [m, { filter: { match_all: {} }, aggs: metricAggs(m, { topCustomers: 2000 }) }]));
  const res = await deps.client.search({
    index: deps.index,
    ...tolerant,
    size: 0,
    query,
    aggs: {
      all: { filter: { match_all: {} }, aggs: perMetric },
      segments: { filters: { filters: Object.fromEntries(q.segments.map((s) => [s, { term: { 'customer.segment': s } }])) }, aggs: perMetric },
    } as never,
  });
  const aggs = res.aggregations as unknown as { all: Record<string, AggBucket>; segments: { buckets: Record<string, Record<string, AggBucket>> } };
  const figures = (bucket: Record<string, AggBucket> | undefined) =>
    Object.fromEntries(q.metrics.map((m) => [m, bucket?.[m]?.doc_count ? readFigure(m, bucket[m]!) : emptyFigure(m)])) as Partial<Record<MetricName, Figure>>;
  return {
    from: formatInZone(q.from, q.timeZone),
    to: formatInZone(q.to, q.timeZone),
    metrics: q.metrics.map((m) => ({ metric: m, definition: describeMetric(m) })),
    segments: q.segments.map((s) => ({ segment: s, figures: figures(aggs.segments.buckets[s]) })),
    all: figures(aggs.all),
  };
}
