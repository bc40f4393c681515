// Trends: a metric over time for the spec's period, optionally split, beside the same
// figures for the period of equal length just before it and the change between the two.
// The split's values are the current period's top values, and the previous period is
// split by the same values, so each series compares like with like.
import { metricRequest, readMetricResponse, readTopValues, riskiestCustomersRequest, topValuesRequest, type MetricSeries, type Series } from '../core/trends/metric-query.ts';
import { readRiskiest } from '../core/trends/value-at-risk.ts';
import { previousPeriod, type MetricSpec } from '../core/trends/metric-spec.ts';
import { describeMetric, metricDefinition, type Figure } from '../core/trends/metrics.ts';
import { formatInZone } from '../core/trends/time-buckets.ts';
import { multiSearch, type AnalyticsDeps } from './analytics.types.ts';

/** Current minus previous; `relative` (previous as the base) only for counts and money, where a ratio means something. */
export type Change = { absolute: number | null; relative: number | null };
export type ComparedSeries = Series & { previous: Figure; change: Change };
export type TrendResult = Omit<MetricSeries, 'total' | 'split'> & {
  definition: string;
  previous: { from: string; to: string };
  total: ComparedSeries;
  split?: { dimension: string; series: ComparedSeries[] };
};

export function change(metric: MetricSpec['metric'], current: Figure, previous: Figure): Change {
  if (current.value === null || previous.value === null) return { absolute: null, relative: null };
  const absolute = current.value - previous.value;
  const relative = metric !== 'valueShare' && metricDefinition(metric).additive && previous.value !== 0 ? absolute / Math.abs(previous.value) : null;
  return { absolute, relative };
}

/**
 * Runs a spec in two round trips: first what the series depend on (the split's top values
 * of the current period, and for value at risk each period's riskiest customers), then
 * the current period bucket by bucket and the previous one as totals only.
 */
export async function metricSeries(deps: AnalyticsDeps, spec: MetricSpec): Promise<{ current: MetricSeries; previous: MetricSeries }> {
  const before = previousPeriod(spec);
  const [top, riskyNow, riskyBefore] = await multiSearch(deps, [
    topValuesRequest(spec, deps.analyzer),
    riskiestCustomersRequest(spec, deps.analyzer),
    riskiestCustomersRequest(before, deps.analyzer),
  ]);
  const values = readTopValues(top);
  const riskiestNow = readRiskiest(riskyNow);
  const riskiestBefore = readRiskiest(riskyBefore);
  const [now, then] = await multiSearch(deps, [metricRequest(spec, deps.analyzer, values, riskiestNow), metricRequest(before, deps.analyzer, values, riskiestBefore, { summariesOnly: true })]);
  return { current: readMetricResponse(spec, now!, values), previous: readMetricResponse(before, then!, values) };
}

export async function runTrend(deps: AnalyticsDeps, spec: MetricSpec): Promise<TrendResult> {
  const { current, previous } = await metricSeries(deps, spec);
  const compare = (s: Series, p: Series | undefined): ComparedSeries => {
    const prev = p?.summary ?? { value: null, n: 0 };
    return { ...s, previous: prev, change: change(spec.metric, s.summary, prev) };
  };
  const result: TrendResult = {
    metric: current.metric,
    definition: describeMetric(spec.metric),
    interval: current.interval,
    timeZone: current.timeZone,
    from: current.from,
    to: current.to,
    previous: { from: formatInZone(spec.from - (spec.to - spec.from), spec.timeZone), to: current.from },
    total: compare(current.total, previous.total),
  };
  if (current.split) {
    const before = new Map(previous.split?.series.map((s) => [`${s.other ? 1 : 0}:${s.key}`, s]));
    result.split = { dimension: current.split.dimension, series: current.split.series.map((s) => compare(s, before.get(`${s.other ? 1 : 0}:${s.key}`))) };
  }
  return result;
}
