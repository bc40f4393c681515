// Latency of the analytics endpoints as a client sees it: wall time from sending the
// request to having read the whole body, one request at a time. Endpoints take turns
// (one request each per round), so background indexing, merges and cache state weigh
// on all of them alike. Percentiles are nearest-rank over the answered requests (status
// 200); any other status or a failed connection is an error, counted apart.
import { endpointNames, type EndpointName, type RequestMix } from './request-mix.ts';

export type LatencyFigures = { p50: number; p95: number; p99: number; max: number; requests: number; errors: number; firstError?: string };

type Sample = { ms: number; ok: boolean; error?: string };

/** Nearest rank: the smallest value with at least p% of the values at or below it. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

async function timedGet(apiUrl: string, path: string, headers: Record<string, string>): Promise<Sample> {
  const started = performance.now();
  try {
    const res = await fetch(`${apiUrl}${path}`, { headers: { accept: 'application/json', ...headers } });
    const body = await res.text();
    const ms = performance.now() - started;
    return res.status === 200 ? { ms, ok: true } : { ms, ok: false, error: `${res.status} on ${path}: ${body.slice(0, 1000)}` };
  } catch (error) {
    return { ms: performance.now() - started, ok: false, error: `${(error as Error).message} on ${path}` };
  }
}

const round1 = (x: number) => Math.round(x * 10) / 10;

export function summarise(samples: readonly Sample[]): LatencyFigures {
  const ok = samples.filter((s) => s.ok).map((s) => s.ms).sort((a, b) => a - b);
  const errors = samples.filter((s) => !s.ok);
  return {
    p50: round1(percentile(ok, 50)),
    p95: round1(percentile(ok, 95)),
    p99: round1(percentile(ok, 99)),
    max: round1(ok.at(-1) ?? Number.NaN),
    requests: samples.length,
    errors: errors.length,
    ...(errors[0]?.error ? { firstError: errors[0].error } : {}),
  };
}

export async function measureEndpoints(opts: {
  apiUrl: string;
  headers: Record<string, string>;
  mix: RequestMix;
  warmup: number;
  requests: number;
  onRound?: (done: number) => void;
}): Promise<Record<EndpointName, LatencyFigures>> {
  // Warm-up: JIT, connection pools, Elasticsearch's caches and global ordinals.
  for (let i = 0; i < opts.warmup; i++) for (const name of endpointNames) await timedGet(opts.apiUrl, opts.mix[name](), opts.headers);
  const samples = Object.fromEntries(endpointNames.map((n) => [n, [] as Sample[]])) as Record<EndpointName, Sample[]>;
  for (let i = 0; i < opts.requests; i++) {
    for (const name of endpointNames) samples[name].push(await timedGet(opts.apiUrl, opts.mix[name](), opts.headers));
    opts.onRound?.(i + 1);
  }
  return Object.fromEntries(endpointNames.map((n) => [n, summarise(samples[n])])) as Record<EndpointName, LatencyFigures>;
}
