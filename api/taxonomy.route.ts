// The issue taxonomy for CX leads: read it, try a change on recent feedback (dry run),
// save it (validated; the version goes up by one), and re-tag stored feedback after a
// change (a resumable reprocess job run by the scheduler role).
import type { Client } from '@elastic/elasticsearch';
import type { Queue } from 'bull';
import express, { type Router } from 'express';
import { z } from 'zod';
import { loadActiveTaxonomy, saveTaxonomy } from '../insight/taxonomy/taxonomy-store.ts';
import type { FeedbackDocument } from '../core/feedback/feedback-document.ts';
import { HttpProblem, problem } from '../core/http/problem.ts';
import { dryRun } from '../insight/taxonomy/issue-matcher.ts';
import { TaxonomyError, parseTaxonomy, type Taxonomy } from '../insight/taxonomy/taxonomy.schema.ts';
import { readAlias } from '../core/names.ts';

const yamlTypes = ['application/yaml', 'application/x-yaml', 'text/yaml', 'text/plain'];

function toTaxonomy(input: unknown): Taxonomy {
  try {
    return parseTaxonomy(input, 'taxonomy');
  } catch (error) {
    if (error instanceof TaxonomyError) {
      throw new HttpProblem(problem(400, 'invalid-taxonomy', 'Invalid taxonomy', { detail: `${error.problems.length} problem(s)`, errors: error.problems }));
    }
    throw error;
  }
}

const versionOf = (t: Taxonomy) => `${t.id}@${t.version}`;

export function createTaxonomyRouter(deps: { client: Client; indexPrefix: string; taxonomyFile: string | undefined; reprocessQueue: Queue }): Router {
  const router = express.Router();
  const body = [express.json({ limit: '2mb' }), express.text({ type: yamlTypes, limit: '2mb' })];

  router.get('/v1/taxonomy', async (_req, res) => {
    const active = await loadActiveTaxonomy(deps.client, deps.indexPrefix, deps.taxonomyFile);
    res.json({ version: versionOf(active.taxonomy), source: active.source, updatedAt: active.updatedAt ?? null, taxonomy: active.taxonomy });
  });

  router.put('/v1/taxonomy', ...body, async (req, res) => {
    const candidate = toTaxonomy(req.body);
    const saved = await saveTaxonomy(deps.client, deps.indexPrefix, deps.taxonomyFile, candidate, req.get('x-voc-user') ?? undefined);
    res.json({ version: versionOf(saved), taxonomy: saved, next: 'POST /v1/reprocess re-tags stored feedback with it' });
  });

  router.post('/v1/taxonomy/dry-run', express.json({ limit: '2mb' }), async (req, res) => {
    const params = z.strictObject({ taxonomy: z.unknown(), last: z.number().int().min(1).max(5000).default(200) }).safeParse(req.body);
    if (!params.success) {
      throw new HttpProblem(problem(400, 'invalid-dry-run', 'Invalid dry run', { errors: params.error.issues.map((i) => ({ path: i.path.join('.') || '(body)', message: i.message })) }));
    }
    const candidate = toTaxonomy(params.data.taxonomy);
    const active = await loadActiveTaxonomy(deps.client, deps.indexPrefix, deps.taxonomyFile);
    const recent = await deps.client.search<FeedbackDocument>({
      index: readAlias(deps.indexPrefix),
      ignore_unavailable: true,
      allow_no_indices: true,
      size: params.data.last,
      sort: [{ processedAt: 'desc' }],
      _source: ['id', 'text', 'language'],
    });
    const texts = recent.hits.hits.flatMap((h) => (h._source ? [{ id: h._source.id, text: h._source.text, language: h._source.language }] : []));
    res.json(dryRun(active.taxonomy, candidate, texts));
  });

  router.post('/v1/reprocess', async (_req, res) => {
    const active = await loadActiveTaxonomy(deps.client, deps.indexPrefix, deps.taxonomyFile);
    const version = versionOf(active.taxonomy);
    // One job per taxonomy version: asking twice returns the same job.
    const job = await deps.reprocessQueue.add({ taxonomyVersion: version }, { jobId: `reprocess:${version}`, attempts: 10, backoff: { type: 'exponential', delay: 2000 }, removeOnComplete: false });
    res.status(202).location(`/v1/reprocess/${encodeURIComponent(String(job.id))}`).json({ jobId: job.id, taxonomyVersion: version });
  });

  router.get('/v1/reprocess/:jobId', async (req, res) => {
    const job = await deps.reprocessQueue.getJob(req.params.jobId);
    if (!job) throw new HttpProblem(problem(404, 'not-found', 'No such reprocess job', { detail: `no job ${req.params.jobId}` }));
    res.json({ jobId: job.id, state: await job.getState(), progress: job.progress(), data: job.data, failedReason: job.failedReason ?? null, attempts: job.attemptsMade });
  });
  return router;
}
