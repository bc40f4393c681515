import { describe, expect, it } from 'vitest';
import { benjaminiHochberg, binomialTestP, callChanges, clopperPearson, compareRates } from './statistics.ts';

// Reference values from scipy 1.x: scipy.stats.binomtest(k, n, p).pvalue and
// .proportion_ci(method='exact'), and scipy.stats.false_discovery_control.
const reference: Array<[k: number, n: number, p: number, pValue: number, low: number, high: number]> = [
  [3, 4, 0.5, 0.625, 0.19412044968324338, 0.9936905367902901],
  [1, 4, 0.5, 0.625, 0.006309463209709889, 0.8058795503167566],
  [30, 40, 0.5, 0.0022214337732293643, 0.5880380198484636, 0.8730852010671533],
  [12, 20, 0.3, 0.005936084198097523, 0.3605425873072448, 0.8088099392744295],
  [0, 10, 0.5, 0.001953125, 0, 0.30849710781876294],
  [7, 50, 0.05, 0.011786447797264277, 0.05819170033997344, 0.26739600249700846],
  [55, 100, 0.5, 0.36820161732669615, 0.4472801887739499, 0.6496797707603279],
  [120, 200, 0.45, 2.43842257077303e-5, 0.5285356727970459, 0.6684537362643607],
];

describe('exact binomial test', () => {
  it.each(reference)('k=%i n=%i p=%f agrees with scipy', (k, n, p, pValue, low, high) => {
    expect(binomialTestP(k, n, p)).toBeCloseTo(pValue, 10);
    const [lo, hi] = clopperPearson(k, n);
    expect(lo).toBeCloseTo(low, 9);
    expect(hi).toBeCloseTo(high, 9);
  });

  it('is fast enough for large counts', () => {
    const started = performance.now();
    for (let i = 0; i < 100; i++) binomialTestP(40_000 + i, 100_000, 0.4);
    // A generous bound: the point is that the work does not grow with n (no sum over every outcome).
    expect(performance.now() - started).toBeLessThan(500);
    expect(binomialTestP(40_000, 100_000, 0.4)).toBeCloseTo(1, 2);
    expect(binomialTestP(41_000, 100_000, 0.4)).toBeLessThan(1e-9);
  });

  it('keeps its promise under the null: at most 5% false alarms at 5%', () => {
    // Many small comparisons with equal rates; the exact test is conservative.
    let seed = 7;
    const rand = () => (seed = Math.imul(seed, 48271) >>> 0) / 2 ** 32;
    // Knuth's method: multiply uniforms until the product drops below e^-mean.
    const poisson = (mean: number) => {
      const limit = Math.exp(-mean);
      let k = 0;
      for (let product = rand(); product > limit; product *= rand()) k++;
      return k;
    };
    let alarms = 0;
    const trials = 4000;
    for (let i = 0; i < trials; i++) {
      const r = compareRates(poisson(6), 1000, poisson(6), 1000);
      if (r.p !== null && r.p < 0.05) alarms++;
    }
    expect(alarms / trials).toBeLessThanOrEqual(0.05);
  });
});

describe('rate comparison', () => {
  it('does not call 1 → 3 a change', () => {
    const r = compareRates(1, 500, 3, 500);
    expect(r.rateRatio).toBe(3);
    expect(r.p).toBeCloseTo(0.625, 10);
    expect(r.interval![0]).toBeLessThan(1);
  });

  it('accounts for the volume of each period', () => {
    // Twice the mentions in twice the items is no change; in the same items it is.
    expect(compareRates(40, 1000, 80, 2000).p).toBeCloseTo(1, 6);
    expect(compareRates(40, 1000, 80, 1000).p!).toBeLessThan(0.001);
  });

  it('has nothing to say without items or mentions', () => {
    expect(compareRates(0, 0, 5, 100)).toEqual({ rateRatio: null, interval: null, p: null });
    expect(compareRates(0, 100, 0, 100).p).toBeNull();
    expect(compareRates(0, 100, 12, 100).interval![1]).toBeNull();
  });
});

describe('Benjamini–Hochberg', () => {
  it('agrees with scipy', () => {
    expect(benjaminiHochberg([0.01, 0.04, 0.03, 0.005, 0.5, 0.2]).map((q) => Number(q.toFixed(10)))).toEqual([0.03, 0.06, 0.06, 0.03, 0.5, 0.24]);
  });
});

describe('calling changes', () => {
  it('holds back small counts, calls a clear rise, and corrects for the number of comparisons', () => {
    const [tiny, burst, steady] = callChanges([{ before: 1, now: 3 }, { before: 2, now: 30 }, { before: 50, now: 52 }], 1000, 1000);
    expect(tiny).toMatchObject({ significant: false, direction: null, note: expect.stringMatching(/fewer than 10 mentions/) });
    expect(burst).toMatchObject({ significant: true, direction: 'up' });
    expect(burst!.q!).toBeGreaterThanOrEqual(burst!.p!);
    expect(steady).toMatchObject({ significant: false, direction: null });
    expect(steady!.note).toBeUndefined();
    // The same p-value, among many comparisons, gets a larger q.
    const alone = callChanges([{ before: 10, now: 25 }], 1000, 1000)[0]!;
    const crowd = callChanges([{ before: 10, now: 25 }, ...Array.from({ length: 30 }, () => ({ before: 20, now: 20 }))], 1000, 1000)[0]!;
    expect(crowd.p).toBeCloseTo(alone.p!, 12);
    expect(crowd.q!).toBeGreaterThan(alone.q!);
  });

  it('calls a fall a fall', () => {
    expect(callChanges([{ before: 60, now: 10 }], 1000, 1000)[0]).toMatchObject({ significant: true, direction: 'down' });
  });
});
