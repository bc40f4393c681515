// Freshness: how long after its 202 answer an item can be found. Feedback is posted at a
// steady rate (half the sustained one, by default); one item of every request, drawn at
// random, is followed: every 50 ms one search on the read alias asks for all followed items
// not yet found by id (an `ids` query, which is what GET /v1/feedback/:id runs, so it sees
// only refreshed documents). Latency is the sending of the first search that found the
// item minus the moment the 202 was read; the polling interval bounds its resolution.
// Items still not found `settleS` seconds after the load stopped are counted as notFound,
// outside the percentiles.
import type { Client } from '@elastic/elasticsearch';
import { percentile } from '../trends/latency.ts';
import { cpuWindow, type CpuFigures } from './cpu-usage.ts';
import type { Pipeline } from './end-to-end.ts';
import { startPostLoad } from './post-load.ts';

export type FreshnessResult = { rate: number; seconds: number; acceptedPerS: number; samples: number; found: number; notFound: number; p50: number; p95: number; p99: number; max: number; pollMs: number; cpu: CpuFigures };

const POLL_MS = 50;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function findIds(es: Client, index: string, ids: string[]): Promise<string[]> {
  const res = await es.search({ index, query: { ids: { values: ids } }, size: ids.length, _source: false });
  return res.hits.hits.map((h) => h._id!);
}

export async function measureFreshness(p: Pipeline, o: { rate: number; seconds: number; settleS?: number }, tick?: (second: number, found: number) => void): Promise<FreshnessResult> {
  const acceptedAt = new Map<string, number>();
  const latencies: number[] = [];
  const pending = new Set<string>();
  const cpu = cpuWindow(p.components);
  const load = startPostLoad({
    apiUrl: p.apiUrl,
    headers: p.headers,
    rate: o.rate,
    pool: p.pool,
    sourceIdPrefix: `${p.sourceIdPrefix}-fresh`,
    onAccepted(ids, at) {
      const id = ids[Math.floor(Math.random() * ids.length)]!;
      acceptedAt.set(id, at);
      pending.add(id);
    },
  });
  let loading = true;
  let stoppedAt = Infinity;
  const t0 = performance.now();
  const poller = (async () => {
    while (loading || (pending.size > 0 && performance.now() < stoppedAt + (o.settleS ?? 30) * 1000)) {
      const asked = [...pending];
      if (asked.length) {
        // Found by this search: searchable when it was sent, at the latest.
        const at = performance.now();
        const found = await findIds(p.es, p.alias, asked);
        for (const id of found) {
          if (!pending.delete(id)) continue;
          latencies.push(at - acceptedAt.get(id)!);
        }
      }
      await sleep(POLL_MS);
    }
  })();
  for (let s = 1; s <= o.seconds; s++) {
    await sleep(t0 + s * 1000 - performance.now());
    tick?.(s, latencies.length);
  }
  const seconds = (performance.now() - t0) / 1000;
  await load.stop();
  const cpuFigures = cpu.stop();
  stoppedAt = performance.now();
  loading = false;
  await poller;
  const sorted = latencies.sort((a, b) => a - b);
  const ms = (p: number) => Math.round(percentile(sorted, p));
  return {
    rate: o.rate,
    seconds: Math.round(seconds * 10) / 10,
    acceptedPerS: Math.round(load.stats.accepted / seconds),
    samples: acceptedAt.size,
    found: sorted.length,
    notFound: acceptedAt.size - sorted.length,
    p50: ms(50),
    p95: ms(95),
    p99: ms(99),
    max: Math.round(sorted.at(-1) ?? Number.NaN),
    pollMs: POLL_MS,
    cpu: cpuFigures,
  };
}
