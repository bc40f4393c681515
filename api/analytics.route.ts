// Trends and insight for executives and product teams: trends, top issues, drivers,
// emerging themes, customer profiles and segment comparison. Each handler decodes its
// parameters (400 naming every bad one), calls the analytics function and sends the result.
import express from 'express';
import { z } from 'zod';
import { issueKinds } from '../core/feedback/insight.types.ts';
import { checkPeriod, filtersOf, periodParamsShape, resolvePeriod, resolveSpec, SpecError, trendParamsSchema } from '../core/trends/metric-spec.ts';
import { checkFilterValues, listParam } from '../core/query/feedback-filter.ts';
import type { AnalyticsDeps } from '../analytics/analytics.types.ts';
import { runTrend } from '../analytics/trends.ts';
import { topIssues } from '../analytics/top-issues.ts';
import { drivers, outcomes } from '../analytics/drivers.ts';
import { emergingThemes } from '../analytics/emerging-themes.ts';
import { customerProfile } from '../analytics/customer-profile.ts';
import { compareSegments } from '../analytics/segment-compare.ts';
import { metricNames } from '../core/trends/metrics.ts';
import { HttpProblem, problem } from '../core/http/problem.ts';
import { badParameter, callElasticsearch, parseParams } from './route-helpers.ts';
import { allow } from '../core/http/access.ts';
import { describedRouter, type DescribedRouter, type Operation } from '../core/http/operation.ts';
import { storedIdentifier } from '../insight/pii/pseudonym.ts';

const kindsParam = listParam
  .default(['problem'])
  .transform((kinds) => (kinds.includes('all') ? [...issueKinds] : kinds))
  .pipe(z.array(z.enum(issueKinds, { error: `kind is all or any of ${issueKinds.join(', ')}` })).min(1));

const withPeriodChecks = <T extends z.ZodRawShape>(shape: T) =>
  z.strictObject(shape).superRefine((p, ctx) => {
    checkFilterValues(p as never, ctx);
    checkPeriod(p as never, ctx);
  });

export const topIssuesParamsSchema = withPeriodChecks({
  ...periodParamsShape,
  kind: kindsParam,
  rank: z.enum(['volume', 'valueAtRisk'], { error: 'rank is volume or valueAtRisk' }).default('volume'),
  limit: z.coerce.number().int().min(1).max(50, 'limit is at most 50').default(10),
  verbatims: z.coerce.number().int().min(0).max(10, 'verbatims is at most 10').default(3),
});

export const driversParamsSchema = withPeriodChecks({
  ...periodParamsShape,
  outcome: z.enum(Object.keys(outcomes) as [keyof typeof outcomes], { error: `outcome is one of ${Object.keys(outcomes).join(', ')}` }).default('nps'),
  kind: kindsParam,
  limit: z.coerce.number().int().min(1).max(50, 'limit is at most 50').default(10),
});

const DAY = 86_400_000;
export const themesParamsSchema = withPeriodChecks({
  ...periodParamsShape,
  recentDays: z.coerce.number().int().min(1).max(90, 'recentDays is at most 90').default(7),
  baselineDays: z.coerce.number().int().min(1).max(365, 'baselineDays is at most 365').default(28),
  minSupport: z.coerce.number().int().min(2).max(1000).default(5),
  limit: z.coerce.number().int().min(1).max(50, 'limit is at most 50').default(20),
  verbatims: z.coerce.number().int().min(0).max(10, 'verbatims is at most 10').default(2),
});

export const customerParamsSchema = z.strictObject({ tz: periodParamsShape.tz });

export const segmentsParamsSchema = withPeriodChecks({
  ...periodParamsShape,
  segments: listParam.pipe(z.array(z.string()).min(1, 'name at least one segment').max(20, 'at most 20 segments')),
  metrics: listParam
    .default(['count', 'customers', 'negativeShare', 'meanSentiment', 'nps', 'csat', 'valueAtRisk'])
    .pipe(z.array(z.enum(metricNames.filter((m) => m !== 'valueShare') as [string, ...string[]], { error: 'metrics are among count, customers, negativeShare, meanSentiment, nps, csat, ces, meanRating, valueAtRisk' })).min(1)),
});

const period = 'The period is [from, to) in `tz` (default: the last 30 days of the zone, today included); the filters are those of search.';
export const analyticsOperations: Operation[] = [
  {
    id: 'trends',
    method: 'get',
    path: '/v1/trends',
    tag: 'Analytics',
    summary: 'A metric over time, optionally split by a dimension',
    description: `${period} With \`split\`, the \`top\` values get a series each and \`other\` holds the rest; the previous period of equal length is compared.`,
    permission: 'analytics:read',
    query: trendParamsSchema,
    ok: { status: 200, description: '`{ metric, definition, interval, timeZone, from, to, previous, total, split? }`: series of `points` `{ t, value, n }`, each with its `summary`, `previous` figure and `change`' },
  },
  {
    id: 'topIssues',
    method: 'get',
    path: '/v1/issues/top',
    tag: 'Analytics',
    summary: "The period's top issues with their change, significance and verbatims",
    description: period,
    permission: 'analytics:read',
    query: topIssuesParamsSchema,
    ok: { status: 200, description: '`{ from, to, items, kinds, rank, test, issues }`: per issue its count, share, customers, value at risk, previous count, change, significance, aspect sentiment and verbatims' },
  },
  {
    id: 'drivers',
    method: 'get',
    path: '/v1/drivers',
    tag: 'Analytics',
    summary: 'What moves NPS, sentiment or CSAT: the gain per issue',
    description: `${period} Association, not proof of cause.`,
    permission: 'analytics:read',
    query: driversParamsSchema,
    ok: { status: 200, description: '`{ outcome, unit, responses, overall, method, drivers }`: per issue its share, the outcome with and without it, the gain and its 95% interval' },
  },
  {
    id: 'emergingThemes',
    method: 'get',
    path: '/v1/themes/emerging',
    tag: 'Analytics',
    summary: 'Words and keyphrases over-represented in the recent window',
    description: 'The recent window is `from`/`to`, by default the last `recentDays`; the baseline is the `baselineDays` before it.',
    permission: 'analytics:read',
    query: themesParamsSchema,
    ok: { status: 200, description: '`{ recent, baseline, minSupport, themes }`: per theme its counts, rate ratio, interval, score, whether it is new, and verbatims' },
  },
  {
    id: 'customerProfile',
    method: 'get',
    path: '/v1/customers/:id',
    tag: 'Analytics',
    summary: "One customer's feedback, trajectory, open complaints and risk",
    permission: 'feedback:read',
    params: { id: 'the customer id as sent with the feedback (at most 256 characters)' },
    query: customerParamsSchema,
    ok: { status: 200, description: '`{ id, segment, lifetimeValue, firstSeen, lastSeen, total, bySource, sentiment, trajectory, openComplaints, atRisk, items }`' },
  },
  {
    id: 'compareSegments',
    method: 'get',
    path: '/v1/segments/compare',
    tag: 'Analytics',
    summary: 'The same figures per segment and for all items',
    description: period,
    permission: 'analytics:read',
    query: segmentsParamsSchema,
    ok: { status: 200, description: '`{ from, to, metrics, segments, all }`: per segment a figure `{ value, n }` of every metric' },
  },
];

/** `pseudonymKey`: the deployment's key, to find a customer sent with an id that holds personal data (stored as its pseudonym). */
export function createAnalyticsRouter(deps: AnalyticsDeps & { pseudonymKey: Buffer }): DescribedRouter {
  const router = express.Router();

  router.get('/v1/trends', allow('analytics:read'), async (req, res) => {
    const params = parseParams(trendParamsSchema, req.query);
    let spec;
    try {
      spec = resolveSpec(params);
    } catch (error) {
      if (error instanceof SpecError) throw badParameter(error.path, error.message);
      throw error;
    }
    res.json(await callElasticsearch(() => runTrend(deps, spec)));
  });

  router.get('/v1/issues/top', allow('analytics:read'), async (req, res) => {
    const p = parseParams(topIssuesParamsSchema, req.query);
    const { from, to } = resolvePeriod(p, Date.now());
    res.json(
      await callElasticsearch(() =>
        topIssues(deps, { filters: filtersOf(p), from, to, timeZone: p.tz, kinds: p.kind, rank: p.rank, limit: p.limit, verbatims: p.verbatims }),
      ),
    );
  });

  router.get('/v1/drivers', allow('analytics:read'), async (req, res) => {
    const p = parseParams(driversParamsSchema, req.query);
    const { from, to } = resolvePeriod(p, Date.now());
    res.json(await callElasticsearch(() => drivers(deps, { filters: filtersOf(p), from, to, timeZone: p.tz, outcome: p.outcome, kinds: p.kind, limit: p.limit })));
  });

  router.get('/v1/themes/emerging', allow('analytics:read'), async (req, res) => {
    const p = parseParams(themesParamsSchema, req.query);
    const period = resolvePeriod(p, Date.now());
    const from = p.from === undefined ? period.to - p.recentDays * DAY : period.from;
    res.json(
      await callElasticsearch(() =>
        emergingThemes(deps, { filters: filtersOf(p), from, to: period.to, baselineFrom: from - p.baselineDays * DAY, timeZone: p.tz, minSupport: p.minSupport, limit: p.limit, verbatims: p.verbatims }),
      ),
    );
  });

  router.get('/v1/customers/:id', allow('feedback:read'), async (req, res) => {
    if (req.params.id.length > 256) throw badParameter('id', 'a customer id has at most 256 characters');
    const id = storedIdentifier(req.params.id, deps.pseudonymKey);
    const p = parseParams(customerParamsSchema, req.query);
    const profile = await callElasticsearch(() => customerProfile(deps, id, { timeZone: p.tz }));
    if (!profile) throw new HttpProblem(problem(404, 'not-found', 'No such customer', { detail: `no feedback from customer ${id} has been indexed` })); // the pseudonym, never the id that holds personal data
    res.json(profile);
  });

  router.get('/v1/segments/compare', allow('analytics:read'), async (req, res) => {
    const p = parseParams(segmentsParamsSchema, req.query);
    const { from, to } = resolvePeriod(p, Date.now());
    res.json(await callElasticsearch(() => compareSegments(deps, { filters: filtersOf(p), from, to, timeZone: p.tz, segments: p.segments, metrics: p.metrics as never })));
  });

  return describedRouter(router, analyticsOperations);
}
