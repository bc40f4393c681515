// The scheduled evaluation of one alert rule (a bull repeatable job per rule version, see
// alerts/live/rule-schedule.ts). A job for a version that is no longer current, or for a
// deleted rule, does nothing: its schedule is being replaced or removed.
import type { Job, Queue } from 'bull';
import type { NotificationData } from '../alerts/notify/notifier.ts';
import { evaluateRule } from '../alerts/live/evaluate-rule.ts';
import type { AlertStore } from '../alerts/live/alert-store.ts';
import type { SeriesDeps } from '../alerts/live/rule-series.ts';
import type { EvaluateRuleData } from '../alerts/live/rule-schedule.ts';
import { loadRule, type RuleStore } from '../alerts/live/rule-store.ts';
import type { Logger } from '../core/observability/logger.ts';

export type AlertJobDeps = SeriesDeps & { rules: RuleStore; alerts: AlertStore; logger: Logger; notifications?: Queue<NotificationData>; now?: () => number };

export async function runAlertEvaluation(job: Pick<Job<EvaluateRuleData>, 'data' | 'id'>, deps: AlertJobDeps) {
  const stored = await deps.rules.get(job.data.ruleId);
  if (!stored || stored.deleted || stored.version !== job.data.version) {
    deps.logger.info({ jobId: job.id, ruleId: job.data.ruleId, version: job.data.version, current: stored?.version, deleted: stored?.deleted ?? false }, 'alert rule evaluation skipped: not the current version');
    return { skipped: true };
  }
  const summary = await evaluateRule(deps, loadRule(stored), job.data.asOf ?? (deps.now ?? Date.now)());
  for (const t of summary.recorded) {
    const log = t.state === 'firing' ? deps.logger.warn.bind(deps.logger) : deps.logger.info.bind(deps.logger);
    log({ ruleId: t.ruleId, group: t.group, state: t.state, at: t.at, value: t.value, baseline: t.baseline, score: t.score, severity: t.severity }, `alert ${t.state}: ${t.reason}`);
  }
  return { ruleId: summary.ruleId, version: summary.version, to: summary.to, groups: summary.groups, transitions: summary.recorded.length, skipped: summary.skipped };
}
