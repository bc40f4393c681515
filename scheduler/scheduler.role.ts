// The scheduler role: recurring maintenance and on-demand reprocessing on bull queues in
// Redis. Each recurring job has a stable id derived from its name, so any number of
// schedulers (and restarts) register it once, and the job itself is idempotent: running
// it twice changes nothing.
import type { Config } from '../core/config/config.ts';
import { createElasticsearchClient } from '../core/elasticsearch/elasticsearch.client.ts';
import { ensureFeedbackIndices } from '../core/elasticsearch/feedback-index.ts';
import { BACKFILL_CUSTOMER_KEYS_JOB, backfillCustomerKeys } from './customer-key-backfill.job.ts';
import type { Logger } from '../core/observability/logger.ts';
import { createQueue } from '../core/redis/redis.client.ts';
import { queues, readAlias } from '../core/names.ts';
import { createTextAnalyzer } from '../core/text/text-analyzer.ts';
import { createLiveInsightProvider } from '../insight/insight-provider.ts';
import { createStepDeps, createTaggingSteps } from '../insight/steps/pipeline.ts';
import { runReprocess, type ReprocessData } from './reprocess.job.ts';
import { createAlertStore } from '../alerts/live/alert-store.ts';
import { ensureAlertsIndex } from '../alerts/live/alerts-index.ts';
import { EVALUATE_RULE_JOB, syncSchedules, type EvaluateRuleData } from '../alerts/live/rule-schedule.ts';
import { createRuleStore, ensureAlertRulesIndex } from '../alerts/live/rule-store.ts';
import { runAlertEvaluation } from './alert-evaluation.job.ts';
import { sendNotification, SEND_NOTIFICATION_JOB, type NotificationData } from '../alerts/notify/notifier.ts';
import { webhookDispatcher } from '../alerts/notify/webhook-guard.ts';
import { DEFECTS_RULE, defectTargets } from '../alerts/live/defects.ts';

export const ENSURE_INDICES_JOB = 'ensure-indices';

export async function startSchedulerRole(config: Config, deps: { logger: Logger; cron?: string }) {
  const logger = deps.logger.child({ role: 'scheduler' });
  // A wrong DEFECT_NOTIFY stops the start, before anything is connected.
  const cordTargets = defectTargets(config.alerts.defectNotify, config.alerts.webhookAllowPrivate);
  let stopping = false;
  // bull's process() settles when its loop ends: with "Connection is closed" when the queue
  // closes under it, which is how a scheduler stops; anything else is worth a warning.
  const loopEnded = (queueName: string) => (error: Error) => {
    if (!stopping) logger.warn({ queue: queueName, err: error.message }, 'queue worker loop ended');
  };
  const client = createElasticsearchClient(config.elasticsearch);
  const queue = createQueue(queues.maintenance, config.redis);
  queue.on('error', (error) => logger.warn({ err: error.message }, 'queue connection problem'));
  const reprocessQueue = createQueue<ReprocessData>(queues.reprocess, config.redis);
  reprocessQueue.on('error', (error) => logger.warn({ err: error.message }, 'queue connection problem'));
  const analyzer = createTextAnalyzer();
  const insight = await createLiveInsightProvider(config.insight, { client, indexPrefix: config.elasticsearch.indexPrefix, analyzer, logger });
  const taggingSteps = createTaggingSteps(createStepDeps(analyzer, insight));
  reprocessQueue.process(1, (job) => runReprocess(job, { client, indexPrefix: config.elasticsearch.indexPrefix, insight, steps: taggingSteps, logger })).catch(loopEnded(queues.reprocess));

  // Pre-creates next month's index ahead of the first document of that month.
  queue.process(ENSURE_INDICES_JOB, 1, async (job) => {
    const indices = await ensureFeedbackIndices(client, config.elasticsearch);
    logger.info({ jobId: job.id, indices }, 'feedback indices ensured');
    return { indices };
  }).catch(loopEnded(queues.maintenance));
  await queue.add(
    ENSURE_INDICES_JOB,
    {},
    { jobId: ENSURE_INDICES_JOB, repeat: { cron: deps.cron ?? '17 * * * *' }, removeOnComplete: 50, removeOnFail: 50, attempts: 5, backoff: { type: 'exponential', delay: 5000 } },
  );

  // Items stored before customer keys existed get theirs (a no-op once all have one).
  queue.process(BACKFILL_CUSTOMER_KEYS_JOB, 1, async (job) => {
    await ensureFeedbackIndices(client, config.elasticsearch); // existing indices learn the key's mapping first
    return backfillCustomerKeys(job, { client, indexPrefix: config.elasticsearch.indexPrefix, logger });
  }).catch(loopEnded(queues.maintenance));
  await queue.add(BACKFILL_CUSTOMER_KEYS_JOB, {}, { jobId: `${BACKFILL_CUSTOMER_KEYS_JOB}-${Date.now()}`, removeOnComplete: 10, removeOnFail: 10, attempts: 5, backoff: { type: 'exponential', delay: 5000 } });

  // Alert rules: one repeatable job per rule version; stale schedules go at start-up.
  const alertsQueue = createQueue<EvaluateRuleData>(queues.alerts, config.redis);
  alertsQueue.on('error', (error) => logger.warn({ err: error.message }, 'queue connection problem'));
  await ensureAlertRulesIndex(client, config.elasticsearch.indexPrefix);
  await ensureAlertsIndex(client, config.elasticsearch.indexPrefix);
  const rules = createRuleStore(client, config.elasticsearch.indexPrefix);
  const alerts = createAlertStore(client, config.elasticsearch.indexPrefix);
  // A send takes at most 10 s: a 15 s lock lets another scheduler take over a dead one's send sooner than bull's default 30 s.
  const notifications = createQueue<NotificationData>(queues.notifications, config.redis, { settings: { lockDuration: 15_000, stalledInterval: 15_000 } });
  notifications.on('error', (error) => logger.warn({ err: error.message }, 'queue connection problem'));
  notifications.on('failed', (job, error) => logger.warn({ jobId: job.id, attempts: job.attemptsMade, err: error.message }, 'notification not sent'));
  const alertDeps = { client, index: readAlias(config.elasticsearch.indexPrefix), analyzer, rules, alerts, logger, notifications };
  alertsQueue.process(EVALUATE_RULE_JOB, 2, (job) => runAlertEvaluation(job, alertDeps)).catch(loopEnded(queues.alerts));
  const webhooks = { allowPrivate: config.alerts.webhookAllowPrivate, dispatcher: webhookDispatcher(config.alerts.webhookAllowPrivate) };
  const builtIn = { [DEFECTS_RULE]: cordTargets };
  notifications.process(SEND_NOTIFICATION_JOB, 4, (job) => sendNotification(job, { rules, alerts, logger, publicUrl: config.api.publicUrl, webhooks, builtIn })).catch(loopEnded(queues.notifications));
  const synced = await syncSchedules(alertsQueue, await rules.all());
  logger.info({ queues: [queues.maintenance, queues.reprocess, queues.alerts, queues.notifications], jobs: [ENSURE_INDICES_JOB, BACKFILL_CUSTOMER_KEYS_JOB], alertSchedules: synced }, 'scheduler running');
  return {
    queue,
    reprocessQueue,
    alertsQueue,
    notifications,
    async stop() {
      stopping = true;
      insight.stop();
      await notifications.close();
      await webhooks.dispatcher?.close();
      await alertsQueue.close();
      await reprocessQueue.close();
      await queue.close();
      await client.close();
    },
  };
}
