// Assembles the processor role from config: Kafka consumer and dead-letter producer,
// Elasticsearch sink, and the pipeline steps in order. Adding a step means adding it to
// `createSteps` (see README, "How to add a processing step").
import { Partitioners } from 'kafkajs';
import type { Config } from '../core/config/config.ts';
import { createElasticsearchClient } from '../core/elasticsearch/elasticsearch.client.ts';
import { createKafka } from '../core/kafka/kafka.client.ts';
import { deadLetterTopic, rawTopics } from '../core/names.ts';
import type { Logger } from '../core/observability/logger.ts';
import type { Metrics } from '../core/observability/metrics.ts';
import { createTextAnalyzer, type TextAnalyzer } from '../core/text/text-analyzer.ts';
import { createFeedbackProcessor } from './feedback-processor.ts';
import { startFeedbackConsumer } from './feedback.consumer.ts';
import type { Step } from './pipeline/pipeline.ts';
import { createDeadLetterWriter } from './sink/dead-letter.ts';
import { createElasticsearchSink } from './sink/elasticsearch.sink.ts';
import { createAnalysisStep } from './steps/analysis.step.ts';
import { createLanguageStep } from './steps/language.step.ts';
import { createNormalizeStep } from './steps/normalize.step.ts';
import { createPiiStep } from './steps/pii.step.ts';
import { createSentimentStep } from './steps/sentiment.step.ts';
import { createIssuesStep } from './steps/issues.step.ts';
import { createKeyphrasesStep } from './steps/keyphrases.step.ts';
import { createPredictionStep } from './steps/prediction.step.ts';
import { createSentimentAnalyzer, type SentimentAnalyzer } from '../core/insight/sentiment/sentiment-analyzer.ts';
import { createKeyphraseExtractor, type KeyphraseExtractor } from '../core/insight/keyphrases/keyphrases.ts';
import { createLiveInsightProvider, type InsightProvider } from './insight/insight-provider.ts';

export type StepDeps = { analyzer: TextAnalyzer; sentiment: SentimentAnalyzer; keyphrases: KeyphraseExtractor; insight: InsightProvider };

export function createStepDeps(analyzer: TextAnalyzer, insight: InsightProvider): StepDeps {
  return { analyzer, insight, sentiment: createSentimentAnalyzer({ analyzer }), keyphrases: createKeyphraseExtractor({ analyzer }) };
}

/** Tagging of text that is already normalised and redacted: used again when reprocessing stored documents. */
export function createTaggingSteps(deps: StepDeps): Step[] {
  return [
    createLanguageStep(),
    createAnalysisStep(deps),
    createSentimentStep(deps),
    createIssuesStep(deps),
    createKeyphrasesStep(deps),
    createPredictionStep(deps),
  ];
}

/** The whole pipeline for new feedback: normalise and redact first, then tag. */
export function createSteps(deps: StepDeps): Step[] {
  return [createNormalizeStep(), createPiiStep(), ...createTaggingSteps(deps)];
}

export async function startProcessorRole(config: Config, deps: { logger: Logger; metrics?: Metrics; stopGraceMs?: number }) {
  const logger = deps.logger.child({ role: 'processor' });
  const kafka = createKafka(config.kafka, logger);
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false, createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  const client = createElasticsearchClient(config.elasticsearch, { maxRetries: 0 });
  const analyzer = createTextAnalyzer();
  const insight = await createLiveInsightProvider(config.insight, { client, indexPrefix: config.elasticsearch.indexPrefix, analyzer, logger });
  const processor = createFeedbackProcessor({
    topicPrefix: config.kafka.topicPrefix,
    steps: createSteps(createStepDeps(analyzer, insight)),
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
    logger,
    metrics: deps.metrics,
    stopGraceMs: deps.stopGraceMs,
    sessionTimeoutMs: config.kafka.sessionTimeoutMs,
  });
  return {
    stats: consumer.stats,
    insight,
    async stop() {
      insight.stop();
      await consumer.stop();
      await producer.disconnect();
      await client.close();
    },
  };
}
