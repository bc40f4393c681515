// "Pull the cord": frontline staff flag a product defect, from a feedback item or in their
// own words with a product. Flags of the same product and issue within the window count
// together; when they reach the threshold (one by default) a high-severity alert is
// raised at once, as a transition of the built-in rule `defects`, grouped by product and
// issue, whose id is that episode's first flag: more flags, or the same flag sent twice
// at once, raise no second alert. Later feedback about the same product and issue is
// linked to the flag when it is read (GET /v1/defects/:id), so nothing is rewritten.
// The alert goes to DEFECT_NOTIFY's targets like a rule's firing: queued before it is
// recorded, under a job id derived from the transition, so the flags of one episode, or
// the same flag sent twice at once, send one message per target.
import { randomBytes } from 'node:crypto';
import type { Queue } from 'bull';
import { ConfigError } from '../../core/config/config.ts';
import { enqueueNotifications, type NotificationData } from '../notify/notifier.ts';
import { forbiddenUrl } from '../notify/webhook-guard.ts';
import { notifyTargets, type NotifyTarget } from '../rule.ts';
import type { AlertStore } from './alert-store.ts';
import type { DefectFlag, TransitionDoc } from './alerts-index.ts';

export const DEFECTS_RULE = 'defects';
const DAY = 86_400_000;

export type CordPull = { product: string; issue: string | null; text: string; feedbackId?: string; by?: string };
export type CordResult = { flag: DefectFlag; flags: number; threshold: number; alert: TransitionDoc | null; raisedNow: boolean };
/** Where a pulled cord's alert is sent (DEFECT_NOTIFY), through the scheduler's notification queue. */
export type CordNotify = { queue: Queue<NotificationData>; targets: readonly NotifyTarget[] };

/**
 * DEFECT_NOTIFY as written (a JSON array of notify targets, as in an alert rule), checked
 * like a rule's: each field named when wrong, and loopback, private or link-local
 * addresses refused unless WEBHOOK_ALLOW_PRIVATE. Unset: no targets.
 */
export function defectTargets(raw: string | undefined, allowPrivate: boolean): NotifyTarget[] {
  if (raw === undefined) return [];
  const fail = (message: string) => new ConfigError([{ variable: 'DEFECT_NOTIFY', message }]);
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    throw fail(`not JSON (${(error as Error).message}); give an array of targets such as [{"channel":"slack","url":"https://hooks.slack.com/services/…"}]`);
  }
  const parsed = notifyTargets.safeParse(json);
  const where = (path: readonly PropertyKey[]) => path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('') || '(the value)';
  if (!parsed.success) throw fail(parsed.error.issues.map((i) => `${where(i.path)}: ${i.message}`).join('; '));
  if (!allowPrivate) {
    for (const [k, target] of parsed.data.entries()) {
      const refused = forbiddenUrl(target.url);
      if (refused) throw fail(`[${k}].url: ${refused}; webhooks go to public addresses only (WEBHOOK_ALLOW_PRIVATE)`);
    }
  }
  return parsed.data;
}

export async function pullCord(alerts: AlertStore, pull: CordPull, opts: { threshold: number; windowDays: number; now: number; notify?: CordNotify }): Promise<CordResult> {
  const at = new Date(opts.now).toISOString();
  const flag: DefectFlag = { kind: 'flag', id: `f${randomBytes(6).toString('hex')}`, product: pull.product, issue: pull.issue, text: pull.text, at, ...(pull.feedbackId ? { feedbackId: pull.feedbackId } : {}), ...(pull.by ? { by: pull.by } : {}) };
  await alerts.addFlag(flag);
  const flags = await alerts.flagsOf(pull.product, pull.issue, opts.now - opts.windowDays * DAY);
  if (flags.length < opts.threshold) return { flag, flags: flags.length, threshold: opts.threshold, alert: null, raisedNow: false };
  const first = flags[0]!;
  const who = [...new Set(flags.flatMap((f) => (f.by ? [f.by] : [])))];
  const alert: TransitionDoc = {
    kind: 'transition',
    ruleId: DEFECTS_RULE,
    ruleVersion: 0,
    ruleName: 'Pulled the cord',
    group: `${pull.product}/${pull.issue ?? 'any issue'}`,
    at: first.at,
    state: 'firing',
    value: flags.length,
    baseline: null,
    score: null,
    reason: `pulled the cord: ${flags.length} flag${flags.length === 1 ? '' : 's'} of ${pull.product}${pull.issue ? ` / ${pull.issue}` : ''} in ${opts.windowDays} days${who.length ? ` (by ${who.join(', ')})` : ''}: "${first.text.slice(0, 200)}"`,
    severity: 'high',
    recordedAt: at,
  };
  if (opts.notify?.targets.length) await enqueueNotifications(opts.notify.queue, { notify: [...opts.notify.targets] }, [alert], opts.now);
  const created = await alerts.record([alert]);
  return { flag, flags: flags.length, threshold: opts.threshold, alert, raisedNow: created.length === 1 };
}
