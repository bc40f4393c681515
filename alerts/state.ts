// An alert's life over successive evaluations, with the rule's "for" periods against
// flapping: a condition must hold for `for` before the alert fires (meanwhile it is
// pending), and a firing alert must be clear for `clearFor` (default: two evaluation
// intervals) before it resolves. An evaluation that cannot judge (too little history,
// too few responses) leaves the state as it is. The machine is a pure step function, so
// a scheduler can keep its state between runs and a rerun of the same evaluation is a
// no-op.
import type { Rule } from './rule.ts';

export type AlertState = 'ok' | 'pending' | 'firing';
/** What a transition announces: pending, firing, resolved (firing → ok), or ok (pending cleared before firing). */
export type TransitionState = 'pending' | 'firing' | 'resolved' | 'ok';

export type Machine = {
  state: AlertState;
  /** Consecutive evaluations the condition held (while ok or pending) or was clear (while firing). */
  streak: number;
  /** The last evaluated time: a step for a time at or before it changes nothing. */
  last?: number;
};

export const initialMachine: Machine = { state: 'ok', streak: 0 };

/** Evaluations needed: to fire (the first breach counts, so `for` = 0 fires at once) and to resolve. */
export function steps(rule: Pick<Rule, 'for' | 'clearFor'>, interval: number): { toFire: number; toResolve: number } {
  const every = Math.max(interval, 1);
  return { toFire: Math.floor(rule.for / every) + 1, toResolve: Math.max(1, Math.ceil((rule.clearFor ?? 2 * every) / every)) };
}

/** One evaluation: the next machine and the transition it makes, if any. */
export function step(m: Machine, t: number, breach: boolean | null, need: { toFire: number; toResolve: number }): { machine: Machine; transition?: TransitionState } {
  if (m.last !== undefined && t <= m.last) return { machine: m };
  if (breach === null) return { machine: { ...m, last: t } };
  if (m.state === 'firing') {
    if (breach) return { machine: { state: 'firing', streak: 0, last: t } };
    const streak = m.streak + 1;
    if (streak >= need.toResolve) return { machine: { state: 'ok', streak: 0, last: t }, transition: 'resolved' };
    return { machine: { state: 'firing', streak, last: t } };
  }
  if (!breach) return m.state === 'pending' ? { machine: { state: 'ok', streak: 0, last: t }, transition: 'ok' } : { machine: { ...m, streak: 0, last: t } };
  const streak = m.streak + 1;
  if (streak >= need.toFire) return { machine: { state: 'firing', streak: 0, last: t }, transition: 'firing' };
  return { machine: { state: 'pending', streak, last: t }, ...(m.state === 'ok' ? { transition: 'pending' as const } : {}) };
}
