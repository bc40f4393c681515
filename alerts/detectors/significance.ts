// The one-sided tests the detectors call changes with, one per kind of metric:
//   counts: Poisson tails, P(X ≥ x) or P(X ≤ x) for X ~ Poisson(baseline);
//   shares: binomial tails, P(K ≥ k) or P(K ≤ k) for K ~ Binomial(n, baseline share);
//   means:  normal tails of z = (mean − baseline) · √n / σ.
// Feedback is burstier than Poisson or binomial sampling (one outage, many messages), so
// counts and shares are first divided by a dispersion factor φ ≥ 1 measured on the
// baseline's own history (quasi-likelihood scaling: a stream twice as variable as
// Poisson is tested as if it held half the events). The tails are the regularized
// incomplete gamma and beta functions, which take such fractional counts as they are.
import betainc from '@stdlib/math-base-special-betainc';
import gammainc from '@stdlib/math-base-special-gammainc';
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';

export type Side = 'up' | 'down';

/** P(X ≥ x) (up) or P(X ≤ x) (down) for X ~ Poisson(λ), x and λ divided by φ first. */
export function poissonTail(x: number, lambda: number, side: Side, phi = 1): number {
  const k = x / phi;
  const l = lambda / phi;
  if (side === 'up') {
    if (k <= 0) return 1;
    if (l <= 0) return 0;
    return gammainc(l, k, true, false);
  }
  if (l <= 0) return 1;
  return gammainc(l, k + 1, true, true);
}

/** P(K ≥ k) (up) or P(K ≤ k) (down) for K ~ Binomial(n, p), k and n divided by φ first. */
export function binomialTail(k: number, n: number, p: number, side: Side, phi = 1): number {
  const kk = k / phi;
  const nn = n / phi;
  if (nn <= 0) return 1;
  if (side === 'up') {
    if (kk <= 0) return 1;
    if (p <= 0) return 0;
    if (p >= 1 || kk > nn) return p >= 1 ? 1 : 0;
    return betainc(p, kk, nn - kk + 1, true, false);
  }
  if (kk >= nn || p <= 0) return 1;
  if (p >= 1) return 0;
  return betainc(p, kk + 1, nn - kk, true, true);
}

/** P(Z ≥ z) (up) or P(Z ≤ z) (down) for a standard normal Z. */
export function normalTail(z: number, side: Side): number {
  return side === 'up' ? normalCdf(-z, 0, 1) : normalCdf(z, 0, 1);
}

/** The surprise of a p-value, −log10 p: 3 for p = 0.001; capped at 300 where p underflows. */
export function surprise(p: number): number {
  if (p >= 1) return 0;
  return p <= 0 ? 300 : Math.min(300, -Math.log10(p));
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Median absolute deviation, scaled by 1.4826 to estimate σ for normal data. */
export function robustSpread(values: readonly number[], centre = median(values)): number {
  return 1.4826 * median(values.map((v) => Math.abs(v - centre)));
}

/**
 * A spread estimate that a few incidents in the history cannot inflate: the root mean
 * square of the deviations without their largest tenth (divided by 0.789, what that
 * trimming takes from a normal sample's spread); for continuous figures, at least the
 * scaled MAD too, so that a lucky run of quiet windows cannot shrink it much. (Small whole
 * counts make the MAD coarse: 1.48 × 2 for Poisson(6), whose spread is 2.45.) `deviations`
 * are already centred.
 */
export function robustSd(deviations: readonly number[], opts: { continuous: boolean }): number {
  if (deviations.length === 0) return Number.NaN;
  const abs = deviations.map(Math.abs).sort((a, b) => a - b);
  const drop = Math.floor(abs.length / 10);
  const kept = abs.slice(0, abs.length - drop);
  const rms = Math.sqrt(kept.reduce((sum, d) => sum + d * d, 0) / Math.max(kept.length - (drop ? 0 : 1), 1));
  const trimmed = drop ? rms / 0.789 : rms;
  return opts.continuous ? Math.max(1.4826 * median(abs), trimmed) : trimmed;
}
