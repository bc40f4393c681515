// Kafka adapter of the processor role: a consumer group over the raw topics using
// eachBatch with manual offset resolution. A batch is cut into chunks (by count and by
// bytes); each chunk's last offset is resolved and committed only after processChunk
// returned, i.e. after Elasticsearch or the dead-letter topic acknowledged every message
// in it, and chunks of a partition are committed in offset order.
//
// Node and Elasticsearch work at the same time: processChunk tags a chunk before it waits
// on its bulk request, so while up to `bulksInFlight` chunks of a partition are in flight
// the next one is being tagged; `partitionsConcurrently` partitions are consumed at once.
// stop() lets the chunks in flight finish (or abandons a retry wait), commits what is
// done, disconnects.
//
// A chunk must not fail in silence. A retriable outage is retried inside the chunk (the
// sink's back-off); `health()` reports the oldest chunk in flight once it has waited longer
// than `stallAfterMs` (the /readyz check), and `voc_processor_chunk_age_seconds` shows the wait.
// A chunk that throws (a bug, a message the pipeline cannot take) aborts the other chunks
// of its batch and makes kafkajs restart the consumer and read from the last commit again:
// each failure is counted and logged at error level, and after
// `maxChunkFailures` failures of the same chunk the processor gives up (`onGiveUp`), so
// that `voc serve` exits non-zero and a supervisor restarts it and someone is told.
import type { Consumer, Kafka, KafkaMessage } from 'kafkajs';
import { ShutdownError } from '../core/errors.ts';
import type { Logger } from '../core/observability/logger.ts';
import type { Metrics } from '../core/observability/metrics.ts';
import type { ChunkResult, FeedbackProcessor } from './feedback-processor.ts';
import type { MessageRef } from '../core/kafka/message-ref.ts';

export type ProcessorStats = { indexed: number; deadLettered: number; batches: number };

export type ProcessorHealth = { ok: true } | { ok: false; reason: string };

function toRef(topic: string, partition: number, m: KafkaMessage): MessageRef {
  return { topic, partition, offset: m.offset, key: m.key, value: m.value, headers: (m.headers ?? {}) as MessageRef['headers'], timestamp: m.timestamp };
}

/** A chunk sent on its way: where it is, since when, and how it ends (never rejects). */
type InFlight = { at: string; first: string; last: string; since: number; done: Promise<{ result: ChunkResult } | { error: unknown }> };

/** Cuts a batch into chunks of at most `size` messages and `maxBytes` bytes of values (at least one message each). */
export function cutChunks<M extends { value: Buffer | null }>(messages: readonly M[], size: number, maxBytes: number): M[][] {
  const chunks: M[][] = [];
  let chunk: M[] = [];
  let bytes = 0;
  for (const m of messages) {
    const length = m.value?.length ?? 0;
    if (chunk.length > 0 && (chunk.length >= size || bytes + length > maxBytes)) {
      chunks.push(chunk);
      chunk = [];
      bytes = 0;
    }
    chunk.push(m);
    bytes += length;
  }
  if (chunk.length > 0) chunks.push(chunk);
  return chunks;
}

export async function startFeedbackConsumer(deps: {
  kafka: Kafka;
  groupId: string;
  topics: string[];
  processor: FeedbackProcessor;
  /** Most messages in one chunk (one bulk request). */
  chunkSize: number;
  /** Most bytes of message values in one chunk (a chunk holds at least one message). */
  maxChunkBytes?: number;
  /** Chunks of one partition sent to Elasticsearch and not yet committed (default 2). */
  bulksInFlight?: number;
  /** Partitions processed at the same time (default 1). */
  partitionsConcurrently?: number;
  /** Bytes a fetch waits for, at most fetchMaxWaitMs, before Kafka answers it (kafkajs: 1 and 5000). */
  fetchMinBytes?: number;
  fetchMaxWaitMs?: number;
  logger: Logger;
  metrics?: Metrics;
  fromBeginning?: boolean;
  sessionTimeoutMs?: number;
  /** How long stop() lets a chunk that is waiting on a failing server keep retrying. */
  stopGraceMs?: number;
  /** A chunk waiting longer than this to commit makes health() fail (default 5 minutes). */
  stallAfterMs?: number;
  /** Failures of one chunk after which the processor gives up (default 5). */
  maxChunkFailures?: number;
  onGiveUp?: (error: Error) => void;
  now?: () => number;
}): Promise<{ stop(): Promise<void>; stats: ProcessorStats; consumer: Consumer; health(): ProcessorHealth }> {
  const log = deps.logger.child({ role: 'processor' });
  const stats: ProcessorStats = { indexed: 0, deadLettered: 0, batches: 0 };
  const shutdown = new AbortController();
  let stopping = false;
  const now = deps.now ?? Date.now;
  const stallAfterMs = deps.stallAfterMs ?? 300_000;
  const maxFailures = deps.maxChunkFailures ?? 5;
  // The chunk in progress (where and since when), and failures per chunk by its first offset.
  const pending = new Set<InFlight>();
  const oldest = (): InFlight | undefined => {
    let found: InFlight | undefined;
    for (const c of pending) if (!found || c.since < found.since) found = c;
    return found;
  };
  const failures = new Map<string, number>();
  const bulksInFlight = deps.bulksInFlight ?? 2;
  const partitions = deps.partitionsConcurrently ?? 1;
  const maxChunkBytes = deps.maxChunkBytes ?? Infinity;
  deps.metrics?.chunkAge.reset();
  const age = setInterval(() => {
    const chunk = oldest();
    deps.metrics?.chunkAge.set(chunk ? (now() - chunk.since) / 1000 : 0);
  }, 1000);
  age.unref();
  const consumer = deps.kafka.consumer({ groupId: deps.groupId, allowAutoTopicCreation: false, sessionTimeout: deps.sessionTimeoutMs ?? 30_000,
    heartbeatInterval: 3_000,
    ...(deps.fetchMinBytes ? { minBytes: deps.fetchMinBytes } : {}),
    ...(deps.fetchMaxWaitMs ? { maxWaitTimeInMs: deps.fetchMaxWaitMs } : {}),
  });
  // Lag is reported for the partitions this member holds: a rebalance forgets the old figures
  // (each comes back with the next chunk of a partition still held), so a partition handed to
  // another processor is not counted twice.
  consumer.on(consumer.events.GROUP_JOIN, () => deps.metrics?.consumerLag.reset());
  await consumer.connect();
  await consumer.subscribe({ topics: deps.topics, fromBeginning: deps.fromBeginning ?? true });
  await consumer.run({
    autoCommit: true,
    // kafkajs commits in commitOffsetsIfNecessary only past an interval or a threshold;
    // a threshold of one makes every acknowledged chunk's commit happen right there.
    autoCommitThreshold: 1,
    eachBatchAutoResolve: false,
    partitionsConsumedConcurrently: partitions,
    eachBatch: async ({ batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, isRunning, isStale }) => {
      const started = performance.now();
      const plog = log.child({ topic: batch.topic, partition: batch.partition });
      // Chunks of this batch sent and not yet committed, oldest first. A failure aborts the
      // others of the batch (they are read again after the restart, like the failed one).
      const inFlight: InFlight[] = [];
      const batchAbort = new AbortController();
      const signal = AbortSignal.any([shutdown.signal, batchAbort.signal]);

      /** Waits for the oldest chunk; commits it if it was acknowledged. False: stop reading this batch. */
      const settleOldest = async (): Promise<boolean> => {
        const chunk = inFlight.shift()!;
        const outcome = await chunk.done;
        pending.delete(chunk);
        if ('error' in outcome) {
          batchAbort.abort();
          await Promise.all(inFlight.map((c) => c.done));
          for (const c of inFlight.splice(0)) pending.delete(c);
          const { error } = outcome;
          if (error instanceof ShutdownError) {
            plog.info({ offset: chunk.first }, 'shutdown while retrying; the chunk will be processed again on restart');
            return false;
          }
          const n = (failures.get(chunk.at) ?? 0) + 1;
          failures.set(chunk.at, n);
          deps.metrics?.chunkFailures.inc();
          plog.error({ offset: chunk.first, failures: n, limit: maxFailures, err: error }, 'chunk failed; the consumer restarts and reads it again');
          if (n >= maxFailures && !stopping) {
            plog.fatal({ offset: chunk.first, failures: n }, `chunk failed ${n} times; giving up so that a supervisor restarts the processor`);
            stopping = true;
            deps.onGiveUp?.(error as Error);
          }
          throw error;
        }
        // A partition taken away by a rebalance is not committed here: its new owner reads
        // the chunk again, and stable ids make the second write an overwrite.
        if (isStale()) return false;
        resolveOffset(chunk.last);
        await commitOffsetsIfNecessary();
        failures.delete(chunk.at);
        deps.metrics?.consumerLag.set({ topic: batch.topic, partition: String(batch.partition) }, Math.max(0, Number(batch.highWatermark) - Number(chunk.last) - 1));
        await heartbeat();
        stats.indexed += outcome.result.indexed;
        stats.deadLettered += outcome.result.deadLettered;
        deps.metrics?.lastCommit.setToCurrentTime();
        plog.debug({ offset: chunk.last, ...outcome.result }, 'chunk committed');
        return true;
      };

      let reading = true;
      for (const messages of cutChunks(batch.messages, deps.chunkSize, maxChunkBytes)) {
        if (!isRunning() || isStale() || stopping || signal.aborted) break;
        while (inFlight.length >= bulksInFlight && reading) reading = await settleOldest();
        if (!reading) break;
        const refs = messages.map((m) => toRef(batch.topic, batch.partition, m));
        const first = refs[0]!.offset;
        // processChunk tags the chunk before it first waits (on Elasticsearch): the next
        // chunk is tagged while the bulk requests of those before it are in flight.
        const done = deps.processor.processChunk(refs, { signal, onWait: heartbeat }).then(
          (result) => ({ result }),
          (error: unknown) => ({ error }),
        );
        const chunk: InFlight = { at: `${batch.topic}/${batch.partition}@${first}`, first, last: refs.at(-1)!.offset, since: now(), done };
        inFlight.push(chunk);
        pending.add(chunk);
      }
      // What was sent is acknowledged (or fails) before the batch ends, in offset order.
      while (inFlight.length > 0 && reading) reading = await settleOldest();
      if (inFlight.length > 0) {
        await Promise.all(inFlight.map((c) => c.done));
        for (const c of inFlight.splice(0)) pending.delete(c);
      }
      stats.batches += 1;
      deps.metrics?.batchDuration.observe((performance.now() - started) / 1000);
    },
  });
  log.info({ topics: deps.topics, groupId: deps.groupId }, 'processor consuming');

  return {
    stats,
    consumer,
    health(): ProcessorHealth {
      const chunk = oldest();
      if (chunk && now() - chunk.since > stallAfterMs) {
        return { ok: false, reason: `the chunk at ${chunk.at} has waited ${Math.round((now() - chunk.since) / 1000)} s to commit (limit ${Math.round(stallAfterMs / 1000)} s); see the processor's log` };
      }
      return { ok: true };
    },
    async stop() {
      clearInterval(age);
      // A healthy chunk finishes and commits within the grace period; one stuck in
      // back-off is abandoned uncommitted, to be processed again after restart.
      stopping = true;
      const timer = setTimeout(() => shutdown.abort(), deps.stopGraceMs ?? 10_000);
      await consumer.disconnect();
      clearTimeout(timer);
      log.info(stats, 'processor stopped');
    },
  };
}
