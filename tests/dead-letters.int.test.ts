// Messages the pipeline cannot use go to the dead-letter topic with their original bytes
// and the reason, step and origin in headers; their offsets are committed like any other.
import { Partitioners } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { createKafka } from '../core/kafka/kafka.client.ts';
import { deadLetterTopic, rawTopic } from '../core/names.ts';
import { createMetrics } from '../core/observability/metrics.ts';
import { createLogger } from '../core/observability/logger.ts';
import type { RequestHandler } from 'express';
import { createApp } from '../api/app.ts';
import { createFeedbackPublisher } from '../ingest/feedback-publisher.ts';
import { createIngestRouter } from '../ingest/feedback.route.ts';
import { loadConfig } from '../core/config/config.ts';
import { indexedIds, postJson, waitFor } from './support/test-env.ts';
import { spawnVoc } from './support/cli-process.ts';
import { useTestRoles } from './support/test-roles.ts';


const ctx = useTestRoles(['processor']);

describe('dead letters', () => {
  it('keep the original bytes and say why, where and from which offset', async () => {
    const t = ctx.t;
    const kafka = createKafka(t.config.kafka, t.logger);
    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    const bad = ['{"text": "cut off', JSON.stringify({ source: 'survey', text: 'wrong topic' }), JSON.stringify({ text: 'x', rating: 11 })];
    const good = JSON.stringify({ text: 'Written straight to the topic by another system', sourceId: 'external-1' });
    await producer.send({
      topic: rawTopic(t.config.kafka.topicPrefix, 'review'),
      acks: -1,
      messages: [...bad, good].map((value, i) => ({ key: `k${i}`, value, partition: 0, headers: { origin: 'legacy-crm' } })),
    });
    await producer.disconnect();

    const letters: Array<{ value: string; headers: Record<string, string> }> = [];
    const consumer = kafka.consumer({ groupId: `${t.id}-dlq-reader` });
    await consumer.connect();
    await consumer.subscribe({ topic: deadLetterTopic(t.config.kafka.topicPrefix), fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        letters.push({
          value: message.value!.toString(),
          headers: Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)])),
        });
      },
    });
    await waitFor(async () => letters.length >= 3, { timeoutMs: 20_000, what: 'three dead letters' });
    await consumer.disconnect();

    expect(letters.map((l) => l.value)).toEqual(bad);
    expect(letters.map((l) => l.headers['dlq-reason'])).toEqual(['invalid-json', 'source-mismatch', 'invalid-feedback']);
    for (const [i, l] of letters.entries()) {
      expect(l.headers).toMatchObject({
        'dlq-step': 'decode',
        'dlq-source-topic': rawTopic(t.config.kafka.topicPrefix, 'review'),
        'dlq-source-partition': '0',
        'dlq-source-offset': String(i),
        origin: 'legacy-crm',
      });
    }
    expect(letters[2]!.headers['dlq-detail']).toContain('rating');
    await waitFor(async () => (await indexedIds(t)).size === 1, { timeoutMs: 10_000, what: 'the valid message indexed' });
  });
});

describe('voc dlq', () => {
  it('lists dead letters by reason, and replays the chosen ones once to the topic they came from', { timeout: 90_000 }, async () => {
    const t = ctx.t;
    const kafka = createKafka(t.config.kafka, t.logger);
    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    // A message a since-fixed mapping refused (written as the processor writes dead letters), and one that stays broken.
    const source = rawTopic(t.config.kafka.topicPrefix, 'complaint');
    const fixable = JSON.stringify({ text: 'The charger stopped working, refund please', sourceId: 'replay-1' });
    const dlqHeaders = (reason: string, step: string, offset: string) => ({ 'dlq-reason': reason, 'dlq-step': step, 'dlq-detail': `refused (${reason})`, 'dlq-source-topic': source, 'dlq-source-partition': '0', 'dlq-source-offset': offset, 'dlq-at': new Date().toISOString(), origin: 'crm' });
    await producer.send({
      topic: deadLetterTopic(t.config.kafka.topicPrefix),
      acks: -1,
      messages: [
        { key: 'a', value: fixable, headers: dlqHeaders('mapper_parsing_exception', 'elasticsearch-sink', '7') },
        { key: 'b', value: '{"text": "jane.doe@example.com wrote this, cut', headers: dlqHeaders('invalid-json', 'decode', '8') },
      ],
    });
    await producer.disconnect();
    const before = (await indexedIds(t)).size;

    const listed = spawnVoc(['dlq', 'list', '--json', '--reason', 'invalid-json'], t.env);
    expect((await listed.exited).code, listed.output()).toBe(0);
    const rows = listed.stdout().trim().split('\n').map((l) => JSON.parse(l));
    expect(rows.map((r) => r.reason)).toEqual(['invalid-json', 'invalid-json']); // the processor's own from the first test, and this one
    expect(rows.at(-1)).toMatchObject({ step: 'decode', source: { topic: source, partition: 0, offset: '8' } });
    expect(rows.at(-1).preview).toContain('[EMAIL] wrote this');

    const dry = spawnVoc(['dlq', 'replay', '--reason', 'mapper_parsing_exception', '--dry-run'], t.env);
    expect((await dry.exited).code, dry.output()).toBe(0);
    expect(JSON.parse(dry.stdout())).toEqual({ matched: 1, replayed: 1, alreadyReplayed: 0, unknownSource: 0, dryRun: true });

    const replay = spawnVoc(['dlq', 'replay', '--reason', 'mapper_parsing_exception'], t.env);
    expect((await replay.exited).code, replay.output()).toBe(0);
    expect(JSON.parse(replay.stdout())).toEqual({ matched: 1, replayed: 1, alreadyReplayed: 0, unknownSource: 0 });
    await waitFor(async () => (await indexedIds(t)).size === before + 1, { timeoutMs: 20_000, what: 'the replayed message indexed' });

    const again = spawnVoc(['dlq', 'replay', '--reason', 'mapper_parsing_exception'], t.env);
    expect((await again.exited).code, again.output()).toBe(0);
    expect(JSON.parse(again.stdout())).toEqual({ matched: 1, replayed: 0, alreadyReplayed: 1, unknownSource: 0 });
    await new Promise((r) => setTimeout(r, 1500));
    const ids = await indexedIds(t);
    expect(ids.size).toBe(before + 1);
    expect([...ids.values()].every((n) => n === 1)).toBe(true);
  });
});

describe('ingest while Kafka is unreachable', () => {
  it('answers 503 with Retry-After and a problem body', async () => {
    const t = ctx.t;
    const config = loadConfig({ ...t.env, KAFKA_BROKERS: '127.0.0.1:1', KAFKA_CONNECTION_TIMEOUT_MS: '300' });
    // The connection errors are the point of this test; keep them out of the output.
    const quiet = createLogger({ level: 'silent' });
    const kafka = createKafka(config.kafka, quiet, { retry: { retries: 1, initialRetryTime: 50, maxRetryTime: 100 } });
    const publisher = createFeedbackPublisher({ kafka, topicPrefix: config.kafka.topicPrefix, logger: quiet });
    // The ingest route alone, called as an ingest key would (authentication is tested in access.int.test.ts).
    const asIngestKey: RequestHandler = (_req, res, next) => {
      res.locals.principal = { keyId: 'test', name: 'test', role: 'ingest' };
      next();
    };
    const app = createApp({ logger: quiet, metrics: createMetrics({ defaultMetrics: false }), guard: [asIngestKey], routers: [createIngestRouter({ publisher, maxItems: 10, maxBody: '1mb' })] });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    try {
      const { port } = server.address() as { port: number };
      const res = await postJson(`http://127.0.0.1:${port}/v1/feedback`, { source: 'review', text: 'Will this be stored?' });
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('5');
      expect(res.body.type).toBe('urn:voc:problem:kafka-unavailable');
    } finally {
      server.close();
      await publisher.close();
    }
  });
});
