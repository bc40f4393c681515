// Segments side by side: the same metrics for each customer segment over one period, from
// one search (a filters bucket per segment, each metric's aggregations under a name of its
// own, so that metrics reading alike-named aggregations do not collide), after the
// period's riskiest customers when value at risk is asked for. Every figure carries its n,
// so a segment of a handful of customers reads as such.
import { filterQuery, type FilterParams } from '../core/query/feedback-filter.ts';
import { periodFilter } from '../core/trends/metric-query.ts';
import { describeMetric, emptyFigure, metricAggs, needsRiskiest, readFigure, type AggBucket, type Figure, type MetricName } from '../core/trends/metrics.ts';
import { formatInZone } from '../core/trends/time-buckets.ts';
import { readRiskiest, readRiskiestParts, riskiestPresenceAggs, riskiestRequest, type RiskiestPart } from '../core/trends/value-at-risk.ts';
import { multiSearch, type AnalyticsDeps } from './analytics.types.ts';

export type SegmentsQuery = { filters: FilterParams; from: number; to: number; timeZone: string; segments: readonly string[]; metrics: readonly MetricName[] };

export type SegmentsResult = {
  from: string;
  to: string;
  metrics: Array<{ metric: MetricName; definition: string }>;
  segments: Array<{ segment: string; figures: Partial<Record<MetricName, Figure>> }>;
  all: Partial<Record<MetricName, Figure>>;
};

const SEP = '__';

/** Every metric's aggregations, each name prefixed with its metric. */
function prefixedAggs(metrics: readonly MetricName[]): Record<string, object> {
  return Object.fromEntries(metrics.flatMap((m) => Object.entries(metricAggs(m)).map(([name, agg]) => [`${m}${SEP}${name}`, agg])));
}

/** The bucket as one metric's reader expects it: its own aggregations under their own names. */
function viewOf(bucket: AggBucket, metric: MetricName): AggBucket {
  const view: AggBucket = { doc_count: bucket.doc_count };
  for (const [name, value] of Object.entries(bucket)) if (name.startsWith(`${metric}${SEP}`)) view[name.slice(metric.length + SEP.length)] = value;
  return view;
}

export async function compareSegments(deps: AnalyticsDeps, q: SegmentsQuery): Promise<SegmentsResult> {
  const { query } = filterQuery(q.filters, deps.analyzer, [periodFilter(q)]);
  const withRisk = q.metrics.some(needsRiskiest);
  const riskiest = withRisk ? readRiskiest((await multiSearch(deps, [riskiestRequest(query)]))[0]) : [];
  const perSegment = { terms: { field: 'customer.segment', size: Math.max(q.segments.length, 1), include: [...q.segments] } };
  const [res] = await multiSearch(deps, [
    {
      size: 0,
      query,
      aggs: {
        all: { filter: { match_all: {} }, aggs: prefixedAggs(q.metrics) },
        segments: { filters: { filters: Object.fromEntries(q.segments.map((s) => [s, { term: { 'customer.segment': s } }])) }, aggs: prefixedAggs(q.metrics) },
        ...(withRisk ? riskiestPresenceAggs(riskiest, { groups: perSegment }) : {}),
      },
    },
  ]);
  const aggs = res!.aggregations as unknown as AggBucket & { all: AggBucket; segments: { buckets: Record<string, AggBucket> } };
  const parts = withRisk ? readRiskiestParts(aggs) : undefined;
  const figures = (bucket: AggBucket | undefined, part: RiskiestPart | undefined) =>
    Object.fromEntries(q.metrics.map((m) => [m, bucket?.doc_count ? readFigure(m, viewOf(bucket, m), part) : emptyFigure(m)])) as Partial<Record<MetricName, Figure>>;
  return {
    from: formatInZone(q.from, q.timeZone),
    to: formatInZone(q.to, q.timeZone),
    metrics: q.metrics.map((m) => ({ metric: m, definition: describeMetric(m) })),
    segments: q.segments.map((s) => ({ segment: s, figures: figures(aggs.segments.buckets[s], parts?.groups.get(s)?.whole) })),
    all: figures(aggs.all, parts?.all.whole),
  };
}
