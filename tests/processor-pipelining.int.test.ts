// The processor keeps several chunks of a partition in flight, yet commits only what was
// acknowledged, in offset order: a slow first chunk holds the commits of the faster ones
// after it, and a chunk that fails is read again with everything after it, never skipped.
import { describe, expect, it } from 'vitest';
import { Partitioners } from 'kafkajs';
import { createKafka } from '../core/kafka/kafka.client.ts';
import { ensureTopics } from '../core/kafka/topics.ts';
import { rawTopic } from '../core/names.ts';
import type { MessageRef } from '../core/kafka/message-ref.ts';
import type { FeedbackProcessor } from '../processors/feedback-processor.ts';
import { startFeedbackConsumer } from '../processors/feedback.consumer.ts';
import { makeFeedback } from './support/factories.ts';
import { removeTestResources, testEnv, waitFor } from './support/test-env.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function produce(t: ReturnType<typeof testEnv>, topic: string, n: number) {
  const kafka = createKafka(t.config.kafka, t.logger);
  await ensureTopics(kafka, t.config.kafka);
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  await producer.send({ topic, messages: Array.from({ length: n }, (_, i) => ({ partition: 0, value: JSON.stringify(makeFeedback(i)) })) });
  await producer.disconnect();
}

/** Runs a consumer over partition 0 of the review topic with `processChunk`, recording processing and commits in order. */
async function run(t: ReturnType<typeof testEnv>, processChunk: (refs: readonly MessageRef[]) => Promise<{ indexed: number; deadLettered: number }>, done: (events: string[]) => boolean) {
  const events: string[] = [];
  const consumer = await startFeedbackConsumer({
    kafka: createKafka(t.config.kafka, t.logger, { retry: { initialRetryTime: 100, retries: 2, maxRetryTime: 300 } }),
    groupId: t.config.kafka.consumerGroup,
    topics: [rawTopic(t.config.kafka.topicPrefix, 'review')],
    processor: { processChunk: (refs: readonly MessageRef[]) => { events.push(`process ${refs[0]!.offset}`); return processChunk(refs); } } as unknown as FeedbackProcessor,
    chunkSize: 2,
    bulksInFlight: 4,
    logger: t.logger,
    sessionTimeoutMs: 6000,
  });
  consumer.consumer.on(consumer.consumer.events.COMMIT_OFFSETS, (e) => {
    for (const topic of e.payload.topics) for (const p of topic.partitions) if (Number(p.partition) === 0) events.push(`commit ${p.offset}`);
  });
  try {
    await waitFor(async () => done(events), { timeoutMs: 60_000, intervalMs: 100, what: 'the consumer to commit every chunk' });
  } catch (error) {
    throw new Error(`${(error as Error).message}; seen: ${events.join(', ')}`);
  } finally {
    await consumer.stop();
  }
  return events;
}

const commits = (events: string[]) => events.filter((e) => e.startsWith('commit ')).map((e) => Number(e.slice(7)));

describe('processor pipelining', () => {
  it('has several chunks in flight and commits them in offset order, each only once acknowledged', { timeout: 90_000 }, async () => {
    const t = testEnv();
    try {
      await produce(t, rawTopic(t.config.kafka.topicPrefix, 'review'), 10);
      let inFlight = 0;
      let most = 0;
      const acknowledged = new Set<number>();
      const events = await run(
        t,
        async (refs) => {
          inFlight += 1;
          most = Math.max(most, inFlight);
          const first = Number(refs[0]!.offset);
          // The first chunk is the slowest: later chunks finish before it.
          await sleep(first === 0 ? 800 : 50);
          for (const r of refs) acknowledged.add(Number(r.offset));
          inFlight -= 1;
          return { indexed: refs.length, deadLettered: 0 };
        },
        (events) => commits(events).includes(10),
      );
      expect(most).toBeGreaterThan(1);
      const seen = commits(events);
      expect(seen).toEqual([...seen].sort((a, b) => a - b));
      // Committing offset n means offsets below n are done: the slow first chunk came first.
      expect(seen[0]).toBe(2);
      expect(acknowledged.size).toBe(10);
    } finally {
      await removeTestResources(t);
    }
  });

  it('commits the chunks before a failed one, none after it, and reads the failed one and its successors again', { timeout: 90_000 }, async () => {
    const t = testEnv();
    try {
      await produce(t, rawTopic(t.config.kafka.topicPrefix, 'review'), 10);
      let failed = false;
      const events = await run(
        t,
        async (refs) => {
          const first = Number(refs[0]!.offset);
          await sleep(first === 4 ? 200 : 20);
          if (first === 4 && !failed) {
            failed = true;
            throw new Error('a chunk that fails once');
          }
          return { indexed: refs.length, deadLettered: 0 };
        },
        (events) => commits(events).includes(10),
      );
      const retried = events.indexOf('process 4', events.indexOf('process 4') + 1);
      expect(retried).toBeGreaterThan(0);
      // Before chunk 4 was read again, nothing at or past it was committed.
      expect(Math.max(0, ...commits(events.slice(0, retried)))).toBeLessThanOrEqual(4);
      const seen = commits(events);
      expect(seen).toEqual([...seen].sort((a, b) => a - b));
      // Every chunk after the failed one is read again (stable ids make its second write an overwrite).
      for (const offset of [6, 8]) expect(events.slice(retried).includes(`process ${offset}`)).toBe(true);
    } finally {
      await removeTestResources(t);
    }
  });
});
