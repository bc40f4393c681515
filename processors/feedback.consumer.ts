// Kafka adapter of the processor role: a consumer group over the raw topics using
// eachBatch with manual offset resolution. A batch is cut into chunks; each chunk's last
// offset is resolved and committed only after processChunk returned, i.e. after
// Elasticsearch or the dead-letter topic acknowledged every message in it. stop() lets
// the running chunk finish (or abandons a retry wait), commits what is done, disconnects.
//
// A chunk must not fail in silence. A retriable outage is retried inside the chunk (the
// sink's back-off); `health()` reports the chunk once it has waited longer than
// `stallAfterMs` (the /readyz check), and `voc_processor_chunk_age_seconds` shows the wait.
// A chunk that throws (a bug, a message the pipeline cannot take) makes kafkajs restart the
// consumer and read it again: each failure is counted and logged at error level, and after
// `maxChunkFailures` failures of the same chunk the processor gives up (`onGiveUp`), so
// that `voc serve` exits non-zero and a supervisor restarts it and someone is told.
import type { Consumer, Kafka, KafkaMessage } from 'kafkajs';
import { ShutdownError } from '../core/errors.ts';
import type { Logger } from '../core/observability/logger.ts';
import type { Metrics } from '../core/observability/metrics.ts';
import type { FeedbackProcessor } from './feedback-processor.ts';
import type { MessageRef } from '../core/kafka/message-ref.ts';

export type ProcessorStats = { indexed: number; deadLettered: number; batches: number };

export type ProcessorHealth = { ok: true } | { ok: false; reason: string };

function toRef(topic: string, partition: number, m: KafkaMessage): MessageRef {
  return { topic, partition, offset: m.offset, key: m.key, value: m.value, headers: (m.headers ?? {}) as MessageRef['headers'], timestamp: m.timestamp };
}

export async function startFeedbackConsumer(deps: {
  kafka: Kafka;
  groupId: string;
  topics: string[];
  processor: FeedbackProcessor;
  chunkSize: number;
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
  let current: { at: string; since: number } | undefined;
  const failures = new Map<string, number>();
  deps.metrics?.chunkAge.reset();
  const age = setInterval(() => deps.metrics?.chunkAge.set(current ? (now() - current.since) / 1000 : 0), 1000);
  age.unref();
  const consumer = deps.kafka.consumer({ groupId: deps.groupId, allowAutoTopicCreation: false, sessionTimeout: deps.sessionTimeoutMs ?? 30_000, heartbeatInterval: 3_000 });
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
    partitionsConsumedConcurrently: 1,
    eachBatch: async ({ batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, isRunning, isStale }) => {
      const started = performance.now();
      const plog = log.child({ topic: batch.topic, partition: batch.partition });
      for (let i = 0; i < batch.messages.length; i += deps.chunkSize) {
        if (!isRunning() || isStale() || stopping) break;
        const chunk = batch.messages.slice(i, i + deps.chunkSize);
        const refs = chunk.map((m) => toRef(batch.topic, batch.partition, m));
        const at = `${batch.topic}/${batch.partition}@${refs[0]!.offset}`;
        current = { at, since: now() };
        let result;
        try {
          result = await deps.processor.processChunk(refs, { signal: shutdown.signal, onWait: heartbeat });
        } catch (error) {
          current = undefined;
          if (error instanceof ShutdownError) {
            plog.info({ offset: refs[0]!.offset }, 'shutdown while retrying; the chunk will be processed again on restart');
            return;
          }
          const n = (failures.get(at) ?? 0) + 1;
          failures.set(at, n);
          deps.metrics?.chunkFailures.inc();
          plog.error({ offset: refs[0]!.offset, failures: n, limit: maxFailures, err: error }, 'chunk failed; the consumer restarts and reads it again');
          if (n >= maxFailures && !stopping) {
            plog.fatal({ offset: refs[0]!.offset, failures: n }, `chunk failed ${n} times; giving up so that a supervisor restarts the processor`);
            stopping = true;
            deps.onGiveUp?.(error as Error);
          }
          throw error;
        }
        resolveOffset(chunk.at(-1)!.offset);
        await commitOffsetsIfNecessary();
        current = undefined;
        failures.delete(at);
        deps.metrics?.consumerLag.set({ topic: batch.topic, partition: String(batch.partition) }, Math.max(0, Number(batch.highWatermark) - Number(chunk.at(-1)!.offset) - 1));
        await heartbeat();
        stats.indexed += result.indexed;
        stats.deadLettered += result.deadLettered;
        deps.metrics?.lastCommit.setToCurrentTime();
        plog.debug({ offset: chunk.at(-1)!.offset, ...result }, 'chunk committed');
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
      if (current && now() - current.since > stallAfterMs) {
        return { ok: false, reason: `the chunk at ${current.at} has waited ${Math.round((now() - current.since) / 1000)} s to commit (limit ${Math.round(stallAfterMs / 1000)} s); see the processor's log` };
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
