// `npm run bench:pipeline [-- --items N] [-- --seconds S] [-- --skip-search] [-- --json]`:
// throughput of the pipeline against the real servers, each phase beside its ceiling.
//   raw ceiling   tagged documents bulk-indexed straight into a fresh index of voc's template
//                 (bulk sizes × requests in flight tried on a sample, the best on all N);
//                 tagging is done first and not timed
//   drain         N items in the raw topics (published as POST /v1/feedback publishes them),
//                 then one `voc serve --roles processor` process: time until all are searchable
//   scale-out     the same N messages drained by two processor processes in another group,
//                 ids audited (missing, duplicates)
//   end to end    `voc serve --roles api` and a processor process; feedback posted over HTTP
//                 at a constant rate; the highest rate whose lag (accepted − searchable) does
//                 not grow
//   freshness     at half that rate, 202 answer → searchable, per sampled item
//   search        GET /v1/feedback/search (English and Chinese, filters, facets) on an index
//                 of --search-docs seeded documents, idle and while feedback is posted at the
//                 sustained rate
// CPU per component (Elasticsearch, Kafka, Redis, API, processors, this bench, the rest of
// the machine) is measured over every phase, from /proc. Each phase runs in a lane of its
// own (bench/pipeline/lanes.ts) under the run's random prefix; all of it is removed at
// the end unless --keep. Child processes are stopped on exit and on Ctrl-C.
import { Command, InvalidArgumentError, Option } from 'commander';
import { whole as wholeNumber } from './options.ts';
import { createElasticsearchClient } from '../core/elasticsearch/elasticsearch.client.ts';
import { ensureFeedbackIndices } from '../core/elasticsearch/feedback-index.ts';
import { ensureTopics } from '../core/kafka/topics.ts';
import { createKafka } from '../core/kafka/kafka.client.ts';
import { rawTopics } from '../core/names.ts';
import { createLogger } from '../core/observability/logger.ts';
import { stackDown, stackUp, type ServiceName } from '../stack/stack.ts';
import { killChildren, stopChildren } from './pipeline/child-role.ts';
import { serverComponents, type CpuFigures } from './pipeline/cpu-usage.ts';
import { drain, type DrainResult } from './pipeline/drain.ts';
import { findSustainedRate, type EndToEndResult } from './pipeline/end-to-end.ts';
import { measureFreshness, type FreshnessResult } from './pipeline/freshness.ts';
import { createLanes, type Lane } from './pipeline/lanes.ts';
import { produceFeedback, type Produced } from './pipeline/produce-feedback.ts';
import { note, progress } from './pipeline/progress.ts';
import { measureRawCeiling, type RawResult } from './pipeline/raw-ceiling.ts';
import { headline, renderReport, targets } from './pipeline/report.ts';
import { startPipeline } from './pipeline/running-pipeline.ts';
import { runSearchPhase, type SearchPhase } from './pipeline/search-phase.ts';
import { benchConfig } from './trends/bench-resources.ts';
import { elasticsearchInfo, machine } from './trends/conditions.ts';

const phases = ['raw', 'drain', 'scale-out', 'end-to-end', 'freshness', 'search'] as const;
type Phase = (typeof phases)[number];

// Counts may be written 1_000_000 or 1,000,000.
const whole = (min: number) => wholeNumber(min, { separators: true });
const wholeList = (v: string) => {
  const list = v.split(',').map((x) => Number(x.trim()));
  if (list.length === 0 || !list.every((n) => Number.isInteger(n) && n >= 1)) throw new InvalidArgumentError('a comma list of whole numbers ≥ 1');
  return list;
};
const phaseList = (v: string) => {
  const list = v.split(',').map((x) => x.trim());
  const bad = list.filter((p) => !(phases as readonly string[]).includes(p));
  if (bad.length) throw new InvalidArgumentError(`unknown phase(s) ${bad.join(', ')}; phases: ${phases.join(', ')}`);
  return list as Phase[];
};

const command = new Command('bench:pipeline')
  .description('pipeline throughput on the real servers: raw Elasticsearch ceiling, drain with one and two processors, sustained end-to-end rate, freshness, search latency, CPU per component')
  .option('--items <n>', 'items drained (and indexed for the raw ceiling)', whole(1), 100_000)
  .option('--seconds <n>', 'length of each end-to-end run at a constant rate', whole(5), 120)
  .option('--probe-seconds <n>', 'length of the end-to-end probe above capacity (default: half of --seconds, 10 to 30)', whole(5))
  .option('--probe-rate <items/s>', 'rate the probe offers (default: 1.5 × the drain rate, or 3000 without a drain)', whole(1))
  .option('--tries <n>', 'end-to-end runs after the probe, bisecting between the highest rate that held and the lowest that did not', whole(1), 3)
  .option('--rate <items/s>', 'sustained rate to assume when the end-to-end phase is skipped (freshness offers half, search indexing all of it)', whole(1), 500)
  .option('--freshness-seconds <n>', 'how long items are posted and followed for freshness', whole(1), 30)
  .option('--search-docs <n>', 'documents seeded for the search phase (1,000,000 take about 5 minutes here)', whole(1), 1_000_000)
  .option('--search-days <n>', 'days of history the search documents cover', whole(1), 90)
  .option('--search-requests <n>', 'measured searches, idle and again while indexing, one at a time', whole(1), 200)
  .option('--search-warmup <n>', 'unmeasured searches before each measurement', whole(0), 10)
  .option('--raw-sizes <list>', 'bulk sizes tried for the raw ceiling', wholeList, [1000, 2500, 5000])
  .option('--raw-concurrency <list>', 'bulk requests in flight tried for the raw ceiling', wholeList, [1, 2, 4])
  .option('--raw-sample <n>', 'documents per raw setting tried', whole(1), 25_000)
  .option('--raw-pool <n>', 'distinct tagged documents for the raw ceiling (reused with new ids beyond it)', whole(1), 25_000)
  .option('--stall <s>', 'a drain with no new searchable item for this long stops and is reported incomplete', whole(5), 120)
  .addOption(new Option('--only <phases>', `run only these phases (comma list of ${phases.join(', ')})`).argParser(phaseList))
  .option('--skip-raw', 'skip the raw ceiling')
  .option('--skip-drain', 'skip the one-processor drain (and the scale-out, which is compared with it)')
  .option('--skip-scale-out', 'skip the two-processor drain')
  .option('--skip-end-to-end', 'skip the sustained end-to-end rate (freshness and search then use --rate)')
  .option('--skip-freshness', 'skip freshness')
  .option('--skip-search', 'skip search latency (and its seeding)')
  .option('--seed <n>', 'seed of the generated feedback and of the search mix', whole(0), 1)
  .option('--keep', 'keep the indices, topics, groups and queues of the run for inspection')
  .option('--json', 'print one JSON object on stdout, nothing else (progress and logs go to stderr)')
  .option('--log-level <level>', 'log level of the roles (this process and the child processes; logs go to stderr)', 'warn')
  .addHelpText(
    'after',
    `
Conditions and method: see the header of bench/pipeline.bench.ts and of each file in
bench/pipeline/. Servers: KAFKA_BROKERS, ELASTICSEARCH_URL and REDIS_URL name running ones;
unset, the local stack is used (started if needed, as \`voc stack up\` does). PROCESSOR_*
and KAFKA_RAW_PARTITIONS in the environment reach the processor processes.
Targets: drain ≥ 0.5 × raw, end to end ≥ 0.4 × raw, freshness p95 ≤ 2000 ms,
search p95 ≤ 100 ms at 1,000,000 documents, two processors ≥ 1.6 × one.

Examples:
  npm run bench:pipeline                                          # every phase, 100,000 items, 120 s runs, 1,000,000 search docs
  npm run bench:pipeline -- --items 20000 --seconds 20 --skip-search   # a quick run
  npm run bench:pipeline -- --only raw,drain --items 50000        # the processor against its ceiling
  npm run bench:pipeline -- --only search --search-docs 200000 --rate 800
  npm run bench:pipeline -- --json > pipeline.json                # figures for a script
`,
  )
  .showHelpAfterError('(run "npm run bench:pipeline -- --help" for the options)')
  .parse();

type Opts = {
  items: number; seconds: number; probeSeconds?: number; probeRate?: number; tries: number; rate: number; freshnessSeconds: number;
  searchDocs: number; searchDays: number; searchRequests: number; searchWarmup: number; rawSizes: number[]; rawConcurrency: number[]; rawSample: number; rawPool: number;
  stall: number; only?: Phase[]; skipRaw?: boolean; skipDrain?: boolean; skipScaleOut?: boolean; skipEndToEnd?: boolean; skipFreshness?: boolean; skipSearch?: boolean;
  seed: number; keep?: boolean; json?: boolean; logLevel: string;
};
const opts = command.opts<Opts>();
const skipped: Record<Phase, boolean | undefined> = { raw: opts.skipRaw, drain: opts.skipDrain, 'scale-out': opts.skipScaleOut || opts.skipDrain, 'end-to-end': opts.skipEndToEnd, freshness: opts.skipFreshness, search: opts.skipSearch };
const runs = (p: Phase) => (opts.only ? opts.only.includes(p) : true) && !skipped[p];
if (runs('scale-out') && !runs('drain')) command.error('the scale-out phase is compared with the one-processor drain: run the drain too');

const logger = createLogger({ level: opts.logLevel });
// The only read of the environment: server addresses and credentials, as the CLI takes them.
const { id, config } = benchConfig(process.env, opts.logLevel, undefined, 'pipeline');
const lanes = createLanes(id, process.env, opts.logLevel);
const es = createElasticsearchClient(config.elasticsearch, { requestTimeoutMs: 120_000 });
let started: ServiceName[] = [];

let cleaned: Promise<void> | undefined;
const cleanup = () =>
  (cleaned ??= (async () => {
    await stopChildren();
    if (opts.keep) note(`kept: lanes ${lanes.made.map((l) => l.id).join(', ')} (indices ${id}-*-feedback-*, topics ${id}-*.feedback.*)`);
    else {
      const failures = await lanes.removeAll(logger);
      for (const f of failures) note(`could not remove everything of ${f}`);
      note(`removed the run's indices, templates, topics, groups and queues (prefix ${id})`);
    }
    if (started.length) await stackDown(config, { logger, only: started });
    await es.close();
  })());
process.on('exit', killChildren);
// Ctrl-C reaches npm, tsx and this process alike, and the first two pass it on again: a
// repeated signal must not end the process halfway through removing what the run made.
let interrupted = false;
for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
  process.on(signal, () => {
    if (interrupted) return;
    interrupted = true;
    note(`${signal}: stopping the child processes and cleaning up (SIGKILL ends at once, leaving the run's data behind)…`);
    void cleanup().finally(() => process.exit(code));
  });
}

/** A lane's topics and feedback indices exist before anything is timed. */
async function prepareLane(lane: Lane): Promise<void> {
  await ensureTopics(createKafka(lane.config.kafka, logger), lane.config.kafka);
  await ensureFeedbackIndices(es, lane.config.elasticsearch);
}

try {
  const host = machine(); // before this run adds any load
  note(`bench:pipeline ${id}: bringing up Kafka, Elasticsearch and Redis (reusing any already running)…`);
  started = (await stackUp(config, { logger })).started;
  const esNode = await elasticsearchInfo(es);
  const { components: servers, notes: componentNotes } = await serverComponents(es, config);
  const cpu: Record<string, CpuFigures> = {};
  let raw: RawResult | null = null;
  let drained: DrainResult | null = null;
  let scaleOut: DrainResult | null = null;
  let endToEnd: EndToEndResult | null = null;
  let freshness: FreshnessResult | null = null;
  let search: SearchPhase | null = null;
  const bench = { name: 'bench', pid: process.pid };

  if (runs('raw')) {
    note('— raw ceiling');
    raw = await measureRawCeiling(es, lanes.lane('raw').config, { items: opts.items, pool: opts.rawPool, sample: opts.rawSample, bulkSizes: opts.rawSizes, concurrencies: opts.rawConcurrency, seed: opts.seed, keep: opts.keep === true, components: [...servers, bench] }, note, (label, total) => progress(label, total, 'docs'));
    cpu.raw = raw.cpu;
  }

  if (runs('drain')) {
    note('— drain');
    const lane = lanes.lane('drain');
    await prepareLane(lane);
    const bar = progress('producing to the raw topics', opts.items, 'items');
    const produced: Produced = await produceFeedback(lane.config, logger, { count: opts.items, seed: opts.seed, sourceIdPrefix: lane.id }, bar.update);
    bar.stop();
    note(`produced ${opts.items.toLocaleString('en')} items (${Math.round(produced.bytes / 2 ** 20)} MiB of JSON) in ${produced.seconds.toFixed(1)} s, generation included`);
    drained = await drain(es, lane, { processors: 1, ids: produced.ids, servers, stallS: opts.stall, echo: true, logger }, progress('drain, 1 processor', opts.items, 'searchable'));
    cpu.drain = drained.cpu;
    note(`drained ${drained.searchable.toLocaleString('en')} items at ${drained.docsPerS?.toLocaleString('en') ?? '?'}/s after ${drained.startupSeconds} s start-up`);
    if (runs('scale-out')) {
      note('— scale-out');
      const scale = lanes.lane('scale', { topicsOf: lane });
      await ensureFeedbackIndices(es, scale.config.elasticsearch);
      scaleOut = await drain(es, scale, { processors: 2, ids: produced.ids, servers, stallS: opts.stall, echo: true, logger }, progress('drain, 2 processors', opts.items, 'searchable'));
      cpu.scaleOut = scaleOut.cpu;
      if (scaleOut.docsPerS === null) note('every item was searchable before both processors were in the group: no two-processor rate (use more --items)');
      else note(`drained ${scaleOut.searchable.toLocaleString('en')} items at ${scaleOut.docsPerS.toLocaleString('en')}/s with two processors`);
    }
  }

  let sustained = opts.rate;
  if (runs('end-to-end') || runs('freshness')) {
    const lane = lanes.lane('e2e');
    await prepareLane(lane);
    const { pipeline, stop } = await startPipeline(es, lane, servers, { logger, seed: opts.seed + 2 });
    try {
      if (runs('end-to-end')) {
        note('— end to end');
        const probeSeconds = opts.probeSeconds ?? Math.min(30, Math.max(10, Math.round(opts.seconds / 2)));
        // The drain rate bounds the end-to-end one (the API's work comes on top on the same
        // cores); offering far more would mostly measure the API and this client starving the processor.
        const probeRate = opts.probeRate ?? (drained?.docsPerS ? Math.max(500, Math.round(1.5 * drained.docsPerS)) : 3000);
        endToEnd = await findSustainedRate(pipeline, { probeRate, probeSeconds, seconds: opts.seconds, tries: opts.tries }, note, (label, seconds) => {
          const b = progress(label, seconds, 's', { lag: 'lag' });
          return { update: (s, lag) => b.update(s, { lag }), stop: b.stop };
        });
        cpu.endToEnd = endToEnd.best.cpu;
        if (endToEnd.sustainedRate === null) note(`no offered rate was sustained; freshness and search use the best indexed rate, ${endToEnd.docsPerS}/s`);
        sustained = endToEnd.sustainedRate ?? Math.max(1, endToEnd.docsPerS);
      }
      if (runs('freshness')) {
        note('— freshness');
        const rate = Math.max(1, Math.round(sustained / 2));
        const b = progress(`freshness at ${rate}/s`, opts.freshnessSeconds, 's', { found: 'found' });
        freshness = await measureFreshness(pipeline, { rate, seconds: opts.freshnessSeconds }, (s, found) => b.update(s, { found }));
        b.stop();
        cpu.freshness = freshness.cpu;
        note(`freshness p50 ${freshness.p50} ms, p95 ${freshness.p95} ms, p99 ${freshness.p99} ms over ${freshness.found} items`);
      }
    } finally {
      await stop();
    }
  }

  if (runs('search')) {
    note('— search');
    search = await runSearchPhase(es, lanes.lane('search'), servers, { docs: opts.searchDocs, days: opts.searchDays, seed: opts.seed, requests: opts.searchRequests, warmup: opts.searchWarmup, rate: sustained, logger });
    cpu.searchIdle = search.idle.cpu;
    cpu.searchIndexing = search.indexing.cpu;
  }

  const figures = { raw, drain: drained, scaleOut, endToEnd, freshness, search };
  const head = headline(figures, host.cpus);
  const goals = targets(figures, head);
  const conditions = {
    machine: host,
    machineNote: `${host.cpus} cores shared by Kafka, Elasticsearch, Redis, the API and processor processes and this bench`,
    elasticsearch: { url: config.elasticsearch.url, ...esNode, shardsPerIndex: config.elasticsearch.shards, replicas: config.elasticsearch.replicas },
    kafka: { brokers: config.kafka.brokers, rawTopics: rawTopics(config.kafka.topicPrefix).length, partitionsPerTopic: config.kafka.rawPartitions },
    processor: config.processor,
    components: servers,
    componentNotes,
    loadAverageAtEnd: machine().loadAverage,
  };
  const report = { id, options: opts, conditions, ...head, cpu, targets: goals, phases: figures };
  if (opts.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else process.stdout.write(renderReport({ id, conditions, figures, headline: head, targets: goals, cpu }));
} catch (error) {
  // Interrupted: the children were stopped under the running phase; its error says only that.
  if (!interrupted) throw error;
} finally {
  await cleanup();
}
