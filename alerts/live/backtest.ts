// What a rule would have done over stored history: the same series and detectors as the
// scheduled evaluation, run over the last `days` days (plus the baseline before them),
// with every evaluation returned for drawing and the transitions it would have made.
import { detect, type Transition } from '../detect.ts';
import type { Rule } from '../rule.ts';
import { bucketStart, fetchRuleSeries, seriesRange, type SeriesDeps } from './rule-series.ts';

const DAY = 86_400_000;

export type BacktestPoint = { t: string; value: number | null; volume: number; baseline: number | null; score: number | null; breach: boolean | null };
export type BacktestGroup = { group: string | null; firings: number; transitions: Transition[]; points: BacktestPoint[] };
export type BacktestResult = { from: string; to: string; groups: BacktestGroup[]; firings: number };

export async function backtest(deps: SeriesDeps, rule: Rule, days: number, now: number): Promise<BacktestResult> {
  const to = bucketStart(now, rule.every, rule.timeZone);
  const from = to - days * DAY;
  const all = await fetchRuleSeries(deps, rule, seriesRange(rule, to, days * DAY));
  const groups = all.map(({ group, series }) => {
    const r = detect(rule, series);
    const transitions = r.transitions.filter((t) => Date.parse(t.at) >= from);
    const points = r.evaluations
      .filter((e) => e.t >= from)
      .map((e) => ({ t: new Date(e.t).toISOString(), value: e.value, volume: e.volume, baseline: e.baseline, score: e.score, breach: e.breach }));
    return { group, firings: transitions.filter((t) => t.state === 'firing').length, transitions, points };
  });
  return { from: new Date(from).toISOString(), to: new Date(to).toISOString(), groups, firings: groups.reduce((s, g) => s + g.firings, 0) };
}
