// A rule's series from the feedback index: its metric under its filters, in buckets of its
// evaluation interval, over the baseline span and the window before `to`, one series per
// value of its grouping dimension (the busiest values of the period) or one in all. The
// figures are the trends vocabulary's (core/trends), so an alert on "nps" means the NPS
// the dashboards show. Only whole buckets are asked for: `to` is the start of the bucket
// in progress.
import type { Client } from '@elastic/elasticsearch';
import { dimensionFields, filterQuery } from '../../core/query/feedback-filter.ts';
import type { TextAnalyzer } from '../../core/text/text-analyzer.ts';
import { emptyFigure, metricAggs, readFigure, type AggBucket } from '../../core/trends/metrics.ts';
import { zoneOffsetMs } from '../../core/trends/time-buckets.ts';
import { defaultWindow, ruleMetric, type Rule } from '../rule.ts';
import type { Bucket, Series } from '../series.ts';

const DAY = 86_400_000;
/**
 * Elasticsearch refuses more buckets than search.max_buckets (65,536 by default) in one
 * answer, and counts the empty buckets of a histogram's extended bounds again in each partial
 * reduction over several indices: a minute's rule over 29 days (41,800 buckets) was refused.
 * Half the limit, counting every bucket a metric's sub-aggregations add, stays clear of it.
 */
export const MAX_BUCKETS = 30_000;
export const MAX_GROUPS = 20;

export type GroupSeries = { group: string | null; series: Series };
export type SeriesDeps = { client: Client; index: string; analyzer: TextAnalyzer };

export class SeriesTooLong extends Error {}

/** The start of the bucket that holds `now`, in the rule's time zone (so daily buckets start at local midnight). */
export function bucketStart(now: number, every: number, timeZone: string): number {
  const offset = zoneOffsetMs(now, timeZone);
  return Math.floor((now + offset) / every) * every - offset;
}

/** Rule types judged against a fixed value, with no baseline to learn. */
const withoutBaseline = new Set<Rule['type']>(['threshold', 'floor']);

/** What one evaluation needs: the baseline span (none for a threshold or a floor), the window, and a day for the flatline's run. */
export function seriesRange(rule: Rule, to: number, extraMs = 0): { from: number; to: number } {
  const window = defaultWindow(rule, rule.every);
  const baseline = withoutBaseline.has(rule.type) ? 0 : rule.baseline;
  return { from: to - baseline - window - DAY - extraMs, to };
}

/** Buckets Elasticsearch makes for `range`, the ones the metric's sub-aggregations add included. */
function bucketsOf(rule: Rule, range: { from: number; to: number }): number {
  const subBuckets = Object.values(metricAggs(ruleMetric(rule))).filter((a) => 'filter' in a || 'filters' in a || 'terms' in a).length;
  return Math.ceil((range.to - range.from) / rule.every) * (1 + subBuckets);
}

/** Buckets of one evaluation (a backtest: over `extraMs` more); a rule past MAX_BUCKETS cannot be evaluated. */
export function seriesBuckets(rule: Rule, extraMs = 0): number {
  return bucketsOf(rule, seriesRange(rule, 0, extraMs));
}

function histogram(rule: Rule, from: number, to: number) {
  const interval = rule.every === DAY ? { calendar_interval: '1d' } : { fixed_interval: `${Math.round(rule.every / 1000)}s` };
  return { date_histogram: { field: 'createdAt', ...interval, time_zone: rule.timeZone, min_doc_count: 0, extended_bounds: { min: from, max: to - 1 } }, aggs: metricAggs(ruleMetric(rule)) };
}

function readSeries(rule: Rule, agg: { buckets: Array<AggBucket & { key: number }> } | undefined, from: number, to: number): Series {
  const metric = ruleMetric(rule);
  const buckets: Bucket[] = (agg?.buckets ?? [])
    .filter((b) => b.key >= from && b.key < to)
    .map((b) => {
      const f = b.doc_count ? readFigure(metric, b) : emptyFigure(metric);
      return { t: b.key, value: f.value, volume: f.n };
    });
  return { interval: rule.every, buckets };
}

export async function fetchRuleSeries(deps: SeriesDeps, rule: Rule, range: { from: number; to: number }): Promise<GroupSeries[]> {
  const buckets = bucketsOf(rule, range);
  if (buckets > MAX_BUCKETS) throw new SeriesTooLong(`every ${rule.every / 60_000} min over ${Math.round((range.to - range.from) / DAY)} days is ${buckets} buckets, more than ${MAX_BUCKETS}: evaluate less often or shorten the baseline`);
  const groups = Math.min(MAX_GROUPS, Math.floor(MAX_BUCKETS / buckets));
  const { query } = filterQuery(rule.filters, deps.analyzer, [{ range: { createdAt: { gte: range.from, lt: range.to, format: 'epoch_millis' } } }]);
  const aggs = rule.groupBy
    ? { groups: { terms: { field: dimensionFields[rule.groupBy], size: groups }, aggs: { series: histogram(rule, range.from, range.to) } } }
    : { series: histogram(rule, range.from, range.to) };
  const r = await deps.client.search({ index: deps.index, size: 0, query, aggs: aggs as never, ignore_unavailable: true, allow_no_indices: true });
  const a = r.aggregations as unknown as { series?: { buckets: Array<AggBucket & { key: number }> }; groups?: { buckets: Array<{ key: string | number; series: { buckets: Array<AggBucket & { key: number }> } }> } } | undefined;
  if (!rule.groupBy) return [{ group: null, series: readSeries(rule, a?.series, range.from, range.to) }];
  return (a?.groups?.buckets ?? []).map((g) => ({ group: String(g.key), series: readSeries(rule, g.series, range.from, range.to) }));
}
