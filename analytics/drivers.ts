// Drivers: which issues pull an outcome (NPS, sentiment, CSAT) down the most. For each
// issue, among the period's responses that have the outcome: the share s that carry the
// issue, the outcome's mean with it (m₁) and without it (m₀), and the gain
//   gain = s × (m₀ − m₁)
// = how many points the overall outcome would move if the responses carrying the issue
// had scored like those without it. Its 95% interval treats s as fixed:
// gain ± 1.96 · s · √(v₁/n₁ + v₀/n₀) with the sample variances v. This is association, not
// proof of cause, and a response can carry several issues, so gains do not add up.
import type { IssueKind } from '../core/feedback/insight.types.ts';
import { filterQuery, type FilterParams } from '../core/query/feedback-filter.ts';
import { periodFilter } from '../core/trends/metric-query.ts';
import { formatInZone } from '../core/trends/time-buckets.ts';
import { tolerant, type AnalyticsDeps } from './analytics.types.ts';

export const outcomes = {
  nps: { field: 'survey.nps.contribution', scale: 1, unit: 'NPS points' },
  sentiment: { field: 'sentiment.score', scale: 1, unit: 'sentiment score (−1 to +1)' },
  csat: { field: 'survey.csatSatisfied', scale: 100, unit: 'CSAT percentage points' },
} as const;
export type Outcome = keyof typeof outcomes;

/** Below this many responses on either side, a driver is listed but marked as a small sample. */
export const SMALL_SAMPLE = 30;

export type DriversQuery = { filters: FilterParams; from: number; to: number; timeZone: string; outcome: Outcome; kinds: readonly IssueKind[]; limit: number };

type ExtendedStats = { count: number; sum: number | null; sum_of_squares: number | null };
type Side = { n: number; mean: number | null };

export type Driver = {
  id: string;
  parent: string;
  kind: IssueKind;
  label: { en: string; zh?: string };
  share: number;
  with: Side;
  without: Side;
  gain: number | null;
  interval: [number, number] | null;
  smallSample: boolean;
};

export type DriversResult = {
  outcome: Outcome;
  unit: string;
  from: string;
  to: string;
  responses: number;
  overall: number | null;
  method: string;
  drivers: Driver[];
};

export const DRIVERS_METHOD =
  'gain = share of responses carrying the issue × (mean without it − mean with it): the points the outcome would move if those responses scored like the rest; ' +
  `95% interval from the two sample variances with the share held fixed; fewer than ${SMALL_SAMPLE} responses on a side is marked smallSample`;

function moments(s: { count: number; sum: number; sumSq: number }, scale: number): Side & { variance: number | null } {
  if (s.count === 0) return { n: 0, mean: null, variance: null };
  const mean = s.sum / s.count;
  const variance = s.count > 1 ? Math.max(0, (s.sumSq - s.count * mean * mean) / (s.count - 1)) : null;
  return { n: s.count, mean: mean * scale, variance: variance === null ? null : variance * scale * scale };
}

export async function drivers(deps: AnalyticsDeps, q: DriversQuery): Promise<DriversResult> {
  const o = outcomes[q.outcome];
  const catalog = (await deps.issues()).filter((i) => q.kinds.includes(i.kind));
  const ids = catalog.map((i) => i.id);
  const { query } = filterQuery(q.filters, deps.analyzer, [periodFilter(q), { exists: { field: o.field } }]);
  const res = await deps.client.search({
    index: deps.index,
    ...tolerant,
    size: 0,
    query,
    aggs: {
      all: { extended_stats: { field: o.field } },
      issues: { terms: { field: 'issues.id', size: Math.max(ids.length, 1), include: ids }, aggs: { s: { extended_stats: { field: o.field } } } },
    },
  });
  const aggs = res.aggregations as unknown as { all: ExtendedStats; issues: { buckets: Array<{ key: string; s: ExtendedStats }> } };
  const all = { count: aggs.all.count, sum: aggs.all.sum ?? 0, sumSq: aggs.all.sum_of_squares ?? 0 };
  const overall = moments(all, o.scale);
  const byId = new Map(aggs.issues.buckets.map((b) => [b.key, { count: b.s.count, sum: b.s.sum ?? 0, sumSq: b.s.sum_of_squares ?? 0 }]));
  const rows: Driver[] = catalog.flatMap((issue) => {
    const w = byId.get(issue.id);
    if (!w || w.count === 0) return [];
    const withIt = moments(w, o.scale);
    const without = moments({ count: all.count - w.count, sum: all.sum - w.sum, sumSq: all.sumSq - w.sumSq }, o.scale);
    const share = w.count / all.count;
    const gain = withIt.mean !== null && without.mean !== null ? share * (without.mean - withIt.mean) : null;
    const se = gain !== null && withIt.variance !== null && without.variance !== null ? share * Math.sqrt(withIt.variance / withIt.n + without.variance / without.n) : null;
    return [{
      ...issue,
      share,
      with: { n: withIt.n, mean: withIt.mean },
      without: { n: without.n, mean: without.mean },
      gain,
      interval: gain !== null && se !== null ? [gain - 1.96 * se, gain + 1.96 * se] : null,
      smallSample: withIt.n < SMALL_SAMPLE || without.n < SMALL_SAMPLE,
    }];
  });
  rows.sort((a, b) => (b.gain ?? -Infinity) - (a.gain ?? -Infinity) || a.id.localeCompare(b.id));
  return {
    outcome: q.outcome,
    unit: o.unit,
    from: formatInZone(q.from, q.timeZone),
    to: formatInZone(q.to, q.timeZone),
    responses: all.count,
    overall: overall.mean,
    method: DRIVERS_METHOD,
    drivers: rows.slice(0, q.limit),
  };
}
