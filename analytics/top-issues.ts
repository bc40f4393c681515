// Top issues of a period: how many items carry each issue (problems unless asked
// otherwise), their share of the period's items, distinct customers and value at risk,
// the change against the previous period of equal length with a significance test, the
// aspect sentiment of the mentions, and a few verbatims with the evidence marked.
//
// Significance: the issue's rate per item now against before, by the exact conditional
// test of two Poisson rates (analytics/statistics.ts), Benjamini–Hochberg across every
// issue compared, and never with fewer than MIN_EVENTS mentions in both periods together:
// 1 → 3 complaints is "+2", not "+200%", and not significant.
import type { IssueInfo, IssueKind } from '../core/feedback/insight.types.ts';
import { filterQuery, type FilterParams } from '../core/query/feedback-filter.ts';
import { periodFilter } from '../core/trends/metric-query.ts';
import { metricAggs, readFigure, type AggBucket, type Figure } from '../core/trends/metrics.ts';
import { distinctCustomers, readRiskiest, readRiskiestParts, riskiestPresenceAggs, riskiestRequest } from '../core/trends/value-at-risk.ts';
import { formatInZone } from '../core/trends/time-buckets.ts';
import { multiSearch, newestMatching, type AnalyticsDeps } from './analytics.types.ts';
import { ALPHA, callChanges, MIN_EVENTS, type ChangeCall } from './statistics.ts';
import { pickRepresentative, toVerbatim, type Verbatim } from './verbatims.ts';

export type TopIssuesQuery = {
  filters: FilterParams;
  from: number;
  to: number;
  timeZone: string;
  kinds: readonly IssueKind[];
  rank: 'volume' | 'valueAtRisk';
  limit: number;
  verbatims: number;
};

export type TopIssue = IssueInfo & {
  count: number;
  share: number | null;
  customers: number;
  valueAtRisk: Figure;
  previous: { count: number; share: number | null };
  change: { absolute: number; relative: number | null };
  significance: ChangeCall;
  aspectSentiment: { negative: number; neutral: number; positive: number; n: number };
  verbatims: Verbatim[];
};

export type TopIssuesResult = {
  from: string;
  to: string;
  previous: { from: string; to: string };
  items: { now: number; before: number };
  kinds: readonly IssueKind[];
  rank: TopIssuesQuery['rank'];
  test: string;
  issues: TopIssue[];
};

export const SIGNIFICANCE_TEST =
  `exact conditional test of two Poisson rates (mentions per item, this period against the previous one), two-sided, ` +
  `Benjamini–Hochberg false-discovery rate ${ALPHA} across all issues compared, and at least ${MIN_EVENTS} mentions in both periods together`;

type Terms = { buckets: Array<AggBucket & { key: string }> };

function searchBody(q: TopIssuesQuery, deps: AnalyticsDeps, period: { from: number; to: number }, ids: string[], riskiest?: readonly string[]) {
  const { query } = filterQuery(q.filters, deps.analyzer, [periodFilter(period)]);
  const detailed = riskiest !== undefined;
  const perIssue = detailed ? { customers: distinctCustomers, ...metricAggs('valueAtRisk') } : {};
  const labels = ['negative', 'neutral', 'positive'];
  const byIssue = { terms: { field: 'issues.id', size: Math.max(ids.length, 1), include: ids } };
  return {
    size: 0,
    track_total_hits: true,
    query,
    aggs: {
      issues: { ...byIssue, aggs: perIssue },
      ...(detailed
        ? {
            aspects: { terms: { field: 'aspects', size: Math.max(ids.length * 3, 1), include: ids.flatMap((id) => labels.map((l) => `${id}:${l}`)) } },
            // Value at risk follows the period's riskiest customers one by one, per issue.
            ...riskiestPresenceAggs(riskiest, { groups: byIssue }),
          }
        : {}),
    },
  };
}

const totalOf = (r: { hits: { total?: number | { value: number } } }) => (typeof r.hits.total === 'number' ? r.hits.total : (r.hits.total?.value ?? 0));

export async function topIssues(deps: AnalyticsDeps, q: TopIssuesQuery): Promise<TopIssuesResult> {
  const catalog = (await deps.issues()).filter((i) => q.kinds.includes(i.kind));
  const ids = catalog.map((i) => i.id);
  const before = { from: q.from - (q.to - q.from), to: q.from };
  type Counts = { hits: { total?: number | { value: number } }; aggregations: AggBucket & { issues: Terms; aspects?: Terms } };
  const { query } = filterQuery(q.filters, deps.analyzer, [periodFilter(q)]);
  const [riskiestAnswer, earlierAnswer] = await multiSearch(deps, [riskiestRequest(query), searchBody(q, deps, before, ids)]);
  const [nowAnswer] = await multiSearch(deps, [searchBody(q, deps, q, ids, readRiskiest(riskiestAnswer))]);
  const now = nowAnswer as unknown as Counts;
  const then = earlierAnswer as unknown as Counts;
  const riskiestByIssue = readRiskiestParts(now.aggregations).groups;
  const n2 = totalOf(now);
  const n1 = totalOf(then);
  const counted = new Map(now.aggregations.issues.buckets.map((b) => [b.key, b]));
  const earlier = new Map(then.aggregations.issues.buckets.map((b) => [b.key, b.doc_count]));
  const aspects = new Map((now.aggregations.aspects?.buckets ?? []).map((b) => [b.key, b.doc_count]));

  // Every issue mentioned in either period is compared, so the correction counts them all.
  const compared = catalog.filter((i) => counted.has(i.id) || earlier.has(i.id));
  const calls = callChanges(compared.map((i) => ({ before: earlier.get(i.id) ?? 0, now: counted.get(i.id)?.doc_count ?? 0 })), n1, n2);

  const rows = compared.map((issue, k): TopIssue => {
    const bucket = counted.get(issue.id);
    const x2 = bucket?.doc_count ?? 0;
    const x1 = earlier.get(issue.id) ?? 0;
    const aspect = { negative: aspects.get(`${issue.id}:negative`) ?? 0, neutral: aspects.get(`${issue.id}:neutral`) ?? 0, positive: aspects.get(`${issue.id}:positive`) ?? 0 };
    return {
      ...issue,
      count: x2,
      share: n2 ? x2 / n2 : null,
      customers: bucket ? (bucket.customers as { value: number }).value : 0,
      valueAtRisk: bucket ? readFigure('valueAtRisk', bucket, riskiestByIssue.get(issue.id)?.whole) : { value: 0, n: 0 },
      previous: { count: x1, share: n1 ? x1 / n1 : null },
      // A percentage of a handful is noise: only where the volume guard passes.
      change: { absolute: x2 - x1, relative: x1 + x2 >= MIN_EVENTS && x1 > 0 ? (x2 - x1) / x1 : null },
      significance: calls[k]!,
      aspectSentiment: { ...aspect, n: aspect.negative + aspect.neutral + aspect.positive },
      verbatims: [],
    };
  });
  const key = q.rank === 'valueAtRisk' ? (r: TopIssue) => r.valueAtRisk.value ?? 0 : (r: TopIssue) => r.count;
  const top = rows.filter((r) => r.count > 0).sort((a, b) => key(b) - key(a) || b.count - a.count || a.id.localeCompare(b.id)).slice(0, q.limit);
  if (q.verbatims > 0 && top.length) await attachVerbatims(deps, q, top);
  return {
    from: formatInZone(q.from, q.timeZone),
    to: formatInZone(q.to, q.timeZone),
    previous: { from: formatInZone(before.from, q.timeZone), to: formatInZone(before.to, q.timeZone) },
    items: { now: n2, before: n1 },
    kinds: q.kinds,
    rank: q.rank,
    test: SIGNIFICANCE_TEST,
    issues: top,
  };
}

async function attachVerbatims(deps: AnalyticsDeps, q: TopIssuesQuery, issues: TopIssue[]): Promise<void> {
  const found = await newestMatching(deps, q.filters, [periodFilter(q)], issues.map((issue) => ({ term: { 'issues.id': issue.id } })), 20);
  issues.forEach((issue, i) => {
    const candidates = found[i]!.flatMap((doc) => {
      const tag = doc.issues?.find((t) => t.id === issue.id);
      return tag ? [{ doc, certainty: tag.confidence, tag }] : [];
    });
    issue.verbatims = pickRepresentative(candidates, q.verbatims).map((c) => toVerbatim(c.doc, [c.tag]));
  });
}
