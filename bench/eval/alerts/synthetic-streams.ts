// Generated streams with incidents at known times, one family per rule type, for
// measuring the detectors' recall, precision and delay where the answer is known. Every
// stream is hourly over six weeks (from a Monday), has a daytime hump and quieter
// weekends, and is noisier than Poisson (negative binomial counts, size 25), as real
// feedback is. Incidents fall in days 10–40, two per stream (one for emerging terms),
// half of them small and half large:
//   spike up:   +max(1.5λ, 8) (small) or +max(4λ, 15) (large) items an hour for 2–3 hours;
//   spike down: a busy hour's items (20+ usual) × 0.3 (small) or × 0.1 (large) for 2–3 hours;
//   flatline:   no items for 2 hours where at least 8 an hour are usual;
//   emerging:   a term absent (or seen once in weeks) recurs 3 (small) or 8 (large) times an hour for 6 hours;
//   share:      the negative share of a busy hour (45+ items) 0.20 → 0.40 (small) or 0.60 (large) for 3 hours;
//   drop/floor: daily NPS (about 150 responses a day over four months) of 30 falls to 10 / −10
//               (drop) or −15 / −35 (floor) for 2–3 days.
import binomialFactory from '@stdlib/random-base-binomial';
import negativeBinomialFactory from '@stdlib/random-base-negative-binomial';
import poissonFactory from '@stdlib/random-base-poisson';
import type { Bucket, Series } from '../../../alerts/series.ts';

export const H = 3_600_000;
const DAY = 24 * H;
const DAYS = 42;
const START = Date.UTC(2026, 0, 5); // a Monday

export type Incident = { start: number; end: number; size: 'small' | 'large' };
export type Stream = { series: Series; incidents: Incident[] };
export type Family = { name: string; rule: object; make: (seed: number) => Stream };

type Draw = { float: () => number; count: (mean: number) => number; binomial: (n: number, p: number) => number; poisson: (mean: number) => number };

function draws(seed: number): Draw {
  const nb = negativeBinomialFactory.factory({ seed });
  const poisson = poissonFactory.factory({ seed: seed + 7919 });
  const binomial = binomialFactory.factory({ seed: seed + 104729 });
  let state = seed >>> 0 || 1;
  // Positions only (which hour an incident starts): a xorshift is plenty.
  const float = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
  return { float, count: (mean) => (mean > 0 ? nb(25, 25 / (25 + mean)) : 0), binomial: (n, p) => (n > 0 ? binomial(n, p) : 0), poisson: (mean) => (mean > 0 ? poisson(mean) : 0) };
}

/** Items an hour: a daytime hump peaking at `peak` (a tenth of it at night), half at weekends. */
function rhythm(t: number, peak: number): number {
  const hour = new Date(t).getUTCHours();
  const weekday = new Date(t).getUTCDay();
  const hump = 0.1 + 0.9 * Math.max(0, Math.sin(((hour - 6) / 24) * 2 * Math.PI));
  return peak * hump * (weekday === 0 || weekday === 6 ? 0.5 : 1);
}

const times = Array.from({ length: DAYS * 24 }, (_, i) => START + i * H);

/** `count` incidents in days 10–40, at least three days apart, starting at hours `eligible` accepts. */
function place(d: Draw, count: number, hours: (t: number) => number, eligible: (t: number) => boolean = () => true): Incident[] {
  const out: Incident[] = [];
  for (let tries = 0; out.length < count && tries < 10_000; tries++) {
    const start = START + 10 * DAY + Math.floor(d.float() * 30 * 24) * H;
    if (!eligible(start) || out.some((o) => Math.abs(o.start - start) < 3 * DAY)) continue;
    out.push({ start, end: start + hours(start) * H, size: out.length % 2 === 0 ? 'small' : 'large' });
  }
  return out.sort((a, b) => a.start - b.start);
}

const within = (t: number, incidents: readonly Incident[]) => incidents.find((i) => t >= i.start && t < i.end);
const series = (buckets: Bucket[]): Series => ({ interval: H, buckets });

function counts(seed: number, shape: (peak: number, d: Draw) => { incidents: Incident[]; mean: (t: number, base: number) => number }): Stream {
  const d = draws(seed);
  const peak = [6, 20, 60][seed % 3]!;
  const { incidents, mean } = shape(peak, d);
  return { incidents, series: series(times.map((t) => ({ t, value: d.count(mean(t, rhythm(t, peak))) }))) };
}

/** Daily NPS responses over four months (about 150 a day, fewer at weekends): each a promoter (+100), passive (0) or detractor (−100). */
function npsStream(seed: number, targets: { small: number; large: number }): Stream {
  const d = draws(seed);
  const days = 120;
  const incidents: Incident[] = [];
  for (let tries = 0; incidents.length < 2 && tries < 1000; tries++) {
    const start = START + (40 + Math.floor(d.float() * 75)) * DAY;
    if (incidents.some((o) => Math.abs(o.start - start) < 10 * DAY)) continue;
    incidents.push({ start, end: start + (2 + Math.floor(d.float() * 2)) * DAY, size: incidents.length % 2 === 0 ? 'small' : 'large' });
  }
  incidents.sort((a, b) => a.start - b.start);
  const mix = (nps: number) => ({ promoters: 0.5 + (nps - 30) / 200, detractors: 0.2 - (nps - 30) / 200 });
  const buckets = Array.from({ length: days }, (_, i) => {
    const t = START + i * DAY;
    const weekday = new Date(t).getUTCDay();
    const n = d.count(weekday === 0 || weekday === 6 ? 90 : 170);
    const hit = within(t, incidents);
    const m = mix(hit ? targets[hit.size] : 30);
    const promoters = d.binomial(n, m.promoters);
    const detractors = d.binomial(n - promoters, m.detractors / (1 - m.promoters));
    return { t, value: n ? ((promoters - detractors) * 100) / n : null, volume: n };
  });
  return { incidents, series: { interval: DAY, buckets } };
}

export const families: Family[] = [
  {
    name: 'spike up (count)',
    rule: { type: 'spike', direction: 'up' },
    make: (seed) =>
      counts(seed, (_peak, d) => {
        const incidents = place(d, 2, () => 2 + Math.floor(d.float() * 2));
        return { incidents, mean: (t, base) => base + (within(t, incidents) ? (within(t, incidents)!.size === 'small' ? Math.max(1.5 * base, 8) : Math.max(4 * base, 15)) : 0) };
      }),
  },
  {
    name: 'spike down (count)',
    rule: { type: 'spike', direction: 'down' },
    make: (seed) =>
      counts(seed, (peak, d) => {
        const incidents = place(d, 2, () => 2 + Math.floor(d.float() * 2), (t) => rhythm(t, peak) >= 20 && rhythm(t + 2 * H, peak) >= 20);
        return { incidents, mean: (t, base) => base * (within(t, incidents) ? (within(t, incidents)!.size === 'small' ? 0.3 : 0.1) : 1) };
      }),
  },
  {
    name: 'flatline',
    rule: { type: 'flatline' },
    make: (seed) =>
      counts(seed, (peak, d) => {
        const incidents = place(d, 2, () => 2, (t) => rhythm(t, peak) >= 8 && rhythm(t + H, peak) >= 8);
        return { incidents, mean: (t, base) => (within(t, incidents) ? 0 : base) };
      }),
  },
  {
    name: 'emerging term',
    rule: { type: 'emerging' },
    make: (seed) => {
      const d = draws(seed);
      const incidents = place(d, 1, () => 6).map((i) => ({ ...i, size: seed % 2 === 0 ? ('small' as const) : ('large' as const) }));
      const background = seed % 4 < 2 ? 0 : 0.002;
      return { incidents, series: series(times.map((t) => ({ t, value: d.poisson(within(t, incidents) ? (within(t, incidents)!.size === 'small' ? 3 : 8) : background) }))) };
    },
  },
  {
    name: 'spike up (negative share)',
    rule: { type: 'spike', metric: 'negativeShare', direction: 'up' },
    make: (seed) => {
      const d = draws(seed);
      const incidents = place(d, 2, () => 3, (t) => rhythm(t, 80) >= 45 && rhythm(t + 2 * H, 80) >= 45);
      const buckets = times.map((t) => {
        const n = d.count(rhythm(t, 80));
        const hit = within(t, incidents);
        const k = d.binomial(n, hit ? (hit.size === 'small' ? 0.4 : 0.6) : 0.2);
        return { t, value: n ? k / n : null, volume: n };
      });
      return { incidents, series: series(buckets) };
    },
  },
  { name: 'drop (daily NPS)', rule: { type: 'drop', metric: 'nps' }, make: (seed) => npsStream(seed, { small: 10, large: -10 }) },
  { name: 'floor (daily NPS below 0)', rule: { type: 'floor', metric: 'nps' }, make: (seed) => npsStream(seed, { small: -15, large: -35 }) },
];
