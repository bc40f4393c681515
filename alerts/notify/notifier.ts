// Sending transitions: one bull job per (transition, target), with a job id derived from
// both, so that an evaluation run twice enqueues one job; retried with backoff while the
// receiver is unreachable or answers 429/5xx, given up on other 4xx (a wrong URL does not
// get better). Before sending, a job checks the rule's silences and whether the delivery
// was already recorded; after the receiver accepted it, the delivery is recorded. A worker
// that dies between the receiver's acceptance and that record sends again on retry, with
// the same Idempotency-Key header (and `idempotencyKey` in voc's JSON), which receivers
// that deduplicate use; this is the one window where a message can arrive twice.
import { createHash } from 'node:crypto';
import type { Job, Queue } from 'bull';
import type { Logger } from '../../core/observability/logger.ts';
import { transitionId, type AlertStore, type TransitionDoc } from '../live/alert-store.ts';
import { loadRule, type RuleStore } from '../live/rule-store.ts';
import type { Rule } from '../rule.ts';
import { renderMessage } from './messages.ts';

export const SEND_NOTIFICATION_JOB = 'send-notification';
export type NotificationData = { transitionId: string; ruleId: string; ruleVersion: number; target: number };

const SEND_TIMEOUT_MS = 10_000;
const KEEP_JOBS_S = 7 * 24 * 3600;

/** Bull job ids: a digest of transition and target (bull parses some keys on ':'). */
export function notificationJobId(transition: string, target: number): string {
  return `n-${createHash('sha256').update(`${transition}\u0000${target}`).digest('hex').slice(0, 32)}`;
}

/** Enqueues the sends a rule's new transitions call for (its targets that take that state). */
export async function enqueueNotifications(queue: Queue<NotificationData>, rule: Rule, docs: readonly TransitionDoc[]): Promise<number> {
  let queued = 0;
  for (const doc of docs) {
    if (doc.state !== 'firing' && doc.state !== 'resolved') continue;
    const id = transitionId(doc, doc);
    for (const [k, target] of rule.notify.entries()) {
      if (!target.on.includes(doc.state)) continue;
      await queue.add(SEND_NOTIFICATION_JOB, { transitionId: id, ruleId: doc.ruleId, ruleVersion: doc.ruleVersion, target: k }, {
        jobId: notificationJobId(id, k),
        attempts: 8,
        backoff: { type: 'exponential', delay: 5000 },
        // Kept a week, so that a re-run of the evaluation finds the job and adds no other.
        removeOnComplete: { age: KEEP_JOBS_S },
        removeOnFail: { age: KEEP_JOBS_S },
      });
      queued += 1;
    }
  }
  return queued;
}

export type NotifierDeps = { rules: RuleStore; alerts: AlertStore; logger: Logger; publicUrl?: string; now?: () => number };

class PermanentFailure extends Error {}

export async function sendNotification(job: Pick<Job<NotificationData>, 'data' | 'id'> & { discard?: () => void }, deps: NotifierDeps): Promise<{ sent?: number; skipped?: string }> {
  const { data } = job;
  const key = notificationJobId(data.transitionId, data.target);
  if (await deps.alerts.delivered(key)) return { skipped: 'already delivered' };
  const transition = await deps.alerts.transition(data.transitionId);
  // Jobs are queued just before their transition is recorded: wait for it (retried).
  if (!transition) throw new Error(`transition ${data.transitionId} is not recorded yet`);
  const stored = await deps.rules.getVersion(data.ruleId, data.ruleVersion);
  const target = stored ? loadRule(stored).rule.notify[data.target] : undefined;
  if (!target) return { skipped: 'target no longer exists' };
  const now = (deps.now ?? Date.now)();
  const silenced = (await deps.alerts.silences(data.ruleId, now)).find((s) => Date.parse(s.from) <= now && (s.group === null || s.group === transition.group));
  if (silenced) {
    deps.logger.info({ ruleId: data.ruleId, group: transition.group, silence: silenced.id, until: silenced.until }, 'notification held back: silenced');
    return { skipped: `silenced until ${silenced.until}` };
  }
  const message = renderMessage({ ...transition, id: data.transitionId }, target, { publicUrl: deps.publicUrl });
  let status: number;
  try {
    const res = await fetch(target.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': message.idempotencyKey, 'user-agent': 'voc-alerts' },
      body: JSON.stringify(message.body),
      signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
    });
    status = res.status;
    await res.arrayBuffer();
  } catch (error) {
    throw new Error(`${target.channel} ${new URL(target.url).host} unreachable: ${(error as Error).message}`);
  }
  if (status === 429 || status >= 500) throw new Error(`${target.channel} ${new URL(target.url).host} answered ${status}; will retry`);
  if (status >= 400) {
    job.discard?.();
    throw new PermanentFailure(`${target.channel} ${new URL(target.url).host} refused the message (${status}); not retried: check the rule's notify target`);
  }
  await deps.alerts.recordDelivery({ kind: 'delivery', id: key, transitionId: data.transitionId, ruleId: data.ruleId, channel: target.channel, url: target.url, sentAt: new Date(now).toISOString(), status });
  deps.logger.info({ ruleId: data.ruleId, group: transition.group, state: transition.state, channel: target.channel, status }, 'notification sent');
  return { sent: status };
}
