// The search phase: `docs` generated documents over `days` days seeded straight into the
// lane's monthly indices (bench/trends/seed-feedback.ts: tagged by the processor's steps,
// refreshed, not force-merged), then an API and a processor process, and the search mix
// measured twice: idle, and while feedback is posted at `rate` items/s
// (bench/trends/ingest-load.ts) and indexed. The second measurement starts only once the
// posted feedback is being indexed.
import type { Client } from '@elastic/elasticsearch';
import type { Logger } from '../../core/observability/logger.ts';
import { ensureTopics } from '../../core/kafka/topics.ts';
import { createKafka } from '../../core/kafka/kafka.client.ts';
import { indexFigures } from '../trends/conditions.ts';
import { startIngestLoad } from '../trends/ingest-load.ts';
import { seedFeedback } from '../trends/seed-feedback.ts';
import { cpuWindow, type Component, type CpuFigures } from './cpu-usage.ts';
import { searchableCount } from './drain.ts';
import { waitSearchable } from './end-to-end.ts';
import type { Lane } from './lanes.ts';
import { note, progress } from './progress.ts';
import { startPipeline } from './running-pipeline.ts';
import { measureSearch, type SearchFigures } from './search-latency.ts';

export type SearchPhase = {
  docs: number;
  seedSeconds: number;
  /** The seeded indices when measuring starts: monthly indices, primary shards, segments (refreshed, not force-merged). */
  indices: { count: number; shards: number; segments: number };
  idle: SearchFigures & { cpu: CpuFigures };
  indexing: SearchFigures & { ingestTargetRate: number; ingestAcceptedPerS: number; indexedPerS: number; failedPosts: number; firstPostError?: string; cpu: CpuFigures };
};

export async function runSearchPhase(
  es: Client,
  lane: Lane,
  servers: readonly Component[],
  o: { docs: number; days: number; seed: number; requests: number; warmup: number; rate: number; logger: Logger },
): Promise<SearchPhase> {
  const seedBar = progress('seeding', o.docs, 'docs');
  const seeded = await seedFeedback(es, lane.config, { count: o.docs, days: o.days, now: Date.now(), seed: o.seed, sourceIdPrefix: lane.id, bulkSize: 5000, inFlight: 3 }, seedBar.update);
  seedBar.stop();
  note(`seeded ${seeded.indexed.toLocaleString('en')} documents in ${seeded.seconds.toFixed(0)} s`);
  const figures = await indexFigures(es, lane.config.elasticsearch.indexPrefix);
  await ensureTopics(createKafka(lane.config.kafka, o.logger), lane.config.kafka);
  const running = await startPipeline(es, lane, servers, { logger: o.logger, seed: o.seed + 2 });
  const { pipeline, readHeaders } = running;
  const measure = async (label: string) => {
    const b = progress(label, o.requests, 'searches');
    const cpu = cpuWindow(pipeline.components);
    const figures = await measureSearch({ apiUrl: pipeline.apiUrl, headers: readHeaders, seed: o.seed, warmup: o.warmup, requests: o.requests }, b.update);
    b.stop();
    return { ...figures, cpu: cpu.stop() };
  };
  try {
    const idle = await measure('searching, idle');
    const load = startIngestLoad({ apiUrl: pipeline.apiUrl, headers: pipeline.headers, rate: o.rate, seed: o.seed + 3 });
    try {
      await waitSearchable(es, pipeline.alias, (await searchableCount(es, pipeline.alias)) + 1, 120);
      const before = { accepted: load.stats.accepted, count: await searchableCount(es, pipeline.alias), at: performance.now() };
      const busy = await measure(`searching while posting ${o.rate}/s`);
      const seconds = (performance.now() - before.at) / 1000;
      const indexing = {
        ...busy,
        ingestTargetRate: o.rate,
        ingestAcceptedPerS: Math.round((load.stats.accepted - before.accepted) / seconds),
        indexedPerS: Math.round(((await searchableCount(es, pipeline.alias)) - before.count) / seconds),
        failedPosts: load.stats.failedRequests,
        ...(load.stats.firstError ? { firstPostError: load.stats.firstError } : {}),
      };
      return { docs: seeded.indexed, seedSeconds: Math.round(seeded.seconds), indices: { count: figures.indices, shards: figures.shards, segments: figures.segments }, idle, indexing };
    } finally {
      await load.stop();
    }
  } finally {
    await running.stop();
  }
}
