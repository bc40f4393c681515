// "Pull the cord": frontline staff flag a product defect, from a feedback item or in their
// own words with a product. Flags of the same product and issue within the window count
// together; when they reach the threshold (one by default) a high-severity alert is
// raised at once, as a transition of the built-in rule `defects`, grouped by product and
// issue, whose id is that episode's first flag: more flags, or the same flag sent twice
// at once, raise no second alert. Later feedback about the same product and issue is
// linked to the flag when it is read (GET /v1/defects/:id), so nothing is rewritten.
import { randomBytes } from 'node:crypto';
import type { AlertStore } from './alert-store.ts';
import type { DefectFlag, TransitionDoc } from './alerts-index.ts';

export const DEFECTS_RULE = 'defects';
const DAY = 86_400_000;

export type CordPull = { product: string; issue: string | null; text: string; feedbackId?: string; by?: string };
export type CordResult = { flag: DefectFlag; flags: number; threshold: number; alert: TransitionDoc | null; raisedNow: boolean };

export async function pullCord(alerts: AlertStore, pull: CordPull, opts: { threshold: number; windowDays: number; now: number }): Promise<CordResult> {
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
  const created = await alerts.record([alert]);
  return { flag, flags: flags.length, threshold: opts.threshold, alert, raisedNow: created.length === 1 };
}
