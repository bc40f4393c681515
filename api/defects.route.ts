// "Pull the cord" for frontline staff:
//   POST /v1/defects       { feedbackId } or { text, product }, optional issue and by: a flag;
//                          at the threshold (DEFECT_FLAG_THRESHOLD, default 1) a high-severity alert at once
//   GET  /v1/defects       the latest flags
//   GET  /v1/defects/:id   one flag and the feedback about the same product and issue since
import { tolerant } from '../core/elasticsearch/elasticsearch.client.ts';
import express from 'express';
import { z } from 'zod';
import type { AlertStore } from '../alerts/live/alert-store.ts';
import { pullCord, type CordNotify } from '../alerts/live/defects.ts';
import type { FeedbackDocument } from '../core/feedback/feedback-document.ts';
import { HttpProblem, problem } from '../core/http/problem.ts';
import { filterQuery } from '../core/query/feedback-filter.ts';
import type { TextAnalyzer } from '../core/text/text-analyzer.ts';
import type { Client } from '@elastic/elasticsearch';
import { badParameter, callElasticsearch, parseParams, redacted } from './route-helpers.ts';
import { allow } from '../core/http/access.ts';
import { describedRouter, type DescribedRouter, type Operation } from '../core/http/operation.ts';

/** `notify`: where a raised alert is sent (DEFECT_NOTIFY); without it, alerts are recorded and shown only. */
export type DefectsDeps = { client: Client; index: string; analyzer: TextAnalyzer; alerts: AlertStore; threshold: number; windowDays: number; notify?: CordNotify; now?: () => number };

const id = z.string().trim().min(1).max(256);
export const pullCordSchema = z
  .strictObject({ feedbackId: id.optional(), text: redacted(z.string().trim().min(1).max(2000)).optional(), product: id.optional(), issue: id.optional(), by: z.string().trim().min(1).max(200).optional() })
  .refine((b) => b.feedbackId !== undefined || (b.text !== undefined && b.product !== undefined), { error: 'give the feedbackId of an item, or a text and a product', path: ['feedbackId'] });

export const defectsQuerySchema = z.strictObject({ size: z.coerce.number().int().min(1).max(100).default(20) });

export const defectsOperations: Operation[] = [
  {
    id: 'pullCord',
    method: 'post',
    path: '/v1/defects',
    tag: 'Defects',
    summary: 'Pull the cord: flag a product defect',
    description: 'Give the `feedbackId` of an item (its product and problem issue are taken from it), or a `text` and a `product`. At DEFECT_FLAG_THRESHOLD flags about one product and issue within DEFECT_FLAG_WINDOW_DAYS a high-severity alert is raised at once, and sent to the targets in DEFECT_NOTIFY.',
    permission: 'defects',
    body: { schema: pullCordSchema },
    ok: { status: 201, description: '`{ flag, flags, threshold, alert, raisedNow }`: the flag, how many flags count now, and the alert once they reach the threshold' },
    errors: [404],
  },
  { id: 'listDefects', method: 'get', path: '/v1/defects', tag: 'Defects', summary: 'The latest flags', permission: 'defects', query: defectsQuerySchema, ok: { status: 200, description: '`{ flags }`, newest first' } },
  {
    id: 'getDefect',
    method: 'get',
    path: '/v1/defects/:id',
    tag: 'Defects',
    summary: 'One flag and the feedback about the same product and issue since',
    permission: 'defects',
    params: { id: 'the flag id' },
    ok: { status: 200, description: '`{ flag, linked: { total, items } }`: the 20 newest items since the flag' },
  },
];


export function createDefectsRouter(deps: DefectsDeps): DescribedRouter {
  const router = express.Router();
  const now = deps.now ?? Date.now;

  router.post('/v1/defects', allow('defects'), express.json({ limit: '16kb' }), async (req, res) => {
    const p = parseParams(pullCordSchema, req.body ?? {}, 'invalid-defect', 'Invalid defect flag');
    let product = p.product;
    let issue = p.issue ?? null;
    let text = p.text;
    if (p.feedbackId) {
      const found = await callElasticsearch(() => deps.client.search<FeedbackDocument>({ index: deps.index, ...tolerant, size: 1, query: { ids: { values: [p.feedbackId!] } } }));
      const doc = found.hits.hits[0]?._source;
      if (!doc) throw new HttpProblem(problem(404, 'not-found', 'No such feedback', { detail: `no feedback with id ${p.feedbackId} has been indexed` }));
      product ??= doc.product?.id;
      if (!product) throw badParameter('product', 'the item names no product: give the product', 'invalid-defect');
      issue ??= doc.issues?.find((t) => t.kind === 'problem')?.id ?? null;
      text ??= doc.text;
    }
    const result = await callElasticsearch(() => pullCord(deps.alerts, { product: product!, issue, text: text!, ...(p.feedbackId ? { feedbackId: p.feedbackId } : {}), ...(p.by ? { by: p.by } : {}) }, { threshold: deps.threshold, windowDays: deps.windowDays, now: now(), ...(deps.notify ? { notify: deps.notify } : {}) }));
    res.status(201).json(result);
  });

  router.get('/v1/defects', allow('defects'), async (req, res) => {
    const q = parseParams(defectsQuerySchema, req.query);
    res.json({ flags: await callElasticsearch(() => deps.alerts.recentFlags(q.size)) });
  });

  router.get('/v1/defects/:id', allow('defects'), async (req, res) => {
    const flag = await callElasticsearch(() => deps.alerts.flag(req.params.id));
    if (!flag) throw new HttpProblem(problem(404, 'not-found', 'No such defect flag', { detail: `no defect flag has the id ${req.params.id}` }));
    const { query } = filterQuery({ product: [flag.product], ...(flag.issue ? { issue: [flag.issue] } : {}) }, deps.analyzer, [{ range: { createdAt: { gte: flag.at } } }]);
    const linked = await callElasticsearch(() =>
      deps.client.search<FeedbackDocument>({
        index: deps.index,
        ...tolerant,
        size: 20,
        track_total_hits: true,
        query: flag.feedbackId ? { bool: { ...query.bool, must_not: [{ ids: { values: [flag.feedbackId] } }] } } : query,
        sort: [{ createdAt: 'desc' }],
        _source: { excludes: ['search'] },
      }),
    );
    const total = typeof linked.hits.total === 'number' ? linked.hits.total : (linked.hits.total?.value ?? 0);
    res.json({ flag, linked: { total, items: linked.hits.hits.flatMap((h) => (h._source ? [h._source] : [])) } });
  });

  return describedRouter(router, defectsOperations);
}
