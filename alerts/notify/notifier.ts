// Sending transitions: one bull job per (transition, target), per (reminder, target) or per
// (digest period, target), with a job id derived from them, so that an evaluation run twice
// enqueues one job; retried with backoff while the
// receiver is unreachable or answers 429/5xx, given up on other 4xx (a wrong URL does not
// get better). Before sending, a job checks the rule's silences and whether the delivery
// was already recorded; after the receiver accepted it, the delivery is recorded. A worker
// that dies between the receiver's acceptance and that record sends again on retry, with
// the same Idempotency-Key header (and `idempotencyKey` in voc's JSON), which receivers
// that deduplicate use; this is the one window where a message can arrive twice.
import { createHash } from 'node:crypto';
import type { Job, Queue } from 'bull';
import type { Logger } from '../../core/observability/logger.ts';
import type { AlertStore } from '../live/alert-store.ts';
import { transitionId, type TransitionDoc } from '../live/alerts-index.ts';
import { loadRule, type RuleStore } from '../live/rule-store.ts';
import type { NotifyTarget, Rule } from '../rule.ts';
import { renderDigest, renderMessage, type Message } from './messages.ts';
import { fetch, type Dispatcher } from 'undici';
import { ForbiddenTarget, forbiddenUrl } from './webhook-guard.ts';

export const SEND_NOTIFICATION_JOB = 'send-notification';
/** One transition (or a reminder of a firing one, `reminder` ≥ 1), or a digest of the rule's transitions recorded in [from, to). */
export type NotificationData = { ruleId: string; ruleVersion: number; target: number } & ({ kind?: 'transition'; transitionId: string; reminder?: number } | { kind: 'digest'; from: number; to: number });

const SEND_TIMEOUT_MS = 10_000;
const KEEP_JOBS_S = 7 * 24 * 3600;

/** Bull job ids: a digest of transition and target (bull parses some keys on ':'). */
export function notificationJobId(transition: string, target: number): string {
  return `n-${createHash('sha256').update(`${transition}\u0000${target}`).digest('hex').slice(0, 32)}`;
}

/** The job (and delivery) id of a notification: one per transition, reminder or digest period and target. */
export function deliveryKey(data: NotificationData): string {
  if (data.kind === 'digest') return notificationJobId(`digest:${data.ruleId}:${data.from}`, data.target);
  return notificationJobId(data.reminder ? `${data.transitionId}#reminder${data.reminder}` : data.transitionId, data.target);
}

const jobOptions = (data: NotificationData, delay = 0) => ({
  jobId: deliveryKey(data),
  attempts: 8,
  backoff: { type: 'exponential', delay: 5000 },
  ...(delay > 0 ? { delay } : {}),
  // Kept a week, so that a re-run of the evaluation finds the job and adds no other.
  removeOnComplete: { age: KEEP_JOBS_S },
  removeOnFail: { age: KEEP_JOBS_S },
});

/**
 * Enqueues the sends a rule's new transitions call for (its targets that take that state):
 * one job per transition and target, or, for a digest target, one job per period, sent
 * when the period is over with every transition recorded in it.
 */
export async function enqueueNotifications(queue: Queue<NotificationData>, rule: { notify: readonly NotifyTarget[] }, docs: readonly TransitionDoc[], now = Date.now()): Promise<number> {
  let queued = 0;
  for (const doc of docs) {
    if (doc.state !== 'firing' && doc.state !== 'resolved') continue;
    const id = transitionId(doc, doc);
    for (const [k, target] of rule.notify.entries()) {
      if (!target.on.includes(doc.state)) continue;
      if (target.digest > 0) {
        const from = Math.floor(Date.parse(doc.recordedAt) / target.digest) * target.digest;
        const data: NotificationData = { kind: 'digest', ruleId: doc.ruleId, ruleVersion: doc.ruleVersion, target: k, from, to: from + target.digest };
        await queue.add(SEND_NOTIFICATION_JOB, data, jobOptions(data, from + target.digest - now + 2000));
      } else {
        const data: NotificationData = { transitionId: id, ruleId: doc.ruleId, ruleVersion: doc.ruleVersion, target: k };
        await queue.add(SEND_NOTIFICATION_JOB, data, jobOptions(data));
      }
      queued += 1;
    }
  }
  return queued;
}

/** A reminder that a group is still firing, to the rule's targets that take firings one by one. */
export async function enqueueReminder(queue: Queue<NotificationData>, rule: Rule, firing: { docId: string; ruleId: string; ruleVersion: number }, reminder: number): Promise<void> {
  for (const [k, target] of rule.notify.entries()) {
    if (!target.on.includes('firing') || target.digest > 0) continue;
    const data: NotificationData = { transitionId: firing.docId, ruleId: firing.ruleId, ruleVersion: firing.ruleVersion, target: k, reminder };
    await queue.add(SEND_NOTIFICATION_JOB, data, jobOptions(data));
  }
}

/** Targets of built-in rules, which have no stored version, by rule id (`defects`: DEFECT_NOTIFY). */
export type BuiltInTargets = Readonly<Record<string, readonly NotifyTarget[]>>;

/** Where a rule version's transitions go: its stored `notify`, or a built-in rule's targets. */
export function notifyTargetsOf(rules: Pick<RuleStore, 'getVersion'>, builtIn: BuiltInTargets = {}) {
  return async (ruleId: string, version: number): Promise<readonly NotifyTarget[]> => {
    const own = builtIn[ruleId];
    if (own) return own;
    const stored = await rules.getVersion(ruleId, version);
    return stored ? loadRule(stored).rule.notify : [];
  };
}

export type NotifierDeps = {
  rules: RuleStore;
  alerts: AlertStore;
  logger: Logger;
  publicUrl?: string;
  now?: () => number;
  /** Private, loopback and link-local targets are refused unless allowed (see webhook-guard.ts). */
  webhooks: { allowPrivate: boolean; dispatcher?: Dispatcher };
  builtIn?: BuiltInTargets;
};

class PermanentFailure extends Error {}

export async function sendNotification(job: Pick<Job<NotificationData>, 'data' | 'id'> & { discard?: () => void }, deps: NotifierDeps): Promise<{ sent?: number; skipped?: string }> {
  const { data } = job;
  const key = deliveryKey(data);
  if (await deps.alerts.delivered(key)) return { skipped: 'already delivered' };
  const target = (await notifyTargetsOf(deps.rules, deps.builtIn)(data.ruleId, data.ruleVersion))[data.target];
  if (!target) return { skipped: 'target no longer exists' };
  const now = (deps.now ?? Date.now)();
  const silences = await deps.alerts.silences(data.ruleId, now);
  const silencedFor = (group: string | null) => silences.find((s) => Date.parse(s.from) <= now && (s.group === null || s.group === group));
  let message: Message;
  let about: { group: string | null; state: string; transitionId?: string };
  if (data.kind === 'digest') {
    const all = await deps.alerts.recordedBetween(data.ruleId, data.from, data.to, target.on);
    const list = all.filter((t) => !silencedFor(t.group));
    if (list.length === 0) return { skipped: all.length ? 'every transition of the period silenced' : 'nothing recorded in the period' };
    message = renderDigest(list.map((t) => ({ ...t, id: t.docId })), target, { publicUrl: deps.publicUrl, from: data.from, to: data.to, key });
    about = { group: null, state: 'digest' };
  } else {
    const transition = await deps.alerts.transition(data.transitionId);
    // Jobs are queued just before their transition is recorded: wait for it (retried).
    if (!transition) throw new Error(`transition ${data.transitionId} is not recorded yet`);
    const silenced = silencedFor(transition.group);
    if (silenced) {
      deps.logger.info({ ruleId: data.ruleId, group: transition.group, silence: silenced.id, until: silenced.until }, 'notification held back: silenced');
      return { skipped: `silenced until ${silenced.until}` };
    }
    message = renderMessage({ ...transition, id: data.transitionId }, target, { publicUrl: deps.publicUrl, ...(data.reminder ? { reminder: data.reminder } : {}) });
    about = { group: transition.group, state: data.reminder ? 'reminder' : transition.state, transitionId: data.transitionId };
  }
  const refused = deps.webhooks.allowPrivate ? undefined : forbiddenUrl(target.url);
  if (refused) {
    job.discard?.();
    throw new PermanentFailure(`${target.channel} ${new URL(target.url).host} refused: ${refused}; webhooks go to public addresses only (WEBHOOK_ALLOW_PRIVATE)`);
  }
  let status: number;
  try {
    const res = await fetch(target.url, {
      ...(deps.webhooks.dispatcher ? { dispatcher: deps.webhooks.dispatcher } : {}),
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': message.idempotencyKey, 'user-agent': 'voc-alerts' },
      body: JSON.stringify(message.body),
      signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
    });
    status = res.status;
    await res.arrayBuffer();
  } catch (error) {
    const cause = (error as { cause?: unknown }).cause;
    if (cause instanceof ForbiddenTarget) {
      job.discard?.();
      throw new PermanentFailure(`${target.channel} ${new URL(target.url).host} refused: ${cause.message}`);
    }
    throw new Error(`${target.channel} ${new URL(target.url).host} unreachable: ${(error as Error).message}`);
  }
  if (status === 429 || status >= 500) throw new Error(`${target.channel} ${new URL(target.url).host} answered ${status}; will retry`);
  if (status >= 400) {
    job.discard?.();
    throw new PermanentFailure(`${target.channel} ${new URL(target.url).host} refused the message (${status}); not retried: check the rule's notify target`);
  }
  await deps.alerts.recordDelivery({ kind: 'delivery', id: key, transitionId: about.transitionId ?? key, ruleId: data.ruleId, channel: target.channel, url: target.url, sentAt: new Date(now).toISOString(), status });
  deps.logger.info({ ruleId: data.ruleId, group: about.group, state: about.state, channel: target.channel, status }, 'notification sent');
  return { sent: status };
}
