// One bull repeatable job per rule version, every `every`, with a job id derived from the
// rule's id and version: any number of schedulers and API processes register it once, a
// new version replaces the old schedule, and schedules of versions or rules that no
// longer exist are removed when a scheduler starts.
import type { Queue } from 'bull';
import type { StoredRule } from './rule-store.ts';
import { loadRule } from './rule-store.ts';

export const EVALUATE_RULE_JOB = 'evaluate-rule';
/** `asOf` (epoch ms): evaluate as of that moment instead of now (a replay, a backfill, the benchmark's clock). */
export type EvaluateRuleData = { ruleId: string; version: number; asOf?: number };

// bull parses repeat keys on ':', so the id has none.
export const ruleJobId = (id: string, version: number) => `alert-rule-${id}-v${version}`;
const ofRule = (id: string) => `alert-rule-${id}-v`;

type Repeatable = { key: string; name: string; id: string | null };

async function repeatables(queue: Queue): Promise<Repeatable[]> {
  return ((await queue.getRepeatableJobs()) as Repeatable[]).filter((j) => j.name === EVALUATE_RULE_JOB);
}

export async function scheduleRule(queue: Queue<EvaluateRuleData>, stored: StoredRule): Promise<void> {
  const { rule } = loadRule(stored);
  // Earlier versions' schedules first, so a rule is never evaluated under two versions for long.
  for (const j of await repeatables(queue)) if (j.id?.startsWith(ofRule(stored.id)) && j.id !== ruleJobId(stored.id, stored.version)) await queue.removeRepeatableByKey(j.key);
  await queue.add(EVALUATE_RULE_JOB, { ruleId: stored.id, version: stored.version }, {
    jobId: ruleJobId(stored.id, stored.version),
    repeat: { every: rule.every },
    removeOnComplete: 100,
    removeOnFail: 100,
    attempts: 3,
    backoff: { type: 'exponential', delay: 2000 },
  });
}

export async function unscheduleRule(queue: Queue, id: string): Promise<void> {
  for (const j of await repeatables(queue)) if (j.id?.startsWith(ofRule(id))) await queue.removeRepeatableByKey(j.key);
}

/** Makes the schedules match the rules: adds the missing, removes the stale. Returns what changed. */
export async function syncSchedules(queue: Queue<EvaluateRuleData>, rules: readonly StoredRule[]): Promise<{ added: string[]; removed: string[] }> {
  const wanted = new Map(rules.map((r) => [ruleJobId(r.id, r.version), r]));
  const existing = await repeatables(queue);
  const removed: string[] = [];
  for (const j of existing) {
    if (!j.id || !wanted.has(j.id)) {
      await queue.removeRepeatableByKey(j.key);
      removed.push(j.id ?? j.key);
    }
  }
  const present = new Set(existing.map((j) => j.id));
  const added: string[] = [];
  for (const [jobId, r] of wanted) {
    if (present.has(jobId)) continue;
    await scheduleRule(queue, r);
    added.push(jobId);
  }
  return { added, removed };
}
