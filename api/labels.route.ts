// Corrections: a person says what the right sentiment or issue of an item is. Stored
// with the item's (redacted) text so that the corrections can be exported as training
// data for `voc train` (GET /v1/labels/export?task=…, CSV or JSON lines).
import type { Client } from '@elastic/elasticsearch';
import express from 'express';
import { z } from 'zod';
import { exportLabels, saveLabel, type LabelTask } from '../core/elasticsearch/labels-index.ts';
import type { FeedbackDocument } from '../core/feedback/feedback-document.ts';
import { HttpProblem, problem } from '../core/http/problem.ts';
import { readAlias } from '../core/names.ts';
import { allow } from '../core/http/access.ts';
import { describedRouter, type DescribedRouter, type Operation } from '../core/http/operation.ts';
import { callElasticsearch, redacted } from './route-helpers.ts';

export const labelBodySchema = z.strictObject({
  task: z.enum(['sentiment', 'issue']),
  label: z.string().trim().min(1).max(200),
  by: z.string().trim().min(1).max(200).optional(),
  note: redacted(z.string().max(2000)).optional(),
});

function invalid(issues: z.core.$ZodIssue[]) {
  return new HttpProblem(
    problem(400, 'invalid-label', 'Invalid label', { errors: issues.map((i) => ({ path: i.path.join('.') || '(body)', message: i.message })) }),
  );
}

export const labelsExportQuerySchema = z.strictObject({ task: z.enum(['sentiment', 'issue']), format: z.enum(['csv', 'jsonl']).default('csv') });

export const labelsOperations: Operation[] = [
  {
    id: 'addLabel',
    method: 'post',
    path: '/v1/feedback/:id/labels',
    tag: 'Labels',
    summary: "Correct an item's sentiment or issue",
    description: 'A sentiment label is negative, neutral or positive; an issue label is an issue id of the taxonomy.',
    permission: 'labels',
    params: { id: 'the feedback id' },
    body: { schema: labelBodySchema },
    ok: { status: 201, description: 'the stored correction: `{ feedbackId, task, label, by?, note?, text, language, createdAt }` (text redacted as stored)' },
  },
  {
    id: 'exportLabels',
    method: 'get',
    path: '/v1/labels/export',
    tag: 'Labels',
    summary: 'The corrections of one task as training data for `voc train`',
    permission: 'labels',
    query: labelsExportQuerySchema,
    ok: { status: 200, description: 'CSV with the header feedbackId,text,label,language, or JSON lines of those fields', schema: { type: 'string' }, mediaTypes: ['text/csv', 'application/x-ndjson'], headers: { 'Content-Disposition': 'attachment; filename="voc-<task>-labels.<format>"' } },
  },
];

const csvCell = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

export function createLabelsRouter(deps: { client: Client; indexPrefix: string }): DescribedRouter {
  const router = express.Router();

  router.post('/v1/feedback/:id/labels', allow('labels'), express.json({ limit: '100kb' }), async (req, res) => {
    const parsed = labelBodySchema.safeParse(req.body);
    if (!parsed.success) throw invalid(parsed.error.issues);
    if (parsed.data.task === 'sentiment' && !['negative', 'neutral', 'positive'].includes(parsed.data.label)) {
      throw invalid([{ code: 'custom', path: ['label'], message: 'a sentiment label is negative, neutral or positive', input: parsed.data.label }]);
    }
    const found = await callElasticsearch(() => deps.client.search<FeedbackDocument>({
      index: readAlias(deps.indexPrefix),
      ignore_unavailable: true,
      allow_no_indices: true,
      query: { ids: { values: [req.params.id] } },
      _source: ['text', 'language'],
      size: 1,
    }));
    const doc = found.hits.hits[0]?._source;
    if (!doc) throw new HttpProblem(problem(404, 'not-found', 'No such feedback', { detail: `no feedback with id ${req.params.id} has been indexed` }));
    const record = { feedbackId: req.params.id, ...parsed.data, text: doc.text, language: doc.language, createdAt: new Date().toISOString() };
    await callElasticsearch(() => saveLabel(deps.client, deps.indexPrefix, record));
    res.status(201).json(record);
  });

  router.get('/v1/labels/export', allow('labels'), async (req, res) => {
    const query = labelsExportQuerySchema.safeParse(req.query);
    if (!query.success) throw invalid(query.error.issues);
    const { task, format } = query.data;
    // The first page is read before anything is sent, so an outage is still a 503 with Retry-After.
    const rows = exportLabels(deps.client, deps.indexPrefix, task as LabelTask)[Symbol.asyncIterator]();
    let next = await callElasticsearch(() => rows.next());
    res.type(format === 'csv' ? 'text/csv' : 'application/x-ndjson');
    res.setHeader('content-disposition', `attachment; filename="voc-${task}-labels.${format}"`);
    if (format === 'csv') res.write('feedbackId,text,label,language\n');
    for (; !next.done; next = await rows.next()) {
      const r = next.value;
      res.write(
        format === 'csv'
          ? `${[r.feedbackId, r.text, r.label, r.language].map(csvCell).join(',')}\n`
          : `${JSON.stringify({ feedbackId: r.feedbackId, text: r.text, label: r.label, language: r.language })}\n`,
      );
    }
    res.end();
  });
  return describedRouter(router, labelsOperations);
}
