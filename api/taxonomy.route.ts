// The issue taxonomy for CX leads: read it, try a change on recent feedback (dry run),
// save it (validated; the version goes up by one), and re-tag stored feedback after a
// change (a resumable reprocess job run by the scheduler role).
import type { Client } from '@elastic/elasticsearch';
import type { Queue } from 'bull';
import express from 'express';
import { z } from 'zod';
import { loadActiveTaxonomy, saveTaxonomy } from '../insight/taxonomy/taxonomy-store.ts';
import type { FeedbackDocument } from '../core/feedback/feedback-document.ts';
import { HttpProblem, problem } from '../core/http/problem.ts';
import { createIssueMatcher, dryRun, type IssueMatcher } from '../insight/taxonomy/issue-matcher.ts';
import { createTextAnalyzer, type TextAnalyzer } from '../core/text/text-analyzer.ts';
import { TaxonomyError, parseTaxonomy, taxonomySchema, type Taxonomy } from '../insight/taxonomy/taxonomy.schema.ts';
import { readAlias } from '../core/names.ts';
import { actorOf, allow } from '../core/http/access.ts';
import { describedRouter, type DescribedRouter, type Operation } from '../core/http/operation.ts';
import type { Audit } from './audit.ts';
import { callElasticsearch } from './route-helpers.ts';

const yamlTypes = ['application/yaml', 'application/x-yaml', 'text/yaml', 'text/plain'];

// Patterns are compiled into one graph per language; the compiler recurses once per word,
// so a pattern thousands of words long passes the schema and then overflows the stack in
// every process that loads the taxonomy. A taxonomy is taken only if it compiles; when it
// does not, the issues are compiled one by one to name the one at fault.
let analyzer: TextAnalyzer | undefined;
function compile(taxonomy: Taxonomy): IssueMatcher | undefined {
  try {
    return createIssueMatcher(taxonomy, { analyzer: (analyzer ??= createTextAnalyzer()) });
  } catch (error) {
    if (error instanceof RangeError) return undefined;
    throw error;
  }
}

function invalid(errors: Array<{ path: string; message: string }>, detail = `${errors.length} problem(s)`): HttpProblem {
  return new HttpProblem(problem(400, 'invalid-taxonomy', 'Invalid taxonomy', { detail, errors }));
}

/** `root` names the taxonomy itself in errors: "(body)" when it is the body, "taxonomy" inside a dry run's. */
function toTaxonomy(input: unknown, root: string): { taxonomy: Taxonomy; matcher: IssueMatcher } {
  let taxonomy: Taxonomy;
  try {
    taxonomy = parseTaxonomy(input, 'taxonomy');
  } catch (error) {
    if (error instanceof TaxonomyError) throw invalid(error.problems.map((p) => ({ ...p, path: p.path || root })));
    // The YAML parser refuses some text with a plain error rather than a YAMLParseError,
    // e.g. aliases expanding into millions of nodes (a ReferenceError): still the text's fault.
    if (typeof input === 'string') {
      const message = `the YAML cannot be read: ${(error as Error).message}`;
      throw invalid([{ path: root, message }], message);
    }
    throw error;
  }
  const matcher = compile(taxonomy);
  if (matcher) return { taxonomy, matcher };
  const errors = taxonomy.categories.flatMap((category, c) =>
    category.issues.flatMap((issue, i) =>
      compile({ ...taxonomy, categories: [{ ...category, issues: [issue] }] }) ? [] : [{ path: `categories[${c}].issues[${i}].patterns`, message: 'a pattern is too long to compile; split it into shorter ones' }],
    ),
  );
  throw invalid(errors.length ? errors : [{ path: root, message: 'the patterns are too long to compile' }]);
}

// The taxonomy inside is checked by toTaxonomy, which names its problems as a saved one's.
export const dryRunSchema = z.strictObject({ taxonomy: z.unknown(), last: z.number().int().min(1).max(5000).default(200) });

const taxonomyBody = { schema: taxonomySchema.meta({ id: 'Taxonomy' }), description: 'the taxonomy as JSON, or as YAML text (as in taxonomies/default.taxonomy.yaml)', also: Object.fromEntries(yamlTypes.map((t) => [t, { type: 'string' }])) };
export const taxonomyOperations: Operation[] = [
  { id: 'getTaxonomy', method: 'get', path: '/v1/taxonomy', tag: 'Taxonomy', summary: 'The active issue taxonomy', permission: 'taxonomy:read', ok: { status: 200, description: '`{ version, source, updatedAt, taxonomy }`' } },
  {
    id: 'saveTaxonomy',
    method: 'put',
    path: '/v1/taxonomy',
    tag: 'Taxonomy',
    summary: 'Replace the taxonomy (validated; its version goes up by one)',
    description: 'Stored feedback keeps its tags until POST /v1/reprocess re-tags it.',
    permission: 'taxonomy:write',
    body: taxonomyBody,
    ok: { status: 200, description: '`{ version, taxonomy, next }`' },
  },
  {
    id: 'dryRunTaxonomy',
    method: 'post',
    path: '/v1/taxonomy/dry-run',
    tag: 'Taxonomy',
    summary: 'Try a taxonomy on the latest feedback without saving it',
    permission: 'taxonomy:write',
    body: { schema: dryRunSchema, description: '`taxonomy`: as PUT /v1/taxonomy takes it (an object, or YAML text); `last`: how many of the latest items to tag' },
    ok: { status: 200, description: '`{ from, to, documents, changed, totals }`: the items whose issues would change, and per issue the items before, after, added and removed' },
  },
  {
    id: 'reprocess',
    method: 'post',
    path: '/v1/reprocess',
    tag: 'Taxonomy',
    summary: 'Re-tag stored feedback with the active taxonomy and model',
    description: 'A run already waiting or running is returned as it is; the scheduler role runs it.',
    permission: 'taxonomy:write',
    ok: { status: 202, description: '`{ jobId, taxonomyVersion, requestedAt }`', headers: { Location: 'the job' } },
  },
  {
    id: 'getReprocess',
    method: 'get',
    path: '/v1/reprocess/:jobId',
    tag: 'Taxonomy',
    summary: 'The state of a reprocess job',
    permission: 'taxonomy:write',
    params: { jobId: 'as POST /v1/reprocess returned it' },
    ok: { status: 200, description: '`{ jobId, requestedAt, state, progress, data, failedReason, attempts }`' },
  },
];

const versionOf = (t: Taxonomy) => `${t.id}@${t.version}`;

export function createTaxonomyRouter(deps: { client: Client; indexPrefix: string; taxonomyFile: string | undefined; reprocessQueue: Queue; audit: Audit }): DescribedRouter {
  const router = express.Router();
  const loadActive = () => callElasticsearch(() => loadActiveTaxonomy(deps.client, deps.indexPrefix, deps.taxonomyFile));
  const body = [express.json({ limit: '2mb' }), express.text({ type: yamlTypes, limit: '2mb' })];

  router.get('/v1/taxonomy', allow('taxonomy:read'), async (_req, res) => {
    const active = await loadActive();
    res.json({ version: versionOf(active.taxonomy), source: active.source, updatedAt: active.updatedAt ?? null, taxonomy: active.taxonomy });
  });

  router.put('/v1/taxonomy', allow('taxonomy:write'), ...body, async (req, res) => {
    const { taxonomy: candidate } = toTaxonomy(req.body, '(body)');
    const before = await loadActive();
    const saved = await callElasticsearch(() => saveTaxonomy(deps.client, deps.indexPrefix, deps.taxonomyFile, candidate, actorOf(res).name));
    await deps.audit(res, { action: 'taxonomy.update', target: { type: 'taxonomy', id: saved.id }, before: before.taxonomy, after: saved });
    res.json({ version: versionOf(saved), taxonomy: saved, next: 'POST /v1/reprocess re-tags stored feedback with it' });
  });

  router.post('/v1/taxonomy/dry-run', allow('taxonomy:write'), express.json({ limit: '2mb' }), async (req, res) => {
    const params = dryRunSchema.safeParse(req.body);
    if (!params.success) {
      throw new HttpProblem(problem(400, 'invalid-dry-run', 'Invalid dry run', { errors: params.error.issues.map((i) => ({ path: i.path.join('.') || '(body)', message: i.message })) }));
    }
    const { matcher: candidate } = toTaxonomy(params.data.taxonomy, 'taxonomy');
    const active = await loadActive();
    const recent = await callElasticsearch(() => deps.client.search<FeedbackDocument>({
      index: readAlias(deps.indexPrefix),
      ignore_unavailable: true,
      allow_no_indices: true,
      size: params.data.last,
      sort: [{ processedAt: 'desc' }],
      _source: ['id', 'text', 'language'],
    }));
    const texts = recent.hits.hits.flatMap((h) => (h._source ? [{ id: h._source.id, text: h._source.text, language: h._source.language }] : []));
    res.json(dryRun(active.taxonomy, candidate, texts));
  });

  router.post('/v1/reprocess', allow('taxonomy:write'), async (_req, res) => {
    const active = await loadActive();
    const version = versionOf(active.taxonomy);
    // Asking while a run is waiting or running returns that run. A finished run is replaced
    // by a new one: the model (MODEL_FILE) may have changed since, which the taxonomy
    // version does not show, and a run re-tags only documents not tagged by the current
    // taxonomy and model, so a run with nothing to do ends at once.
    const jobId = `reprocess:${version}`;
    const previous = await deps.reprocessQueue.getJob(jobId);
    if (previous && ['completed', 'failed'].includes(await previous.getState())) await previous.remove();
    const job = await deps.reprocessQueue.add({ taxonomyVersion: version }, { jobId, attempts: 10, backoff: { type: 'exponential', delay: 2000 }, removeOnComplete: false });
    await deps.audit(res, { action: 'reprocess.start', target: { type: 'reprocess', id: String(job.id) }, after: { taxonomyVersion: version } });
    res.status(202).location(`/v1/reprocess/${encodeURIComponent(String(job.id))}`).json({ jobId: job.id, taxonomyVersion: version, requestedAt: new Date(job.timestamp).toISOString() });
  });

  router.get('/v1/reprocess/:jobId', allow('taxonomy:write'), async (req, res) => {
    const job = await deps.reprocessQueue.getJob(req.params.jobId);
    if (!job) throw new HttpProblem(problem(404, 'not-found', 'No such reprocess job', { detail: `no job ${req.params.jobId}` }));
    res.json({ jobId: job.id, requestedAt: new Date(job.timestamp).toISOString(), state: await job.getState(), progress: job.progress(), data: job.data, failedReason: job.failedReason ?? null, attempts: job.attemptsMade });
  });
  return describedRouter(router, taxonomyOperations);
}
