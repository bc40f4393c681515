// Top issues of a period: how many items carry each issue (problems unless asked
// otherwise), their share of the period's items, distinct customers and value at risk,
// the change against the previous period of equal length with a significance test, the
// aspect sentiment of the mentions, and a few verbatims with the evidence marked.
//
// Significance: the issue's rate per item now against before, by the exact conditional
// test of two Poisson rates (analytics/statistics.ts), Benjamini–Hochberg across every
// issue compared, and never with fewer than MIN_EVENTS mentions in both periods together:
// 1 → 3 complaints is "+2", not "+200%", and not significant.
import type { FeedbackDocument } from '../core/feedback/feedback-document.ts';
import type { IssueInfo, IssueKind } from '../core/feedback/insight.types.ts';
import { filterQuery, type FilterParams } from '../core/query/feedback-filter.ts';
import { periodFilter } from '../core/trends/metric-query.ts';
import { metricAggs, readFigure, type AggBucket, type Figure } from '../core/trends/metrics.ts';
import { distinctCustomers, readRiskiest, readRiskiestParts, riskiestPresenceAggs, riskiestRequest } from '../core/trends/value-at-risk.ts';
import { formatInZone } from '../core/trends/time-buckets.ts';
import { multiSearch, newestMatchingRequests, readDocuments, type AnalyticsDeps } from './analytics.types.ts';
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
type Counted = { hits: { total?: number | { value: number } }; aggregations: { issues: Terms } };

const byIssue = (ids: readonly string[]) => ({ terms: { field: 'issues.id', size: Math.max(ids.length, 1), include: [...ids] } });

/** How many of the period's items carry each issue, and how many items there are. */
function countsRequest(q: TopIssuesQuery, deps: AnalyticsDeps, period: { from: number; to: number }, ids: readonly string[]) {
  const { query } = filterQuery(q.filters, deps.analyzer, [periodFilter(period)]);
  return { size: 0, track_total_hits: true, query, aggs: { issues: byIssue(ids) } };
}

/** For the issues shown only: distinct customers, value at risk and aspect sentiment (the costly part). */
function detailRequest(q: TopIssuesQuery, deps: AnalyticsDeps, ids: readonly string[], riskiest: readonly string[]) {
  if (ids.length === 0) return undefined;
  const { query } = filterQuery(q.filters, deps.analyzer, [periodFilter(q)]);
  const labels = ['negative', 'neutral', 'positive'];
  return {
    size: 0,
    query,
    aggs: {
      issues: { ...byIssue(ids), aggs: { customers: distinctCustomers(), ...metricAggs('valueAtRisk') } },
      aspects: { terms: { field: 'aspects', size: ids.length * 3, include: ids.flatMap((id) => labels.map((l) => `${id}:${l}`)) } },
      // Value at risk follows the period's riskiest customers one by one, per issue.
      ...riskiestPresenceAggs(riskiest, { groups: byIssue(ids) }),
    },
  };
}

const totalOf = (r: { hits: { total?: number | { value: number } } }) => (typeof r.hits.total === 'number' ? r.hits.total : (r.hits.total?.value ?? 0));

function fillDetail(rows: readonly TopIssue[], answer: unknown): void {
  const aggs = (answer as { aggregations?: { issues: Terms; aspects: Terms } } | undefined)?.aggregations;
  if (!aggs) return;
  const buckets = new Map(aggs.issues.buckets.map((b) => [b.key, b]));
  const aspects = new Map(aggs.aspects.buckets.map((b) => [b.key, b.doc_count]));
  const riskiest = readRiskiestParts(aggs).groups;
  for (const row of rows) {
    const bucket = buckets.get(row.id);
    const aspect = { negative: aspects.get(`${row.id}:negative`) ?? 0, neutral: aspects.get(`${row.id}:neutral`) ?? 0, positive: aspects.get(`${row.id}:positive`) ?? 0 };
    row.customers = bucket ? (bucket.customers as { value: number }).value : 0;
    row.valueAtRisk = bucket ? readFigure('valueAtRisk', bucket, riskiest.get(row.id)?.whole) : { value: 0, n: 0 };
    row.aspectSentiment = { ...aspect, n: aspect.negative + aspect.neutral + aspect.positive };
  }
}

const rankBy = (key: (r: TopIssue) => number) => (a: TopIssue, b: TopIssue) => key(b) - key(a) || b.count - a.count || a.id.localeCompare(b.id);

/**
 * Two round trips when ranked by volume: first every issue's count now and before (cheap,
 * and all the significance test needs) beside the period's riskiest customers; then the
 * costly figures for the shown issues only, beside their verbatims. Ranked by value at
 * risk, every mentioned issue needs its value before ranking, so verbatims take a third.
 */
export async function topIssues(deps: AnalyticsDeps, q: TopIssuesQuery): Promise<TopIssuesResult> {
  const catalog = (await deps.issues()).filter((i) => q.kinds.includes(i.kind));
  const ids = catalog.map((i) => i.id);
  const before = { from: q.from - (q.to - q.from), to: q.from };
  const { query } = filterQuery(q.filters, deps.analyzer, [periodFilter(q)]);
  const [riskiestAnswer, earlierAnswer, nowAnswer] = await multiSearch(deps, [riskiestRequest(query), countsRequest(q, deps, before, ids), countsRequest(q, deps, q, ids)]);
  const riskiest = readRiskiest(riskiestAnswer);
  const now = nowAnswer as unknown as Counted;
  const then = earlierAnswer as unknown as Counted;
  const n2 = totalOf(now);
  const n1 = totalOf(then);
  const counted = new Map(now.aggregations.issues.buckets.map((b) => [b.key, b.doc_count]));
  const earlier = new Map(then.aggregations.issues.buckets.map((b) => [b.key, b.doc_count]));

  // Every issue mentioned in either period is compared, so the correction counts them all.
  const compared = catalog.filter((i) => counted.has(i.id) || earlier.has(i.id));
  const calls = callChanges(compared.map((i) => ({ before: earlier.get(i.id) ?? 0, now: counted.get(i.id) ?? 0 })), n1, n2);

  const rows = compared.map((issue, k): TopIssue => {
    const x2 = counted.get(issue.id) ?? 0;
    const x1 = earlier.get(issue.id) ?? 0;
    return {
      ...issue,
      count: x2,
      share: n2 ? x2 / n2 : null,
      customers: 0,
      valueAtRisk: { value: 0, n: 0 },
      previous: { count: x1, share: n1 ? x1 / n1 : null },
      // A percentage of a handful is noise: only where the volume guard passes.
      change: { absolute: x2 - x1, relative: x1 + x2 >= MIN_EVENTS && x1 > 0 ? (x2 - x1) / x1 : null },
      significance: calls[k]!,
      aspectSentiment: { negative: 0, neutral: 0, positive: 0, n: 0 },
      verbatims: [],
    };
  });
  const mentioned = rows.filter((r) => r.count > 0);
  let top: TopIssue[];
  if (q.rank === 'volume') {
    top = mentioned.sort(rankBy((r) => r.count)).slice(0, q.limit);
    const wanted = q.verbatims > 0 ? verbatimRequests(deps, q, top) : [];
    const [detail, ...found] = await multiSearch(deps, [detailRequest(q, deps, top.map((r) => r.id), riskiest), ...wanted]);
    fillDetail(top, detail);
    if (wanted.length) attachVerbatims(q, top, found.map(readDocuments));
  } else {
    const [detail] = await multiSearch(deps, [detailRequest(q, deps, mentioned.map((r) => r.id), riskiest)]);
    fillDetail(mentioned, detail);
    top = mentioned.sort(rankBy((r) => r.valueAtRisk.value ?? 0)).slice(0, q.limit);
    if (q.verbatims > 0 && top.length) attachVerbatims(q, top, (await multiSearch(deps, verbatimRequests(deps, q, top))).map(readDocuments));
  }
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

/** The newest mentions of each issue: the candidates its verbatims are picked from. */
function verbatimRequests(deps: AnalyticsDeps, q: TopIssuesQuery, issues: readonly TopIssue[]): object[] {
  return newestMatchingRequests(deps, q.filters, [periodFilter(q)], issues.map((issue) => ({ term: { 'issues.id': issue.id } })), 20);
}

function attachVerbatims(q: TopIssuesQuery, issues: TopIssue[], found: FeedbackDocument[][]): void {
  issues.forEach((issue, i) => {
    const candidates = (found[i] ?? []).flatMap((doc) => {
      const tag = doc.issues?.find((t) => t.id === issue.id);
      return tag ? [{ doc, certainty: tag.confidence, tag }] : [];
    });
    issue.verbatims = pickRepresentative(candidates, q.verbatims).map((c) => toVerbatim(c.doc, [c.tag]));
  });
}
