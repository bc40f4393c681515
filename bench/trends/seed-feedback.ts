// Seeds the benchmark's indices with `count` generated feedback documents spread over the
// last `days` days, each tagged by the processor's own steps and finished exactly as the
// processor stores it (language, sentiment, search terms, survey figures, issues,
// keyphrases, pipeline version), then bulk-indexed straight into its monthly index with the
// feedback id as _id. Kafka is skipped: seeding is preparation, not what is measured.
// Generation runs in chunks of `bulkSize` while up to `inFlight` bulks are indexed, so
// memory stays bounded whatever the count. Refresh is switched off while loading and
// restored afterwards, then the indices are refreshed once.
import type { Client } from '@elastic/elasticsearch';
import type { Config } from '../../core/config/config.ts';
import { RetriableError } from '../../core/errors.ts';
import { ensureFeedbackIndices, ensureMonthlyIndex } from '../../core/elasticsearch/feedback-index.ts';
import type { FeedbackDocument } from '../../core/feedback/feedback-document.ts';
import { indexPattern, monthlyIndex, rawTopic } from '../../core/names.ts';
import { withRetry } from '../../core/resilience/retry.ts';
import { createTextAnalyzer } from '../../core/text/text-analyzer.ts';
import { createFeedbackGenerator } from '../../demo/generator/feedback-generator.ts';
import { createStaticInsightProvider } from '../../insight/insight-provider.ts';
import { createStepDeps, createSteps } from '../../insight/steps/pipeline.ts';
import { runSteps, type Item } from '../../insight/steps/step.ts';
import { ensureTaxonomyIndex } from '../../insight/taxonomy/taxonomy-store.ts';
import { decodeMessage } from '../../processors/decode-message.ts';
import { finishDocument } from '../../processors/feedback-processor.ts';

const DAY = 86_400_000;

export type SeedOptions = { count: number; days: number; now: number; seed: number; sourceIdPrefix: string; bulkSize: number; inFlight: number };
export type SeedResult = { indexed: number; rejected: number; seconds: number; indices: string[] };

/** Template, taxonomy index and one monthly index per month of the range (plus next month's, as the roles create it). */
export async function prepareIndices(es: Client, config: Config, from: number, to: number): Promise<string[]> {
  const made = new Set(await ensureFeedbackIndices(es, config.elasticsearch, new Date(to)));
  for (let d = new Date(from); d.getTime() <= to; d = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1))) {
    made.add(await ensureMonthlyIndex(es, config.elasticsearch, d));
  }
  await ensureTaxonomyIndex(es, config.elasticsearch.indexPrefix);
  return [...made].sort();
}

async function bulkIndex(es: Client, indexPrefix: string, docs: FeedbackDocument[]): Promise<void> {
  let pending = docs;
  await withRetry(
    async () => {
      const res = await es.bulk({ operations: pending.flatMap((doc) => [{ index: { _index: monthlyIndex(indexPrefix, new Date(doc.createdAt)), _id: doc.id } }, doc]) });
      if (!res.errors) return;
      const retry: FeedbackDocument[] = [];
      res.items.forEach((r, i) => {
        const status = r.index?.status ?? 500;
        if (status === 429 || status >= 500) retry.push(pending[i]!);
        else if (status >= 300) throw new Error(`Elasticsearch refused a seeded document (${status}): ${JSON.stringify(r.index?.error)}`);
      });
      pending = retry;
      if (pending.length) throw new RetriableError(`${pending.length} seeded documents refused for now`);
    },
    { minMs: 500, maxMs: 10_000, retries: 20 },
  );
}

export async function seedFeedback(es: Client, config: Config, o: SeedOptions, progress: (done: number) => void): Promise<SeedResult> {
  const started = performance.now();
  const from = o.now - o.days * DAY;
  const indices = await prepareIndices(es, config, from, o.now);
  const pattern = indexPattern(config.elasticsearch.indexPrefix);
  const before = await es.indices.getSettings({ index: pattern, name: 'index.refresh_interval', flat_settings: true });
  const interval = Object.values(before)[0]?.settings?.['index.refresh_interval'] ?? '1s';
  await es.indices.putSettings({ index: pattern, settings: { 'index.refresh_interval': '-1' } });

  const analyzer = createTextAnalyzer();
  const steps = createSteps(createStepDeps(analyzer, await createStaticInsightProvider({ analyzer })));
  const stepNames = steps.map((s) => s.name);
  // next() draws each item at a random moment of the range with the generator's daily and
  // weekly rhythm (and its incident), so chunks need no ordering and the history has no gaps.
  const generator = createFeedbackGenerator({ seed: o.seed, start: new Date(from), end: new Date(o.now), sourceIdPrefix: o.sourceIdPrefix });
  const inFlight = new Set<Promise<void>>();
  let failure: unknown;
  let indexed = 0;
  let rejected = 0;
  let offset = 0;
  try {
    for (let made = 0; made < o.count && failure === undefined; ) {
      const n = Math.min(o.bulkSize, o.count - made);
      const items: Item[] = [];
      for (let i = 0; i < n; i++) {
        const f = generator.next().feedback;
        const createdAt = Date.parse(f.createdAt!);
        const ref = { topic: rawTopic(config.kafka.topicPrefix, f.source), partition: 0, offset: String(offset++), key: null, value: Buffer.from(JSON.stringify(f)), headers: {}, timestamp: String(Math.min(createdAt + 1000, o.now)) };
        const decoded = decodeMessage(ref, f.source);
        if (decoded.ok) items.push(decoded.item);
        else rejected++;
      }
      made += n;
      const result = runSteps(steps, items);
      rejected += result.rejected.length;
      const processedAt = new Date().toISOString();
      const docs = result.ok.map((it) => finishDocument(it.doc, stepNames, processedAt));
      const sent = bulkIndex(es, config.elasticsearch.indexPrefix, docs).then(
        () => {
          indexed += docs.length;
          progress(indexed);
        },
        (error: unknown) => {
          failure ??= error;
        },
      );
      inFlight.add(sent);
      void sent.finally(() => inFlight.delete(sent));
      if (inFlight.size >= o.inFlight) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
    if (failure !== undefined) throw failure;
  } finally {
    await es.indices.putSettings({ index: pattern, settings: { 'index.refresh_interval': interval } });
  }
  await es.indices.refresh({ index: pattern });
  return { indexed, rejected, seconds: (performance.now() - started) / 1000, indices };
}
