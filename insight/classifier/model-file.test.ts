import { describe, expect, it } from 'vitest';
import { crossValidate } from './cross-validate.ts';
import { quantise } from './model-encoding.ts';
import { deserialize, ModelFileError, serialize } from './model-file.ts';
import { syntheticRows } from './synthetic-rows.fixture.ts';
import { train } from './train-classifier.ts';

const rows = syntheticRows(30, { noise: 0.1 });
const model = train(rows, { task: 'issue' });
const probes = ['the courier lost my package', 'refund please', 'login screen crash', 'nothing known here', '', '快递太慢'];

describe('model file', () => {
  it('round-trips: same modelVersion, same probabilities to the last bit', () => {
    const loaded = deserialize(serialize(model));
    expect(loaded.modelVersion).toBe(model.modelVersion);
    expect(loaded.labels).toEqual(model.labels);
    for (const text of [...probes, ...rows.map((r) => r.text)]) expect(loaded.probabilities(text)).toEqual(model.probabilities(text));
  });

  it('writes the versioned header, the training facts and the report', () => {
    const { predictions: _p, ...report } = crossValidate(rows, 3, { task: 'issue' });
    const file = JSON.parse(serialize(model, { file: 'tickets.csv', report }));
    expect(file).toMatchObject({
      format: 'voc-classifier',
      formatVersion: 2,
      modelVersion: model.modelVersion,
      task: 'issue',
      labels: ['app', 'billing', 'delivery'],
      trainedOn: { rows: rows.length, file: 'tickets.csv' },
      report: { folds: 3, accuracy: report.accuracy },
      weights: { encoding: 'int8' },
    });
    expect(Date.parse(file.createdAt)).not.toBeNaN();
    expect(Object.keys(file).slice(0, 6)).toEqual(['format', 'formatVersion', 'modelVersion', 'task', 'labels', 'createdAt']);
    const loaded = deserialize(JSON.stringify(file));
    expect(loaded.info.report?.accuracy).toBe(report.accuracy);
    expect(loaded.info.trainedOn.file).toBe('tickets.csv');
  });

  it('names the content, not the moment: a model trained again later has the same version', () => {
    const again = train(rows, { task: 'issue' });
    expect(JSON.parse(serialize(again)).modelVersion).toBe(JSON.parse(serialize(model)).modelVersion);
  });

  it('refuses other formats, other versions, damaged or edited files', () => {
    const file = JSON.parse(serialize(model));
    expect(() => deserialize('{')).toThrow(ModelFileError);
    expect(() => deserialize(JSON.stringify({ ...file, format: 'onnx' }))).toThrow(/not a model file/);
    expect(() => deserialize(JSON.stringify({ ...file, formatVersion: 3 }))).toThrow(/version 3 is not supported; this voc reads version 2$/);
    expect(() => deserialize(JSON.stringify({ ...file, formatVersion: 1 }))).toThrow(/version 1 is not supported; this voc reads version 2 \(train the model again/);
    expect(() => deserialize(JSON.stringify({ ...file, labels: ['app'] }))).toThrow(/invalid model file/);
    expect(() => deserialize(JSON.stringify({ ...file, idf: file.idf.slice(0, 16) }))).toThrow(/inconsistent model/);
    const edited = { ...file, weights: { ...file.weights, bias: file.weights.bias.map((b: number) => b + 1) } };
    expect(() => deserialize(JSON.stringify(edited))).toThrow(/does not match its modelVersion/);
  });

  it('quantises to int8 per class and drops features whose weights all round to zero', () => {
    const linear = { features: 3, classes: 2, weights: Float32Array.of(1, -2, 0.001, 0.001, 0.5, 0), bias: Float32Array.of(0, 0) };
    const q = quantise(linear, { words: ['a', 'b'], chars: ['cc'] }, Float32Array.of(1, 2, 3));
    expect(q.vocabulary).toEqual({ words: ['a'], chars: ['cc'] });
    expect([...q.idf]).toEqual([1, 3]);
    expect([...q.weights.values]).toEqual([127, -127, 64, 0]);
    expect(q.weights.scales[0]).toBeCloseTo(1 / 127, 7);
  });
});
