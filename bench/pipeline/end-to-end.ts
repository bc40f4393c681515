// End to end through the API: feedback posted over HTTP at a constant offered rate while
// an API process and a processor process run. Every second the bench records the items
// accepted (202 answers) and the items searchable (the read alias's count); lag is their
// difference. A rate is sustained when lag does not grow: its least-squares slope over the
// run (after the first fifth, the start-up transient) stays under 3% of the rate (or 5/s)
// or within one standard error of zero (the count moves in 1 s refresh steps, so a short
// run cannot tell a small growth from noise), the client really got the rate accepted
// (≥ 95%), and no request failed.
// Accepted and indexed rates are least-squares slopes over the same steady part.
// The search for the sustained rate: a probe offers more than the pipeline can take and
// reads what is indexed per second in its second half (a low estimate: overloaded, the API
// and this client take cores from the processor); the runs start there and bisect between
// the highest rate that held and the lowest that did not, `tries` runs in all. A probe
// whose lag did not grow was no probe: the runs then start above its rate. Between runs
// the backlog is drained, so every run starts from an empty queue.
import type { Client } from '@elastic/elasticsearch';
import type { Feedback } from '../../core/feedback/feedback.schema.ts';
import { cpuWindow, type Component, type CpuFigures } from './cpu-usage.ts';
import { searchableCount } from './drain.ts';
import { startPostLoad } from './post-load.ts';

export type LagSample = { second: number; accepted: number; indexed: number; lag: number };
export type RateRun = {
  offered: number;
  seconds: number;
  acceptedPerS: number;
  indexedPerS: number;
  lagMax: number;
  lagEnd: number;
  lagSlopePerS: number;
  lagSlopeStandardError: number;
  sustained: boolean;
  requests: number;
  failedRequests: number;
  firstError?: string;
  postLatencyMs: { p50: number; p95: number };
  drainSeconds: number;
  samples: LagSample[];
  cpu: CpuFigures;
};
export type EndToEndResult = {
  warmupSeconds: number;
  probe: RateRun;
  /** False when the probe's lag did not grow: it offered no more than the pipeline took, so its indexed rate is no capacity. */
  probeSaturated: boolean;
  runs: RateRun[];
  /** The highest offered rate that held, null if none did. */
  sustainedRate: number | null;
  /** The lowest offered rate that did not hold (the probe's included); null: every rate held, sustainedRate is only a lower bound. */
  lowestNotSustained: number | null;
  /** Indexed per second in the run at sustainedRate (or the best run when none held). */
  docsPerS: number;
  best: RateRun;
};

export type Pipeline = { es: Client; alias: string; apiUrl: string; headers: Record<string, string>; pool: readonly Feedback[]; sourceIdPrefix: string; components: Component[] };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Least-squares slope of y over x, and its standard error. */
export function slope(points: ReadonlyArray<readonly [number, number]>): { slope: number; standardError: number } {
  const n = points.length;
  if (n < 3) return { slope: 0, standardError: Infinity };
  const mx = points.reduce((s, p) => s + p[0], 0) / n;
  const my = points.reduce((s, p) => s + p[1], 0) / n;
  const sxy = points.reduce((s, p) => s + (p[0] - mx) * (p[1] - my), 0);
  const sxx = points.reduce((s, p) => s + (p[0] - mx) ** 2, 0);
  if (sxx === 0) return { slope: 0, standardError: Infinity };
  const b = sxy / sxx;
  const residuals = points.reduce((s, p) => s + (p[1] - (my + b * (p[0] - mx))) ** 2, 0);
  return { slope: b, standardError: Math.sqrt(residuals / (n - 2) / sxx) };
}

/** Waits until `target` items are searchable; the seconds it took. */
export async function waitSearchable(es: Client, alias: string, target: number, timeoutS: number): Promise<number> {
  const t0 = performance.now();
  while ((await searchableCount(es, alias)) < target) {
    if (performance.now() - t0 > timeoutS * 1000) throw new Error(`fewer than ${target} items searchable after ${timeoutS} s`);
    await sleep(250);
  }
  return (performance.now() - t0) / 1000;
}

let runNumber = 0;

export async function runAtRate(p: Pipeline, rate: number, seconds: number, opts: { steadyFrom?: number; onSecond?: (s: LagSample) => void } = {}): Promise<RateRun> {
  const base = await searchableCount(p.es, p.alias);
  const cpu = cpuWindow(p.components);
  const load = startPostLoad({ apiUrl: p.apiUrl, headers: p.headers, rate, pool: p.pool, sourceIdPrefix: `${p.sourceIdPrefix}-r${++runNumber}` });
  const samples: LagSample[] = [];
  const t0 = performance.now();
  for (let s = 1; s <= seconds; s++) {
    await sleep(t0 + s * 1000 - performance.now());
    const indexed = (await searchableCount(p.es, p.alias)) - base;
    const sample = { second: s, accepted: load.stats.accepted, indexed, lag: load.stats.accepted - indexed };
    samples.push(sample);
    opts.onSecond?.(sample);
  }
  const elapsed = (performance.now() - t0) / 1000;
  await load.stop();
  const cpuFigures = cpu.stop();
  // Steady state: from `steadyFrom` of the run on (the start-up transient left out).
  const from = Math.min(samples.length - 1, Math.floor(samples.length * (opts.steadyFrom ?? 0.2)));
  const z = samples.at(-1)!;
  const steady = samples.slice(from);
  const fit = slope(steady.map((s) => [s.second, s.lag] as const));
  const lagSlopePerS = Math.round(fit.slope * 10) / 10;
  const lagGrows = fit.slope > Math.max(0.03 * rate, 5, fit.standardError);
  // Rates as fitted slopes: the searchable count moves in refresh steps, which a difference of two samples would keep.
  const acceptedPerS = Math.round(slope(steady.map((s) => [s.second, s.accepted] as const)).slope);
  const indexedPerS = Math.round(slope(steady.map((s) => [s.second, s.indexed] as const)).slope);
  const drainStarted = performance.now();
  await waitSearchable(p.es, p.alias, base + load.stats.accepted, Math.max(120, (3 * z.lag) / Math.max(1, indexedPerS)));
  return {
    offered: rate,
    seconds: Math.round(elapsed * 10) / 10,
    acceptedPerS,
    indexedPerS,
    lagMax: Math.max(...samples.map((s) => s.lag)),
    lagEnd: z.lag,
    lagSlopePerS,
    lagSlopeStandardError: Math.round(fit.standardError * 10) / 10,
    sustained: !lagGrows && acceptedPerS >= 0.95 * rate && load.stats.failedRequests === 0,
    requests: load.stats.requests,
    failedRequests: load.stats.failedRequests,
    ...(load.stats.firstError ? { firstError: load.stats.firstError } : {}),
    postLatencyMs: load.latency(),
    drainSeconds: Math.round((performance.now() - drainStarted) / 100) / 10,
    samples,
    cpu: cpuFigures,
  };
}

export async function findSustainedRate(
  p: Pipeline,
  o: { probeRate: number; probeSeconds: number; seconds: number; tries: number },
  note: (line: string) => void,
  bar: (label: string, seconds: number) => { update(second: number, lag: number): void; stop(): void },
): Promise<EndToEndResult> {
  // Warm-up: the consumer group forms, code and caches warm; not measured.
  const warm = performance.now();
  const headers = { 'content-type': 'application/json', ...p.headers };
  const base = await searchableCount(p.es, p.alias);
  const res = await fetch(`${p.apiUrl}/v1/feedback`, { method: 'POST', headers, body: JSON.stringify(p.pool.slice(0, 200).map((f, k) => ({ ...f, sourceId: `${p.sourceIdPrefix}-warm-${k}` }))) });
  if (res.status !== 202) throw new Error(`warm-up post answered ${res.status}: ${(await res.text()).slice(0, 500)}`);
  await waitSearchable(p.es, p.alias, base + 200, 180);
  const warmupSeconds = Math.round((performance.now() - warm) / 100) / 10;

  const timed = async (label: string, rate: number, seconds: number, steadyFrom?: number) => {
    const b = bar(label, seconds);
    const run = await runAtRate(p, rate, seconds, { steadyFrom, onSecond: (s) => b.update(s.second, s.lag) });
    b.stop();
    const c = run.cpu.percentOfOneCore;
    note(`  ${label}: offered ${rate}/s, accepted ${run.acceptedPerS}/s, indexed ${run.indexedPerS}/s, lag slope ${run.lagSlopePerS} ± ${run.lagSlopeStandardError}/s, max lag ${run.lagMax}${run.failedRequests ? `, ${run.failedRequests} failed requests (${run.firstError})` : ''}; drained in ${run.drainSeconds} s`);
    note(`    cpu % of one core: elasticsearch ${c.elasticsearch ?? '–'}, kafka ${c.kafka ?? '–'}, api ${c.api}, processor ${c.processor}, bench ${c.bench}, other ${run.cpu.other}`);
    return run;
  };
  const probe = await timed('probe', o.probeRate, o.probeSeconds, 0.5);
  if (probe.sustained) note(`  the probe's lag did not grow: ${o.probeRate}/s is not above capacity (raise --probe-rate); the runs step up from it`);
  const runs: RateRun[] = [];
  // Bounds: the highest rate that held and the lowest that did not; the next run bisects
  // them, or steps 30% up (25% down) while one side is still open.
  let held: number | undefined;
  let failed = probe.sustained ? undefined : o.probeRate;
  let rate = Math.max(1, probe.sustained ? Math.round(o.probeRate * 1.3) : probe.indexedPerS);
  for (let k = 0; k < o.tries; k++) {
    const run = await timed(`run ${k + 1} of ${o.tries}`, rate, o.seconds);
    runs.push(run);
    if (run.sustained) held = Math.max(held ?? 0, rate);
    else failed = Math.min(failed ?? Infinity, rate);
    if (held !== undefined && failed !== undefined) rate = Math.round((held + failed) / 2);
    else if (held !== undefined) rate = Math.round(held * 1.3);
    else rate = Math.max(1, Math.round(Math.min(rate, run.indexedPerS) * 0.75));
  }
  const sustained = runs.filter((r) => r.sustained);
  const best = sustained.length ? sustained.reduce((x, y) => (y.offered > x.offered ? y : x)) : runs.reduce((x, y) => (y.indexedPerS > x.indexedPerS ? y : x));
  return {
    warmupSeconds,
    probe,
    probeSaturated: !probe.sustained,
    runs,
    sustainedRate: held ?? null,
    lowestNotSustained: failed ?? null,
    docsPerS: best.indexedPerS,
    best,
  };
}
