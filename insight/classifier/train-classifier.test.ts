import { describe, expect, it } from 'vitest';
import { syntheticRows } from './synthetic-rows.fixture.ts';
import { defaultCalibrationFolds, TrainingDataError, train } from './train-classifier.ts';

describe('train', () => {
  const rows = syntheticRows(40);

  it('learns a separable set: every training row and new texts right, confident', () => {
    const model = train(rows, { task: 'issue' });
    expect(model.labels).toEqual(['app', 'billing', 'delivery']);
    expect(rows.every((r) => model.predict(r.text).label === r.label)).toBe(true);
    expect(model.predict('the courier lost my package').label).toBe('delivery');
    expect(model.predict('I was overcharged, where is my refund?').label).toBe('billing');
    const p = model.predict('app freezes on the login screen');
    expect(p.label).toBe('app');
    expect(p.confidence).toBeGreaterThan(0.5);
    expect(p.confidence).toBeLessThanOrEqual(1);
  });

  it('gives probabilities that sum to one, in the order of labels', () => {
    const model = train(rows, { task: 'issue' });
    const p = model.probabilities('refund for the parcel');
    expect(p).toHaveLength(3);
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    expect(model.predict('refund for the parcel').confidence).toBe(Math.max(...p));
  });

  it('is deterministic for a seed: same rows, same seed, same modelVersion', () => {
    const a = train(rows, { task: 'issue', seed: 3 });
    const b = train(rows, { task: 'issue', seed: 3 });
    const c = train(rows, { task: 'issue', seed: 4 });
    expect(b.modelVersion).toBe(a.modelVersion);
    expect(a.modelVersion).toMatch(/^issue-[0-9a-f]{12}$/);
    expect(c.modelVersion).not.toBe(a.modelVersion);
  });

  it('fills in and records its settings; balanced weights by default for issues only', () => {
    expect(train(rows, { task: 'issue' }).parts.settings).toMatchObject({ classWeight: 'balanced', epochs: 10, seed: 1, C: 20, l2: 1 / (20 * rows.length), calibrationFolds: 0 });
    expect(train(rows, { task: 'sentiment' }).parts.settings).toMatchObject({ classWeight: 'uniform', calibrationFolds: 0 });
    expect(train(rows, { task: 'issue', l2: 0.01 }).parts.settings).toMatchObject({ C: null, l2: 0.01 });
    expect(train(rows, { task: 'issue' }).info.trainedOn).toEqual({ rows: rows.length });
  });

  it('calibrates issue types by default only when the largest label has 5 times the rows of the smallest', () => {
    const skewed = [...rows.filter((r) => r.label !== 'app'), ...rows.filter((r) => r.label === 'app').slice(0, 8)];
    expect(defaultCalibrationFolds(skewed, 'issue')).toBe(5);
    expect(defaultCalibrationFolds(skewed.slice(0, -1), 'issue')).toBe(5);
    expect(defaultCalibrationFolds([...skewed, rows.find((r) => r.label === 'app')!], 'issue')).toBe(0);
    expect(defaultCalibrationFolds(rows, 'issue')).toBe(0);
    expect(defaultCalibrationFolds(skewed, 'sentiment')).toBe(0);
    expect(train(skewed, { task: 'issue' }).parts.settings.calibrationFolds).toBe(5);
  });

  it('reports progress over the calibration folds too, and trains them only when asked', () => {
    const progress = (calibrationFolds: number) => {
      const seen: Array<[number, number]> = [];
      train(rows, { task: 'issue', epochs: 2, calibrationFolds, onEpoch: (done, total) => seen.push([done, total]) });
      return seen;
    };
    expect(progress(3)).toEqual(Array.from({ length: 8 }, (_, i) => [i + 1, 8]));
    expect(train(rows, { task: 'issue', calibrationFolds: 1 }).parts.settings.calibrationFolds).toBe(0);
    expect(progress(0)).toEqual([
      [1, 2],
      [2, 2],
    ]);
  });

  it('weighs rows against each other: conflicting labels go to the heavier rows, and the model says it was weighted', () => {
    // Every "late parcel" row appears twice, once per label; only the weights decide.
    const conflicting = ['my parcel is late', 'late parcel again', 'the parcel came late', 'parcel late by a week'];
    const weighted = (delivery: number, billing: number) =>
      train(
        [...rows, ...conflicting.flatMap((text) => [{ text, label: 'delivery', weight: delivery }, { text, label: 'billing', weight: billing }])],
        { task: 'issue', calibrationFolds: 0 },
      );
    expect(weighted(0.9, 0.1).predict('late parcel').label).toBe('delivery');
    expect(weighted(0.1, 0.9).predict('late parcel').label).toBe('billing');
    expect(weighted(0.9, 0.1).info.trainedOn).toEqual({ rows: rows.length + 8, weighted: true });
    // Only relative weights count: the same weight on every row is no weighting at all.
    const plain = train(rows, { task: 'issue' });
    expect(train(rows.map((r) => ({ ...r, weight: 4 })), { task: 'issue' }).modelVersion).toBe(plain.modelVersion);
    expect(train(rows.map((r, i) => ({ ...r, weight: i % 2 ? 4 : 1 })), { task: 'issue' }).modelVersion).not.toBe(plain.modelVersion);
  });

  it('refuses a weight that is not a number of at least 0, naming the row', () => {
    const bad = (weight: number) => train([...rows.slice(0, 5), { ...rows[5]!, weight }, ...rows.slice(6)], { task: 'issue' });
    expect(() => bad(-1)).toThrow(/row 6 has weight -1/);
    expect(() => bad(Number.NaN)).toThrow(TrainingDataError);
    expect(() => bad(Number.POSITIVE_INFINITY)).toThrow(/at least 0/);
    expect(() => train(rows.map((r) => ({ ...r, weight: 0 })), { task: 'issue' })).toThrow(/every row has weight 0/);
  });

  it('learns Chinese labels', () => {
    const zh = [
      ...['快递太慢了', '物流很慢，等了一周', '配送延迟，包裹还没到', '送货速度太慢'].map((text) => ({ text, label: '物流' })),
      ...['价格太贵了', '多收了钱，要求退款', '退款一直没到账', '价格比别家贵'].map((text) => ({ text, label: '价格' })),
    ];
    const model = train([...zh, ...zh, ...zh], { task: 'issue' });
    expect(model.predict('包裹太慢').label).toBe('物流');
    expect(model.predict('退款呢').label).toBe('价格');
  });

  it('refuses fewer than two labels', () => {
    expect(() => train(rows.map((r) => ({ ...r, label: 'x' })), { task: 'issue' })).toThrow(TrainingDataError);
    expect(() => train([], { task: 'issue' })).toThrow(/at least 2 labels/);
  });
});
