// Trained-model evaluation: what a CX team gets from `voc train` on labelled examples,
// against the standard baseline, TF-IDF + logistic regression in scikit-learn
// (peers/sklearn_tfidf_lr.py: TfidfVectorizer() defaults + LogisticRegression(max_iter=1000)).
// Both are 5-fold cross-validated on the same folds (foldOf of metrics.ts, which the
// product's crossValidate shares), with voc's default training options, none tuned per set;
// where a set has per-row label confidence (the airline sets), both train with it as the
// rows' weights (voc train --weight; scikit-learn's sample_weight) and are scored unweighted;
// accuracy and macro-F1 come from the out-of-fold predictions, computed by metrics.ts for
// both systems.
// docs/s = rows / (time to train the 5 fold models and predict their held-out rows), each
// system timing itself (Python's start-up and JSON transfer excluded). voc's note adds what
// a deployed model costs: the size of the model file trained on all rows, its load time and
// its prediction speed, single-threaded. Timings move with the machine's load; accuracy and
// macro-F1 do not (training is deterministic).
import { pathToFileURL } from 'node:url';
import { crossValidate } from '../../insight/classifier/cross-validate.ts';
import { deserialize, serialize } from '../../insight/classifier/model-file.ts';
import { train } from '../../insight/classifier/train-classifier.ts';
import { loadDataset, type Row } from './datasets.ts';
import type { EvalRow, EvalSection } from './eval.types.ts';
import { accuracy, foldOf, macroF1 } from './metrics.ts';
import { ensurePythonEnv, type PythonEnv, runPythonJson } from './python-env.ts';
import { formatSections } from './zero-shot.eval.ts';

export const trainedSets = ['airline-sentiment', 'airline-negativereason', 'banking77', 'cfpb-product'] as const;
const FOLDS = 5;
const SKLEARN = 'tfidf+logreg (scikit-learn)';

/** Every k-th row, so a limit still samples the whole set (some sets are sorted by label). */
function sample<T>(rows: T[], limit?: number): T[] {
  if (!limit || rows.length <= limit) return rows;
  const step = rows.length / limit;
  return Array.from({ length: limit }, (_, i) => rows[Math.floor(i * step)]!);
}

function vocRow(rows: Row[], task: 'sentiment' | 'issue'): EvalRow {
  const cv = crossValidate(rows, FOLDS, { task });
  const gold = rows.map((r) => r.label);
  const deployed = deployedModel(rows, task);
  return {
    system: 'voc',
    accuracy: accuracy(gold, cv.predictions),
    macroF1: macroF1(gold, cv.predictions),
    docsPerSecond: rows.length / (cv.trainingMs / 1000),
    note: `model on all rows: ${(deployed.bytes / 1e6).toFixed(2)} MB, trained in ${(deployed.trainMs / 1000).toFixed(1)} s, loads in ${Math.round(deployed.loadMs)} ms, predicts ${Math.round(deployed.docsPerSecond).toLocaleString('en-US')} docs/s`,
  };
}

function deployedModel(rows: Row[], task: 'sentiment' | 'issue') {
  let t = performance.now();
  const json = serialize(train(rows, { task }));
  const trainMs = performance.now() - t;
  t = performance.now();
  const model = deserialize(json);
  const loadMs = performance.now() - t;
  // The first half warms the JIT and the per-word cache as a running processor's earlier
  // texts would; the second half, mostly new texts with some new words, is timed.
  const texts = rows.map((r) => r.text);
  const half = Math.floor(texts.length / 2);
  for (const text of texts.slice(0, half)) model.predict(text);
  t = performance.now();
  for (const text of texts.slice(half)) model.predict(text);
  return { bytes: Buffer.byteLength(json), trainMs, loadMs, docsPerSecond: (texts.length - half) / ((performance.now() - t) / 1000) };
}

function sklearnRow(env: PythonEnv | { unavailable: string }, rows: Row[]): EvalRow {
  if ('unavailable' in env) return { system: SKLEARN, accuracy: NaN, macroF1: NaN, docsPerSecond: NaN, note: env.unavailable };
  const gold = rows.map((r) => r.label);
  const out = runPythonJson<{ predictions: string[]; seconds: number }>(env, 'sklearn_tfidf_lr.py', {
    texts: rows.map((r) => r.text),
    labels: gold,
    folds: rows.map((_, i) => foldOf(i, FOLDS)),
    k: FOLDS,
    ...(rows.some((r) => r.weight !== undefined) ? { weights: rows.map((r) => r.weight ?? 1) } : {}),
  });
  return { system: SKLEARN, accuracy: accuracy(gold, out.predictions), macroF1: macroF1(gold, out.predictions), docsPerSecond: rows.length / out.seconds };
}

export async function runTrainedEval(opts: { dataDir?: string; limit?: number; log: (line: string) => void }): Promise<EvalSection[]> {
  const sections: EvalSection[] = [];
  let env: PythonEnv | { unavailable: string } | undefined;
  for (const name of trainedSets) {
    const dataset = loadDataset(name, opts.dataDir);
    if (!dataset) {
      sections.push({ dataset: name, task: name === 'airline-sentiment' ? 'sentiment' : 'issue', rows: [], skipped: 'data folder ../shared/data not found' });
      continue;
    }
    const rows = sample(dataset.rows, opts.limit);
    const labels = new Set(rows.map((r) => r.label)).size;
    const weighting = dataset.weightColumn ? `, rows weighted by ${dataset.weightColumn}` : '';
    const section: EvalSection = { dataset: name, task: `${dataset.task} (${labels} classes, ${FOLDS}-fold CV${weighting})`, rows: [] };
    opts.log(`${name}: ${rows.length} rows, ${labels} labels: voc`);
    section.rows.push(vocRow(rows, dataset.task));
    opts.log(`${name}: ${SKLEARN}`);
    env ??= ensurePythonEnv(['scikit-learn'], opts.log);
    section.rows.push(sklearnRow(env, rows));
    sections.push(section);
  }
  return sections;
}

// Thin CLI for iterating: npx tsx bench/eval/trained.eval.ts [limit]
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const limit = process.argv[2] ? Number(process.argv[2]) : undefined;
  const sections = await runTrainedEval({ limit, log: (line) => process.stderr.write(`${line}\n`) });
  process.stdout.write(`${formatSections(sections)}\n`);
}
