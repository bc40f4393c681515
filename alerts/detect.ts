// A rule run over a whole series: every evaluation, and the state transitions they make.
// What `voc alerts detect` prints, what a backtest shows, and what the detector tests and
// evaluations measure.
import { evaluateSeries, type Evaluation } from './detectors/detectors.ts';
import type { Rule } from './rule.ts';
import type { Series } from './series.ts';
import { initialMachine, step, steps, type Machine, type TransitionState } from './state.ts';

export type Transition = {
  /** ISO 8601 (UTC) start of the bucket whose evaluation made the transition. */
  at: string;
  state: TransitionState;
  value: number | null;
  baseline: number | null;
  score: number | null;
  reason: string;
};

export function detect(rule: Rule, series: Series, from: Machine = initialMachine): { evaluations: Evaluation[]; transitions: Transition[]; machine: Machine } {
  const evaluations = evaluateSeries(rule, series);
  const need = steps(rule, series.interval);
  const transitions: Transition[] = [];
  let machine = from;
  for (const e of evaluations) {
    const next = step(machine, e.t, e.breach, need);
    machine = next.machine;
    if (next.transition) {
      transitions.push({ at: new Date(e.t).toISOString(), state: next.transition, value: e.value, baseline: e.baseline, score: e.score, reason: e.reason });
    }
  }
  return { evaluations, transitions, machine };
}
