import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CommanderError } from 'commander';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { deserialize } from '../insight/classifier/model-file.ts';
import { syntheticRows } from '../insight/classifier/synthetic-rows.fixture.ts';
import { trainCommand } from './train.command.ts';

let dir: string;
let csv: string;
const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'voc-train-command-'));
  csv = join(dir, 'tickets.csv');
  const rows = syntheticRows(30).map((r, i) => `${i},${quote(`${r.text}, "quoted"`)},${r.label}`);
  // A BOM, an empty text and an empty label: both rows dropped and counted.
  await writeFile(csv, `\uFEFFid,Body,Category\n${rows.join('\n')}\n99,,billing\n100,some text,\n`);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const command = trainCommand();
  command.configureOutput({ writeOut: (s) => out.push(s), writeErr: (s) => err.push(s) });
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((s) => out.push(String(s)) > 0);
  let code: number;
  try {
    await command.parseAsync(args, { from: 'user' });
    code = Number(process.exitCode ?? 0);
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    code = error.exitCode;
  } finally {
    stdout.mockRestore();
    process.exitCode = undefined;
  }
  return { code, out: out.join(''), err: err.join('') };
}

const base = () => ['--data', csv, '--text', 'Body', '--label', 'Category', '--task', 'issue', '--out', join(dir, 'model.json')];

describe('voc train', () => {
  it('cross-validates, trains, writes the model file and prints the report', async () => {
    const result = await run(base());
    expect(result.code).toBe(0);
    expect(result.out).toContain('90 rows used, 3 labels (task issue); 2 of 92 rows dropped for an empty text or label');
    expect(result.out).toMatch(/cross-validated, 5 folds: accuracy 1\.000, macro-F1 1\.000/);
    expect(result.out).toMatch(/label\s+support\s+precision\s+recall\s+f1\napp\s+30\s+1\.000/);
    const model = deserialize(await readFile(join(dir, 'model.json'), 'utf8'));
    expect(result.out).toContain(`model ${model.modelVersion} trained on all 90 rows`);
    expect(model.info).toMatchObject({ trainedOn: { rows: 90, file: 'tickets.csv' }, report: { folds: 5, accuracy: 1 } });
    expect(model.predict('the courier lost my parcel').label).toBe('delivery');
  });

  it('prints the report as JSON with --json, honouring --folds, --seed and --limit', async () => {
    const result = await run([...base(), '--json', '--folds', '3', '--seed', '9', '--limit', '30', '--calibration-folds', '2']);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.out);
    expect(report).toMatchObject({
      task: 'issue',
      data: { rowsRead: 30, rowsUsed: 30, rowsDropped: 0, labels: 3 },
      crossValidation: { folds: 3, rows: 30, accuracy: expect.any(Number) },
      model: { modelVersion: expect.stringMatching(/^issue-[0-9a-f]{12}$/) },
    });
    expect(report.crossValidation.predictions).toBeUndefined();
    expect(deserialize(await readFile(join(dir, 'model.json'), 'utf8')).parts.settings).toMatchObject({ seed: 9, calibrationFolds: 2 });
  });

  it('weighs rows by --weight: the heavier of two conflicting labels wins, and the report says so', async () => {
    // Each "late parcel" text is in the file twice, as delivery and as billing; the weights decide.
    const weighted = join(dir, 'weighted.csv');
    const conflicting = ['my parcel is late', 'late parcel again', 'the parcel came late', 'parcel late by a week'];
    const lines = (delivery: string, billing: string) => [
      'text,label,agreement',
      ...syntheticRows(30).map((r) => `${quote(r.text)},${r.label},1`),
      ...conflicting.flatMap((t) => [`${t},delivery,${delivery}`, `${t},billing,${billing}`]),
    ];
    const train = async (delivery: string, billing: string) => {
      await writeFile(weighted, `${lines(delivery, billing).join('\n')}\n`);
      const out = join(dir, `weighted-${delivery}.json`);
      const result = await run(['--data', weighted, '--text', 'text', '--label', 'label', '--weight', 'agreement', '--task', 'issue', '--out', out]);
      return { result, model: result.code === 0 ? deserialize(await readFile(out, 'utf8')) : undefined };
    };
    const towardsDelivery = await train('0.9', '0.1');
    expect(towardsDelivery.result.out).toContain('98 rows used, 3 labels (task issue); rows weighted by column "agreement"');
    expect(towardsDelivery.model!.info.trainedOn).toMatchObject({ rows: 98, weighted: true });
    expect(towardsDelivery.model!.predict('late parcel').label).toBe('delivery');
    expect((await train('0.1', '0.9')).model!.predict('late parcel').label).toBe('billing');

    const bad = await train('0.9', 'high');
    expect(bad.result.code).toBe(2);
    expect(bad.result.err).toContain('row 92 after the header: weight "high" in column "agreement" (--weight); a weight is a number of at least 0');
    const blank = await train('', '0.5');
    expect(blank.result.code).toBe(2);
    expect(blank.result.err).toContain('row 91 after the header: no weight in column "agreement" (--weight)');
    const zeros = join(dir, 'zeros.csv');
    await writeFile(zeros, `text,label,agreement\n${syntheticRows(10).map((r) => `${quote(r.text)},${r.label},0`).join('\n')}\n`);
    const nothing = await run(['--data', zeros, '--text', 'text', '--label', 'label', '--weight', 'agreement', '--task', 'issue', '--out', join(dir, 'x.json')]);
    expect(nothing.code).toBe(2);
    expect(nothing.err).toContain('every row used has weight 0 in column "agreement" (--weight)');
    const missing = await run([...base(), '--weight', 'agreement']);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('column "agreement" (--weight) is not in');
  });

  it('exits with 2 and lists the header when a column is missing', async () => {
    const result = await run([...base().slice(0, 4), '--label', 'Topic', '--task', 'issue', '--out', join(dir, 'x.json')]);
    expect(result.code).toBe(2);
    expect(result.err).toContain(`column "Topic" (--label) is not in ${csv}; its header has: "id", "Body", "Category"`);
  });

  it('exits with 2 on an unknown task or a missing option', async () => {
    const unknown = await run(base().map((a) => (a === 'issue' ? 'topics' : a)));
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain("argument 'topics' is invalid. Allowed choices are sentiment, issue");
    const missing = await run(['--data', csv, '--text', 'Body', '--label', 'Category', '--task', 'issue']);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain("required option '--out <file>' not specified");
  });

  it('exits with 2 when there are fewer than two labels or too few rows', async () => {
    const one = join(dir, 'one.csv');
    await writeFile(one, `text,label\n${Array.from({ length: 20 }, (_, i) => `text ${i},same`).join('\n')}\n`);
    const single = await run(['--data', one, '--text', 'text', '--label', 'label', '--task', 'sentiment', '--out', join(dir, 'x.json')]);
    expect(single.code).toBe(2);
    expect(single.err).toContain('at least 2 different labels in column "label", found 1 (same)');
    const lonely = join(dir, 'lonely.csv');
    await writeFile(lonely, `text,label\n${Array.from({ length: 11 }, (_, i) => `text ${i},${i === 3 ? 'rare' : 'common'}`).join('\n')}\n`);
    const fold = await run(['--data', lonely, '--text', 'text', '--label', 'label', '--task', 'issue', '--out', join(dir, 'x.json')]);
    expect(fold.code).toBe(2);
    expect(fold.err).toContain('too few rows of some labels for 5-fold cross-validation');
    const few = await run([...base(), '--limit', '6']);
    expect(few.code).toBe(2);
    expect(few.err).toContain('too few rows: 6 with text and label, at least 10 are needed for 5-fold cross-validation');
  });

  it('exits with 2 when the data file cannot be read', async () => {
    const result = await run(['--data', join(dir, 'missing.csv'), '--text', 'a', '--label', 'b', '--task', 'issue', '--out', join(dir, 'x.json')]);
    expect(result.code).toBe(2);
    expect(result.err).toContain('missing.csv is not a file that can be read');
  });
});
