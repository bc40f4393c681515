// One import run: read → map → validate → dedupe → batch → publish → summary.
// Rows that fail validation go to the reject file with their reasons; the rest are published
// in batches, and a row counts as accepted only once Kafka acknowledged its batch. A batch
// that fails with a retriable error is retried with backoff; when retries run out the run
// stops and reports how far it got. Re-running is always safe: feedback ids are
// deterministic, so rows already imported are overwritten downstream, not duplicated.
import { stat } from 'node:fs/promises';
import pRetry from 'p-retry';
import { isRetriable } from '../../core/errors.ts';
import { feedbackId } from '../../core/feedback/feedback-id.ts';
import type { Feedback, Source } from '../../core/feedback/feedback.schema.ts';
import type { Logger } from '../../core/observability/logger.ts';
import type { FeedbackPublisher, PublishedItem } from '../feedback-publisher.ts';
import { planCsv, planJsonl, toFeedback, type Constants, type FieldMap, type RowPlan } from './field-mapping.ts';
import { ImportUsageError } from './import-usage-error.ts';
import { readRows, type ImportFormat } from './record-sources.ts';
import { openRejectFile } from './reject-file.ts';

export type RetrySettings = { retries: number; minTimeoutMs: number; maxTimeoutMs: number; maxRetryTimeMs: number };

// 1 s, 2 s, 4 s … capped at 30 s, with jitter: about two minutes before giving up.
export const defaultRetry: RetrySettings = { retries: 8, minTimeoutMs: 1000, maxTimeoutMs: 30_000, maxRetryTimeMs: 120_000 };

export type ImportOptions = {
  file: string;
  format: ImportFormat;
  map: FieldMap | undefined;
  constants: Constants;
  rejectsPath: string;
  batchSize: number;
  /** read only the first N rows */
  limit?: number;
  /** validate and write rejects, publish nothing */
  dryRun: boolean;
  retry?: RetrySettings;
  /** stops the run between rows and while waiting to retry */
  signal?: AbortSignal;
};

export type ProgressState = { bytes: number; rows: number; accepted: number; rejected: number };
export type ProgressReporter = {
  start(totalBytes: number): void;
  update(state: ProgressState): void;
  stop(): void;
};

export type ImportDeps = {
  /** not needed for a dry run */
  publisher?: Pick<FeedbackPublisher, 'publish'>;
  progress: ProgressReporter;
  logger: Logger;
  now?: () => number;
};

export type ImportSummary = {
  file: string;
  format: ImportFormat;
  dryRun: boolean;
  /** complete: every valid row read was acknowledged (or, dry run, validated) */
  outcome: 'complete' | 'failed' | 'interrupted';
  /** why the run stopped early */
  message?: string;
  rowsRead: number;
  /** valid and not a duplicate: what should reach Kafka */
  valid: number;
  /** acknowledged by Kafka */
  accepted: number;
  rejected: number;
  /** present when rows were rejected */
  rejectsFile?: string;
  /** rows whose feedback id already appeared earlier in this file; published once */
  duplicates: number;
  /** accepted rows per source (valid rows in a dry run) */
  bySource: Partial<Record<Source, number>>;
  elapsedMs: number;
  rowsPerSecond: number;
};

/** Thrown by a batch that Kafka did not acknowledge; ends the run. */
class PublishFailedError extends Error {}

export async function importFile(options: ImportOptions, deps: ImportDeps): Promise<ImportSummary> {
  const { file, format, signal } = options;
  const now = deps.now ?? Date.now;
  const log = deps.logger.child({ component: 'import', file });
  const publisher = deps.publisher;
  if (!options.dryRun && !publisher) throw new Error('importFile needs a publisher unless it is a dry run');
  const retry = options.retry ?? defaultRetry;

  const started = now();
  // JSONL plans now; a CSV plan needs the header, so it is made when the header is read.
  let plan: RowPlan | undefined = format === 'jsonl' ? planJsonl(options.map, options.constants) : undefined;
  const { size } = await stat(file);
  const rejects = await openRejectFile(options.rejectsPath);
  // Ids published (or queued) by this run: a row repeated in the file goes out once, the first
  // time. About 100 bytes a row, which is fine up to tens of millions of rows.
  const seen = new Set<string>();
  const bySource: Partial<Record<Source, number>> = {};
  const counts = { rowsRead: 0, valid: 0, accepted: 0, duplicates: 0 };
  let bytes = 0;
  let batch: Feedback[] = [];
  let outcome: ImportSummary['outcome'] = 'complete';
  let message: string | undefined;

  const onHeader = (columns: string[]) => {
    const csv = planCsv(columns, options.map, options.constants);
    plan = csv.plan;
    if (!options.map && csv.ignored.length > 0) {
      log.warn({ ignored: csv.ignored }, 'columns that are not model fields are ignored; use --map to import them');
    }
  };

  const publish = async (items: Feedback[]): Promise<void> => {
    let acknowledged: PublishedItem[] | undefined;
    let attempts = 0;
    try {
      await pRetry(
        async () => {
          attempts++;
          acknowledged = await publisher!.publish(items, 'import');
        },
        {
          retries: retry.retries,
          minTimeout: retry.minTimeoutMs,
          maxTimeout: retry.maxTimeoutMs,
          maxRetryTime: retry.maxRetryTimeMs,
          factor: 2,
          randomize: true,
          signal,
          shouldRetry: ({ error }) => isRetriable(error),
          onFailedAttempt: ({ error, attemptNumber, retriesLeft }) => {
            if (isRetriable(error) && retriesLeft > 0) {
              log.warn({ err: error.message, attempt: attemptNumber, retriesLeft, rows: items.length }, 'Kafka did not acknowledge a batch; retrying');
            }
          },
        },
      );
    } catch (error) {
      // An abort can land just after Kafka acknowledged; those rows still count.
      if (!acknowledged) {
        if (signal?.aborted) throw error;
        throw new PublishFailedError(
          `Kafka did not acknowledge a batch of ${items.length} rows after ${attempts} attempt${attempts > 1 ? 's' : ''}: ${(error as Error).message}`,
          { cause: error },
        );
      }
    }
    for (const item of acknowledged!) bySource[item.source] = (bySource[item.source] ?? 0) + 1;
    counts.accepted += acknowledged!.length;
  };

  const flush = async () => {
    if (batch.length === 0) return;
    const items = batch;
    batch = [];
    if (options.dryRun) {
      for (const item of items) bySource[item.source] = (bySource[item.source] ?? 0) + 1;
    } else {
      await publish(items);
    }
  };

  log.info({ format, bytes: size, batchSize: options.batchSize, dryRun: options.dryRun, limit: options.limit }, 'import started');
  deps.progress.start(size);
  try {
    for await (const item of readRows(file, format, { onHeader })) {
      if (signal?.aborted) break;
      counts.rowsRead++;
      bytes = item.byteOffset;
      if (!item.ok) {
        await rejects.write({ row: item.row, line: item.line, problems: [{ path: '(row)', message: item.message }], record: item.record, raw: item.raw });
      } else {
        const result = toFeedback(item.record, plan!);
        if (!result.ok) {
          await rejects.write({ row: item.row, line: item.line, problems: result.problems, record: item.record });
        } else {
          const id = feedbackId(result.feedback);
          if (seen.has(id)) {
            counts.duplicates++;
            log.debug({ row: item.row, feedbackId: id }, 'duplicate row skipped');
          } else {
            seen.add(id);
            counts.valid++;
            batch.push(result.feedback);
            if (batch.length >= options.batchSize) await flush();
          }
        }
      }
      deps.progress.update({ bytes, rows: counts.rowsRead, accepted: counts.accepted, rejected: rejects.count });
      if (options.limit !== undefined && counts.rowsRead >= options.limit) break;
    }
    if (signal?.aborted) throw signal.reason;
    await flush();
    if (options.limit === undefined) bytes = size;
  } catch (error) {
    if (error instanceof ImportUsageError) throw error;
    if (signal?.aborted) {
      outcome = 'interrupted';
      message = 'interrupted';
    } else {
      outcome = 'failed';
      message = (error as Error).message;
      if (!(error instanceof PublishFailedError)) log.error({ err: error }, 'import failed');
    }
  } finally {
    deps.progress.update({ bytes, rows: counts.rowsRead, accepted: counts.accepted, rejected: rejects.count });
    deps.progress.stop();
    await rejects.close();
  }

  const elapsedMs = Math.max(now() - started, 0);
  const summary: ImportSummary = {
    file,
    format,
    dryRun: options.dryRun,
    outcome,
    ...(message === undefined ? {} : { message }),
    ...counts,
    rejected: rejects.count,
    ...(rejects.count > 0 ? { rejectsFile: rejects.path } : {}),
    bySource,
    elapsedMs,
    rowsPerSecond: elapsedMs > 0 ? Math.round((counts.rowsRead / elapsedMs) * 1000) : counts.rowsRead,
  };
  log.info({ ...summary, file: undefined }, outcome === 'complete' ? 'import finished' : 'import stopped');
  return summary;
}
