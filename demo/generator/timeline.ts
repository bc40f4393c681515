// When feedback arrives: an intensity over [start, end] built from each population's local
// daily rhythm (quiet nights, a lunchtime bump, busy evenings) and a weekly pattern, plus
// the extra volume of an incident. Timestamps are drawn by inverting its cumulative sum, so
// stratified draws spread a batch over the whole range, and the population writing at a
// given moment is drawn from the same weights (Chinese feedback peaks in China's evening).
import { populations, type Lang, type Locale } from './catalog.ts';

const HOUR = 3_600_000;

// Relative volume per local hour 0–23 and per local weekday (Sunday first); both have mean 1,
// so every population contributes its share over whole days whatever its time zone.
const hourly = normalise([0.3, 0.18, 0.1, 0.08, 0.08, 0.12, 0.3, 0.6, 0.9, 1.1, 1.2, 1.3, 1.4, 1.3, 1.2, 1.15, 1.15, 1.25, 1.4, 1.6, 1.7, 1.6, 1.2, 0.7]);
const weekly = normalise([1.1, 1.2, 1.05, 1.0, 0.95, 0.85, 0.95]);

function normalise(values: number[]): number[] {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return values.map((v) => v / mean);
}

export type Writer = { locale: Locale; lang: Lang; share: number; utcOffset: number };

export function writersFor(chineseShare: number): Writer[] {
  return populations.map((p) => ({
    locale: p.locale,
    lang: p.lang,
    utcOffset: p.utcOffset,
    share: p.lang === 'zh' ? chineseShare : (1 - chineseShare) * p.englishShare,
  }));
}

export function writerWeight(w: Writer, t: number): number {
  const local = new Date(t + w.utcOffset * HOUR);
  return w.share * (hourly[local.getUTCHours()] ?? 1) * (weekly[local.getUTCDay()] ?? 1);
}

export type TimelineOptions = {
  start: number;
  end: number;
  writers: readonly Writer[];
  /** Extra volume on top of the base rhythm, as a fraction of it (0.375 = +37.5%). */
  boost?: { start: number; end: number; extra: number } | null;
};

export type Timeline = {
  /** Maps u in [0, 1) to a timestamp (ms) following the intensity. */
  at(u: number): number;
  /** Relative weight of each writer at t, in the order of `writers`. */
  writerWeights(t: number): number[];
};

export function createTimeline(opts: TimelineOptions): Timeline {
  const { start, end, writers, boost } = opts;
  // Hourly buckets, or coarser for very long ranges; a bucket's weight is taken at its middle.
  const step = Math.max(HOUR, (end - start) / 200_000);
  const edges: number[] = [];
  for (let from = start; from < end; from += step) edges.push(from);
  edges.push(end);
  const buckets = edges.slice(0, -1).map((from, i) => ({ mid: (from + (edges[i + 1] ?? end)) / 2, length: (edges[i + 1] ?? end) - from }));

  // A range of a few days does not hold whole weeks of every time zone; rescale each writer
  // so that its share of the range is exactly its share, whatever the rhythm does within it.
  const scale = writers.map((w) => {
    const mass = buckets.reduce((sum, b) => sum + writerWeight(w, b.mid) * b.length, 0);
    return mass > 0 ? (w.share * (end - start)) / mass : 0;
  });
  const weightsAt = (t: number): number[] => writers.map((w, i) => writerWeight(w, t) * (scale[i] ?? 0));

  const cumulative: number[] = [0];
  for (const b of buckets) {
    let w = weightsAt(b.mid).reduce((a, c) => a + c, 0);
    if (boost && b.mid >= boost.start && b.mid < boost.end) w *= 1 + boost.extra;
    cumulative.push((cumulative[cumulative.length - 1] ?? 0) + w * b.length);
  }
  const total = cumulative[cumulative.length - 1] ?? 0;

  return {
    at(u) {
      if (!(total > 0)) return start + u * (end - start);
      const target = u * total;
      let lo = 0;
      let hi = edges.length - 2;
      while (lo < hi) {
        const midIndex = (lo + hi + 1) >> 1;
        if ((cumulative[midIndex] ?? 0) <= target) lo = midIndex;
        else hi = midIndex - 1;
      }
      const c0 = cumulative[lo] ?? 0;
      const c1 = cumulative[lo + 1] ?? c0;
      const e0 = edges[lo] ?? start;
      const e1 = edges[lo + 1] ?? end;
      const t = c1 > c0 ? e0 + ((target - c0) / (c1 - c0)) * (e1 - e0) : e0;
      return Math.min(Math.max(t, start), end);
    },
    writerWeights: weightsAt,
  };
}
