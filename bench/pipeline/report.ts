// The report of bench:pipeline: its targets, and the human-readable rendering of the one
// JSON object `--json` prints. Every figure is printed beside its conditions.
import type { CpuFigures } from './cpu-usage.ts';
import type { DrainResult } from './drain.ts';
import type { EndToEndResult } from './end-to-end.ts';
import type { FreshnessResult } from './freshness.ts';
import type { RawResult } from './raw-ceiling.ts';
import type { SearchPhase } from './search-phase.ts';

export const TARGETS = { drainToRawRatio: 0.5, endToEndToRawRatio: 0.4, freshnessP95Ms: 2000, searchP95Ms: 100, scaleOutRatio: 1.6 } as const;
/** A drain rate over fewer seconds than this is mostly refresh steps and start-up: it judges no target. */
export const MIN_WINDOW_S = 10;

export type Target = { target: string; value: number | null; met: boolean; note?: string };

export type Figures = {
  raw: RawResult | null;
  drain: DrainResult | null;
  scaleOut: DrainResult | null;
  endToEnd: EndToEndResult | null;
  freshness: FreshnessResult | null;
  search: SearchPhase | null;
};

const ratio = (a: number | undefined, b: number | undefined) => (a !== undefined && b ? Math.round((a / b) * 100) / 100 : null);

export function headline(f: Figures, cpus: number) {
  const rawDocsPerS = f.raw?.full.docsPerS ?? null;
  const drainDocsPerS = f.drain?.docsPerS ?? null;
  const endToEndDocsPerS = f.endToEnd?.docsPerS ?? null;
  const scaleOut = f.scaleOut
    ? {
        oneDocsPerS: drainDocsPerS,
        twoDocsPerS: f.scaleOut.docsPerS,
        ratio: ratio(f.scaleOut.docsPerS ?? undefined, drainDocsPerS ?? undefined),
        missing: f.scaleOut.audit.missing,
        duplicates: f.scaleOut.audit.duplicates,
        unexpected: f.scaleOut.audit.unexpected,
        redelivered: f.scaleOut.redelivered,
        indexedPerProcessor: f.scaleOut.indexedPerProcessor,
        note: `this machine has ${cpus} cores shared by everything (Kafka, Elasticsearch, Redis, the processors and the bench): a second processor adds no core`,
      }
    : null;
  return {
    rawDocsPerS,
    drainDocsPerS,
    endToEndDocsPerS,
    drainToRawRatio: ratio(drainDocsPerS ?? undefined, rawDocsPerS ?? undefined),
    endToEndToRawRatio: ratio(endToEndDocsPerS ?? undefined, rawDocsPerS ?? undefined),
    freshness: f.freshness ? { p50: f.freshness.p50, p95: f.freshness.p95, p99: f.freshness.p99, notFound: f.freshness.notFound } : null,
    search: f.search ? { docs: f.search.docs, idle: { p50: f.search.idle.p50, p95: f.search.idle.p95 }, indexing: { p50: f.search.indexing.p50, p95: f.search.indexing.p95 } } : null,
    scaleOut,
  };
}

export function targets(f: Figures, h: ReturnType<typeof headline>): Record<string, Target> {
  const notMeasured = (target: string): Target => ({ target, value: null, met: false, note: 'not measured in this run' });
  const t: Record<string, Target> = {};
  const short = (d: DrainResult | null) => (d && d.seconds < MIN_WINDOW_S ? { note: `a drain window of ${d.seconds} s is too short to judge (under ${MIN_WINDOW_S} s): use more --items` } : undefined);
  t.drainToRawRatio =
    h.drainToRawRatio === null
      ? notMeasured(`≥ ${TARGETS.drainToRawRatio}`)
      : { target: `≥ ${TARGETS.drainToRawRatio}`, value: h.drainToRawRatio, met: h.drainToRawRatio >= TARGETS.drainToRawRatio && f.drain!.complete && !short(f.drain), ...short(f.drain) };
  t.endToEndToRawRatio =
    h.endToEndToRawRatio === null
      ? notMeasured(`≥ ${TARGETS.endToEndToRawRatio}`)
      : { target: `≥ ${TARGETS.endToEndToRawRatio}`, value: h.endToEndToRawRatio, met: h.endToEndToRawRatio >= TARGETS.endToEndToRawRatio && f.endToEnd!.sustainedRate !== null, ...(f.endToEnd!.sustainedRate === null ? { note: 'no offered rate was sustained' } : {}) };
  t.freshnessP95Ms = !f.freshness
    ? notMeasured(`≤ ${TARGETS.freshnessP95Ms} ms`)
    : { target: `≤ ${TARGETS.freshnessP95Ms} ms`, value: f.freshness.p95, met: f.freshness.p95 <= TARGETS.freshnessP95Ms && f.freshness.notFound === 0 };
  const worst = f.search ? Math.max(f.search.idle.p95, f.search.indexing.p95) : null;
  const errors = f.search ? f.search.idle.errors + f.search.indexing.errors : 0;
  t.searchP95Ms =
    worst === null
      ? notMeasured(`≤ ${TARGETS.searchP95Ms} ms`)
      : { target: `≤ ${TARGETS.searchP95Ms} ms (idle and indexing)`, value: worst, met: worst <= TARGETS.searchP95Ms && errors === 0, ...(f.search!.docs < 1_000_000 ? { note: `${f.search!.docs.toLocaleString('en')} documents, below the target's 1,000,000` } : {}) };
  const shortScale = short(f.scaleOut) ?? short(f.drain);
  t.scaleOutRatio =
    !h.scaleOut || h.scaleOut.ratio === null
      ? notMeasured(`≥ ${TARGETS.scaleOutRatio}`)
      : { target: `≥ ${TARGETS.scaleOutRatio}, none missing or duplicated`, value: h.scaleOut.ratio, met: h.scaleOut.ratio >= TARGETS.scaleOutRatio && h.scaleOut.missing === 0 && h.scaleOut.duplicates === 0 && f.scaleOut!.complete && !shortScale, ...shortScale };
  return t;
}

const fmt = (n: number | null | undefined) => (n === null || n === undefined || Number.isNaN(n) ? '–' : n.toLocaleString('en'));

export function cpuTable(cpu: Record<string, CpuFigures>): string[] {
  const phases = Object.keys(cpu);
  if (phases.length === 0) return [];
  const known = ['elasticsearch', 'kafka', 'redis', 'api', 'processor', 'processor-1', 'processor-2', 'bench'];
  const names = known.filter((n) => phases.some((p) => cpu[p]!.percentOfOneCore[n] !== undefined));
  const cols = [...names, 'other', 'machine'];
  const lines = [`${'cpu, % of one core'.padEnd(22)}${cols.map((c) => c.padStart(14)).join('')}${'seconds'.padStart(9)}`];
  for (const p of phases) {
    const c = cpu[p]!;
    const cell = (n: string) => (n === 'other' ? c.other : n === 'machine' ? c.machine : c.percentOfOneCore[n]);
    lines.push(`${p.padEnd(22)}${cols.map((n) => fmt(cell(n)).padStart(14)).join('')}${String(c.seconds).padStart(9)}`);
  }
  return lines;
}

export function renderReport(r: {
  id: string;
  conditions: { machine: { cpuModel: string; cpus: number; memoryGiB: number; node: string; loadAverage: number }; elasticsearch: { version: string; heapMaxMiB: number | null; processors: number | null; url: string }; kafka: { rawTopics: number; partitionsPerTopic: number }; processor: object; componentNotes: string[] };
  figures: Figures;
  headline: ReturnType<typeof headline>;
  targets: Record<string, Target>;
  cpu: Record<string, CpuFigures>;
}): string {
  const { figures: f, conditions: c } = r;
  const out: string[] = [];
  const say = (line = '') => out.push(line);
  const m = c.machine;
  say(`pipeline throughput, run ${r.id}`);
  say(`machine        ${m.cpuModel} × ${m.cpus}, ${m.memoryGiB} GiB, Node ${m.node}; 1-min load average ${m.loadAverage} at start; the cores are shared by Kafka, Elasticsearch, Redis, the API, the processors and this bench`);
  say(`elasticsearch  ${c.elasticsearch.version} at ${c.elasticsearch.url}, heap ${fmt(c.elasticsearch.heapMaxMiB)} MiB, ${fmt(c.elasticsearch.processors)} processors; voc's template (refresh ${f.raw?.refreshInterval ?? '1s'})`);
  say(`kafka          ${c.kafka.rawTopics} raw topics × ${c.kafka.partitionsPerTopic} partitions; processor settings ${JSON.stringify(c.processor)}`);
  for (const n of c.componentNotes) say(`note           ${n}`);
  say();
  const row = (name: string, value: string, cond: string) => say(`${name.padEnd(28)}${value.padStart(12)}   ${cond}`);
  row('phase', 'docs/s', 'conditions');
  if (f.raw) {
    row('raw ceiling', fmt(f.raw.full.docsPerS), `${fmt(f.raw.full.docs)} tagged docs (~${fmt(f.raw.avgDocBytes)} B), bulk ${f.raw.best.bulkSize} × ${f.raw.best.concurrency} in flight, ${f.raw.full.seconds} s to refreshed; best of ${f.raw.trials.length} settings on ${fmt(f.raw.sample)} docs; tagging ${f.raw.tagSeconds} s not timed`);
  }
  const drainRow = (name: string, d: DrainResult) =>
    row(name, fmt(d.docsPerS), `${fmt(d.searchable)}/${fmt(d.expected)} searchable; rate over ${d.seconds} s once the group held every processor (${d.startupSeconds} s after start, first document at ${d.firstDocSeconds} s); missing ${fmt(d.audit.missing)}, duplicates ${fmt(d.audit.duplicates)}, indexed per processor ${d.indexedPerProcessor.map(fmt).join(' + ')}${d.redelivered ? ` (${fmt(d.redelivered)} twice)` : ''}${d.complete ? '' : ' — INCOMPLETE'}`);
  if (f.drain) drainRow('drain, 1 processor', f.drain);
  if (f.scaleOut) drainRow('scale-out, 2 processors', f.scaleOut);
  if (f.endToEnd) {
    const e = f.endToEnd;
    const b = e.best;
    const bounds = e.sustainedRate === null ? 'no rate held' : e.lowestNotSustained === null ? `every rate held: ≥ ${fmt(e.sustainedRate)}/s (more --tries go higher)` : `held at ${fmt(e.sustainedRate)}/s, not at ${fmt(e.lowestNotSustained)}/s`;
    row(`end to end${e.sustainedRate === null ? ' (NOT sustained)' : ''}`, fmt(e.docsPerS), `${bounds}; ${e.probeSaturated ? '' : 'the probe did not saturate the pipeline (raise --probe-rate); '}offered ${fmt(b.offered)}/s for ${b.seconds} s: accepted ${fmt(b.acceptedPerS)}/s, indexed ${fmt(b.indexedPerS)}/s, lag slope ${b.lagSlopePerS} ± ${b.lagSlopeStandardError}/s, max lag ${fmt(b.lagMax)}; POST p50/p95 ${b.postLatencyMs.p50}/${b.postLatencyMs.p95} ms; probe at ${fmt(e.probe.offered)}/s indexed ${fmt(e.probe.indexedPerS)}/s`);
    for (const [k, run] of e.runs.entries()) say(`${''.padEnd(43)}run ${k + 1}: offered ${fmt(run.offered)}/s, accepted ${fmt(run.acceptedPerS)}/s, indexed ${fmt(run.indexedPerS)}/s, lag slope ${run.lagSlopePerS} ± ${run.lagSlopeStandardError}/s → ${run.sustained ? 'sustained' : 'not sustained'}`);
  }
  if (f.freshness) {
    const x = f.freshness;
    row('freshness, ms', `${fmt(x.p95)} p95`, `p50 ${fmt(x.p50)}, p99 ${fmt(x.p99)}, max ${fmt(x.max)} over ${fmt(x.found)} items (${x.notFound} not found) at ${fmt(x.rate)}/s offered (${fmt(x.acceptedPerS)}/s accepted) for ${x.seconds} s; polled every ${x.pollMs} ms`);
  }
  if (f.search) {
    const s = f.search;
    row('search idle, ms', `${fmt(s.idle.p95)} p95`, `p50 ${fmt(s.idle.p50)}; English p95 ${fmt(s.idle.english.p95)}, Chinese p95 ${fmt(s.idle.chinese.p95)}; ${fmt(s.idle.requests)} requests, ${s.idle.errors} errors, ${s.idle.zeroHits} without hits; ${fmt(s.docs)} docs in ${s.indices.count} indices, ${s.indices.shards} shards, ${s.indices.segments} segments`);
    const i = s.indexing;
    row('search indexing, ms', `${fmt(i.p95)} p95`, `p50 ${fmt(i.p50)}; English p95 ${fmt(i.english.p95)}, Chinese p95 ${fmt(i.chinese.p95)}; while posting ${fmt(i.ingestTargetRate)}/s (accepted ${fmt(i.ingestAcceptedPerS)}/s, indexed ${fmt(i.indexedPerS)}/s${i.failedPosts ? `, ${i.failedPosts} failed posts: ${i.firstPostError}` : ''}); ${i.errors} errors`);
  }
  if (f.raw) {
    say();
    say(`raw settings (${fmt(f.raw.sample)} docs each): ${f.raw.trials.map((t) => `${t.bulkSize}×${t.concurrency} ${fmt(t.docsPerS)}/s`).join(', ')}`);
  }
  say();
  for (const line of cpuTable(r.cpu)) say(line);
  say();
  say('targets');
  for (const [name, t] of Object.entries(r.targets)) say(`  ${name.padEnd(22)}${fmt(t.value).padStart(10)}   ${t.target.padEnd(40)}${t.met ? 'met' : 'NOT met'}${t.note ? ` (${t.note})` : ''}`);
  if (r.headline.scaleOut) say(`  note: ${r.headline.scaleOut.note}`);
  return `${out.join('\n')}\n`;
}
