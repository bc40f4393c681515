// Prometheus metrics of every role, in one registry served on /metrics. Metric names and
// label sets are declared here so that dashboards and alerts have one place to look.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export type Metrics = ReturnType<typeof createMetrics>;

export function createMetrics(opts: { defaultMetrics: boolean }) {
  const registry = new Registry();
  if (opts.defaultMetrics) collectDefaultMetrics({ register: registry, prefix: 'voc_' });
  const registers = [registry];
  return {
    registry,
    httpRequests: new Histogram({
      name: 'voc_http_request_duration_seconds',
      help: 'HTTP request duration by route and status',
      labelNames: ['method', 'route', 'status'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    }),
    accessDenied: new Counter({
      name: 'voc_http_access_denied_total',
      help: 'Requests refused before a route: no or invalid key (key), rate limit (rate), foreign origin (origin)',
      labelNames: ['reason'] as const,
      registers,
    }),
    feedbackAccepted: new Counter({
      name: 'voc_feedback_accepted_total',
      help: 'Feedback items acknowledged by Kafka after POST /v1/feedback or voc import',
      labelNames: ['source', 'via'] as const,
      registers,
    }),
    feedbackRejected: new Counter({
      name: 'voc_feedback_rejected_total',
      help: 'Feedback items refused at the door because they were invalid',
      labelNames: ['via'] as const,
      registers,
    }),
    processed: new Counter({
      name: 'voc_processor_messages_total',
      help: 'Raw messages finished by the processor, by outcome (indexed, dead_lettered, dropped)',
      labelNames: ['outcome'] as const,
      registers,
    }),
    deadLettered: new Counter({
      name: 'voc_processor_dead_letters_total',
      help: 'Messages sent to the dead-letter topic, by step and reason',
      labelNames: ['step', 'reason'] as const,
      registers,
    }),
    retries: new Counter({
      name: 'voc_processor_retries_total',
      help: 'Retries after a retriable failure, by operation',
      labelNames: ['operation'] as const,
      registers,
    }),
    batchDuration: new Histogram({
      name: 'voc_processor_batch_duration_seconds',
      help: 'Time from receiving a Kafka batch to committing its offsets',
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    }),
    stepDuration: new Histogram({
      name: 'voc_processor_step_duration_seconds',
      help: 'Time spent in each pipeline step per batch',
      labelNames: ['step'] as const,
      buckets: [0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1],
      registers,
    }),
    lastCommit: new Gauge({
      name: 'voc_processor_last_commit_timestamp_seconds',
      help: 'When the processor last committed offsets',
      registers,
    }),
    chunkFailures: new Counter({
      name: 'voc_processor_chunk_failures_total',
      help: 'Chunks whose processing failed with an error (not a retriable outage, which is retried inside the chunk)',
      registers,
    }),
    chunkAge: new Gauge({
      name: 'voc_processor_chunk_age_seconds',
      help: 'How long the chunk in progress has been waiting to commit (0 when none is)',
      registers,
    }),
    consumerLag: new Gauge({
      name: 'voc_processor_consumer_lag',
      help: 'Messages of a raw topic partition not yet committed by this processor, as of its last chunk',
      labelNames: ['topic', 'partition'] as const,
      registers,
    }),
  };
}
