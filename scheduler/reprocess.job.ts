// Re-tags stored feedback after the taxonomy (or model) changed, while live ingestion goes
// on. Pages through the documents not yet at the target versions with a point in time and
// search_after on the id, re-runs the tagging steps on the stored (already redacted) text
// and writes partial updates guarded by seq_no/primary_term: a document the processor
// rewrote meanwhile is skipped, since it is already current. Progress and the last id
// are saved on the job after every page, so a retried job resumes where it stopped.
import type { Client } from '@elastic/elasticsearch';
import type { Job } from 'bull';
import { withElasticsearchRetry } from '../core/elasticsearch/elasticsearch.client.ts';
import type { FeedbackDocument } from '../core/feedback/feedback-document.ts';
import { readAlias } from '../core/names.ts';
import type { Logger } from '../core/observability/logger.ts';
import type { InsightProvider } from '../insight/insight-provider.ts';
import { runSteps, type Item, type Step } from '../insight/steps/step.ts';

export type ReprocessData = { taxonomyVersion: string; cursor?: string; processed?: number; updated?: number; conflicts?: number; total?: number };
export type ReprocessProgress = { processed: number; updated: number; conflicts: number; total: number; percent: number };

const PAGE = 500;

function notCurrent(taxonomyVersion: string, modelVersion: string | undefined) {
  const current = [{ term: { taxonomyVersion } }, modelVersion ? { term: { modelVersion } } : { bool: { must_not: { exists: { field: 'modelVersion' } } } }];
  return { bool: { must_not: { bool: { filter: current } } } };
}

export async function runReprocess(
  job: Pick<Job<ReprocessData>, 'data' | 'id' | 'progress' | 'update'>,
  deps: { client: Client; indexPrefix: string; insight: InsightProvider; steps: Step[]; logger: Logger },
): Promise<ReprocessProgress> {
  await deps.insight.refresh();
  const taxonomyVersion = deps.insight.matcher().version;
  const modelVersion = deps.insight.model()?.modelVersion;
  const log = deps.logger.child({ jobId: job.id, taxonomyVersion });
  if (taxonomyVersion !== job.data.taxonomyVersion) log.warn({ requested: job.data.taxonomyVersion }, 'a newer taxonomy is active; re-tagging with it');

  const index = readAlias(deps.indexPrefix);
  const query = notCurrent(taxonomyVersion, modelVersion);
  const state = { processed: job.data.processed ?? 0, updated: job.data.updated ?? 0, conflicts: job.data.conflicts ?? 0, cursor: job.data.cursor };
  const total = job.data.total ?? state.processed + (await withElasticsearchRetry(() => deps.client.count({ index, query, ignore_unavailable: true }))).count;
  const pit = await withElasticsearchRetry(() => deps.client.openPointInTime({ index, keep_alive: '2m', ignore_unavailable: true }));
  let pitId = pit.id;
  try {
    for (;;) {
      const page = await withElasticsearchRetry(() =>
        deps.client.search<FeedbackDocument>({
          pit: { id: pitId, keep_alive: '2m' },
          size: PAGE,
          query,
          sort: [{ id: 'asc' }],
          seq_no_primary_term: true,
          ...(state.cursor ? { search_after: [state.cursor] } : {}),
        }),
      );
      pitId = page.pit_id ?? pitId;
      const hits = page.hits.hits.filter((h) => h._source);
      if (hits.length === 0) break;
      const items: Item[] = hits.map((h) => ({ ref: { topic: 'reprocess', partition: 0, offset: h._id!, key: null, value: null, headers: {}, timestamp: '0' }, doc: h._source! }));
      const { ok } = runSteps(deps.steps, items);
      const byId = new Map(hits.map((h) => [h._id!, h]));
      const now = new Date().toISOString();
      const operations = ok.flatMap(({ doc }) => {
        const hit = byId.get(doc.id)!;
        const { language, search, sentiment, issues, aspects, keyphrases, prediction } = doc;
        return [
          { update: { _index: hit._index, _id: hit._id, if_seq_no: hit._seq_no, if_primary_term: hit._primary_term } },
          { doc: { language, search, sentiment, issues, aspects, keyphrases, prediction, taxonomyVersion: doc.taxonomyVersion, modelVersion: doc.modelVersion, processedAt: now } },
        ];
      });
      const result = operations.length ? await withElasticsearchRetry(() => deps.client.bulk({ operations })) : { items: [] };
      for (const r of result.items) {
        const status = r.update?.status ?? 500;
        if (status < 300) state.updated++;
        else if (status === 409) state.conflicts++;
        else throw new Error(`re-tagging ${r.update?._id} failed: ${r.update?.error?.reason ?? status}`);
      }
      state.processed += hits.length;
      state.cursor = hits.at(-1)!._source!.id;
      await job.update({ ...job.data, cursor: state.cursor, processed: state.processed, updated: state.updated, conflicts: state.conflicts, total });
      await job.progress({ processed: state.processed, updated: state.updated, conflicts: state.conflicts, total, percent: total ? Math.round((100 * state.processed) / total) : 100 });
      log.debug({ processed: state.processed, total }, 'reprocess page done');
    }
  } finally {
    await deps.client.closePointInTime({ id: pitId }).catch(() => undefined);
  }
  const progress = { processed: state.processed, updated: state.updated, conflicts: state.conflicts, total, percent: 100 };
  await job.progress(progress);
  log.info(progress, 'reprocess finished');
  return progress;
}
