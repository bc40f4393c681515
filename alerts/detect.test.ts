// Every detector on series with known answers: empty and tiny series, "0 vs 0" and 1 → 3,
// a stream with a daily and a weekly rhythm (mornings and weekends must not fire, an
// incident must), an old outage in the history, quiet nights for the flatline, a term
// that appears from nothing, floors and drops of responses' means and shares; and the
// state machine's for-periods.
import normalFactory from '@stdlib/random-base-normal';
import poissonFactory from '@stdlib/random-base-poisson';
import { describe, expect, it } from 'vitest';
import { detect } from './detect.ts';
import { evaluateSeries, windowBuckets } from './detectors/detectors.ts';
import { effectiveAlpha, parseRule, ruleTypes, windowProblem, type Rule } from './rule.ts';
import type { Bucket, Series } from './series.ts';
import { initialMachine, step, steps } from './state.ts';

const H = 3_600_000;
const DAY = 24 * H;
const START = Date.UTC(2026, 9, 1); // a Thursday

function rule(input: object): Rule {
  const r = parseRule(input);
  if ('problems' in r) throw new Error(JSON.stringify(r.problems));
  return r.rule;
}

/** Hourly feedback with a daytime hump (2 at night, 20 at 18:00 UTC) and half the volume at weekends. */
function rhythm(t: number): number {
  const hour = new Date(t).getUTCHours();
  const weekday = new Date(t).getUTCDay();
  return (2 + 18 * Math.max(0, Math.sin(((hour - 6) / 24) * 2 * Math.PI))) * (weekday === 0 || weekday === 6 ? 0.5 : 1);
}

function hourly(days: number, seed: number, lambda: (t: number, i: number) => number = rhythm): Series {
  const poisson = poissonFactory.factory({ seed });
  const buckets: Bucket[] = [];
  for (let i = 0; i < days * 24; i++) {
    const t = START + i * H;
    const l = lambda(t, i);
    buckets.push({ t, value: l > 0 ? poisson(l) : 0 });
  }
  return { interval: H, buckets };
}

const fired = (r: Rule, s: Series) => detect(r, s).transitions.filter((t) => t.state === 'firing');

const minimal: Record<(typeof ruleTypes)[number], object> = {
  threshold: { type: 'threshold', value: 10 },
  spike: { type: 'spike', direction: 'both' },
  floor: { type: 'floor', metric: 'nps' },
  drop: { type: 'drop', metric: 'csat' },
  flatline: { type: 'flatline' },
  emerging: { type: 'emerging' },
};

describe('empty and tiny series', () => {
  it.each(ruleTypes)('%s: an empty series has no evaluation and no transition', (type) => {
    const r = detect(rule(minimal[type]), { interval: H, buckets: [] });
    expect(r.evaluations).toEqual([]);
    expect(r.transitions).toEqual([]);
  });

  it.each(['spike', 'flatline', 'emerging'] as const)('%s: two buckets are too little history to judge', (type) => {
    const r = detect(rule(minimal[type]), { interval: DAY, buckets: [{ t: START, value: 0 }, { t: START + DAY, value: 90 }] });
    expect(r.evaluations.every((e) => e.breach === null)).toBe(true);
    expect(r.evaluations[1]!.reason).toMatch(/not enough history/);
    expect(r.transitions).toEqual([]);
  });

  it('a threshold needs no history', () => {
    const r = detect(rule({ type: 'threshold', value: 10 }), { interval: DAY, buckets: [{ t: START, value: 3 }, { t: START + DAY, value: 11 }] });
    expect(r.transitions).toEqual([expect.objectContaining({ at: new Date(START + DAY).toISOString(), state: 'firing', value: 11, reason: 'count 11 in 1d, above 10' })]);
  });
});

describe('volume guards', () => {
  it('0 vs 0 never fires, whatever the direction', () => {
    const zeros = hourly(30, 1, () => 0);
    for (const direction of ['up', 'down', 'both']) expect(fired(rule({ type: 'spike', direction }), zeros)).toEqual([]);
    expect(fired(rule({ type: 'flatline' }), zeros)).toEqual([]);
    expect(fired(rule({ type: 'emerging' }), zeros)).toEqual([]);
  });

  it('1 → 3 never fires', () => {
    const s = hourly(30, 2, () => 1);
    const last = s.buckets.at(-1)!;
    last.value = 3;
    const r = detect(rule({ type: 'spike', direction: 'up' }), s);
    expect(r.transitions.filter((t) => t.state === 'firing')).toEqual([]);
    expect(r.evaluations.at(-1)!.reason).toMatch(/fewer than 5, too few to call/);
  });
});

describe('spike on a stream with a daily and weekly rhythm', () => {
  const days = 42;
  const incidentAt = START + 40 * DAY + 10 * H; // a Tuesday, mid-morning
  const withIncident = (t: number) => rhythm(t) + (t >= incidentAt && t < incidentAt + 3 * H ? 25 : 0);

  it('stays quiet through mornings, evenings and weekends for six weeks', () => {
    expect(fired(rule({ type: 'spike', direction: 'both' }), hourly(days, 7))).toEqual([]);
  });

  it('fires within the incident hour and resolves after two clear hours', () => {
    const r = detect(rule({ type: 'spike', direction: 'up' }), hourly(days, 7, withIncident));
    expect(r.transitions.map((t) => [t.state, t.at])).toEqual([
      ['firing', new Date(incidentAt).toISOString()],
      ['resolved', new Date(incidentAt + 4 * H).toISOString()],
    ]);
    const firing = r.transitions[0]!;
    expect(firing.reason).toMatch(/^spike: count \d+ in 1h against a usual [\d.]+ \(same time of day and weekday, 28 of them\); p = .* by conditional Poisson test/);
    expect(firing.score!).toBeGreaterThan(3);
  });

  it('waits a week before judging an hourly stream, so Monday mornings are not judged against the weekend', () => {
    const e = evaluateSeries(rule({ type: 'spike', direction: 'up' }), hourly(days, 7));
    expect(e[3 * 24]!.breach).toBeNull();
    expect(e[3 * 24]!.reason).toMatch(/learning the weekly rhythm/);
    expect(e[8 * 24]!.breach).toBe(false);
  });

  it('is not blinded by an old outage at the same hour', () => {
    const outage = (t: number) => (t >= START + 33 * DAY + 10 * H && t < START + 33 * DAY + 13 * H ? 10 : 1);
    const baselineAt = (s: Series) => evaluateSeries(rule({ type: 'spike', direction: 'up' }), s).find((e) => e.t === incidentAt)!;
    const clean = baselineAt(hourly(days, 7, withIncident));
    const scarred = baselineAt(hourly(days, 7, (t) => withIncident(t) * outage(t)));
    expect(scarred.breach).toBe(true);
    expect(Math.abs(scarred.baseline! - clean.baseline!)).toBeLessThan(0.2 * clean.baseline!);
  });

  it('sees a drop in a busy hour', () => {
    const s = hourly(days, 7, (t) => (t >= incidentAt && t < incidentAt + 2 * H ? 1 : rhythm(t)));
    expect(fired(rule({ type: 'spike', direction: 'down' }), s).map((t) => t.at)).toEqual([new Date(incidentAt).toISOString()]);
  });

  it('follows the rule’s time zone: local days and weekdays', () => {
    // The same rhythm shifted to Shanghai's clock: quiet in UTC terms at other hours, yet regular in local time.
    const shanghai = (t: number) => rhythm(t + 8 * H);
    expect(fired(rule({ type: 'spike', direction: 'both', timeZone: 'Asia/Shanghai' }), hourly(days, 9, shanghai))).toEqual([]);
  });
});

describe('flatline', () => {
  it('lets quiet nights be and fires on a silent busy hour', () => {
    const silentAt = START + 33 * DAY + 15 * H; // a Tuesday afternoon
    const s = hourly(37, 11, (t) => (t >= silentAt && t < silentAt + 2 * H ? 0 : rhythm(t)));
    const nights = s.buckets.filter((b) => b.value === 0 && (b.t < silentAt || b.t >= silentAt + 2 * H)).length;
    expect(nights).toBeGreaterThan(20);
    const r = detect(rule({ type: 'flatline' }), s);
    expect(r.transitions.map((t) => [t.state, t.at])).toEqual([
      ['firing', new Date(silentAt).toISOString()],
      ['resolved', new Date(silentAt + 3 * H).toISOString()],
    ]);
    expect(r.transitions[0]!.reason).toMatch(/^silent: no items in 1h against a usual/);
  });
});

describe('flatline over a run of silent windows', () => {
  it('fires when the silence so far is improbable, though no single hour of it is', () => {
    const silentAt = START + 30 * DAY + 12 * H;
    const s = hourly(31, 17, (t) => (t >= silentAt && t < silentAt + 3 * H ? 0 : 6));
    const e = evaluateSeries(rule({ type: 'flatline' }), s);
    const at = (k: number) => e.find((x) => x.t === silentAt + k * H)!;
    expect(at(0).breach).toBe(false);
    expect(at(0).reason).toMatch(/^no items in 1h, but a usual [\d.]+ \(same time of day and weekday\) makes the silence unremarkable so far/);
    expect(at(1).breach).toBe(true);
    expect(at(1).reason).toMatch(/^silent: no items for 2 windows of 1h against [\d.]+ usual over them/);
  });
});

describe('emerging', () => {
  it('fires when a term absent for weeks recurs, not on a few mentions, nor on a steady one', () => {
    const appears = START + 29 * DAY;
    const fresh = hourly(30, 13, (t) => (t >= appears ? 6 : 0));
    const r = detect(rule({ type: 'emerging' }), fresh);
    const first = r.transitions[0]!;
    expect(first.state).toBe('firing');
    expect(Date.parse(first.at) - appears).toBeLessThan(3 * H);
    // Fired on its first recurring hour, or on a later one with the first mentions already seen.
    expect(first.reason).toMatch(/^(new: \d+ in 6h, absent from the 112 earlier windows|emerging: \d+ in 6h, \d+ in the 112 earlier windows)/);
    const few = hourly(30, 13, () => 0);
    few.buckets.slice(-3).forEach((b, i) => (b.value = [1, 2, 1][i]!));
    expect(fired(rule({ type: 'emerging' }), few)).toEqual([]);
    expect(fired(rule({ type: 'emerging' }), hourly(30, 13, () => 6))).toEqual([]);
  });
});

/** Daily survey responses: `mean` per response with the given spread, `n` responses a day. */
function responses(days: number, seed: number, mean: (i: number) => number, n: (i: number) => number, sd: number): Series {
  const normal = normalFactory.factory({ seed });
  return {
    interval: DAY,
    buckets: Array.from({ length: days }, (_, i) => ({ t: START + i * DAY, value: normal(mean(i), sd / Math.sqrt(n(i))), volume: n(i) })),
  };
}

describe('floor, drop and share spikes', () => {
  it('floor: fires below the floor on enough responses, and does not judge a handful', () => {
    const s = responses(10, 3, (i) => (i >= 8 ? -20 : 30), (i) => (i === 9 ? 10 : 80), 5);
    const e = evaluateSeries(rule({ type: 'floor', metric: 'nps' }), s);
    expect(e[8]).toMatchObject({ breach: true });
    expect(e[8]!.reason).toMatch(/below the floor 0/);
    expect(e[9]).toMatchObject({ breach: null });
    expect(e[9]!.reason).toMatch(/10 responses in the window, fewer than the 30/);
  });

  it('drop: NPS down 30 points on 100 responses fires; down 5 does not (under the 10-point minimum)', () => {
    const big = responses(40, 5, (i) => (i === 39 ? 10 : 40), () => 100, 30);
    expect(evaluateSeries(rule({ type: 'drop', metric: 'nps' }), big).at(-1)).toMatchObject({ breach: true });
    const small = responses(40, 5, (i) => (i === 39 ? 35 : 40), () => 100, 30);
    expect(evaluateSeries(rule({ type: 'drop', metric: 'nps' }), small).at(-1)!.reason).toMatch(/a change under 10, too small to call/);
  });

  it('spike of a share: negative share 0.2 → 0.45 fires on 200 items, not on 20', () => {
    const days = 30;
    const shareSeries = (last: number) => ({
      interval: DAY,
      buckets: Array.from({ length: days }, (_, i) => ({ t: START + i * DAY, value: i === days - 1 ? 0.45 : 0.2 + ((i % 5) - 2) * 0.01, volume: i === days - 1 ? last : 200 })),
    });
    const r = rule({ type: 'spike', metric: 'negativeShare', direction: 'up' });
    const big = evaluateSeries(r, shareSeries(200)).at(-1)!;
    expect(big.breach).toBe(true);
    expect(big.baseline).toBeCloseTo(0.2, 1);
    expect(evaluateSeries(r, shareSeries(20)).at(-1)).toMatchObject({ breach: null });
  });
});

describe('windows', () => {
  it('a threshold over a 3-hour window sums three buckets', () => {
    const s: Series = { interval: H, buckets: [4, 4, 4, 1, 1].map((value, i) => ({ t: START + i * H, value })) };
    const e = evaluateSeries(rule({ type: 'threshold', value: 10, window: '3h' }), s);
    expect(e.map((x) => x.value)).toEqual([null, null, 12, 9, 6]);
    expect(e.map((x) => x.breach)).toEqual([null, null, true, false, false]);
  });
});

describe('state machine', () => {
  const need = steps({ for: 2 * H, clearFor: undefined }, H);

  it('fires after the condition held for the "for" period and resolves after two clear evaluations', () => {
    expect(need).toEqual({ toFire: 3, toResolve: 2 });
    let m = initialMachine;
    const seen: Array<string | undefined> = [];
    [true, true, true, true, false, true, false, false, false].forEach((b, i) => {
      const r = step(m, i, b, need);
      m = r.machine;
      seen.push(r.transition);
    });
    expect(seen).toEqual(['pending', undefined, 'firing', undefined, undefined, undefined, undefined, 'resolved', undefined]);
  });

  it('clears a pending alert that did not last, holds on evaluations that cannot judge, and ignores a rerun', () => {
    let r = step(initialMachine, 1, true, need);
    expect(r.transition).toBe('pending');
    r = step(r.machine, 2, null, need);
    expect(r.transition).toBeUndefined();
    expect(r.machine.state).toBe('pending');
    const again = step(r.machine, 2, false, need);
    expect(again.machine).toBe(r.machine);
    r = step(r.machine, 3, false, need);
    expect(r.transition).toBe('ok');
  });

  it('with for = 0 fires at the first breach', () => {
    expect(step(initialMachine, 0, true, steps({ for: 0, clearFor: undefined }, H)).transition).toBe('firing');
  });
});

describe('rules', () => {
  it('default everything but the type (and direction, metric where needed)', () => {
    expect(rule({ type: 'spike', direction: 'up' })).toMatchObject({ metric: 'count', severity: 'medium', timeZone: 'UTC', for: 0, baseline: 28 * DAY, minCount: 5, minRatio: 1.5, minVolume: 30, filters: {} });
  });

  it('take alpha from the window, about one false alarm in two years of a steady stream, unless given', () => {
    expect(effectiveAlpha({}, H)).toBeCloseTo(H / (2 * 365 * DAY), 12);
    expect(effectiveAlpha({}, DAY)).toBeCloseTo(1 / 730, 12);
    expect(effectiveAlpha({}, 60_000)).toBe(1e-6);
    expect(effectiveAlpha({ alpha: 0.01 }, H)).toBe(0.01);
    expect(windowBuckets(rule({ type: 'emerging' }), H)).toBe(6);
    expect(windowBuckets(rule({ type: 'spike', direction: 'up' }), H)).toBe(1);
  });

  it.each([
    [{ type: 'spike' }, 'direction', /direction is up, down or both/],
    [{ type: 'surge' }, 'type', /type is one of threshold, spike, floor, drop, flatline, emerging/],
    [{ type: 'floor', metric: 'count' }, 'metric', /metric is one of nps, meanSentiment, csat, meanRating/],
    [{ type: 'threshold' }, 'value', /value \(the threshold\) is a number/],
    [{ type: 'flatline', for: '5 minutes' }, 'for', /for is a duration such as/],
    [{ type: 'flatline', timeZone: 'Mars/Olympus' }, 'timeZone', /IANA time zone/],
    [{ type: 'flatline', groupBy: 'colour' }, 'groupBy', /groupBy is one of/],
    [{ type: 'flatline', threshold: 3 }, '(rule)', /threshold/],
  ])('%j is refused at %s', (input, path, message) => {
    const r = parseRule(input);
    expect('problems' in r).toBe(true);
    if (!('problems' in r)) return;
    expect(r.problems.map((p) => p.path)).toContain(path);
    expect(r.problems.map((p) => p.message).join('; ')).toMatch(message);
  });
});

describe('windows of distinct customers', () => {
  const problemOf = (input: object) => {
    const r = parseRule(input);
    if ('problems' in r) throw new Error(JSON.stringify(r.problems));
    return windowProblem(r.rule);
  };
  it.each(['customers', 'valueAtRisk'])('a %s rule over several intervals is refused at window (a customer would count once per interval)', (metric) => {
    expect(problemOf({ type: 'spike', direction: 'up', metric, every: '1h', window: '3h' })).toMatchObject({ path: 'window', message: expect.stringMatching(/count twice/) });
  });
  it('a window of one interval, or none, is kept; counts add up over several', () => {
    expect(problemOf({ type: 'spike', direction: 'up', metric: 'customers', every: '1h', window: '1h' })).toBeUndefined();
    expect(problemOf({ type: 'threshold', metric: 'valueAtRisk', value: 1000, every: '1d' })).toBeUndefined();
    expect(problemOf({ type: 'spike', direction: 'up', metric: 'count', every: '1h', window: '3h' })).toBeUndefined();
  });
});
