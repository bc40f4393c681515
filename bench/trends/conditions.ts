// The conditions a latency figure only means something with: the machine, the
// Elasticsearch node (version, heap, processors it was given) and the indices queried.
import os from 'node:os';
import type { Client } from '@elastic/elasticsearch';
import { indexPattern } from '../../core/names.ts';

export type Machine = { cpuModel: string; cpus: number; memoryGiB: number; node: string; loadAverage: number };
export type ElasticsearchInfo = { version: string; heapMaxMiB: number | null; processors: number | null; versionFrom: 'info' | 'nodes' };

export function machine(): Machine {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cpus: cpus.length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    // The 1-minute load average when called: other work on the machine shows here.
    loadAverage: Math.round(os.loadavg()[0]! * 100) / 100,
  };
}

export async function elasticsearchInfo(es: Client): Promise<ElasticsearchInfo> {
  const nodes = await es.nodes.info({ metric: ['jvm', 'os'] });
  const node = Object.values(nodes.nodes)[0];
  const heap = node?.jvm?.mem?.heap_max_in_bytes;
  const base = { heapMaxMiB: heap === undefined ? null : Math.round(heap / 2 ** 20), processors: node?.os?.allocated_processors ?? null };
  // The root endpoint can be refused (some proxies and managed clusters do); the nodes API also knows the version.
  try {
    return { version: (await es.info()).version.number, ...base, versionFrom: 'info' };
  } catch {
    return { version: node?.version ?? 'unknown', ...base, versionFrom: 'nodes' };
  }
}

/** Documents, primary shards and segments of the benchmark's monthly indices, and the request cache's hits so far. */
export async function indexFigures(es: Client, indexPrefix: string): Promise<{ documents: number; indices: number; shards: number; segments: number; requestCache: { hits: number; misses: number } }> {
  const pattern = indexPattern(indexPrefix);
  const [{ count }, stats] = await Promise.all([es.count({ index: pattern }), es.indices.stats({ index: pattern, metric: ['segments', 'request_cache', 'docs'] })]);
  const indices = Object.values(stats.indices ?? {});
  return {
    documents: count,
    indices: indices.length,
    shards: stats._shards?.total ?? 0,
    segments: stats._all.primaries?.segments?.count ?? 0,
    requestCache: { hits: stats._all.total?.request_cache?.hit_count ?? 0, misses: stats._all.total?.request_cache?.miss_count ?? 0 },
  };
}
