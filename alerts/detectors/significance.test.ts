// The tails against scipy.stats (1.14) reference values, and the dispersion scaling.
import { describe, expect, it } from 'vitest';
import { binomialTail, median, normalTail, poissonTail, robustSpread, surprise } from './significance.ts';

describe('tails', () => {
  it('match scipy.stats', () => {
    expect(poissonTail(10, 3.2, 'up')).toBeCloseTo(0.001761887868184628, 14); // poisson.sf(9, 3.2)
    expect(poissonTail(2, 11.5, 'down')).toBeCloseTo(0.0007964786091923394, 14); // poisson.cdf(2, 11.5)
    expect(binomialTail(30, 100, 0.2, 'up')).toBeCloseTo(0.011248978720991648, 14); // binom.sf(29, 100, 0.2)
    expect(binomialTail(5, 60, 0.25, 'down')).toBeCloseTo(0.0009561287427761049, 14); // binom.cdf(5, 60, 0.25)
    expect(normalTail(3.1, 'up')).toBeCloseTo(0.0009676032132183563, 14); // norm.sf(3.1)
    expect(normalTail(-2.2, 'down')).toBeCloseTo(0.013903447513498595, 14); // norm.cdf(-2.2)
  });

  it('are 1 where nothing can be surprising, and 0 where the observation is impossible', () => {
    expect(poissonTail(0, 0, 'up')).toBe(1);
    expect(poissonTail(0, 5, 'up')).toBe(1);
    expect(poissonTail(3, 0, 'up')).toBe(0);
    expect(poissonTail(0, 0, 'down')).toBe(1);
    expect(binomialTail(0, 0, 0.3, 'up')).toBe(1);
    expect(binomialTail(4, 10, 0, 'up')).toBe(0);
    expect(binomialTail(10, 10, 0.3, 'down')).toBe(1);
  });

  it('test a stream φ times as variable as Poisson as if it held 1/φ of the events', () => {
    expect(poissonTail(20, 6.4, 'up', 2)).toBeCloseTo(poissonTail(10, 3.2, 'up'), 14);
    expect(binomialTail(60, 200, 0.2, 'up', 2)).toBeCloseTo(binomialTail(30, 100, 0.2, 'up'), 14);
    // Fractional counts interpolate between the neighbouring whole ones.
    const p = poissonTail(10.5, 3.2, 'up');
    expect(p).toBeLessThan(poissonTail(10, 3.2, 'up'));
    expect(p).toBeGreaterThan(poissonTail(11, 3.2, 'up'));
  });

  it('read as surprise, −log10 p', () => {
    expect(surprise(0.001)).toBeCloseTo(3, 12);
    expect(surprise(1)).toBe(0);
    expect(surprise(0)).toBe(300);
  });
});

describe('robust summaries', () => {
  it('ignore a minority of extreme values', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([10, 11, 9, 10, 500])).toBe(10);
    expect(robustSpread([10, 11, 9, 10, 500])).toBeCloseTo(1.4826, 4);
    expect(median([])).toBeNaN();
  });
});
