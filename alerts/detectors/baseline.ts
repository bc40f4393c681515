// The baseline an evaluation is compared with: what the same window looked like before,
// at the same point of the day's and the week's rhythm, summarised robustly so that an
// old incident in the history does not raise the bar for ever.
//
// Which earlier windows count as "the same point of the rhythm" (in the rule's time zone):
//   - buckets shorter than a day: the same local time of day on each earlier day of the
//     baseline span (28 by default; at least three days), each scaled by its weekday's
//     factor: the median daily total of that weekday over the median daily total, from
//     complete days of the span (until every weekday has been seen, no weekday factor);
//   - daily buckets: the same weekday in earlier weeks (at least three), else the
//     previous days;
//   - anything else: the previous windows, back to back.
// Shares and means always take the previous windows of the span: their rhythm is weak
// and their samples small, and a month of windows tells their spread far better than
// four same weekdays would. Rare terms (emerging) take them too.
// The baseline is the median of those windows (scaled to the evaluated weekday), which
// ignores a minority of unusual days however extreme they were. At least three earlier
// windows are needed (seven for shares and means, whose spread is estimated from them);
// with fewer, the evaluation says so and does not judge.
import { zoneOffsetMs } from '../../core/trends/time-buckets.ts';
import type { MetricKind } from '../rule.ts';
import type { Bucket } from '../series.ts';
import { median, robustSd, robustSpread } from './significance.ts';
import type { WindowFigure } from './windows.ts';

const DAY = 86_400_000;
export const MIN_HISTORY = 3;
/** Shares and means estimate a spread from their earlier windows, which a handful cannot tell. */
export const MIN_HISTORY_SPREAD = 7;

export type Rhythm = 'time of day and weekday' | 'time of day' | 'weekday' | 'none';

export type History = {
  /** Earlier windows with data: value, volume, and the weekday factor of their day. */
  windows: Array<{ value: number; volume: number; factor: number }>;
  /** The weekday factor of the evaluated window's day. */
  factorNow: number;
  rhythm: Rhythm;
  /** Set while the history is too short to show the weekly rhythm. */
  learning?: true;
};

export type BaselineContext = {
  buckets: readonly Bucket[];
  windows: ReadonlyArray<WindowFigure | null>;
  interval: number;
  windowBuckets: number;
  span: number;
  timeZone: string;
  kind: MetricKind;
  /** False: the previous windows only, whatever the interval (for rare events, where a rhythm has nothing to show). */
  rhythm?: boolean;
};

/** Offsets per hour, so that a long series does not ask Intl for every bucket. */
function offsetReader(tz: string): (t: number) => number {
  if (tz === 'UTC') return () => 0;
  const cache = new Map<number, number>();
  return (t) => {
    const hour = Math.floor(t / 3_600_000);
    let off = cache.get(hour);
    if (off === undefined) cache.set(hour, (off = zoneOffsetMs(t, tz)));
    return off;
  };
}

/** Per local day: the total of the buckets and how many buckets it had (to tell complete days). */
type DayTotals = Map<number, { total: number; buckets: number }>;

export function createHistoryReader(ctx: BaselineContext): (i: number) => History {
  const offset = offsetReader(ctx.timeZone);
  const localDay = (t: number) => Math.floor((t + offset(t)) / DAY);
  const weekday = (day: number) => (day + 4) % 7; // day 0 (1970-01-01) was a Thursday
  const t0 = ctx.buckets[0]?.t ?? 0;
  const indexOf = (t: number) => {
    const j = (t - t0) / ctx.interval;
    return Number.isInteger(j) ? j : -1;
  };
  const subDaily = ctx.interval < DAY && DAY % ctx.interval === 0;
  const perDay = subDaily ? DAY / ctx.interval : 1;
  const weighted = ctx.kind === 'count' || ctx.kind === 'amount';

  const days: DayTotals = new Map();
  if (subDaily && weighted) {
    for (const b of ctx.buckets) {
      const d = localDay(b.t);
      const e = days.get(d) ?? { total: 0, buckets: 0 };
      e.total += b.value ?? 0;
      e.buckets += 1;
      days.set(d, e);
    }
  }
  const spanDays = Math.floor(ctx.span / DAY);

  /** Weekday factors from the complete days of the span before `day`; all 1 when too few. */
  function weekdayFactors(day: number): number[] | undefined {
    if (!subDaily || !weighted) return undefined;
    const byWeekday: number[][] = [[], [], [], [], [], [], []];
    const all: number[] = [];
    for (let d = day - spanDays; d < day; d++) {
      const e = days.get(d);
      // A day with a DST change has one bucket more or less: still complete.
      if (!e || e.buckets < perDay - 1) continue;
      byWeekday[weekday(d)]!.push(e.total);
      all.push(e.total);
    }
    const overall = median(all);
    if (!(overall > 0) || byWeekday.some((w) => w.length === 0)) return undefined;
    return byWeekday.map((w) => median(w) / overall);
  }

  return (i) => {
    const t = ctx.buckets[i]!.t;
    const picked: number[] = [];
    let rhythm: Rhythm = 'none';
    if (ctx.rhythm === false) {
      // Straight to the previous windows.
    } else if (subDaily) {
      const off = offset(t);
      for (let d = 1; d <= spanDays; d++) {
        const guess = t - d * DAY;
        // The same local wall-clock time, across a DST change too.
        const j = indexOf(guess + (off - offset(guess)));
        if (j >= ctx.windowBuckets - 1 && j <= i - ctx.windowBuckets) picked.push(j);
      }
      rhythm = 'time of day';
    } else if (ctx.interval === DAY) {
      for (let k = 1; k * 7 * DAY <= ctx.span; k++) if (i - 7 * k >= ctx.windowBuckets - 1) picked.push(i - 7 * k);
      rhythm = 'weekday';
    }
    // Below a day, a rhythm is the rule and previous windows (the night before the morning)
    // would mislead: no judgement until three days of history. Other intervals fall back.
    if (rhythm !== 'time of day' && picked.filter((j) => ctx.windows[j]?.value != null).length < MIN_HISTORY) {
      picked.length = 0;
      rhythm = 'none';
      for (let k = 1; k * ctx.windowBuckets * ctx.interval <= ctx.span; k++) {
        const j = i - k * ctx.windowBuckets;
        if (j < ctx.windowBuckets - 1) break;
        picked.push(j);
      }
    }
    const factors = rhythm === 'time of day' ? weekdayFactors(localDay(t)) : undefined;
    if (factors) rhythm = 'time of day and weekday';
    // Counts below a day wait for a week: until every weekday has been seen, a Monday
    // morning would be judged against the weekend's. (A baseline span under a week says
    // the weekly rhythm is not wanted: the time of day alone is followed.)
    else if (rhythm === 'time of day' && weighted && spanDays >= 7) return { windows: [], factorNow: 1, rhythm, learning: true };
    const windows = picked.flatMap((j) => {
      const w = ctx.windows[j];
      if (!w || w.value === null) return [];
      return [{ value: w.value, volume: w.volume, factor: factors ? factors[weekday(localDay(ctx.buckets[j]!.t))]! : 1 }];
    });
    return { windows, factorNow: factors ? factors[weekday(localDay(t))]! : 1, rhythm };
  };
}

export type CountBaseline = { expected: number; windows: number; factor: number; phi: number; spread: number };

/**
 * Counts and money: the level of the earlier windows (each divided by its weekday factor),
 * times the evaluated weekday's factor. The level is the larger of their median and their
 * mean without the highest tenth: both ignore an old incident, and the trimmed mean does
 * not read a sparse stream (0, 0, 1, 0, 2…) as zero, which the median would. φ, the
 * dispersion, is the windows' robust variance around that level over the level (at least
 * 1: never tested as steadier than Poisson).
 */
export function countBaseline(h: History): CountBaseline | undefined {
  if (h.windows.length < MIN_HISTORY) return undefined;
  const u = h.windows.map((w) => w.value / (w.factor || 1)).sort((a, b) => a - b);
  const kept = u.slice(0, u.length - Math.floor(u.length / 10));
  const mean = kept.reduce((s, v) => s + v, 0) / kept.length;
  const level = Math.max(median(u), mean);
  const sd = robustSd(u.map((v) => v - level), { continuous: false });
  const phi = level > 0 ? Math.max(1, (sd * sd) / level) : 1;
  return { expected: level * h.factorNow, windows: u.length, factor: h.factorNow, phi, spread: robustSpread(u) * h.factorNow };
}

// (The spreads below are robustSd's: see significance.ts.)
export type ShareBaseline = { share: number; phi: number };

/** Shares (0–1): the median share of the earlier windows with responses; φ from their spread around it relative to binomial sampling. */
export function shareBaseline(h: History): ShareBaseline | undefined {
  const ws = h.windows.filter((w) => w.volume > 0);
  if (ws.length < MIN_HISTORY_SPREAD) return undefined;
  const total = ws.reduce((s, w) => s + w.volume, 0);
  // A share of exactly 0 or 1 so far would make any other share impossible: keep it off the edges.
  const share = Math.min(Math.max(median(ws.map((w) => w.value)), 0.5 / total), 1 - 0.5 / total);
  const r = ws.map((w) => (w.value - share) * Math.sqrt(w.volume / (share * (1 - share))));
  const s = robustSd(r, { continuous: true });
  return { share, phi: Math.max(1, s * s) };
}

export type MeanBaseline = { mean: number; sigma: number };

/** Means: the median of the earlier windows' means; σ of one response from their volume-scaled deviations, at least `minSigma`. */
export function meanBaseline(h: History, minSigma: number): MeanBaseline | undefined {
  const ws = h.windows.filter((w) => w.volume > 0);
  if (ws.length < MIN_HISTORY_SPREAD) return undefined;
  const mean = median(ws.map((w) => w.value));
  const sigma = robustSd(ws.map((w) => (w.value - mean) * Math.sqrt(w.volume)), { continuous: true });
  return { mean, sigma: Math.max(sigma, minSigma) };
}

/** Emerging terms: the mean rate of the earlier windows plus half an event (a term never seen is not infinitely surprising). */
export function rareRate(h: History): { rate: number; seen: number } | undefined {
  if (h.windows.length < MIN_HISTORY) return undefined;
  const seen = h.windows.reduce((s, w) => s + w.value, 0);
  return { rate: (seen + 0.5) / h.windows.length, seen };
}
