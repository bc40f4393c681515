// `voc train`: a CX team's labelled examples in, a model file out. Reads the CSV, drops
// rows without text or label (counted), cross-validates to say how good the model is
// (accuracy, macro-F1, a per-label table), trains on every row and writes the model file.
// Training is synchronous and CPU-bound; the progress bars (stderr, only on a terminal) are
// redrawn from the epoch callbacks, since no timer can fire while training runs.
// Exit codes: 0 written, 2 usage errors (unknown task, a missing column, fewer than two
// labels or too few rows; thrown as CommanderError for cli/voc.ts), 1 anything else.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { MultiBar, Presets, type SingleBar } from 'cli-progress';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { parse } from 'csv-parse/sync';
import { type ClassifierModel, classifierTasks, type ClassifierTask, type CrossValidationReport, type LabelledText } from '../insight/classifier/classifier.types.ts';
import { crossValidate } from '../insight/classifier/cross-validate.ts';
import { serialize } from '../insight/classifier/model-file.ts';
import { train, TrainingDataError, trainingDefaults } from '../insight/classifier/train-classifier.ts';

type Opts = {
  data: string;
  text: string;
  label: string;
  weight?: string;
  task: ClassifierTask;
  out: string;
  folds: number;
  seed: number;
  limit?: number;
  classWeight?: 'uniform' | 'balanced';
  calibrationFolds?: number;
  json?: boolean;
  progress: boolean;
};
import { EXIT_USAGE } from './exit-codes.ts';
/** Below this, cross-validated figures mean little and min-df has nothing to work with. */
const MIN_ROWS = 10;

class TrainUsageError extends Error {}

const wholeNumber = (min: number) => (value: string): number => {
  if (!/^\d+$/.test(value) || Number(value) < min) throw new InvalidArgumentError(`expected a whole number of at least ${min}`);
  return Number(value);
};

const examples = `
The CSV needs a header row; --text and --label name its columns. Rows with an empty text or
label are left out (and counted). With --weight, each row counts in training by the number in
that column (at least 0; only the ratios matter), e.g. how many of the labellers agreed;
cross-validation still scores every row once. The model file is JSON; its modelVersion names
its content.

Examples:
  voc train --data tickets.csv --text Body --label Category --task issue --out issue-model.json
  voc train --data reviews.csv --text "Review Text" --label Sentiment --task sentiment --out sentiment.json --json
  voc train --data tweets.csv --text text --label negativereason --weight negativereason_confidence --task issue --out reasons.json
`;

export function trainCommand(): Command {
  return new Command('train')
    .description('train a text classifier (sentiment or issue types) from labelled examples in a CSV, report its cross-validated quality, write the model file')
    .requiredOption('--data <file>', 'CSV file with a header row')
    .requiredOption('--text <column>', 'column holding the text')
    .requiredOption('--label <column>', 'column holding the label')
    .option('--weight <column>', "column holding each row's training weight, a number of at least 0 (default: every row weighs the same)")
    .addOption(new Option('--task <task>', 'what the labels are').choices(classifierTasks).makeOptionMandatory())
    .requiredOption('--out <file>', 'where to write the model file')
    .option('--folds <k>', 'cross-validation folds', wholeNumber(2), 5)
    .option('--seed <n>', 'seed of the training order (same data and seed, same model)', wholeNumber(0), trainingDefaults.seed)
    .option('--limit <n>', 'use only the first N rows of the file', wholeNumber(1))
    .addOption(new Option('--class-weight <weighting>', 'balanced favours rare labels (default: balanced for issue, uniform for sentiment)').choices(['uniform', 'balanced']))
    .option('--calibration-folds <k>', 'inner folds that choose per-label score offsets, 0 for none (default: 5 for issue types whose largest label has 5 times the rows of the smallest, else 0)', wholeNumber(0))
    .option('--json', 'print the report as JSON')
    .option('--no-progress', 'no progress bars')
    .addHelpText('after', examples)
    .showHelpAfterError('(run "voc train --help" for the options)')
    // commander reports its own usage errors with exit code 1; voc uses 2 for those.
    .exitOverride((error) => {
      throw error.exitCode === 1 ? new CommanderError(EXIT_USAGE, error.code, error.message) : error;
    })
    .action((opts: Opts, command: Command) => {
      try {
        run(opts);
      } catch (error) {
        if (error instanceof TrainUsageError || error instanceof TrainingDataError) {
          command.error(`error: ${error.message}`, { exitCode: EXIT_USAGE, code: 'voc.train.usage' });
        }
        throw error;
      }
    });
}

function run(opts: Opts): void {
  const { rows, dropped, read } = readRows(opts);
  const labels = [...new Set(rows.map((r) => r.label))];
  if (labels.length < 2) throw new TrainUsageError(`training needs at least 2 different labels in column "${opts.label}", found ${labels.length}${labels.length ? ` (${labels[0]})` : ''}`);
  const minRows = Math.max(MIN_ROWS, 2 * opts.folds);
  if (rows.length < minRows) throw new TrainUsageError(`too few rows: ${rows.length} with text and label, at least ${minRows} are needed for ${opts.folds}-fold cross-validation`);

  const options = {
    task: opts.task,
    seed: opts.seed,
    ...(opts.classWeight ? { classWeight: opts.classWeight } : {}),
    ...(opts.calibrationFolds !== undefined ? { calibrationFolds: opts.calibrationFolds } : {}),
  };
  const progress = opts.progress && process.stderr.isTTY ? createFoldBars(opts.folds) : undefined;
  let report: CrossValidationReport;
  let model: ClassifierModel;
  let trainingMs: number;
  try {
    try {
      report = crossValidate(rows, opts.folds, { ...options, onFold: (fold, _k, done, total) => progress?.update(fold, done, total) });
    } catch (error) {
      // All rows have two labels or more, but a fold's training part may not.
      if (error instanceof TrainingDataError) throw new TrainUsageError(`too few rows of some labels for ${opts.folds}-fold cross-validation (${error.message} in a fold)`);
      throw error;
    }
    const started = performance.now();
    model = train(rows, { ...options, onEpoch: (done, total) => progress?.update(opts.folds, done, total) });
    trainingMs = Math.round(performance.now() - started);
  } finally {
    progress?.stop();
  }
  const { predictions: _predictions, ...summary } = report;
  const json = serialize(model, { file: basename(opts.data), report: summary });
  writeFileSync(opts.out, json);

  const result = {
    task: opts.task,
    data: { file: opts.data, rowsRead: read, rowsUsed: rows.length, rowsDropped: dropped, labels: labels.length, ...(opts.weight !== undefined ? { weightColumn: opts.weight } : {}) },
    crossValidation: summary,
    model: { file: opts.out, modelVersion: model.modelVersion, bytes: Buffer.byteLength(json), trainingMs },
  };
  process.stdout.write(opts.json ? `${JSON.stringify(result)}\n` : formatReport(result));
}

function readRows(opts: Opts): { rows: LabelledText[]; dropped: number; read: number } {
  if (!statSync(opts.data, { throwIfNoEntry: false })?.isFile()) throw new TrainUsageError(`${opts.data} is not a file that can be read`);
  let records: string[][];
  try {
    records = parse(readFileSync(opts.data), { bom: true, relax_column_count: true, skip_empty_lines: true, ...(opts.limit ? { to: opts.limit + 1 } : {}) }) as string[][];
  } catch (error) {
    throw new TrainUsageError(`${opts.data} is not a readable CSV file: ${(error as Error).message}`);
  }
  const header = records[0] ?? [];
  const column = (name: string, option: string) => {
    const i = header.indexOf(name);
    if (i < 0) throw new TrainUsageError(`column "${name}" (${option}) is not in ${opts.data}; its header has: ${header.map((h) => JSON.stringify(h)).join(', ')}`);
    return i;
  };
  const textAt = column(opts.text, '--text');
  const labelAt = column(opts.label, '--label');
  const weightAt = opts.weight === undefined ? undefined : column(opts.weight, '--weight');
  const rows: LabelledText[] = [];
  let dropped = 0;
  for (const [i, record] of records.slice(1).entries()) {
    const text = record[textAt]?.trim();
    const label = record[labelAt]?.trim();
    if (!text || !label) {
      dropped++;
      continue;
    }
    if (weightAt === undefined) {
      rows.push({ text, label });
      continue;
    }
    // A row that is used needs a weight: guessing one for a blank cell would train on something nobody said.
    const cell = record[weightAt]?.trim() ?? '';
    const weight = cell === '' ? Number.NaN : Number(cell);
    if (!Number.isFinite(weight) || weight < 0) {
      throw new TrainUsageError(`row ${i + 1} after the header: ${cell === '' ? 'no weight' : `weight ${JSON.stringify(cell)}`} in column "${opts.weight}" (--weight); a weight is a number of at least 0`);
    }
    rows.push({ text, label, weight });
  }
  if (weightAt !== undefined && rows.length && rows.every((r) => r.weight === 0)) throw new TrainUsageError(`every row used has weight 0 in column "${opts.weight}" (--weight): there is nothing to learn from`);
  return { rows, dropped, read: records.length - 1 };
}

function createFoldBars(folds: number): { update(fold: number, done: number, total: number): void; stop(): void } {
  const multi = new MultiBar({ stream: process.stderr, format: ' {name} {bar} {value}/{total} epochs', hideCursor: true, clearOnComplete: false }, Presets.shades_classic);
  const bars: SingleBar[] = [];
  return {
    update(fold, done, total) {
      // Bars appear as their fold starts; the last one is the final model on all rows.
      while (bars.length <= fold) bars.push(multi.create(total, 0, { name: bars.length < folds ? `fold ${bars.length + 1}/${folds}  ` : 'final model ' }));
      bars[fold]!.update(done);
      multi.update();
    },
    stop() {
      multi.stop();
    },
  };
}

type Result = {
  task: ClassifierTask;
  data: { file: string; rowsRead: number; rowsUsed: number; rowsDropped: number; labels: number; weightColumn?: string };
  crossValidation: Omit<CrossValidationReport, 'predictions'>;
  model: { file: string; modelVersion: string; bytes: number; trainingMs: number };
};

export function formatReport(r: Result): string {
  const cv = r.crossValidation;
  const lines = [
    `${r.data.file}: ${r.data.rowsUsed} rows used, ${r.data.labels} labels (task ${r.task})` +
      (r.data.rowsDropped ? `; ${r.data.rowsDropped} of ${r.data.rowsRead} rows dropped for an empty text or label` : '') +
      (r.data.weightColumn !== undefined ? `; rows weighted by column "${r.data.weightColumn}"` : ''),
    '',
    `cross-validated, ${cv.folds} folds: accuracy ${cv.accuracy.toFixed(3)}, macro-F1 ${cv.macroF1.toFixed(3)} (${seconds(cv.trainingMs)})`,
    '',
  ];
  const classes = Object.entries(cv.perClass).sort((a, b) => b[1].support - a[1].support || (a[0] < b[0] ? -1 : 1));
  const width = Math.max(5, ...classes.map(([label]) => label.length));
  lines.push(`${'label'.padEnd(width)}  support  precision  recall     f1`);
  for (const [label, c] of classes) {
    lines.push(`${label.padEnd(width)}  ${String(c.support).padStart(7)}  ${c.precision.toFixed(3).padStart(9)}  ${c.recall.toFixed(3).padStart(6)}  ${c.f1.toFixed(3).padStart(5)}`);
  }
  lines.push(
    '',
    `model ${r.model.modelVersion} trained on all ${r.data.rowsUsed} rows in ${seconds(r.model.trainingMs)}, written to ${r.model.file} (${(r.model.bytes / 1024).toFixed(0)} KiB)`,
    '',
  );
  return lines.join('\n');
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
