// Zero-shot sentiment evaluation: voc's analyzer and its peers on the same dev rows of
// each sentiment set, without training anything. English peers: vader-sentiment,
// sentiment (AFINN), natural's SentimentAnalyzer; Chinese peer: SnowNLP (Python).
//
// Label rules, the same for every system:
//  - 3-class sets (airline tweets, clothing reviews): each system's own label
//    (voc's label; the peers' thresholds in sentiment-peers.ts).
//  - 2-class sets (online-shopping, waimai, chnsenticorp): the sign of the system's score;
//    a score of exactly 0 (no opinion found) counts as wrong, never as a free guess.
// docs/s is the system's own analysis time, single-threaded, after a short warm-up for
// the in-process systems (SnowNLP times itself inside Python, model loading excluded).
import { pathToFileURL } from 'node:url';
import type { SentimentLabel } from '../../core/feedback/feedback-document.ts';
import { createSentimentAnalyzer } from '../../insight/sentiment/sentiment-analyzer.ts';
import { createTextAnalyzer } from '../../core/text/text-analyzer.ts';
import { type Dataset, loadDataset } from './datasets.ts';
import type { EvalRow, EvalSection } from './eval.types.ts';
import { accuracy, macroF1 } from './metrics.ts';
import { sentimentPeers } from './sentiment-peers.ts';

export type { EvalRow, EvalSection } from './eval.types.ts';

export const zeroShotSets = ['airline-sentiment', 'clothing-reviews', 'online-shopping', 'waimai', 'chnsenticorp'] as const;

const WARM_UP = 300;

/** Every k-th row, so a limit still samples the whole set (some sets are sorted by label or category). */
function sample<T>(rows: T[], limit?: number): T[] {
  if (!limit || rows.length <= limit) return rows;
  const step = rows.length / limit;
  return Array.from({ length: limit }, (_, i) => rows[Math.floor(i * step)]!);
}

const twoClass = (score: number): string => (score > 0 ? 'positive' : score < 0 ? 'negative' : 'none');

function row(system: string, gold: string[], predicted: string[], seconds: number, note?: string): EvalRow {
  const r: EvalRow = { system, accuracy: accuracy(gold, predicted), macroF1: macroF1(gold, predicted), docsPerSecond: gold.length / Math.max(seconds, 1e-9) };
  if (note) r.note = note;
  return r;
}

export type VocRun = { scores: number[]; labels: SentimentLabel[]; seconds: number };

export function runVoc(dataset: Dataset, texts: string[]): VocRun {
  const sentiment = createSentimentAnalyzer({ analyzer: createTextAnalyzer() });
  for (const t of texts.slice(0, WARM_UP)) sentiment.analyze(t, dataset.language);
  const scores: number[] = new Array(texts.length);
  const labels: SentimentLabel[] = new Array(texts.length);
  const started = performance.now();
  for (let i = 0; i < texts.length; i++) {
    const r = sentiment.analyze(texts[i]!, dataset.language);
    scores[i] = r.score;
    labels[i] = r.label;
  }
  return { scores, labels, seconds: (performance.now() - started) / 1000 };
}

export async function runZeroShotEval(opts: { dataDir?: string; limit?: number; log: (line: string) => void }): Promise<EvalSection[]> {
  const sections: EvalSection[] = [];
  for (const name of zeroShotSets) {
    const dataset = loadDataset(name, opts.dataDir);
    if (!dataset) {
      sections.push({ dataset: name, task: 'sentiment', rows: [], skipped: 'data folder ../shared/data not found' });
      continue;
    }
    const rows = sample(dataset.rows, opts.limit);
    const texts = rows.map((r) => r.text);
    const gold = rows.map((r) => r.label);
    const binary = dataset.labels.length === 2;
    const task = binary ? 'sentiment (2 classes)' : 'sentiment (3 classes)';
    const binaryNote = (scores: number[]) => {
      const zeros = scores.filter((s) => s === 0).length;
      return `sign of score; ${zeros} zero scores counted wrong`;
    };
    opts.log(`${name}: ${rows.length} rows`);

    const section: EvalSection = { dataset: name, task, rows: [] };
    const voc = runVoc(dataset, texts);
    section.rows.push(row('voc', gold, binary ? voc.scores.map(twoClass) : voc.labels, voc.seconds, binary ? binaryNote(voc.scores) : undefined));

    for (const peer of sentimentPeers.filter((p) => p.language === dataset.language)) {
      opts.log(`${name}: ${peer.system}`);
      const run = peer.run(texts);
      if ('unavailable' in run) {
        section.rows.push({ system: peer.system, accuracy: NaN, macroF1: NaN, docsPerSecond: NaN, note: run.unavailable });
        continue;
      }
      section.rows.push(row(peer.system, gold, binary ? run.scores.map(twoClass) : run.labels, run.seconds, binary ? binaryNote(run.scores) : undefined));
    }
    sections.push(section);
  }
  return sections;
}

export function formatSections(sections: EvalSection[]): string {
  const lines: string[] = [];
  for (const s of sections) {
    lines.push(`\n${s.dataset} — ${s.task}${s.skipped ? ` — skipped: ${s.skipped}` : ''}`);
    for (const r of s.rows) {
      const fmt = (x: number) => (Number.isNaN(x) ? '   —  ' : x.toFixed(4));
      lines.push(
        `  ${r.system.padEnd(26)} acc ${fmt(r.accuracy)}  macro-F1 ${fmt(r.macroF1)}  ${Number.isNaN(r.docsPerSecond) ? '—' : Math.round(r.docsPerSecond).toLocaleString('en-US').padStart(9)} docs/s${r.note ? `  (${r.note})` : ''}`,
      );
    }
  }
  return lines.join('\n');
}

// Thin CLI for iterating: npx tsx bench/eval/zero-shot.eval.ts [limit]
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const limit = process.argv[2] ? Number(process.argv[2]) : undefined;
  const sections = await runZeroShotEval({ limit, log: (line) => process.stderr.write(`${line}\n`) });
  process.stdout.write(`${formatSections(sections)}\n`);
}
