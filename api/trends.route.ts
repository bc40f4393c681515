// Trends for executives and product teams: GET /v1/trends. Decodes the metric spec from
// the query, runs it (analytics/trends.ts) and answers with the series, totals, previous
// period and change. Bad parameters get a 400 that names each one.
import express, { type Router } from 'express';
import { resolveSpec, SpecError, trendParamsSchema } from '../core/trends/metric-spec.ts';
import { runTrend } from '../analytics/trends.ts';
import type { AnalyticsDeps } from '../analytics/analytics.types.ts';
import { badParameter, callElasticsearch, parseParams } from './route-helpers.ts';

export function createTrendsRouter(deps: AnalyticsDeps): Router {
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
  return router;
}
