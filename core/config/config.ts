// Parses the environment once into a typed, grouped Config. Nothing else in voc reads
// process.env: the CLI calls loadConfig(process.env) and hands slices to each module.
import { z } from 'zod';
import { readCaFile, type ConfigProblem } from './ca-file.ts';
import { envSchema } from './config.schema.ts';

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: ConfigProblem[]) {
    super(
      'invalid configuration:\n' +
        problems.map((p) => `  ${p.variable}: ${p.message}`).join('\n') +
        '\nSee the configuration table in README.md.',
    );
  }
}

export function loadConfig(env: Record<string, string | undefined> = {}): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => ({ variable: String(i.path[0] ?? '?'), message: i.message })),
    );
  }
  const e = parsed.data;
  const fileProblems: ConfigProblem[] = [];
  const ca = {
    kafka: readCaFile('KAFKA_CA_FILE', e.KAFKA_CA_FILE, fileProblems),
    elasticsearch: readCaFile('ELASTICSEARCH_CA_FILE', e.ELASTICSEARCH_CA_FILE, fileProblems),
    redis: readCaFile('REDIS_CA_FILE', e.REDIS_CA_FILE, fileProblems),
  };
  if (fileProblems.length) throw new ConfigError(fileProblems);
  return {
    env: e.NODE_ENV,
    logLevel: e.LOG_LEVEL,
    roles: e.VOC_ROLES,
    kafka: {
      external: e.KAFKA_BROKERS !== undefined,
      brokers: e.KAFKA_BROKERS ?? [`127.0.0.1:${e.STACK_KAFKA_PORT}`],
      clientId: e.KAFKA_CLIENT_ID,
      topicPrefix: e.KAFKA_TOPIC_PREFIX,
      consumerGroup: e.KAFKA_CONSUMER_GROUP,
      rawPartitions: e.KAFKA_RAW_PARTITIONS,
      replicationFactor: e.KAFKA_REPLICATION_FACTOR,
      connectionTimeoutMs: e.KAFKA_CONNECTION_TIMEOUT_MS,
      requestTimeoutMs: e.KAFKA_REQUEST_TIMEOUT_MS,
      sessionTimeoutMs: e.KAFKA_SESSION_TIMEOUT_MS,
      tls: e.KAFKA_TLS,
      ca: ca.kafka,
      // The schema has checked that a mechanism comes with a user and a password.
      sasl: e.KAFKA_SASL_MECHANISM ? { mechanism: e.KAFKA_SASL_MECHANISM, username: e.KAFKA_SASL_USERNAME!, password: e.KAFKA_SASL_PASSWORD! } : undefined,
    },
    elasticsearch: {
      external: e.ELASTICSEARCH_URL !== undefined,
      url: e.ELASTICSEARCH_URL ?? `http://127.0.0.1:${e.STACK_ELASTICSEARCH_PORT}`,
      username: e.ELASTICSEARCH_USERNAME,
      password: e.ELASTICSEARCH_PASSWORD,
      apiKey: e.ELASTICSEARCH_API_KEY,
      ca: ca.elasticsearch,
      indexPrefix: e.ELASTICSEARCH_INDEX_PREFIX,
      shards: e.ELASTICSEARCH_SHARDS,
      replicas: e.ELASTICSEARCH_REPLICAS,
      refreshInterval: e.ELASTICSEARCH_REFRESH_INTERVAL,
    },
    redis: {
      external: e.REDIS_URL !== undefined,
      url: e.REDIS_URL ?? `redis://127.0.0.1:${e.STACK_REDIS_PORT}`,
      ca: ca.redis,
      queuePrefix: e.QUEUE_PREFIX,
    },
    api: {
      host: e.API_HOST,
      port: e.API_PORT,
      publicUrl: e.API_PUBLIC_URL,
      rateLimit: e.API_RATE_LIMIT,
      corsOrigins: e.API_CORS_ORIGINS ?? [],
      maxItems: e.INGEST_MAX_ITEMS,
      maxBody: e.INGEST_MAX_BODY,
    },
    processor: {
      batchSize: e.PROCESSOR_BATCH_SIZE,
      bulkMaxBytes: e.PROCESSOR_BULK_MAX_BYTES,
      bulksInFlight: e.PROCESSOR_BULKS_IN_FLIGHT,
      partitionsConcurrently: e.PROCESSOR_PARTITIONS_CONCURRENTLY,
      fetchMinBytes: e.PROCESSOR_FETCH_MIN_BYTES,
      fetchMaxWaitMs: e.PROCESSOR_FETCH_MAX_WAIT_MS,
      retryMinMs: e.PROCESSOR_RETRY_MIN_MS,
      retryMaxMs: e.PROCESSOR_RETRY_MAX_MS,
      refresh: e.PROCESSOR_REFRESH === 'false' ? false : e.PROCESSOR_REFRESH === 'true' ? true : 'wait_for',
      stallS: e.PROCESSOR_STALL_S,
      maxChunkFailures: e.PROCESSOR_MAX_CHUNK_FAILURES,
    },
    alerts: { defectFlagThreshold: e.DEFECT_FLAG_THRESHOLD, defectFlagWindowDays: e.DEFECT_FLAG_WINDOW_DAYS, defectNotify: e.DEFECT_NOTIFY, webhookAllowPrivate: e.WEBHOOK_ALLOW_PRIVATE },
    insight: { taxonomyFile: e.TAXONOMY_FILE, taxonomyRefreshS: e.TAXONOMY_REFRESH_S, modelFile: e.MODEL_FILE },
    stack: {
      dir: e.STACK_DIR,
      kafkaPort: e.STACK_KAFKA_PORT,
      kafkaControllerPort: e.STACK_KAFKA_CONTROLLER_PORT,
      elasticsearchPort: e.STACK_ELASTICSEARCH_PORT,
      redisPort: e.STACK_REDIS_PORT,
      javaHome: e.STACK_JAVA_HOME,
      kafkaHeap: e.STACK_KAFKA_HEAP,
      elasticsearchHeap: e.STACK_ELASTICSEARCH_HEAP,
      startTimeoutS: e.STACK_START_TIMEOUT_S,
    },
    metrics: { defaultMetrics: e.METRICS_DEFAULT, port: e.METRICS_PORT },
  } as const;
}

export type Config = {
  env: 'development' | 'production' | 'test';
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  roles: Array<'api' | 'processor' | 'scheduler'>;
  kafka: KafkaConfig;
  elasticsearch: ElasticsearchConfig;
  redis: RedisConfig;
  api: ApiConfig;
  processor: ProcessorConfig;
  stack: StackConfig;
  alerts: AlertsConfig;
  insight: InsightConfig;
  metrics: { defaultMetrics: boolean; port: number | undefined };
};
export type KafkaConfig = {
  external: boolean;
  brokers: string[];
  clientId: string;
  topicPrefix: string;
  consumerGroup: string;
  rawPartitions: number;
  replicationFactor: number;
  connectionTimeoutMs: number;
  requestTimeoutMs: number;
  sessionTimeoutMs: number;
  tls: boolean;
  /** PEM text of KAFKA_CA_FILE; unset: the public CAs Node trusts. */
  ca: string | undefined;
  sasl: KafkaSasl | undefined;
};
export type KafkaSasl = { mechanism: 'plain' | 'scram-sha-256' | 'scram-sha-512'; username: string; password: string };
export type ElasticsearchConfig = {
  external: boolean;
  url: string;
  username: string | undefined;
  password: string | undefined;
  apiKey: string | undefined;
  /** PEM text of ELASTICSEARCH_CA_FILE; unset: the public CAs Node trusts. */
  ca: string | undefined;
  indexPrefix: string;
  shards: number;
  replicas: number;
  refreshInterval: string;
};
export type RedisConfig = {
  external: boolean;
  /** Credentials and TLS (rediss://) are part of the URL. */
  url: string;
  /** PEM text of REDIS_CA_FILE; unset: the public CAs Node trusts. */
  ca: string | undefined;
  queuePrefix: string;
};
export type ApiConfig = {
  host: string;
  port: number;
  publicUrl: string | undefined;
  /** Requests a minute per key. */
  rateLimit: number;
  corsOrigins: string[];
  maxItems: number;
  maxBody: string;
};
export type ProcessorConfig = {
  batchSize: number;
  bulkMaxBytes: number;
  bulksInFlight: number;
  partitionsConcurrently: number;
  /** Bytes a fetch waits for, at most fetchMaxWaitMs, before Kafka answers (larger chunks when feedback trickles in). */
  fetchMinBytes: number;
  fetchMaxWaitMs: number;
  retryMinMs: number;
  retryMaxMs: number;
  refresh: boolean | 'wait_for';
  stallS: number;
  maxChunkFailures: number;
};
/** `defectNotify`: DEFECT_NOTIFY as written (JSON); the alert engine validates it (alerts/live/defects.ts defectTargets). */
export type AlertsConfig = { defectFlagThreshold: number; defectFlagWindowDays: number; defectNotify: string | undefined; webhookAllowPrivate: boolean };
export type InsightConfig = { taxonomyFile: string | undefined; taxonomyRefreshS: number; modelFile: string | undefined };
export type StackConfig = {
  dir: string;
  kafkaPort: number;
  kafkaControllerPort: number;
  elasticsearchPort: number;
  redisPort: number;
  javaHome: string | undefined;
  kafkaHeap: string;
  elasticsearchHeap: string;
  startTimeoutS: number;
};
