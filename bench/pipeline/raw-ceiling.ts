// The raw ceiling: how fast this Elasticsearch takes voc's documents when nothing else is
// in the way. Generated feedback is tagged by the processor's own steps and finished as the
// processor stores it, serialised once, and only then is the clock started: what is timed is
// bulk indexing into a fresh index made by voc's template (its mappings, shards and 1 s
// refresh interval, as the processor meets them), up to a refresh that makes every document
// searchable. A pool of tagged documents is reused with fresh ids when the count is larger,
// so memory stays bounded. Each setting (bulk size × requests in flight) indexes the same
// sample into its own fresh index; the best then indexes the full count.
import { createHash } from 'node:crypto';
import type { Client } from '@elastic/elasticsearch';
import type { Config } from '../../core/config/config.ts';
import { ensureFeedbackIndexTemplate } from '../../core/elasticsearch/feedback-index.ts';
import { parseFeedback } from '../../core/feedback/feedback.schema.ts';
import { rawTopic } from '../../core/names.ts';
import { createTextAnalyzer } from '../../core/text/text-analyzer.ts';
import { createFeedbackGenerator } from '../../demo/generator/feedback-generator.ts';
import { createStaticInsightProvider } from '../../insight/insight-provider.ts';
import { createStepDeps, createSteps } from '../../insight/steps/pipeline.ts';
import { runSteps, type Item } from '../../insight/steps/step.ts';
import { decodeMessage } from '../../processors/decode-message.ts';
import { finishDocument } from '../../processors/feedback-processor.ts';
import { cpuWindow, type Component, type CpuFigures } from './cpu-usage.ts';

export type RawTrial = { bulkSize: number; concurrency: number; docs: number; seconds: number; docsPerS: number; retriedItems: number };
export type RawResult = {
  pool: number;
  tagSeconds: number;
  avgDocBytes: number;
  sample: number;
  trials: RawTrial[];
  best: { bulkSize: number; concurrency: number };
  full: RawTrial;
  refreshInterval: string;
  cpu: CpuFigures;
};

/** Tagged documents, serialised without their `id` and without the opening brace: `"source":…}`. */
export async function tagDocuments(config: Config, o: { count: number; seed: number; sourceIdPrefix: string }): Promise<{ docs: string[]; seconds: number }> {
  const started = performance.now();
  const analyzer = createTextAnalyzer();
  const steps = createSteps(createStepDeps(analyzer, await createStaticInsightProvider({ analyzer })));
  const stepNames = steps.map((s) => s.name);
  const end = Date.now();
  // Live feedback of the last hour, as the drain and end-to-end phases send it.
  const generator = createFeedbackGenerator({ seed: o.seed, start: new Date(end - 3_600_000), end: new Date(end), incident: null, sourceIdPrefix: o.sourceIdPrefix });
  const docs: string[] = [];
  for (let offset = 0; docs.length < o.count; ) {
    const items: Item[] = [];
    for (let i = 0; i < Math.min(1000, o.count - docs.length); i++) {
      const parsed = parseFeedback(generator.next().feedback);
      if (!parsed.ok) continue;
      const f = parsed.feedback;
      const ref = { topic: rawTopic(config.kafka.topicPrefix, f.source), partition: 0, offset: String(offset++), key: null, value: Buffer.from(JSON.stringify(f)), headers: {}, timestamp: String(end) };
      const decoded = decodeMessage(ref, f.source);
      if (decoded.ok) items.push(decoded.item);
    }
    const processedAt = new Date().toISOString();
    for (const it of runSteps(steps, items).ok) {
      const { id: _id, ...rest } = finishDocument(it.doc, stepNames, processedAt);
      docs.push(JSON.stringify(rest).slice(1));
    }
  }
  return { docs, seconds: (performance.now() - started) / 1000 };
}

/** 32 hexadecimal digits like a feedback id, distinct for every i. */
export function benchIds(salt: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => createHash('sha256').update(`${salt}:${i}`).digest('hex').slice(0, 32));
}

function bulkBody(pool: readonly string[], ids: readonly string[], positions: readonly number[]): string {
  let body = '';
  for (const i of positions) body += `{"index":{"_id":"${ids[i]}"}}\n{"id":"${ids[i]}",${pool[i % pool.length]}\n`;
  return body;
}

type BulkAnswer = { errors: boolean; items: Array<{ index?: { status: number; error?: unknown } }> };

/** Sends one bulk; items refused for now (429/5xx) are sent again, anything else fails the run. */
async function sendBulk(es: Client, index: string, pool: readonly string[], ids: readonly string[], positions: number[]): Promise<number> {
  let retried = 0;
  for (let attempt = 0; ; attempt++) {
    const res = (await es.bulk({ index, body: bulkBody(pool, ids, positions) } as never)) as unknown as BulkAnswer;
    if (!res.errors) return retried;
    const again: number[] = [];
    res.items.forEach((r, k) => {
      const status = r.index?.status ?? 500;
      if (status === 429 || status >= 500) again.push(positions[k]!);
      else if (status >= 300) throw new Error(`Elasticsearch refused a document (${status}): ${JSON.stringify(r.index?.error)}`);
    });
    if (again.length === 0) return retried;
    if (attempt >= 20) throw new Error(`${again.length} documents still refused after 20 attempts`);
    retried += again.length;
    positions = again;
    await new Promise((r) => setTimeout(r, Math.min(5000, 200 * 2 ** attempt)));
  }
}

/** Indexes `count` documents into a new index with `concurrency` bulks of `bulkSize` in flight; timed to the refresh. */
async function indexRun(es: Client, index: string, pool: readonly string[], ids: readonly string[], o: { count: number; bulkSize: number; concurrency: number }, progress?: (done: number) => void): Promise<RawTrial> {
  await es.indices.create({ index });
  let next = 0;
  let done = 0;
  let retriedItems = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < o.count) {
      const from = next;
      next = Math.min(o.count, next + o.bulkSize);
      const positions = Array.from({ length: next - from }, (_, k) => from + k);
      retriedItems += await sendBulk(es, index, pool, ids, positions);
      done += positions.length;
      progress?.(done);
    }
  };
  await Promise.all(Array.from({ length: o.concurrency }, worker));
  await es.indices.refresh({ index });
  const seconds = (performance.now() - started) / 1000;
  const { count } = await es.count({ index });
  if (count !== o.count) throw new Error(`${index} holds ${count} documents after indexing ${o.count}`);
  return { bulkSize: o.bulkSize, concurrency: o.concurrency, docs: o.count, seconds: Math.round(seconds * 100) / 100, docsPerS: Math.round(o.count / seconds), retriedItems };
}

export async function measureRawCeiling(
  es: Client,
  config: Config,
  o: { items: number; pool: number; sample: number; bulkSizes: number[]; concurrencies: number[]; seed: number; keep: boolean; components: Component[] },
  note: (line: string) => void,
  progress: (label: string, total: number) => { update(done: number): void; stop(): void },
): Promise<RawResult> {
  const prefix = config.elasticsearch.indexPrefix;
  await ensureFeedbackIndexTemplate(es, config.elasticsearch);
  const poolSize = Math.min(o.items, o.pool);
  note(`raw ceiling: tagging ${poolSize.toLocaleString('en')} generated documents with the processor's steps (not timed)…`);
  const { docs: pool, seconds: tagSeconds } = await tagDocuments(config, { count: poolSize, seed: o.seed, sourceIdPrefix: `${prefix}-raw` });
  const ids = benchIds(prefix, o.items);
  const sample = Math.min(o.sample, o.items);
  const trials: RawTrial[] = [];
  for (const bulkSize of o.bulkSizes) {
    for (const concurrency of o.concurrencies) {
      const index = `${prefix}-trial-${bulkSize}x${concurrency}`;
      const trial = await indexRun(es, index, pool, ids, { count: sample, bulkSize, concurrency });
      await es.indices.delete({ index });
      trials.push(trial);
      note(`  bulk ${bulkSize} × ${concurrency} in flight: ${trial.docsPerS.toLocaleString('en')} docs/s (${sample.toLocaleString('en')} docs, ${trial.seconds} s)`);
    }
  }
  const best = trials.reduce((a, b) => (b.docsPerS > a.docsPerS ? b : a));
  const index = `${prefix}-full`;
  const bar = progress(`raw ceiling, bulk ${best.bulkSize} × ${best.concurrency}`, o.items);
  const cpu = cpuWindow(o.components);
  const full = await indexRun(es, index, pool, ids, { count: o.items, bulkSize: best.bulkSize, concurrency: best.concurrency }, bar.update);
  const cpuFigures = cpu.stop();
  bar.stop();
  const settings = await es.indices.getSettings({ index, name: 'index.refresh_interval', flat_settings: true, include_defaults: true });
  const s = Object.values(settings)[0];
  const refreshInterval = String(s?.settings?.['index.refresh_interval'] ?? s?.defaults?.['index.refresh_interval'] ?? '?');
  if (!o.keep) await es.indices.delete({ index });
  const avgDocBytes = Math.round(pool.reduce((sum, d) => sum + Buffer.byteLength(d) + 44, 0) / pool.length);
  return { pool: poolSize, tagSeconds: Math.round(tagSeconds * 10) / 10, avgDocBytes, sample, trials, best: { bulkSize: best.bulkSize, concurrency: best.concurrency }, full, refreshInterval, cpu: cpuFigures };
}
