import { describe, expect, it } from 'vitest';
import { classificationReport } from './classification-metrics.ts';
import { crossValidate, foldOf } from './cross-validate.ts';
import { syntheticRows } from './synthetic-rows.fixture.ts';

describe('cross-validation', () => {
  it('assigns folds by the shared multiplicative hash, evenly', () => {
    expect(foldOf(0, 5)).toBe((Math.imul(1, 2654435761) >>> 0) % 5);
    const sizes = [0, 0, 0, 0, 0];
    for (let i = 0; i < 10_000; i++) sizes[foldOf(i, 5)]!++;
    for (const s of sizes) expect(s).toBeGreaterThan(1900);
  });

  it('scores a separable set perfectly, with per-label figures and an out-of-fold prediction per row', () => {
    const rows = syntheticRows(20);
    const folds: number[] = [];
    const report = crossValidate(rows, 5, { task: 'issue', onFold: (fold, _k, done, total) => done === total && folds.push(fold) });
    expect(report).toMatchObject({ rows: 60, folds: 5, accuracy: 1, macroF1: 1 });
    expect(report.perClass.billing).toEqual({ precision: 1, recall: 1, f1: 1, support: 20 });
    expect(report.predictions).toEqual(rows.map((r) => r.label));
    expect(folds).toEqual([0, 1, 2, 3, 4]);
    expect(report.trainingMs).toBeGreaterThanOrEqual(report.predictionMs);
  });

  it('reports noisy labels as errors, consistently across its figures', () => {
    const rows = syntheticRows(40, { noise: 0.3 });
    const report = crossValidate(rows, 4, { task: 'issue' });
    expect(report.accuracy).toBeGreaterThan(0.6);
    expect(report.accuracy).toBeLessThan(0.95);
    const supports = Object.values(report.perClass).map((c) => c.support);
    expect(supports.reduce((a, b) => a + b, 0)).toBe(rows.length);
    const diagonal = report.confusion.matrix.reduce((a, row, i) => a + row[i]!, 0);
    expect(diagonal / rows.length).toBeCloseTo(report.accuracy, 12);
    expect(crossValidate(rows, 4, { task: 'issue' }).predictions).toEqual(report.predictions);
  });

  it('refuses fewer than two folds', () => {
    expect(() => crossValidate(syntheticRows(5), 1, { task: 'issue' })).toThrow(/at least 2 folds/);
  });
});

describe('classification report', () => {
  it('computes precision, recall, F1, support, macro-F1 over gold labels and the confusion matrix', () => {
    const gold = ['a', 'a', 'a', 'b', 'b', 'c'];
    const predicted = ['a', 'a', 'b', 'b', 'd', 'a'];
    const r = classificationReport(gold, predicted);
    expect(r.accuracy).toBeCloseTo(3 / 6, 12);
    expect(r.perClass.a).toEqual({ precision: 2 / 3, recall: 2 / 3, f1: 2 / 3, support: 3 });
    expect(r.perClass.b).toEqual({ precision: 0.5, recall: 0.5, f1: 0.5, support: 2 });
    expect(r.perClass.c).toEqual({ precision: 0, recall: 0, f1: 0, support: 1 });
    // 'd' was predicted but is no gold label: listed, not averaged.
    expect(r.perClass.d?.support).toBe(0);
    expect(r.macroF1).toBeCloseTo((2 / 3 + 0.5 + 0) / 3, 12);
    expect(r.confusion).toEqual({
      labels: ['a', 'b', 'c', 'd'],
      matrix: [
        [2, 1, 0, 0],
        [0, 1, 0, 1],
        [1, 0, 0, 0],
        [0, 0, 0, 0],
      ],
    });
  });
});
