// Bulk-indexes finished documents into their monthly index with the feedback id as _id,
// so a replayed message overwrites instead of duplicating. Per-item outcomes: 2xx done;
// 429/5xx, write blocks and an unreachable cluster are retried (only the items still pending) with
// back-off and jitter until they succeed or shutdown is requested; any other 4xx is a
// document Elasticsearch will never take, returned for the dead-letter topic.
import type { Client } from '@elastic/elasticsearch';
import { RetriableError } from '../../core/errors.ts';
import { classifyElasticsearchError, isRetriableStatus } from '../../core/elasticsearch/elasticsearch.client.ts';
import type { FeedbackDocument } from '../../core/feedback/feedback-document.ts';
import { monthlyIndex } from '../../core/names.ts';
import type { Logger } from '../../core/observability/logger.ts';
import type { Metrics } from '../../core/observability/metrics.ts';
import { withRetry, type RetryPolicy } from '../../core/resilience/retry.ts';
import type { MessageRef } from '../../core/kafka/message-ref.ts';

export type SinkItem = { ref: MessageRef; doc: FeedbackDocument };
export type SinkFailure = { ref: MessageRef; reason: string; detail: string };

export type ElasticsearchSink = {
  write(items: readonly SinkItem[], hooks?: { signal?: AbortSignal; onWait?: () => Promise<void> }): Promise<{ failed: SinkFailure[] }>;
};

export function createElasticsearchSink(deps: {
  client: Client;
  indexPrefix: string;
  refresh: boolean | 'wait_for';
  retry: RetryPolicy;
  logger: Logger;
  metrics?: Metrics;
}): ElasticsearchSink {
  const log = deps.logger.child({ step: 'elasticsearch-sink' });

  return {
    async write(items, hooks = {}) {
      let pending = [...items];
      const failed: SinkFailure[] = [];
      if (pending.length === 0) return { failed };
      await withRetry(
        async () => {
          const operations = pending.flatMap(({ doc }) => [
            { index: { _index: monthlyIndex(deps.indexPrefix, new Date(doc.createdAt)), _id: doc.id } },
            doc,
          ]);
          let response;
          try {
            // Only what is read back: a status per item and the error of a refused one (the full
            // answer repeats index, id, version, shards and seq_no for every item, about 200 bytes each).
            response = await deps.client.bulk({ operations, refresh: deps.refresh, filter_path: ['errors', 'items.*.status', 'items.*.error.type', 'items.*.error.reason'] });
          } catch (error) {
            throw classifyElasticsearchError(error);
          }
          const retry: SinkItem[] = [];
          response.items.forEach((result, i) => {
            const outcome = result.index;
            const item = pending[i]!;
            const status = outcome?.status ?? 500;
            if (status < 300) return;
            // A block (a read-only index, a disk past the flood-stage watermark) lifts again:
            // its items wait for it like any outage instead of going to the dead-letter topic.
            if (isRetriableStatus(status) || outcome?.error?.type === 'cluster_block_exception') retry.push(item);
            else {
              failed.push({
                ref: item.ref,
                reason: outcome?.error?.type ?? `http-${status}`,
                detail: outcome?.error?.reason ?? `Elasticsearch answered ${status}`,
              });
            }
          });
          pending = retry;
          if (pending.length > 0) throw new RetriableError(`${pending.length} of ${items.length} documents were refused for now (429/5xx or a write block)`);
        },
        deps.retry,
        {
          signal: hooks.signal,
          onRetry: async (error, attempt, delayMs) => {
            deps.metrics?.retries.inc({ operation: 'elasticsearch-bulk' });
            log.warn({ attempt, pending: pending.length, delayMs, err: (error as Error).message }, 'bulk indexing failed; retrying');
            await hooks.onWait?.();
          },
        },
      );
      return { failed };
    },
  };
}
