// A processor never fails in silence: a write block on the index (what a full disk's
// flood-stage watermark or an operator's read-only switch does) holds its chunk, /readyz
// names the stall, and when the block lifts every item is indexed once, none dead-lettered;
// a chunk that keeps throwing is counted, logged, and given up on so a supervisor restarts.
import { describe, expect, it } from 'vitest';
import { Partitioners } from 'kafkajs';
import { createApiKey, startRoles } from '../cli/runtime.ts';
import { createElasticsearchClient } from '../core/elasticsearch/elasticsearch.client.ts';
import { createKafka } from '../core/kafka/kafka.client.ts';
import { ensureTopics } from '../core/kafka/topics.ts';
import { monthlyIndex, rawTopic } from '../core/names.ts';
import { createMetrics } from '../core/observability/metrics.ts';
import type { FeedbackProcessor } from '../processors/feedback-processor.ts';
import { startFeedbackConsumer } from '../processors/feedback.consumer.ts';
import { makeFeedback } from './support/factories.ts';
import { getJson, indexedIds, postJson, removeTestResources, testEnv, useApiToken, waitFor } from './support/test-env.ts';

describe('processor health', () => {
  it('holds its chunk through a write block, says so on /readyz, and indexes everything once when it lifts', { timeout: 120_000 }, async () => {
    const t = testEnv({ PROCESSOR_STALL_S: '2' });
    const roles = await startRoles(t.config, ['api', 'processor'], { logger: t.logger });
    const es = createElasticsearchClient(t.config.elasticsearch);
    const index = monthlyIndex(t.config.elasticsearch.indexPrefix, new Date());
    try {
      useApiToken(await createApiKey(t.config, { name: 'ingest', role: 'admin', createdBy: 'tests' }));
      const api = roles.apiUrl!;
      const now = new Date().toISOString();
      const first = await postJson(`${api}/v1/feedback`, Array.from({ length: 20 }, (_, i) => makeFeedback(i, { createdAt: now })));
      expect(first.status).toBe(202);
      await waitFor(async () => (await indexedIds(t)).size === 20, { timeoutMs: 20_000, what: 'the first items indexed' });

      await es.indices.putSettings({ index, settings: { 'index.blocks.write': true } });
      const second = await postJson(`${api}/v1/feedback`, Array.from({ length: 30 }, (_, i) => makeFeedback(100 + i, { createdAt: now })));
      expect(second.status).toBe(202); // Kafka takes them; the processor waits
      const stalled = await waitFor(
        async () => {
          const r = await getJson(`${api}/readyz`);
          return r.status === 503 ? r.body : undefined;
        },
        { timeoutMs: 30_000, intervalMs: 500, what: '/readyz to report the stalled chunk' },
      );
      const check = stalled.checks.find((c: { name: string }) => c.name === 'processor');
      expect(check).toMatchObject({ status: 'down', error: expect.stringMatching(/has waited \d+ s to commit \(limit 2 s\)/) });
      const metrics = await (await fetch(`${api}/metrics`)).text();
      expect(Number(/^voc_processor_chunk_age_seconds (\S+)$/m.exec(metrics)?.[1])).toBeGreaterThan(1);

      await es.indices.putSettings({ index, settings: { 'index.blocks.write': null } });
      await waitFor(async () => (await indexedIds(t)).size === 50, { timeoutMs: 60_000, intervalMs: 500, what: 'the held items indexed after the block lifted' });
      const ids = await indexedIds(t);
      expect([...ids.values()].every((n) => n === 1)).toBe(true);
      expect(new Set(ids.keys())).toEqual(new Set([...first.body.ids, ...second.body.ids]));
      expect(roles.processor!.stats.deadLettered).toBe(0);
      await waitFor(async () => (await getJson(`${api}/readyz`)).status === 200, { timeoutMs: 10_000, what: '/readyz ready again' });
    } finally {
      await es.indices.putSettings({ index, settings: { 'index.blocks.write': null } }).catch(() => undefined);
      await es.close();
      await roles.stop();
      await removeTestResources(t);
    }
  });

  it('gives up on a chunk that keeps failing after the configured number of tries, counting and logging each', { timeout: 120_000 }, async () => {
    const t = testEnv();
    const kafka = createKafka(t.config.kafka, t.logger);
    await ensureTopics(kafka, t.config.kafka);
    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    await producer.send({ topic: rawTopic(t.config.kafka.topicPrefix, 'review'), messages: [{ value: JSON.stringify(makeFeedback(1)) }] });
    await producer.disconnect();
    const metrics = createMetrics({ defaultMetrics: false });
    let tries = 0;
    // A processor with a bug: every chunk throws.
    const broken = { processChunk: async () => { tries += 1; throw new Error('a bug in a step'); } } as unknown as FeedbackProcessor;
    let gaveUp: Error | undefined;
    const consumer = await startFeedbackConsumer({
      kafka: createKafka(t.config.kafka, t.logger, { retry: { initialRetryTime: 100, retries: 1, maxRetryTime: 200 } }),
      groupId: t.config.kafka.consumerGroup,
      topics: [rawTopic(t.config.kafka.topicPrefix, 'review')],
      processor: broken,
      chunkSize: 10,
      logger: t.logger,
      metrics,
      sessionTimeoutMs: 6000,
      maxChunkFailures: 3,
      onGiveUp: (error) => (gaveUp = error),
    });
    try {
      await waitFor(async () => gaveUp, { timeoutMs: 90_000, what: 'the processor to give up' });
      expect(gaveUp!.message).toBe('a bug in a step');
      expect(tries).toBe(3);
      expect(await metrics.registry.getSingleMetricAsString('voc_processor_chunk_failures_total')).toMatch(/voc_processor_chunk_failures_total 3/);
    } finally {
      await consumer.stop();
      await removeTestResources(t);
    }
  });
});
