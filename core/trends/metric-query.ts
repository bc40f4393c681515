// A metric spec as Elasticsearch requests, and the response as typed series. With a split,
// two requests: the first finds the split's top values (a terms aggregation over the
// whole period), the second, built from the spec and those values, computes every series
// at once: one `filters` bucket per value plus Elasticsearch's "other" bucket (items that
// carry none of the top values, also right for multi-valued fields such as issues), each
// with a date histogram in the spec's time zone and the metric's aggregations, beside the
// same for all items together. Where the split's values partition the items (a
// single-valued dimension) and the metric's aggregations add up, the series for all items
// is the sum of the split's series, "other" included, and is not asked for: a third less
// work for Elasticsearch.
import { dimensionFields, filterQuery, singleValuedDimensions } from '../query/feedback-filter.ts';
import type { TextAnalyzer } from '../text/text-analyzer.ts';
import type { MetricSpec } from './metric-spec.ts';
import { emptyFigure, metricAggs, needsRiskiest, readFigure, summable, type AggBucket, type Figure, type MetricName } from './metrics.ts';
import { sumBuckets } from './sum-buckets.ts';
import { readRiskiestParts, riskiestPresenceAggs, riskiestRequest, type RiskiestParts } from './value-at-risk.ts';
import { formatInZone, histogramInterval, type Interval } from './time-buckets.ts';

export type Point = { t: string; value: number | null; n: number; approximate?: true };
export type Series = { key: string; other?: true; points: Point[]; summary: Figure };
export type MetricSeries = {
  metric: MetricName;
  interval: Interval;
  timeZone: string;
  from: string;
  to: string;
  total: Series;
  split?: { dimension: string; series: Series[] };
};

const OTHER = '__other__';
/** The one filter of a split without top values, matching nothing. */
const NONE = '__none__';

export function periodFilter(spec: Pick<MetricSpec, 'from' | 'to'>): object {
  return { range: { createdAt: { gte: spec.from, lt: spec.to, format: 'epoch_millis' } } };
}

/** The request for the split's top values by item count, or undefined without a split. */
export function topValuesRequest(spec: MetricSpec, analyzer: TextAnalyzer) {
  if (!spec.split) return undefined;
  const { query } = filterQuery(spec.filters, analyzer, [periodFilter(spec)]);
  return { size: 0, query, aggs: { top: { terms: { field: dimensionFields[spec.split.dimension], size: spec.split.top } } } };
}

export function readTopValues(response: { aggregations?: unknown } | undefined): string[] {
  const top = (response?.aggregations as { top?: { buckets: Array<{ key: string | number }> } } | undefined)?.top;
  return (top?.buckets ?? []).map((b) => String(b.key));
}

/** The period's most valuable at-risk customers (value at risk follows them one by one), or undefined when the metric needs none. */
export function riskiestCustomersRequest(spec: MetricSpec, analyzer: TextAnalyzer) {
  if (!needsRiskiest(spec.metric)) return undefined;
  return riskiestRequest(filterQuery(spec.filters, analyzer, [periodFilter(spec)]).query);
}

/** Whether the series of all items is the sum of the split's series (see the header). */
export function totalFromSplit(spec: Pick<MetricSpec, 'metric' | 'split'>): boolean {
  return spec.split !== undefined && singleValuedDimensions.has(spec.split.dimension) && summable(spec.metric);
}

/** `summariesOnly`: the period's figures without the buckets (a previous period needs no more). */
export function metricRequest(spec: MetricSpec, analyzer: TextAnalyzer, splitValues: readonly string[] = [], riskiest: readonly string[] = [], opts: { summariesOnly?: boolean } = {}) {
  const { query } = filterQuery(spec.filters, analyzer, [periodFilter(spec)]);
  const aggs = metricAggs(spec.metric);
  const buckets = { field: 'createdAt', ...histogramInterval(spec.interval), time_zone: spec.timeZone };
  const histogram = { date_histogram: { ...buckets, min_doc_count: 0, extended_bounds: { min: spec.from, max: spec.to - 1 } }, aggs: metricAggs(spec.metric, 'point') };
  const perSeries = opts.summariesOnly ? aggs : { ...aggs, points: histogram };
  const split = spec.split
    ? {
        filters: {
          // Elasticsearch refuses an empty `filters`: a period without items has no top values, and all of it is "other".
          filters: splitValues.length ? Object.fromEntries(splitValues.map((v) => [v, { term: { [dimensionFields[spec.split!.dimension]]: v } }])) : { [NONE]: { match_none: {} } },
          other_bucket_key: OTHER,
        },
      }
    : undefined;
  return {
    size: 0,
    query,
    aggs: {
      ...(totalFromSplit(spec) && split ? {} : { total: { filter: { match_all: {} }, aggs: perSeries } }),
      ...(split ? { split: { ...split, aggs: perSeries } } : {}),
      // The same buckets (same keys) for the riskiest customers, only where they were.
      ...(needsRiskiest(spec.metric) ? riskiestPresenceAggs(riskiest, { groups: split, within: opts.summariesOnly ? undefined : { date_histogram: { ...buckets, min_doc_count: 1 } } }) : {}),
    },
  };
}

type HistogramBucket = AggBucket & { key: number };
type SeriesBucket = AggBucket & { points?: { buckets: HistogramBucket[] } };

function readSeries(spec: MetricSpec, key: string, bucket: SeriesBucket | undefined, riskiest?: RiskiestParts): Series {
  const points = (bucket?.points?.buckets ?? []).map((b) => ({ t: formatInZone(b.key, spec.timeZone), ...(b.doc_count ? readFigure(spec.metric, b, riskiest?.within.get(String(b.key)), 'point') : emptyFigure(spec.metric)) }));
  const summary = bucket && bucket.doc_count ? readFigure(spec.metric, bucket, riskiest?.whole) : emptyFigure(spec.metric);
  return { key, points, summary };
}

/** valueShare: each split series divided by the total at the same bucket. */
function asShares(series: Series, total: Series): Series {
  const share = (part: Figure, whole: Figure): Figure => ({
    value: whole.value ? (part.value ?? 0) / whole.value : null,
    n: part.n,
    ...(part.approximate || whole.approximate ? { approximate: true as const } : {}),
  });
  return { ...series, points: series.points.map((p, i) => ({ t: p.t, ...share(p, total.points[i] ?? { value: null, n: 0 }) })), summary: share(series.summary, total.summary) };
}

export function readMetricResponse(spec: MetricSpec, response: { aggregations?: unknown }, splitValues: readonly string[] = []): MetricSeries {
  const aggs = (response.aggregations ?? {}) as { total?: SeriesBucket; split?: { buckets: Record<string, SeriesBucket> } };
  const riskiest = needsRiskiest(spec.metric) ? readRiskiestParts(response.aggregations) : undefined;
  const parts = Object.values(aggs.split?.buckets ?? {});
  const whole = totalFromSplit(spec) && parts.length ? (sumBuckets(parts, 'split') as SeriesBucket) : aggs.total;
  const total = readSeries(spec, 'all', whole, riskiest?.all);
  const out: MetricSeries = {
    metric: spec.metric,
    interval: spec.interval,
    timeZone: spec.timeZone,
    from: formatInZone(spec.from, spec.timeZone),
    to: formatInZone(spec.to, spec.timeZone),
    total: spec.metric === 'valueShare' ? asShares(total, total) : total,
  };
  if (spec.split) {
    const buckets = aggs.split?.buckets ?? {};
    const series = [
      ...splitValues.map((v) => readSeries(spec, v, buckets[v], riskiest?.groups.get(v))),
      { ...readSeries(spec, 'other', buckets[OTHER], riskiest?.groups.get(OTHER)), other: true as const },
    ];
    out.split = { dimension: spec.split.dimension, series: spec.metric === 'valueShare' ? series.map((s) => asShares(s, total)) : series };
  }
  return out;
}
