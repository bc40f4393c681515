// `npm run eval [-- --json] [-- --limit N] [-- --only zero-shot|trained]`: accuracy and
// macro-F1 of voc's tagging on the labelled dev sets in ../shared/data, with peers on the
// same rows (zero-shot sentiment) or the same folds (trained models). Skips with a
// message when the data folder is absent; the product never needs it.
import { Command, InvalidArgumentError } from 'commander';
import { dataAvailable, defaultDataDir } from './datasets.ts';
import type { EvalSection } from './eval.types.ts';
import { runTrainedEval } from './trained.eval.ts';
import { runZeroShotEval } from './zero-shot.eval.ts';

const program = new Command('eval')
  .description('evaluate voc against peers on the labelled dev sets in ../shared/data')
  .option('--json', 'print machine-readable results on stdout')
  .option('--limit <n>', 'use at most N rows per set (quick runs)', (v) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('a positive whole number');
    return n;
  })
  .option('--only <part>', 'zero-shot or trained')
  .option('--data <dir>', 'data folder', defaultDataDir)
  .parse();
const opts = program.opts<{ json?: boolean; limit?: number; only?: 'zero-shot' | 'trained'; data: string }>();
const log = (line: string) => process.stderr.write(`${line}\n`);

if (!dataAvailable(opts.data)) {
  const message = `evaluation skipped: data folder ${opts.data} not found`;
  if (opts.json) process.stdout.write(`${JSON.stringify({ skipped: message, sections: [] })}\n`);
  else log(message);
  process.exit(0);
}

const sections: Array<EvalSection & { part: string }> = [];
if (opts.only !== 'trained') for (const s of await runZeroShotEval({ dataDir: opts.data, limit: opts.limit, log })) sections.push({ part: 'zero-shot', ...s });
if (opts.only !== 'zero-shot') for (const s of await runTrainedEval({ dataDir: opts.data, limit: opts.limit, log })) sections.push({ part: 'trained (5-fold CV)', ...s });

if (opts.json) {
  process.stdout.write(`${JSON.stringify({ dataDir: opts.data, limit: opts.limit ?? null, sections }, null, 2)}\n`);
} else {
  const pct = (x: number) => (x * 100).toFixed(1).padStart(5);
  for (const s of sections) {
    process.stdout.write(`\n${s.part} · ${s.dataset} · ${s.task}\n`);
    if (s.skipped) {
      process.stdout.write(`  skipped: ${s.skipped}\n`);
      continue;
    }
    process.stdout.write(`  ${'system'.padEnd(30)} ${'acc %'.padStart(6)} ${'F1 %'.padStart(6)} ${'docs/s'.padStart(9)}\n`);
    for (const r of s.rows) {
      process.stdout.write(`  ${r.system.padEnd(30)} ${pct(r.accuracy).padStart(6)} ${pct(r.macroF1).padStart(6)} ${String(Math.round(r.docsPerSecond)).padStart(9)}${r.note ? `  (${r.note})` : ''}\n`);
    }
  }
}
