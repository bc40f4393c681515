// `npm run bench [-- --json] [-- --docs N]`: throughput of the whole tagging chain (normalise,
// redact, language, analysis, sentiment, issues, keyphrases; the model too with --model),
// single-threaded, on the project's generated feedback, English and Chinese apart.
// Targets: ≥ 20,000 English and ≥ 10,000 Chinese documents per second per core.
import { Command } from 'commander';
import { createTextAnalyzer } from '../core/text/text-analyzer.ts';
import { parseFeedback } from '../core/feedback/feedback.schema.ts';
import { createFeedbackGenerator } from '../demo/generator/feedback-generator.ts';
import { createStaticInsightProvider } from '../insight/insight-provider.ts';
import { runSteps, type Item } from '../insight/steps/step.ts';
import { createStepDeps, createSteps } from '../insight/steps/pipeline.ts';
import { decodeMessage } from '../processors/decode-message.ts';
import { loadDataset } from './eval/datasets.ts';

const opts = new Command('bench')
  .option('--json', 'machine-readable output')
  .option('--docs <n>', 'documents per language', (v) => Number(v), 20_000)
  .option('--model <file>', 'include a trained model')
  .option('--real', 'also measure on real texts from ../shared/data (airline tweets, clothing reviews, online-shopping reviews)')
  .parse()
  .opts<{ json?: boolean; docs: number; model?: string; real?: boolean }>();

const analyzer = createTextAnalyzer();
const steps = createSteps(createStepDeps(analyzer, await createStaticInsightProvider({ analyzer, modelFile: opts.model })));
const end = new Date('2026-11-01T00:00:00Z');
const generated = createFeedbackGenerator({ seed: 7, start: new Date(end.getTime() - 30 * 86_400_000), end, chineseShare: 0.5 }).take(opts.docs * 2.4);

function toItems(feedback: unknown[]): Item[] {
  return feedback.map((f, i) => {
    const parsed = parseFeedback(f);
    if (!parsed.ok) throw new Error('invalid benchmark feedback');
    const o = decodeMessage({ topic: 'bench', partition: 0, offset: String(i), key: null, value: Buffer.from(JSON.stringify(parsed.feedback)), headers: {}, timestamp: '0' }, undefined);
    if (!o.ok) throw new Error(o.reason);
    return o.item;
  });
}

const corpora: Array<{ name: string; language: 'en' | 'zh'; target: number; items: Item[] }> = (['en', 'zh'] as const).map((language) => ({
  name: `generated-${language}`,
  language,
  target: language === 'en' ? 20_000 : 10_000,
  items: toItems(generated.filter((g) => g.truth.language === language).slice(0, opts.docs).map((g) => g.feedback)),
}));
if (opts.real) {
  for (const [name, language] of [['airline-sentiment', 'en'], ['clothing-reviews', 'en'], ['online-shopping', 'zh']] as const) {
    const data = loadDataset(name);
    if (!data) {
      process.stderr.write(`--real: ${name} skipped, ../shared/data not found\n`);
      continue;
    }
    const rows = data.rows.slice(0, opts.docs).map((r) => ({ source: 'review', text: r.text.slice(0, 20_000) }));
    corpora.push({ name, language, target: language === 'en' ? 20_000 : 10_000, items: toItems(rows) });
  }
}

const results: Array<{ corpus: string; language: string; docs: number; avgChars: number; seconds: number; docsPerSecond: number; target: number; met: boolean; microsecondsPerDocByStep: Record<string, number> }> = [];
for (const { name: corpus, language, target, items: batch } of corpora) {
  runSteps(steps, batch.slice(0, 2000)); // warm-up: JIT, jieba's dictionary, caches
  const byStep: Record<string, number> = {};
  const started = performance.now();
  for (let i = 0; i < batch.length; i += 500) runSteps(steps, batch.slice(i, i + 500), (step, s) => (byStep[step] = (byStep[step] ?? 0) + s));
  const seconds = (performance.now() - started) / 1000;
  const microsecondsPerDocByStep = Object.fromEntries(Object.entries(byStep).map(([k, v]) => [k, Number(((v * 1e6) / batch.length).toFixed(1))]));
  const docsPerSecond = Math.round(batch.length / seconds);
  const avgChars = Math.round(batch.reduce((n, it) => n + it.doc.text.length, 0) / batch.length);
  results.push({ corpus, language, docs: batch.length, avgChars, seconds: Number(seconds.toFixed(3)), docsPerSecond, target, met: docsPerSecond >= target, microsecondsPerDocByStep });
}
if (opts.json) process.stdout.write(`${JSON.stringify({ steps: steps.map((s) => s.name), results }, null, 2)}\n`);
else {
  for (const r of results) {
    process.stdout.write(`${r.corpus} (${r.language}): ${r.docsPerSecond} docs/s on one core (${r.docs} docs, ${r.avgChars} chars avg) — target ${r.target}: ${r.met ? 'met' : 'NOT met'}\n`);
    process.stdout.write(`    µs per document: ${Object.entries(r.microsecondsPerDocByStep).map(([k, v]) => `${k} ${v}`).join(', ')}\n`);
  }
}
