// One scheduled evaluation of a stored rule against the feedback index: its series per
// group up to the last whole bucket, the detectors, and the state machine stepped on from
// where the previous evaluation left it.
//   - A group seen for the first time starts as if the rule had always run (so a "for"
//     period already under way counts), but only the newest bucket's transitions are
//     recorded: the past before the rule existed raises no alerts, except the one still
//     firing now (a rule saved in the middle of an incident must not fire in silence).
//   - Buckets missed while no scheduler ran are evaluated once each when one runs again:
//     caught up, not repeated (the machine ignores times it has already seen).
//   - Their notifications are queued first (job ids derived from transition and target),
//     then the transitions recorded (ids of their own), then the state saved: a crash
//     anywhere in between, or a second scheduler, queues and records nothing twice.
//   - While a group keeps firing, a reminder goes out every `reAlert` (one job per reminder).
//   - Each new firing carries its explanation (explain.ts), computed once, when it fires.
//   - A firing within the rule's cooldown after the group's last resolution is recorded
//     but not sent.
import { detect } from '../detect.ts';
import { bucketStart, fetchRuleSeries, seriesRange, type SeriesDeps } from './rule-series.ts';
import type { AlertStore } from './alert-store.ts';
import { stateId, transitionId, type StateDoc, type TransitionDoc } from './alerts-index.ts';
import type { LoadedRule } from './rule-store.ts';
import { initialMachine } from '../state.ts';
import type { Queue } from 'bull';
import { enqueueNotifications, enqueueReminder, type NotificationData } from '../notify/notifier.ts';
import { defaultWindow } from '../rule.ts';
import { explain } from './explain.ts';

export type EvaluationSummary = { ruleId: string; version: number; to: string; groups: number; recorded: TransitionDoc[]; skipped: number };

export async function evaluateRule(deps: SeriesDeps & { alerts: AlertStore; notifications?: Queue<NotificationData> }, loaded: LoadedRule, now: number): Promise<EvaluationSummary> {
  const { rule } = loaded;
  const to = bucketStart(now, rule.every, rule.timeZone);
  const latest = to - rule.every;
  const series = await fetchRuleSeries(deps, rule, seriesRange(rule, to));
  const keys = series.map((s) => ({ ruleId: loaded.id, group: s.group }));
  const saved = await deps.alerts.states(keys);
  // When it was recorded, by the wall clock (an evaluation as of an earlier time still records now).
  const recordedAt = new Date().toISOString();
  const windowMs = defaultWindow(rule, rule.every);
  const allDocs: TransitionDoc[] = [];
  const toSend: TransitionDoc[] = [];
  const states: Array<{ doc: StateDoc; read?: { seqNo: number; primaryTerm: number } }> = [];
  for (const { group, series: s } of series) {
    const key = { ruleId: loaded.id, group };
    const prior = saved.get(stateId(key));
    const result = detect(rule, s, prior?.doc.machine ?? initialMachine);
    const fresh = prior ? result.transitions : result.transitions.filter((t) => Date.parse(t.at) >= latest);
    if (!prior && result.machine.state === 'firing' && !fresh.some((t) => t.state === 'firing')) {
      const ongoing = [...result.transitions].reverse().find((t) => t.state === 'firing');
      if (ongoing) fresh.unshift(ongoing);
    }
    const docs: TransitionDoc[] = fresh.map((t) => ({
      ...key,
      ...t,
      kind: 'transition',
      ruleVersion: loaded.version,
      ...(typeof loaded.spec.name === 'string' ? { ruleName: loaded.spec.name } : {}),
      severity: rule.severity,
      ...(rule.owner ? { owner: rule.owner } : {}),
      recordedAt,
    }));
    // Why each new firing fired, over the window it judged.
    for (const d of docs) if (d.state === 'firing') d.explanation = await explain(deps, rule, group, { from: Date.parse(d.at) + rule.every - windowMs, to: Date.parse(d.at) + rule.every });
    let resolvedAt = prior?.doc.resolvedAt ? Date.parse(prior.doc.resolvedAt) : undefined;
    for (const d of docs) {
      const at = Date.parse(d.at);
      const quiet = d.state === 'firing' && resolvedAt !== undefined && at - resolvedAt < rule.cooldown;
      if (d.state === 'resolved') resolvedAt = at;
      if (!quiet) toSend.push(d);
    }
    allDocs.push(...docs);
    // The current firing, and reminders while it lasts (rule.reAlert).
    let firing = prior?.doc.machine.state === 'firing' && prior.doc.firingAt ? { at: prior.doc.firingAt, id: prior.doc.firingId!, reminders: prior.doc.reminders ?? 0 } : undefined;
    for (const d of docs) firing = d.state === 'firing' ? { at: d.at, id: transitionId(d, d), reminders: 0 } : d.state === 'resolved' ? undefined : firing;
    if (firing && result.machine.state === 'firing' && rule.reAlert > 0 && deps.notifications) {
      const due = Math.floor((to - (Date.parse(firing.at) + rule.every)) / rule.reAlert);
      if (due > firing.reminders) {
        await enqueueReminder(deps.notifications, rule, { docId: firing.id, ruleId: loaded.id, ruleVersion: loaded.version }, due);
        firing.reminders = due;
      }
    }
    states.push({
      doc: {
        ...key,
        kind: 'state',
        ruleVersion: loaded.version,
        machine: result.machine,
        updatedAt: recordedAt,
        ...(resolvedAt !== undefined ? { resolvedAt: new Date(resolvedAt).toISOString() } : {}),
        ...(firing && result.machine.state === 'firing' ? { firingAt: firing.at, firingId: firing.id, reminders: firing.reminders } : {}),
      },
      ...(prior ? { read: { seqNo: prior.seqNo, primaryTerm: prior.primaryTerm } } : {}),
    });
  }
  if (deps.notifications && rule.notify.length) await enqueueNotifications(deps.notifications, rule, toSend, now);
  // All groups in two bulk requests; the second waits until both are searchable.
  const recorded = await deps.alerts.record(allDocs, { visible: false });
  const skipped = await deps.alerts.saveStates(states);
  return { ruleId: loaded.id, version: loaded.version, to: new Date(to).toISOString(), groups: series.length, recorded, skipped };
}
