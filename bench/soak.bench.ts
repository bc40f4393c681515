// `npm run soak [-- --minutes 30 --rate 1400 --json]`: the whole pipeline on the local stack
// fed at a steady rate for a long time, by default half the sustained end-to-end rate
// measured on the reference machine, to show it holds. The API and the scheduler run in
// this process; the processor runs in its own (`voc serve --roles processor`), as a
// deployment runs it (`--processor-here` puts it in this process too). Every `--sample`
// seconds it records memory (this process: RSS and heap after a forced collection; the
// processor: RSS and heap from its /metrics), consumer lag (the raw topics' end offsets
// minus the group's committed ones), requests and items refused, dead letters, retries and
// the event loop's delay (p99 over the interval). The verdict compares the last third of
// the run with the first third: memory flat (heap growth of each process under
// `--max-heap-growth` MB), lag bounded (never above `--max-lag`, and back to zero at the
// end), no error growth.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Command, InvalidArgumentError } from 'commander';
import cliProgress from 'cli-progress';
import { createApiKey, isolatedPrefixes, startRoles, type RunningRoles } from '../cli/runtime.ts';
import { createKafka } from '../core/kafka/kafka.client.ts';
import { rawTopics } from '../core/names.ts';
import { createLogger } from '../core/observability/logger.ts';
import { createMetrics } from '../core/observability/metrics.ts';
import { stackDown, stackUp, type ServiceName } from '../stack/stack.ts';
import { benchConfig, describeResources, removeBenchResources } from './trends/bench-resources.ts';
import { startIngestLoad } from './trends/ingest-load.ts';
import { startChildRole, type ChildRole } from './pipeline/child-role.ts';

const positive = (v: string) => {
  const n = Number(v);
  if (!(n > 0)) throw new InvalidArgumentError('a positive number');
  return n;
};
const opts = new Command('soak')
  .description('a long steady run of the whole pipeline: memory, consumer lag, errors and event-loop delay over time')
  .option('--minutes <n>', 'how long to feed', positive, 30)
  .option('--rate <items/s>', 'items posted per second (default: half the sustained end-to-end rate that npm run bench:pipeline measured on the reference machine, 2,799/s)', positive, 1400)
  .option('--sample <s>', 'seconds between samples', positive, 30)
  .option('--max-lag <n>', 'consumer lag that fails the verdict', positive, 50_000)
  .option('--max-heap-growth <MB>', 'heap growth from the first to the last third that fails the verdict', positive, 64)
  .option('--processor-here', 'run the processor in this process instead of its own')
  .option('--keep', 'keep the indices, topics and queues for inspection')
  .option('--json', 'print one JSON object on stdout, nothing else')
  .option('--log-level <level>', 'log level of the roles (stderr)', 'warn')
  .showHelpAfterError('(run "npm run soak -- --help" for the options)')
  .parse()
  .opts<{ minutes: number; rate: number; sample: number; maxLag: number; maxHeapGrowth: number; processorHere?: boolean; keep?: boolean; json?: boolean; logLevel: string }>();

type Sample = {
  minute: number;
  rssMB: number;
  heapMB: number;
  /** The processor's own process (absent with --processor-here). */
  processorRssMB?: number;
  processorHeapMB?: number;
  lag: number;
  accepted: number;
  failedRequests: number;
  deadLettered: number;
  retries: number;
  loopDelayP99Ms: number;
};

const note = (line: string) => process.stderr.write(`${line}\n`);
const logger = createLogger({ level: opts.logLevel });
const { id, config } = benchConfig(process.env, opts.logLevel, undefined, 'soak');
let started: ServiceName[] = [];
let roles: RunningRoles | undefined;
let child: ChildRole | undefined;

const mb = (bytes: number) => Math.round((bytes / 1048576) * 10) / 10;
const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
const counter = async (metrics: ReturnType<typeof createMetrics>, name: string) => (await metrics.registry.getSingleMetric(name)?.get())?.values.reduce((s, v) => s + v.value, 0) ?? 0;

/** Sums of the samples of each named metric in a Prometheus text exposition. */
function readExposition(text: string, names: readonly string[]): Record<string, number> {
  const sums = Object.fromEntries(names.map((n) => [n, 0]));
  for (const line of text.split('\n')) {
    const m = /^([a-z_]+)(?:\{[^}]*\})? (\S+)$/.exec(line);
    if (m && m[1]! in sums) sums[m[1]!]! += Number(m[2]);
  }
  return sums;
}

/** The processor in its own process (bench/pipeline/child-role.ts), with /metrics on a free port. */
async function startProcessorProcess(): Promise<{ metrics(): Promise<Record<string, number>> }> {
  child = await startChildRole({
    name: 'processor',
    role: 'processor',
    env: { ...(process.env as Record<string, string>), ...isolatedPrefixes(id), LOG_LEVEL: opts.logLevel, METRICS_DEFAULT: 'true' },
  });
  let exited = false;
  void child.exited.then((code) => {
    exited = true;
    if (!stopping) note(`the processor process exited (${code ?? 'signal'}) during the soak`);
  });
  const url = `${child.metricsUrl}/metrics`;
  const names = ['voc_process_resident_memory_bytes', 'voc_nodejs_heap_size_used_bytes', 'voc_processor_dead_letters_total', 'voc_processor_retries_total'];
  const deadline = Date.now() + 60_000;
  for (;;) {
    const ok = await fetch(url).then((r) => r.ok, () => false);
    if (ok) break;
    if (Date.now() > deadline || exited) throw new Error('the processor process did not start (no /metrics within 60 s)');
    await new Promise((r) => setTimeout(r, 500));
  }
  return { metrics: async () => readExposition(await (await fetch(url)).text(), names) };
}
let stopping = false;

try {
  note(`soak ${id}: ${opts.minutes} min at ${opts.rate} items/s; bringing up the stack (reusing any already running)…`);
  started = (await stackUp(config, { logger })).started;
  const metrics = createMetrics({ defaultMetrics: false });
  roles = await startRoles(config, opts.processorHere ? ['api', 'processor', 'scheduler'] : ['api', 'scheduler'], { logger, metrics });
  const processor = opts.processorHere ? undefined : await startProcessorProcess();
  const headers = { authorization: `Bearer ${await createApiKey(config, { name: 'soak', role: 'ingest', expiresInDays: 1, createdBy: 'soak' })}` };
  const admin = createKafka(config.kafka, logger).admin();
  await admin.connect();
  const lag = async () => {
    let total = 0;
    const committed = await admin.fetchOffsets({ groupId: config.kafka.consumerGroup, topics: rawTopics(config.kafka.topicPrefix) });
    for (const t of committed) {
      const ends = new Map((await admin.fetchTopicOffsets(t.topic)).map((p) => [p.partition, Number(p.high)]));
      for (const p of t.partitions) total += Math.max(0, (ends.get(p.partition) ?? 0) - Math.max(0, Number(p.offset)));
    }
    return total;
  };

  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const load = startIngestLoad({ apiUrl: roles.apiUrl!, headers, rate: opts.rate, seed: 7 });
  const samples: Sample[] = [];
  const t0 = Date.now();
  const bar = !opts.json && process.stderr.isTTY ? new cliProgress.SingleBar({ format: 'soak {bar} {value}/{total} min | lag {lag} | heap {heap} MB | loop p99 {loop} ms', hideCursor: true, stream: process.stderr }, cliProgress.Presets.shades_classic) : undefined;
  bar?.start(opts.minutes, 0, { lag: 0, heap: 0, loop: 0 });
  while (Date.now() - t0 < opts.minutes * 60_000) {
    await new Promise((r) => setTimeout(r, Math.min(opts.sample * 1000, t0 + opts.minutes * 60_000 - Date.now())));
    global.gc?.();
    const mem = process.memoryUsage();
    const other = await processor?.metrics();
    const s: Sample = {
      minute: Math.round(((Date.now() - t0) / 60_000) * 10) / 10,
      rssMB: mb(mem.rss),
      heapMB: mb(mem.heapUsed),
      ...(other ? { processorRssMB: mb(other.voc_process_resident_memory_bytes!), processorHeapMB: mb(other.voc_nodejs_heap_size_used_bytes!) } : {}),
      lag: await lag(),
      accepted: load.stats.accepted,
      failedRequests: load.stats.failedRequests,
      deadLettered: other ? other.voc_processor_dead_letters_total! : roles.processor!.stats.deadLettered,
      retries: other ? other.voc_processor_retries_total! : await counter(metrics, 'voc_processor_retries_total'),
      loopDelayP99Ms: Math.round(loop.percentile(99) / 1e5) / 10,
    };
    loop.reset();
    samples.push(s);
    bar?.update(s.minute, { lag: s.lag, heap: s.heapMB, loop: s.loopDelayP99Ms });
    if (!bar && !opts.json) note(`${s.minute} min: rss ${s.rssMB} MB, heap ${s.heapMB} MB${s.processorHeapMB === undefined ? '' : `, processor rss ${s.processorRssMB} MB, heap ${s.processorHeapMB} MB`}, lag ${s.lag}, accepted ${s.accepted}, failed requests ${s.failedRequests}, dead letters ${s.deadLettered}, retries ${s.retries}, loop p99 ${s.loopDelayP99Ms} ms`);
  }
  bar?.stop();
  await load.stop();
  // Drained: the lag after feeding stops says whether the pipeline kept up.
  const drainStart = Date.now();
  let finalLag = await lag();
  while (finalLag > 0 && Date.now() - drainStart < 120_000) {
    await new Promise((r) => setTimeout(r, 2000));
    finalLag = await lag();
  }
  await admin.disconnect();

  const third = Math.max(1, Math.floor(samples.length / 3));
  const first = samples.slice(0, third);
  const last = samples.slice(-third);
  const growth = (pick: (s: Sample) => number) => Math.round((mean(last.map(pick)) - mean(first.map(pick))) * 10) / 10;
  const heapGrowthMB = growth((s) => s.heapMB);
  const processorHeapGrowthMB = processor ? growth((s) => s.processorHeapMB ?? 0) : undefined;
  const maxLag = Math.max(...samples.map((s) => s.lag));
  const errorsFirst = (first.at(-1)?.failedRequests ?? 0) + (first.at(-1)?.deadLettered ?? 0);
  const errorsLast = (samples.at(-1)?.failedRequests ?? 0) + (samples.at(-1)?.deadLettered ?? 0);
  const achievedRate = Math.round((samples.at(-1)?.accepted ?? 0) / (opts.minutes * 60));
  const verdict = {
    memoryFlat: heapGrowthMB < opts.maxHeapGrowth && (processorHeapGrowthMB ?? 0) < opts.maxHeapGrowth,
    lagBounded: maxLag <= opts.maxLag && finalLag === 0,
    noErrorGrowth: errorsLast === errorsFirst,
  };
  const result = { id, minutes: opts.minutes, rate: opts.rate, achievedRate, sampleSeconds: opts.sample, processorProcess: !opts.processorHere, samples, heapGrowthMB, processorHeapGrowthMB, maxLag, finalLag, verdict, ok: Object.values(verdict).every(Boolean), machine: { cpus: (await import('node:os')).cpus().length, node: process.version } };
  if (opts.json) process.stdout.write(`${JSON.stringify(result)}\n`);
  else {
    note(`\nfed ${samples.at(-1)?.accepted ?? 0} items at ${achievedRate}/s (target ${opts.rate}); heap growth ${heapGrowthMB} MB${processorHeapGrowthMB === undefined ? '' : ` here, ${processorHeapGrowthMB} MB in the processor`} (first third → last third), max lag ${maxLag}, lag after draining ${finalLag}, errors ${errorsFirst} → ${errorsLast}`);
    note(`verdict: memory flat ${verdict.memoryFlat ? 'yes' : 'NO'}, lag bounded ${verdict.lagBounded ? 'yes' : 'NO'}, no error growth ${verdict.noErrorGrowth ? 'yes' : 'NO'}`);
  }
  process.exitCode = result.ok ? 0 : 1;
} finally {
  stopping = true;
  await child?.stop();
  await roles?.stop();
  if (opts.keep) note(`kept: ${describeResources(config)}`);
  else await removeBenchResources(config, logger);
  await stackDown(config, { logger, only: started });
}
