// Trends and insight for executives and product teams: trends, top issues, drivers,
// emerging themes, customer profiles and segment comparison. Each handler decodes its
// parameters (400 naming every bad one), calls the analytics function and sends the result.
import express, { type Router } from 'express';
import { z } from 'zod';
import { issueKinds } from '../core/feedback/insight.types.ts';
import { filtersOf, periodParamsShape, checkPeriod, resolvePeriod, resolveSpec, SpecError, trendParamsSchema } from '../core/trends/metric-spec.ts';
import { checkFilterValues, listParam } from '../core/query/feedback-filter.ts';
import type { AnalyticsDeps } from '../analytics/analytics.types.ts';
import { runTrend } from '../analytics/trends.ts';
import { topIssues } from '../analytics/top-issues.ts';
import { badParameter, callElasticsearch, parseParams } from './route-helpers.ts';

const kindsParam = listParam
  .default(['problem'])
  .transform((kinds) => (kinds.includes('all') ? [...issueKinds] : kinds))
  .pipe(z.array(z.enum(issueKinds, { error: `kind is all or any of ${issueKinds.join(', ')}` })).min(1));

const topIssuesParamsSchema = z
  .strictObject({
    ...periodParamsShape,
    kind: kindsParam,
    rank: z.enum(['volume', 'valueAtRisk'], { error: 'rank is volume or valueAtRisk' }).default('volume'),
    limit: z.coerce.number().int().min(1).max(50, 'limit is at most 50').default(10),
    verbatims: z.coerce.number().int().min(0).max(10, 'verbatims is at most 10').default(3),
  })
  .superRefine((p, ctx) => {
    checkFilterValues(p, ctx);
    checkPeriod(p, ctx);
  });

export function createAnalyticsRouter(deps: AnalyticsDeps): Router {
  const router = express.Router();

  router.get('/v1/trends', async (req, res) => {
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

  router.get('/v1/issues/top', async (req, res) => {
    const p = parseParams(topIssuesParamsSchema, req.query);
    const { from, to } = resolvePeriod(p, Date.now());
    res.json(
      await callElasticsearch(() =>
        topIssues(deps, { filters: filtersOf(p), from, to, timeZone: p.tz, kinds: p.kind, rank: p.rank, limit: p.limit, verbatims: p.verbatims }),
      ),
    );
  });

  return router;
}
