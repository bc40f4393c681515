// A metric spec as Elasticsearch requests, and the response as typed series. With a split,
// two requests: the first finds the split's top values (a terms aggregation over the
// whole period), the second, built from the spec and those values, computes every series
// at once: one `filters` bucket per value plus Elasticsearch's "other" bucket (items that
// carry none of the top values, also right for multi-valued fields such as issues), each
// with a date histogram in the spec's time zone and the metric's aggregations, beside the
// same for all items together.
import { dimensionFields, filterQuery } from '../query/feedback-filter.ts';
import type { TextAnalyzer } from '../text/text-analyzer.ts';
import type { MetricSpec } from './metric-spec.ts';
import { emptyFigure, metricAggs, readFigure, type AggBucket, type Figure, type MetricName } from './metrics.ts';
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
/** Elasticsearch's default search.max_buckets is 65,536; value at risk's customer lists stay well inside it. */
const CUSTOMER_BUCKET_BUDGET = 30_000;

export function periodFilter(spec: Pick<MetricSpec, 'from' | 'to'>): object {
  return { range: { createdAt: { gte: spec.from, lt: spec.to, format: 'epoch_millis' } } };
}

/** The request for the split's top values by item count, or undefined without a split. */
export function topValuesRequest(spec: MetricSpec, analyzer: TextAnalyzer) {
  if (!spec.split) return undefined;
  const { query } = filterQuery(spec.filters, analyzer, [periodFilter(spec)]);
  return { size: 0, query, aggs: { top: { terms: { field: dimensionFields[spec.split.dimension], size: spec.split.top } } } };
}

export function readTopValues(response: { aggregations?: unknown }): string[] {
  const top = (response.aggregations as { top?: { buckets: Array<{ key: string | number }> } } | undefined)?.top;
  return (top?.buckets ?? []).map((b) => String(b.key));
}

/** Buckets the date histogram will return for the spec (an upper bound, for the customer budget). */
function bucketsOf(spec: MetricSpec): number {
  const nominal: Record<Interval, number> = { '5m': 300_000, '15m': 900_000, hour: 3_600_000, day: 86_400_000, week: 604_800_000, month: 2_419_200_000 };
  return Math.ceil((spec.to - spec.from) / nominal[spec.interval]) + 2;
}

export function metricRequest(spec: MetricSpec, analyzer: TextAnalyzer, splitValues: readonly string[] = []) {
  const { query } = filterQuery(spec.filters, analyzer, [periodFilter(spec)]);
  const seriesCount = 1 + (spec.split ? splitValues.length + 1 : 0);
  const topCustomers = Math.max(10, Math.min(2000, Math.floor(CUSTOMER_BUCKET_BUDGET / (seriesCount * (bucketsOf(spec) + 1)))));
  const aggs = metricAggs(spec.metric, { topCustomers });
  const histogram = {
    date_histogram: {
      field: 'createdAt',
      ...histogramInterval(spec.interval),
      time_zone: spec.timeZone,
      min_doc_count: 0,
      extended_bounds: { min: spec.from, max: spec.to - 1 },
    },
    aggs,
  };
  const perSeries = { ...aggs, points: histogram };
  return {
    size: 0,
    query,
    aggs: {
      total: { filter: { match_all: {} }, aggs: perSeries },
      ...(spec.split
        ? {
            split: {
              filters: {
                filters: Object.fromEntries(splitValues.map((v) => [v, { term: { [dimensionFields[spec.split!.dimension]]: v } }])),
                other_bucket_key: OTHER,
              },
              aggs: perSeries,
            },
          }
        : {}),
    },
  };
}

type HistogramBucket = AggBucket & { key: number };
type SeriesBucket = AggBucket & { points: { buckets: HistogramBucket[] } };

function readSeries(spec: MetricSpec, key: string, bucket: SeriesBucket | undefined): Series {
  const points = (bucket?.points.buckets ?? []).map((b) => ({ t: formatInZone(b.key, spec.timeZone), ...(b.doc_count ? readFigure(spec.metric, b) : emptyFigure(spec.metric)) }));
  const summary = bucket && bucket.doc_count ? readFigure(spec.metric, bucket) : emptyFigure(spec.metric);
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
  const total = readSeries(spec, 'all', aggs.total);
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
    const series = [...splitValues.map((v) => readSeries(spec, v, buckets[v])), { ...readSeries(spec, 'other', buckets[OTHER]), other: true as const }];
    out.split = { dimension: spec.split.dimension, series: spec.metric === 'valueShare' ? series.map((s) => asShares(s, total)) : series };
  }
  return out;
}
