// The tests behind voc's claims of a "significant" change. Counts of feedback are treated
// as Poisson with the period's items as exposure; comparing two periods then conditions on
// the total: with x₁ of n₁ items before and x₂ of n₂ items now, under "no change in the
// rate" x₂ given x₁ + x₂ is Binomial(x₁ + x₂, n₂ / (n₁ + n₂)). The exact binomial test of
// that (the conditional test for two Poisson rates) is valid for any count, however small.
// Its two-sided p-value sums the outcomes no more likely than the one seen, as R's
// binom.test and scipy's binomtest do; the distribution functions are stdlib's. Many
// issues tested at once are corrected with Benjamini–Hochberg. Counts clustered in time
// (one incident, many messages) vary more than Poisson, which makes any such test too
// eager; the minimum-volume guard and the false-discovery correction are the brakes.
import binomialCdf from '@stdlib/stats-base-dists-binomial-cdf';
import binomialLogPmf from '@stdlib/stats-base-dists-binomial-logpmf';
import betaQuantile from '@stdlib/stats-base-dists-beta-quantile';
import padjust from '@stdlib/stats-padjust';

/** Relative tolerance of R and scipy: outcomes this close in probability count as equally extreme. */
const TIE = 1 + 1e-7;

/**
 * Exact two-sided binomial test: P(X such that P(X) ≤ P(k)) for X ~ Binomial(n, p). The
 * pmf is unimodal, so those outcomes are a lower tail and an upper tail; the tail on the
 * other side of the mode from k is bounded by binary search, and both are read from the cdf.
 */
export function binomialTestP(k: number, n: number, p: number): number {
  if (n === 0) return 1;
  const observed = binomialLogPmf(k, n, p) + Math.log(TIE);
  const mode = Math.floor((n + 1) * p);
  const lowerTail = (a: number) => (a < 0 ? 0 : binomialCdf(a, n, p));
  const upperTail = (b: number) => (b > n ? 0 : 1 - binomialCdf(b - 1, n, p));
  if (k === mode || binomialLogPmf(mode, n, p) <= observed) return 1;
  if (k < mode) {
    // Smallest b > mode with pmf(b) ≤ pmf(k).
    let lo = mode;
    let hi = n + 1;
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (binomialLogPmf(mid, n, p) <= observed) hi = mid;
      else lo = mid;
    }
    return Math.min(1, lowerTail(k) + upperTail(hi));
  }
  // Largest a < mode with pmf(a) ≤ pmf(k).
  let lo = -1;
  let hi = mode;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (binomialLogPmf(mid, n, p) <= observed) lo = mid;
    else hi = mid;
  }
  return Math.min(1, lowerTail(lo) + upperTail(k));
}

/** Exact (Clopper–Pearson) confidence interval of a binomial proportion k / n. */
export function clopperPearson(k: number, n: number, confidence = 0.95): [number, number] {
  if (n === 0) return [0, 1];
  const alpha = 1 - confidence;
  const lower = k === 0 ? 0 : betaQuantile(alpha / 2, k, n - k + 1);
  const upper = k === n ? 1 : betaQuantile(1 - alpha / 2, k + 1, n - k);
  return [lower, upper];
}

/** Benjamini–Hochberg adjusted p-values (q-values), in the order given. */
export function benjaminiHochberg(pValues: readonly number[]): number[] {
  return pValues.length ? (padjust([...pValues], 'bh') as number[]) : [];
}

/** Fewer mentions than this in both periods together are never called a significant change. */
export const MIN_EVENTS = 10;
/** False-discovery rate at which a change is called significant. */
export const ALPHA = 0.05;

export type RateComparison = {
  /** Rate now ÷ rate before, each per item of its period; null when there was none before. */
  rateRatio: number | null;
  /** 95% interval of the rate ratio (exact: the Clopper–Pearson interval of the conditional binomial, as odds). */
  interval: [number, number | null] | null;
  /** Two-sided p-value of the conditional test; null when there is nothing to test. */
  p: number | null;
};

/** Compares x₂ mentions among n₂ items now with x₁ among n₁ items before. */
export function compareRates(x1: number, n1: number, x2: number, n2: number): RateComparison {
  if (n1 === 0 || n2 === 0 || x1 + x2 === 0) return { rateRatio: null, interval: null, p: null };
  const total = x1 + x2;
  const p = binomialTestP(x2, total, n2 / (n1 + n2));
  const [lo, hi] = clopperPearson(x2, total);
  const scale = n1 / n2;
  return {
    rateRatio: x1 === 0 ? null : x2 / n2 / (x1 / n1),
    // An upper bound of ∞ (nothing before) is written as null: JSON has no infinity.
    interval: [(lo / (1 - lo)) * scale, hi >= 1 ? null : (hi / (1 - hi)) * scale],
    p,
  };
}

export type ChangeCall = RateComparison & {
  q: number | null;
  significant: boolean;
  direction: 'up' | 'down' | null;
  /** Why no claim is made, when none is. */
  note?: string;
};

/**
 * The decision behind every "significant change" voc reports: each of several counts
 * (mentions of an issue or a term) compared between two periods by `compareRates`,
 * Benjamini–Hochberg across all of them, significant when q < ALPHA and the two periods
 * together hold at least MIN_EVENTS mentions. Pass every count that is compared, not only
 * the ones that will be shown, or the correction would be too lenient.
 */
export function callChanges(counts: ReadonlyArray<{ before: number; now: number }>, itemsBefore: number, itemsNow: number): ChangeCall[] {
  const tests = counts.map((c) => compareRates(c.before, itemsBefore, c.now, itemsNow));
  const qs = benjaminiHochberg(tests.map((t) => t.p ?? 1));
  return counts.map((c, k) => {
    const test = tests[k]!;
    const enough = c.before + c.now >= MIN_EVENTS;
    const significant = enough && test.p !== null && qs[k]! < ALPHA;
    return {
      ...test,
      q: test.p === null ? null : qs[k]!,
      significant,
      direction: significant ? (c.now / itemsNow > c.before / itemsBefore ? 'up' : 'down') : null,
      ...(!enough ? { note: `fewer than ${MIN_EVENTS} mentions in both periods together: no claim either way` } : test.p === null ? { note: 'no items in one of the periods' } : {}),
    };
  });
}
