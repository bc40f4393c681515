// Assembles the processor role from config: Kafka consumer and dead-letter producer,
// Elasticsearch sink, and the tagging pipeline's steps (insight/steps/pipeline.ts).
import { Partitioners } from 'kafkajs';
import type { Config } from '../core/config/config.ts';
import { createElasticsearchClient } from '../core/elasticsearch/elasticsearch.client.ts';
import { createKafka } from '../core/kafka/kafka.client.ts';
import { deadLetterTopic, rawTopics } from '../core/names.ts';
import type { Logger } from '../core/observability/logger.ts';
import type { Metrics } from '../core/observability/metrics.ts';
import { createTextAnalyzer } from '../core/text/text-analyzer.ts';
import { createFeedbackProcessor } from './feedback-processor.ts';
import { startFeedbackConsumer } from './feedback.consumer.ts';
import { createDeadLetterWriter } from './sink/dead-letter.ts';
import { createElasticsearchSink } from './sink/elasticsearch.sink.ts';
import { createLiveInsightProvider } from '../insight/insight-provider.ts';
import { createStepDeps, createSteps } from '../insight/steps/pipeline.ts';
import { deploymentSecret, PSEUDONYM_SECRET } from '../core/elasticsearch/deployment-secret.ts';

export async function startProcessorRole(config: Config, deps: { logger: Logger; metrics?: Metrics; stopGraceMs?: number }) {
  const logger = deps.logger.child({ role: 'processor' });
  let giveUp!: (error: Error) => void;
  const gaveUp = new Promise<Error>((resolve) => (giveUp = resolve));
  const kafka = createKafka(config.kafka, logger);
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false, createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  const client = createElasticsearchClient(config.elasticsearch, { maxRetries: 0 });
  const analyzer = createTextAnalyzer();
  const insight = await createLiveInsightProvider(config.insight, { client, indexPrefix: config.elasticsearch.indexPrefix, analyzer, logger });
  const processor = createFeedbackProcessor({
    topicPrefix: config.kafka.topicPrefix,
    steps: createSteps(createStepDeps(analyzer, insight, await deploymentSecret(client, config.elasticsearch.indexPrefix, PSEUDONYM_SECRET))),
    sink: createElasticsearchSink({
      client,
      indexPrefix: config.elasticsearch.indexPrefix,
      refresh: config.processor.refresh,
      retry: { minMs: config.processor.retryMinMs, maxMs: config.processor.retryMaxMs },
      logger,
      metrics: deps.metrics,
    }),
    deadLetters: createDeadLetterWriter({ producer, topic: deadLetterTopic(config.kafka.topicPrefix) }),
    logger,
    metrics: deps.metrics,
  });
  const consumer = await startFeedbackConsumer({
    kafka,
    groupId: config.kafka.consumerGroup,
    topics: rawTopics(config.kafka.topicPrefix),
    processor,
    chunkSize: config.processor.batchSize,
    maxChunkBytes: config.processor.bulkMaxBytes,
    bulksInFlight: config.processor.bulksInFlight,
    partitionsConcurrently: config.processor.partitionsConcurrently,
    fetchMinBytes: config.processor.fetchMinBytes,
    fetchMaxWaitMs: config.processor.fetchMaxWaitMs,
    logger,
    metrics: deps.metrics,
    stopGraceMs: deps.stopGraceMs,
    sessionTimeoutMs: config.kafka.sessionTimeoutMs,
    stallAfterMs: config.processor.stallS * 1000,
    maxChunkFailures: config.processor.maxChunkFailures,
    onGiveUp: (error) => giveUp(error),
  });
  return {
    stats: consumer.stats,
    insight,
    health: consumer.health,
    /** Settles when the processor gave up on a chunk that keeps failing (see feedback.consumer.ts). */
    gaveUp,
    async stop() {
      insight.stop();
      await consumer.stop();
      await producer.disconnect();
      await client.close();
    },
  };
}
