// The composition root: builds clients from config and starts the requested roles in
// this process. `voc serve`, the demo and the integration tests all start roles here.
import type { Client } from '@elastic/elasticsearch';
import type { Queue } from 'bull';
import type { Config } from '../core/config/config.ts';
import { createElasticsearchClient } from '../core/elasticsearch/elasticsearch.client.ts';
import { ensureFeedbackIndices } from '../core/elasticsearch/feedback-index.ts';
import { ensureLabelsIndex } from '../core/elasticsearch/labels-index.ts';
import { createIssueCatalog, ensureTaxonomyIndex } from '../insight/taxonomy/taxonomy-store.ts';
import { createAlertStore, type AlertStore } from '../alerts/live/alert-store.ts';
import { ensureAlertsIndex } from '../alerts/live/alerts-index.ts';
import { createRuleStore, ensureAlertRulesIndex } from '../alerts/live/rule-store.ts';
import type { EvaluateRuleData } from '../alerts/live/rule-schedule.ts';
import { DEFECTS_RULE, defectTargets } from '../alerts/live/defects.ts';
import { notifyTargetsOf, type NotificationData } from '../alerts/notify/notifier.ts';
import { createAlertRulesRouter } from '../api/alert-rules.route.ts';
import { createDefectsRouter } from '../api/defects.route.ts';
import { createAlertsRouter, registerAlertQualityMetrics } from '../api/alerts.route.ts';
import { createKafka } from '../core/kafka/kafka.client.ts';
import { createQueue, createRedis } from '../core/redis/redis.client.ts';
import { ensureTopics } from '../core/kafka/topics.ts';
import type { Logger } from '../core/observability/logger.ts';
import { createMetrics, type Metrics } from '../core/observability/metrics.ts';
import { createTextAnalyzer } from '../core/text/text-analyzer.ts';
import { startApiRole } from '../api/api.role.ts';
import type { RouteInfo } from '../api/app.ts';
import { createAuditLog, ensureAuditIndex, type AuditLog } from '../access/audit-log.ts';
import { deploymentSecret, PSEUDONYM_SECRET } from '../core/elasticsearch/deployment-secret.ts';
import { createKeyStore, ensureApiKeysIndex, type KeyStore } from '../access/key-store.ts';
import type { Role as Role_ } from '../core/http/access.ts';
import type { DescribedRouter } from '../core/http/operation.ts';
import { auditWith } from '../api/audit.ts';
import { createAuditRouter } from '../api/audit.route.ts';
import { createGuard } from '../api/guard.middleware.ts';
import { createKeysRouter } from '../api/keys.route.ts';
import { createFeedbackReadRouter } from '../api/feedback.route.ts';
import { createLabelsRouter } from '../api/labels.route.ts';
import { createTaxonomyRouter } from '../api/taxonomy.route.ts';
import { createAnalyticsRouter } from '../api/analytics.route.ts';
import { readAlias } from '../core/names.ts';
import { deadLetterTopic, indexPattern, indexTemplateName, queues, rawTopics } from '../core/names.ts';
import type { ReadinessCheck } from '../api/health.route.ts';
import { createFeedbackPublisher, type FeedbackPublisher } from '../ingest/feedback-publisher.ts';
import { createIngestRouter } from '../ingest/feedback.route.ts';
import { startProcessorRole } from '../processors/processor.role.ts';
import type { ProcessorHealth } from '../processors/feedback.consumer.ts';
import { startSchedulerRole } from '../scheduler/scheduler.role.ts';

export type Role = Config['roles'][number];

/** Topics, index template and this month's indices; idempotent, run by every role at start. */
export async function initInfrastructure(config: Config, logger: Logger) {
  const kafka = createKafka(config.kafka, logger);
  const createdTopics = await ensureTopics(kafka, config.kafka);
  const client = createElasticsearchClient(config.elasticsearch);
  try {
    const indices = await ensureFeedbackIndices(client, config.elasticsearch);
    await ensureLabelsIndex(client, config.elasticsearch.indexPrefix);
    await ensureTaxonomyIndex(client, config.elasticsearch.indexPrefix);
    await ensureAlertRulesIndex(client, config.elasticsearch.indexPrefix);
    await ensureAlertsIndex(client, config.elasticsearch.indexPrefix);
    await ensureApiKeysIndex(client, config.elasticsearch.indexPrefix);
    await ensureAuditIndex(client, config.elasticsearch.indexPrefix);
    logger.info({ createdTopics, indices }, 'topics and indices ready');
    return { createdTopics, indices };
  } finally {
    await client.close();
  }
}

/** The environment that gives a deployment (a test, a benchmark run) topics, indices, group and queues of its own, named by `id`. */
export function isolatedPrefixes(id: string): Record<string, string> {
  return { KAFKA_TOPIC_PREFIX: id, KAFKA_CONSUMER_GROUP: `${id}-processor`, ELASTICSEARCH_INDEX_PREFIX: `${id}-feedback`, QUEUE_PREFIX: id };
}

/**
 * Removes everything of a deployment's prefixes: its indices, index template, topics,
 * consumer group and bull keys (tests and benchmarks clean up with it). Elasticsearch
 * refuses wildcard deletes by default (action.destructive_requires_name), so the indices
 * are listed by pattern first and deleted by name; failures are thrown, not swallowed.
 */
export async function removeInfrastructure(config: Config, logger: Logger): Promise<void> {
  const prefix = config.elasticsearch.indexPrefix;
  const es = createElasticsearchClient(config.elasticsearch);
  try {
    const found = await es.indices.get({ index: [indexPattern(prefix), `${prefix}.*`], ignore_unavailable: true, allow_no_indices: true, expand_wildcards: 'all' });
    const names = Object.keys(found);
    if (names.length) await es.indices.delete({ index: names });
    await es.indices.deleteIndexTemplate({ name: indexTemplateName(prefix) }, { ignore: [404] });
  } finally {
    await es.close();
  }
  const admin = createKafka(config.kafka, logger).admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const topics = [...rawTopics(config.kafka.topicPrefix), deadLetterTopic(config.kafka.topicPrefix)].filter((x) => existing.has(x));
    if (topics.length) await admin.deleteTopics({ topics });
    // A group that never committed does not exist; that is no failure. A member killed a
    // moment ago keeps the group non-empty until its session times out: wait for that.
    const deadline = Date.now() + config.kafka.sessionTimeoutMs + 5000;
    for (;;) {
      const types = await admin.deleteGroups([config.kafka.consumerGroup]).then(
        () => [],
        (error: { groups?: Array<{ error?: { type?: string } }> }) => {
          if (!error.groups?.length) throw error;
          return error.groups.map((g) => g.error?.type);
        },
      );
      if (types.every((t) => t === 'GROUP_ID_NOT_FOUND')) break;
      if (!types.every((t) => t === 'NON_EMPTY_GROUP' || t === 'GROUP_ID_NOT_FOUND') || Date.now() > deadline) throw new Error(`cannot delete consumer group ${config.kafka.consumerGroup}: ${types.join(', ')}`);
      await new Promise((r) => setTimeout(r, 1000));
    }
  } finally {
    await admin.disconnect();
  }
  // bull keeps each queue's jobs and repeat schedules under `<QUEUE_PREFIX>:<queue>:…`.
  const redis = createRedis(config.redis, { maxRetriesPerRequest: 3 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${config.redis.queuePrefix}:*`, 'COUNT', 500);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

/**
 * Creates an API key directly in Elasticsearch (what `voc keys create` does): for the
 * demo, benchmarks and tests, which start their own API and need a key to call it.
 */
export async function createApiKey(config: Config, input: { name: string; role: Role_; expiresInDays?: number; createdBy: string }): Promise<string> {
  const es = createElasticsearchClient(config.elasticsearch);
  try {
    await ensureApiKeysIndex(es, config.elasticsearch.indexPrefix);
    return (await createKeyStore(es, config.elasticsearch.indexPrefix).create(input)).token;
  } finally {
    await es.close();
  }
}

/** A publisher connected to Kafka with short retries: callers answer 503 rather than hang. */
export async function openPublisher(config: Config, logger: Logger, metrics?: Metrics): Promise<FeedbackPublisher> {
  const kafka = createKafka(config.kafka, logger, { retry: { initialRetryTime: 200, retries: 3, maxRetryTime: 2000 } });
  await ensureTopics(kafka, config.kafka);
  return createFeedbackPublisher({ kafka, topicPrefix: config.kafka.topicPrefix, logger, metrics });
}

function readinessChecks(config: Config, logger: Logger, processor?: { health(): ProcessorHealth }) {
  const es = createElasticsearchClient(config.elasticsearch, { requestTimeoutMs: 2000, maxRetries: 0 });
  const kafka = createKafka(config.kafka, logger, { retry: { retries: 0 } });
  const admin = kafka.admin();
  let adminConnected: Promise<void> | undefined;
  const redis = createRedis(config.redis, { lazyConnect: true, maxRetriesPerRequest: 0, enableOfflineQueue: false, retryStrategy: () => 1000 });
  redis.on('error', () => undefined); // reported through the check
  const checks: ReadinessCheck[] = [
    ...(processor
      ? [
          {
            name: 'processor',
            check: async () => {
              const h = processor.health();
              if (!h.ok) throw new Error(h.reason);
            },
          },
        ]
      : []),
    {
      name: 'kafka',
      check: async () => {
        adminConnected ??= admin.connect().catch((e) => {
          adminConnected = undefined;
          throw e;
        });
        await adminConnected;
        await admin.describeCluster();
      },
    },
    { name: 'elasticsearch', check: () => es.cluster.health({ timeout: '1s' }) },
    {
      name: 'redis',
      check: async () => {
        if (redis.status === 'wait' || redis.status === 'end') await redis.connect();
        await redis.ping();
      },
    },
  ];
  return {
    checks,
    async close() {
      redis.disconnect();
      await admin.disconnect().catch(() => undefined);
      await es.close();
    },
  };
}

/** What the API's routers work with: clients and stores made once per process. */
export type ApiClients = {
  es: Client;
  publisher: FeedbackPublisher;
  reprocessQueue: Queue;
  alertsQueue: Queue<EvaluateRuleData>;
  /** Where a pulled cord's alert is queued for the scheduler to send (DEFECT_NOTIFY). */
  notifications: Queue<NotificationData>;
  keys: KeyStore;
  auditLog: AuditLog;
  alertStore: AlertStore;
  /** The deployment's key for customer ids that hold personal data (stored as pseudonyms). */
  pseudonymKey: Buffer;
  metrics: Metrics;
};

/**
 * The API's routers, in the order they are mounted. Making a router calls none of its
 * clients, which is what lets `voc openapi` and the OpenAPI test make them over stand-ins.
 */
export function createApiRouters(config: Config, c: ApiClients): DescribedRouter[] {
  const prefix = config.elasticsearch.indexPrefix;
  const audit = auditWith(c.auditLog);
  const analytics = { client: c.es, index: readAlias(prefix), analyzer: createTextAnalyzer(), issues: createIssueCatalog(c.es, prefix, config.insight.taxonomyFile) };
  const rules = createRuleStore(c.es, prefix);
  const cordTargets = defectTargets(config.alerts.defectNotify, config.alerts.webhookAllowPrivate);
  const targetsOf = notifyTargetsOf(rules, { [DEFECTS_RULE]: cordTargets });
  return [
    createKeysRouter({ keys: c.keys, audit }),
    createAuditRouter({ log: c.auditLog }),
    createIngestRouter({ publisher: c.publisher, maxItems: config.api.maxItems, maxBody: config.api.maxBody, metrics: c.metrics }),
    createFeedbackReadRouter({ client: c.es, indexPrefix: prefix, analyzer: analytics.analyzer }),
    createAnalyticsRouter({ ...analytics, pseudonymKey: c.pseudonymKey }),
    createLabelsRouter({ client: c.es, indexPrefix: prefix }),
    createTaxonomyRouter({ client: c.es, indexPrefix: prefix, taxonomyFile: config.insight.taxonomyFile, reprocessQueue: c.reprocessQueue, audit }),
    createAlertRulesRouter({
      client: c.es,
      index: analytics.index,
      analyzer: analytics.analyzer,
      rules,
      alerts: c.alertStore,
      queue: c.alertsQueue,
      audit,
      allowPrivateWebhooks: config.alerts.webhookAllowPrivate,
    }),
    createAlertsRouter({ alerts: c.alertStore, audit, pseudonymKey: c.pseudonymKey, notify: { queue: c.notifications, targetsOf } }),
    createDefectsRouter({
      client: c.es,
      index: analytics.index,
      analyzer: analytics.analyzer,
      alerts: c.alertStore,
      threshold: config.alerts.defectFlagThreshold,
      windowDays: config.alerts.defectFlagWindowDays,
      notify: { queue: c.notifications, targets: cordTargets },
    }),
  ];
}

export type RunningRoles = {
  apiUrl?: string;
  /** The API's routes with the permission each needs (see listRoutes). */
  apiRoutes?: RouteInfo[];
  metrics: Metrics;
  processor?: Awaited<ReturnType<typeof startProcessorRole>>;
  stop(): Promise<void>;
};

export async function startRoles(config: Config, roles: readonly Role[], deps: { logger: Logger; metrics?: Metrics; stopGraceMs?: number }): Promise<RunningRoles> {
  const { logger } = deps;
  const metrics = deps.metrics ?? createMetrics({ defaultMetrics: config.metrics.defaultMetrics });
  await initInfrastructure(config, logger);
  const stops: Array<() => Promise<void>> = [];
  const running: RunningRoles = {
    metrics,
    async stop() {
      // Reverse start order: the API stops taking feedback before the processor drains.
      for (const stop of stops.reverse()) await stop().catch((err) => logger.error({ err }, 'error while stopping'));
    },
  };
  try {
    if (roles.includes('scheduler')) {
      const scheduler = await startSchedulerRole(config, { logger });
      stops.push(scheduler.stop);
    }
    if (roles.includes('processor')) {
      const processor = await startProcessorRole(config, { logger, metrics, stopGraceMs: deps.stopGraceMs });
      running.processor = processor;
      stops.push(processor.stop);
    }
    if (roles.includes('api')) {
      const publisher = await openPublisher(config, logger, metrics);
      const es = createElasticsearchClient(config.elasticsearch, { requestTimeoutMs: 10_000 });
      const health = readinessChecks(config, logger, running.processor);
      // The API only enqueues reprocess jobs; the scheduler role runs them.
      const reprocessQueue = createQueue(queues.reprocess, config.redis);
      reprocessQueue.on('error', (error) => logger.warn({ err: error.message }, 'queue connection problem'));
      const alertsQueue = createQueue<EvaluateRuleData>(queues.alerts, config.redis);
      alertsQueue.on('error', (error) => logger.warn({ err: error.message }, 'queue connection problem'));
      const notifications = createQueue<NotificationData>(queues.notifications, config.redis);
      notifications.on('error', (error) => logger.warn({ err: error.message }, 'queue connection problem'));
      const alertStore = createAlertStore(es, config.elasticsearch.indexPrefix);
      registerAlertQualityMetrics(metrics.registry, alertStore);
      const keys = createKeyStore(es, config.elasticsearch.indexPrefix);
      const auditLog = createAuditLog(es, config.elasticsearch.indexPrefix);
      const pseudonymKey = await deploymentSecret(es, config.elasticsearch.indexPrefix, PSEUDONYM_SECRET);
      // Rate-limit counters; commands fail fast while Redis is away (the limiter then counts in memory).
      const limiterRedis = createRedis(config.redis, { maxRetriesPerRequest: 1, enableOfflineQueue: false });
      limiterRedis.on('error', () => undefined);
      const api = await startApiRole(config.api, {
        logger,
        metrics,
        checks: health.checks,
        guard: createGuard({ keys, redis: limiterRedis, rateLimit: config.api.rateLimit, corsOrigins: config.api.corsOrigins, keyPrefix: config.redis.queuePrefix, onDenied: (reason) => metrics.accessDenied.inc({ reason }) }),
        routers: createApiRouters(config, { es, publisher, reprocessQueue, alertsQueue, notifications, keys, auditLog, alertStore, pseudonymKey, metrics }),
      });
      running.apiUrl = api.url;
      running.apiRoutes = api.routes;
      stops.push(async () => {
        await api.stop();
        await reprocessQueue.close();
        await alertsQueue.close();
        await notifications.close();
        limiterRedis.disconnect();
        await publisher.close();
        await health.close();
        await es.close();
      });
    } else if (config.metrics.port !== undefined) {
      // Processor- or scheduler-only processes still answer health probes and scrapes.
      const health = readinessChecks(config, logger, running.processor);
      const probe = await startApiRole({ ...config.api, port: config.metrics.port, publicUrl: undefined }, { logger, metrics, checks: health.checks, routers: [] });
      stops.push(async () => {
        await probe.stop();
        await health.close();
      });
    }
  } catch (error) {
    await running.stop();
    throw error;
  }
  return running;
}
