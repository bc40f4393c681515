// Kafka adapter of the processor role: a consumer group over the raw topics using
// eachBatch with manual offset resolution. A batch is cut into chunks; each chunk's last
// offset is resolved and committed only after processChunk returned, i.e. after
// Elasticsearch or the dead-letter topic acknowledged every message in it. stop() lets
// the running chunk finish (or abandons a retry wait), commits what is done, disconnects.
import type { Consumer, Kafka, KafkaMessage } from 'kafkajs';
import { ShutdownError } from '../core/errors.ts';
import type { Logger } from '../core/observability/logger.ts';
import type { Metrics } from '../core/observability/metrics.ts';
import type { FeedbackProcessor } from './feedback-processor.ts';
import type { MessageRef } from '../core/kafka/message-ref.ts';

export type ProcessorStats = { indexed: number; deadLettered: number; batches: number };

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
}): Promise<{ stop(): Promise<void>; stats: ProcessorStats; consumer: Consumer }> {
  const log = deps.logger.child({ role: 'processor' });
  const stats: ProcessorStats = { indexed: 0, deadLettered: 0, batches: 0 };
  const shutdown = new AbortController();
  let stopping = false;
  const consumer = deps.kafka.consumer({ groupId: deps.groupId, allowAutoTopicCreation: false, sessionTimeout: deps.sessionTimeoutMs ?? 30_000, heartbeatInterval: 3_000 });
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
        let result;
        try {
          result = await deps.processor.processChunk(refs, { signal: shutdown.signal, onWait: heartbeat });
        } catch (error) {
          if (error instanceof ShutdownError) {
            plog.info({ offset: refs[0]!.offset }, 'shutdown while retrying; the chunk will be processed again on restart');
            return;
          }
          throw error;
        }
        resolveOffset(chunk.at(-1)!.offset);
        await commitOffsetsIfNecessary();
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
    async stop() {
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
