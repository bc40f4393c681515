// "Pull the cord": frontline staff flag a product defect, from a feedback item or in their
// own words with a product. Flags of the same product and issue within the window count
// together; when they reach the threshold (one by default) a high-severity alert is
// raised at once, as a transition of the built-in rule `defects`, grouped by product and
// issue, whose time is that episode's first flag: more flags, or the same flag sent twice
// at once, raise no second alert. The episode is claimed in the group's state document
// (created, or written where it was read): cords pulled at the same moment converge on
// the one that claimed it, whichever flag became searchable first. The episode stays
// open until someone resolves its alert by hand, which sets the state back to ok; flags
// after that start a new episode. Later feedback about the same product and issue is
// linked to the flag when it is read (GET /v1/defects/:id), so nothing is rewritten.
// The alert goes to DEFECT_NOTIFY's targets like a rule's firing: queued before it is
// recorded, under a job id derived from the transition, so the flags of one episode, or
// the same flag sent twice at once, send one message per target.
import { randomBytes } from 'node:crypto';
import type { Queue } from 'bull';
import { ConfigError } from '../../core/config/config.ts';
import { RetriableError } from '../../core/errors.ts';
import { enqueueNotifications, type NotificationData } from '../notify/notifier.ts';
import { forbiddenUrl } from '../notify/webhook-guard.ts';
import { notifyTargets, type NotifyTarget } from '../rule.ts';
import type { AlertStore } from './alert-store.ts';
import { stateId, type DefectFlag, type TransitionDoc } from './alerts-index.ts';

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
  const key = { ruleId: DEFECTS_RULE, group: `${pull.product}/${pull.issue ?? 'any issue'}` };
  const windowStart = opts.now - opts.windowDays * DAY;
  for (let attempt = 0; attempt < 5; attempt++) {
    const saved = (await alerts.states([key])).get(stateId(key));
    const open = saved?.doc.machine.state === 'firing' ? saved.doc.firingAt : undefined;
    // Nothing before the last hand resolution counts: that episode is over.
    const floor = saved?.doc.resolvedAt ? Date.parse(saved.doc.resolvedAt) + 1 : -Infinity;
    const flags = await alerts.flagsOf(pull.product, pull.issue, Math.max(floor, open ? Math.min(Date.parse(open), windowStart) : windowStart));
    if (!open && flags.length < opts.threshold) return { flag, flags: flags.length, threshold: opts.threshold, alert: null, raisedNow: false };
    const episode = open ?? flags[0]!.at;
    if (!open) {
      const state = { ...key, kind: 'state' as const, ruleVersion: 0, machine: { state: 'firing' as const, streak: 0 }, updatedAt: at, firingAt: episode, ...(saved?.doc.resolvedAt ? { resolvedAt: saved.doc.resolvedAt } : {}) };
      // Another cord claimed the episode in between: join it.
      if (!(await alerts.saveState(state, saved))) continue;
    }
    return raise(alerts, { ...key, flag, flags, episode, threshold: opts.threshold, windowDays: opts.windowDays, at, now: opts.now, notify: opts.notify });
  }
  throw new RetriableError(`the defect alert of ${key.group} keeps changing; try again`);
}

/** The episode's alert: queued for DEFECT_NOTIFY's targets, then recorded (once: its id is derived from group and episode). */
async function raise(
  alerts: AlertStore,
  o: { group: string; flag: DefectFlag; flags: DefectFlag[]; episode: string; threshold: number; windowDays: number; at: string; now: number; notify?: CordNotify },
): Promise<CordResult> {
  const { flag, flags } = o;
  const first = flags.find((f) => f.at === o.episode) ?? flags[0] ?? flag;
  const who = [...new Set(flags.flatMap((f) => (f.by ? [f.by] : [])))];
  const alert: TransitionDoc = {
    kind: 'transition',
    ruleId: DEFECTS_RULE,
    ruleVersion: 0,
    ruleName: 'Pulled the cord',
    group: o.group,
    at: o.episode,
    state: 'firing',
    value: flags.length,
    baseline: null,
    score: null,
    reason: `pulled the cord: ${flags.length} flag${flags.length === 1 ? '' : 's'} of ${flag.product}${flag.issue ? ` / ${flag.issue}` : ''} in ${o.windowDays} days${who.length ? ` (by ${who.join(', ')})` : ''}: "${first.text.slice(0, 200)}"`,
    severity: 'high',
    recordedAt: o.at,
  };
  if (o.notify?.targets.length) await enqueueNotifications(o.notify.queue, { notify: o.notify.targets }, [alert], o.now);
  const created = await alerts.record([alert]);
  return { flag, flags: flags.length, threshold: o.threshold, alert, raisedNow: created.length === 1 };
}
