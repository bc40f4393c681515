// `npm run bench:trends [-- --docs N] [-- --requests N] [-- --json] [-- --keep]`: latency of
// the analytics API (trends, top issues, drivers, emerging themes, customer profiles,
// segment comparison) on a real stack holding N documents (default 1,000,000).
//
// Conditions: Kafka, Elasticsearch and Redis from `stackUp` (servers already running, or
// named by KAFKA_BROKERS, ELASTICSEARCH_URL, REDIS_URL, are reused); the run's own random
// topic, index, group and queue prefixes, removed afterwards unless --keep (--reuse ID
// measures again on a kept run's documents instead of seeding). N generated
// documents spread over the last --days days, tagged by the processor's steps, bulk-indexed
// into the monthly indices and refreshed (not force-merged). The api and processor roles run
// as two processes of their own, as deployed (`voc serve --roles api`, `--roles processor`;
// --roles-here runs both in this process instead, as the demo does), while fresh feedback
// is posted at --ingest-rate items/s, so queries are answered while the processor indexes.
// Elasticsearch's request cache is cleared before measuring, so that a second run does not
// measure the answers a first one left in it (--keep-cache keeps it). Each endpoint gets --requests
// sequential requests after --warmup warm-up ones, the endpoints taking turns, with
// parameters varied like dashboard traffic (bench/trends/request-mix.ts).
// Measured: client wall time to the last byte of each answer; p50/p95/p99/max
// (nearest rank) over the 200-status answers, any other answer counted as an error. Target: p95 ≤
// 300 ms per endpoint at 1,000,000 documents, without errors. Printed beside the figures:
// documents when measuring starts and when it ends (the live feedback adds rate × measuring
// time, all of it in the last hour), machine and its load, Elasticsearch version and heap,
// the ingest rate achieved, the seeding time.
import { Command } from 'commander';
import { whole as wholeNumber } from './options.ts';
import cliProgress from 'cli-progress';
import { createElasticsearchClient } from '../core/elasticsearch/elasticsearch.client.ts';
import { indexPattern, readAlias } from '../core/names.ts';
import { createLogger } from '../core/observability/logger.ts';
import { createApiKey, isolatedPrefixes, startRoles, type RunningRoles } from '../cli/runtime.ts';
import { indexedByProcessor, killChildren, startChildRole, type ChildRole } from './pipeline/child-role.ts';
import { cpuWindow, serverComponents, type Component } from './pipeline/cpu-usage.ts';
import { stackDown, stackUp, type ServiceName } from '../stack/stack.ts';
import { benchConfig, describeResources, removeBenchResources } from './trends/bench-resources.ts';
import { elasticsearchInfo, indexFigures, machine } from './trends/conditions.ts';
import { startIngestLoad, type IngestLoad } from './trends/ingest-load.ts';
import { measureEndpoints } from './trends/latency.ts';
import { createRequestMix, endpointNames, endpointPaths } from './trends/request-mix.ts';
import { seedFeedback } from './trends/seed-feedback.ts';

const TARGET_P95_MS = 300;
const TARGET_DOCUMENTS = 1_000_000;

// Counts may be written 1_000_000 or 1,000,000.
const whole = (min: number) => wholeNumber(min, { separators: true });

const opts = new Command('bench:trends')
  .description('latency of the analytics endpoints on a real stack with N documents, while the processor indexes live feedback')
  .option('--docs <n>', 'documents to seed (generated, tagged, spread over --days days)', whole(1), 1_000_000)
  .option('--requests <n>', 'measured requests per endpoint, sent one at a time', whole(1), 200)
  .option('--warmup <n>', 'unmeasured warm-up requests per endpoint', whole(0), 5)
  .option('--ingest-rate <items/s>', 'feedback posted to POST /v1/feedback per second while measuring (0: none)', whole(0), 200)
  .option('--days <n>', 'days of history the seeded documents cover, ending now', whole(1), 90)
  .option('--seed <n>', 'seed of the generated documents and of the request mix', whole(0), 1)
  .option('--bulk-size <n>', 'documents per bulk request while seeding', whole(1), 5000)
  .option('--in-flight <n>', 'bulk requests in flight while seeding', whole(1), 3)
  .option('--roles-here', 'run the api and processor roles in this process (as the demo does) instead of a process each')
  .option('--keep-cache', "leave Elasticsearch's request cache as it is instead of clearing it before measuring")
  .option('--keep', 'keep the indices, template, topics and queues (and servers this run started) for inspection')
  .option('--reuse <id>', 'measure again on the documents a --keep run left (its id, e.g. trends-185ccb8d) instead of seeding; kept again afterwards')
  .option('--json', 'print one JSON object on stdout, nothing else (progress and logs go to stderr)')
  .option('--log-level <level>', 'log level of the roles (logs go to stderr)', 'warn')
  .addHelpText(
    'after',
    `
Conditions and output: see the header of bench/trends.bench.ts. Servers: KAFKA_BROKERS,
ELASTICSEARCH_URL and REDIS_URL name running ones; unset, the local stack is used (started
if needed, as \`voc stack up\` does). Target: p95 ≤ ${TARGET_P95_MS} ms per endpoint at ${TARGET_DOCUMENTS.toLocaleString('en')} documents.

Examples:
  npm run bench:trends                                   # 1,000,000 documents, 200 requests per endpoint
  npm run bench:trends -- --docs 50000 --requests 30     # a quick end-to-end run
  npm run bench:trends -- --json > trends.json           # figures for a script
  npm run bench:trends -- --docs 200000 --keep           # keep the data to inspect the slow queries
  npm run bench:trends -- --reuse trends-185ccb8d        # measure again on the kept data, no seeding
`,
  )
  .parse()
  .opts<{ reuse?: string; docs: number; requests: number; warmup: number; ingestRate: number; days: number; seed: number; bulkSize: number; inFlight: number; keep?: boolean; json?: boolean; logLevel: string; rolesHere?: boolean; keepCache?: boolean }>();

const note = (line: string) => process.stderr.write(`${line}\n`);
const fmt = (n: number) => n.toLocaleString('en');
const logger = createLogger({ level: opts.logLevel });
// The only read of the environment: server addresses and credentials, as the CLI takes them.
const { id, config } = benchConfig(process.env, opts.logLevel, opts.reuse);
// Data a run reuses was kept on purpose: it stays.
if (opts.reuse) opts.keep = true;
const tty = process.stderr.isTTY === true;

/** A redrawn bar on a terminal (cli-progress draws on stderr), a plain line every 10 s otherwise. */
function progress(label: string, total: number, unit: string) {
  const bar = tty ? new cliProgress.SingleBar({ format: `${label} {bar} {value}/{total} ${unit} | {rate}/s | ETA {eta_formatted}`, hideCursor: true }, cliProgress.Presets.shades_classic) : undefined;
  const started = performance.now();
  let lastLine = 0;
  bar?.start(total, 0, { rate: 0 });
  return {
    update(done: number) {
      const elapsed = (performance.now() - started) / 1000;
      const rate = Math.round(done / Math.max(elapsed, 0.001));
      bar?.update(done, { rate });
      if (!bar && (elapsed - lastLine >= 10 || done === total)) {
        lastLine = elapsed;
        note(`${label}: ${fmt(done)}/${fmt(total)} ${unit}, ${fmt(rate)}/s, ${elapsed.toFixed(0)} s`);
      }
    },
    stop: () => bar?.stop(),
  };
}

let roles: RunningRoles | undefined;
let children: ChildRole[] = [];
let ingest: IngestLoad | undefined;
let started: ServiceName[] = [];
const es = createElasticsearchClient(config.elasticsearch, { requestTimeoutMs: 120_000 });
let cleaned: Promise<void> | undefined;
const cleanup = () =>
  (cleaned ??= (async () => {
    await ingest?.stop();
    await roles?.stop();
    await Promise.all(children.map((c) => c.stop()));
    await es.close();
    if (opts.keep) {
      note(`kept: ${describeResources(config)}`);
      return;
    }
    await removeBenchResources(config, logger);
    if (started.length) await stackDown(config, { logger, only: started });
    note(`removed the run's indices, template, topics and queues (prefix ${id})`);
  })());
process.once('SIGINT', () => {
  note('interrupted; cleaning up…');
  void cleanup().finally(() => process.exit(130));
});
process.once('exit', killChildren);

try {
  note(`bench:trends ${id}: bringing up Kafka, Elasticsearch and Redis (reusing any already running)…`);
  const host = machine(); // before this run adds any load
  started = (await stackUp(config, { logger })).started;
  const now = Date.now();
  let seeded: { indexed: number; rejected: number; seconds: number; indices: string[] };
  if (opts.reuse) {
    const found = await indexFigures(es, config.elasticsearch.indexPrefix);
    if (found.documents === 0) throw new Error(`nothing to reuse: no documents under ${config.elasticsearch.indexPrefix}`);
    seeded = { indexed: found.documents, rejected: 0, seconds: 0, indices: [] };
    note(`reusing ${fmt(found.documents)} documents of ${id}`);
  } else {
    const seedBar = progress('seeding', opts.docs, 'docs');
    seeded = await seedFeedback(es, config, { count: opts.docs, days: opts.days, now, seed: opts.seed, sourceIdPrefix: id, bulkSize: opts.bulkSize, inFlight: opts.inFlight }, seedBar.update);
    seedBar.stop();
    note(`seeded ${fmt(seeded.indexed)} documents in ${seeded.seconds.toFixed(1)} s (${fmt(Math.round(seeded.indexed / seeded.seconds))}/s) into ${seeded.indices.join(', ')}`);
  }

  // The roles: a process each, with the run's prefixes and the settings benchConfig gives this process.
  let apiUrl: string;
  let indexed: () => Promise<number>;
  if (opts.rolesHere) {
    roles = await startRoles(config, ['api', 'processor'], { logger });
    apiUrl = roles.apiUrl!;
    const processor = roles.processor!;
    indexed = async () => processor.stats.indexed;
  } else {
    const env = { ...(process.env as Record<string, string>), ...isolatedPrefixes(id), LOG_LEVEL: opts.logLevel, API_PORT: '0', API_RATE_LIMIT: '1000000' };
    const api = await startChildRole({ name: 'api', role: 'api', env: { ...env, METRICS_DEFAULT: 'false' } });
    children.push(api);
    const processor = await startChildRole({ name: 'processor', role: 'processor', env: { ...env, METRICS_DEFAULT: 'true' } });
    children.push(processor);
    apiUrl = api.apiUrl!;
    let last = 0;
    indexed = async () => (last = (await indexedByProcessor(processor)) ?? last);
  }
  const headers = { authorization: `Bearer ${await createApiKey(config, { name: 'bench', role: 'admin', expiresInDays: 1, createdBy: 'bench:trends' })}` };
  // Customers that exist, heavy and light alike: the profile's cost grows with their items.
  const agg = await es.search({ index: readAlias(config.elasticsearch.indexPrefix), size: 0, aggs: { c: { terms: { field: 'customer.id', size: 10_000 } } } });
  const buckets = (agg.aggregations as unknown as { c: { buckets: Array<{ key: string; doc_count: number }> } }).c.buckets;
  const customerItems = buckets.map((b) => b.doc_count).sort((a, b) => a - b);
  const mix = createRequestMix({ seed: opts.seed, customers: buckets.map((b) => b.key) });

  if (opts.ingestRate > 0) {
    ingest = startIngestLoad({ apiUrl, headers, rate: opts.ingestRate, seed: opts.seed + 1 });
    // The consumer group takes a few seconds to form: measure only once the processor indexes.
    const deadline = Date.now() + 60_000;
    while ((await indexed()) === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
    if ((await indexed()) === 0) note('warning: the processor has indexed nothing after 60 s of ingest; measuring anyway');
  }
  if (!opts.keepCache) await es.indices.clearCache({ index: indexPattern(config.elasticsearch.indexPrefix), request: true });
  const before = await indexFigures(es, config.elasticsearch.indexPrefix);
  const esNode = await elasticsearchInfo(es);
  const accepted0 = ingest?.stats.accepted ?? 0;
  const indexed0 = await indexed();
  // CPU per component while measuring: the servers, the roles' processes and this one (the client and the ingest load).
  const servers = await serverComponents(es, config);
  const components: Component[] = [...servers.components, ...children.map((c) => ({ name: c.name, pid: c.pid })), { name: opts.rolesHere ? 'bench, api and processor' : 'bench', pid: process.pid }];
  const cpu = cpuWindow(components);
  const t0 = performance.now();
  const measureBar = progress('measuring', opts.requests * endpointNames.length, 'requests');
  const endpoints = await measureEndpoints({ apiUrl, headers, mix, warmup: opts.warmup, requests: opts.requests, onRound: (round) => measureBar.update(round * endpointNames.length) });
  measureBar.stop();
  const seconds = (performance.now() - t0) / 1000;
  const cpuFigures = cpu.stop();
  const achievedRate = Math.round(((ingest?.stats.accepted ?? 0) - accepted0) / seconds);
  const indexedRate = Math.round(((await indexed()) - indexed0) / seconds);
  const ingestErrors = ingest?.stats.failedRequests ?? 0;
  const ingestFirstError = ingest?.stats.firstError;
  await ingest?.stop();
  ingest = undefined;
  await es.indices.refresh({ index: readAlias(config.elasticsearch.indexPrefix) });
  const after = await indexFigures(es, config.elasticsearch.indexPrefix);

  const met = (name: (typeof endpointNames)[number]) => endpoints[name].errors === 0 && endpoints[name].p95 <= TARGET_P95_MS;
  const allMet = endpointNames.every(met);
  const report = {
    documents: before.documents,
    documentsAfter: after.documents,
    seeding: { documents: seeded.indexed, rejected: seeded.rejected, days: opts.days, seconds: Math.round(seeded.seconds * 10) / 10 },
    roles: opts.rolesHere ? 'in this process' : 'in a process each',
    machine: { ...host, loadAverageMeasuring: machine().loadAverage },
    elasticsearch: { url: config.elasticsearch.url, ...esNode, indices: before.indices, primaryShards: before.shards, segments: before.segments },
    ingest: { targetRate: opts.ingestRate, achievedRate, indexedRate, failedRequests: ingestErrors, ...(ingestFirstError ? { firstError: ingestFirstError } : {}) },
    requests: { perEndpoint: opts.requests, warmup: opts.warmup, sequential: true, seconds: Math.round(seconds * 10) / 10, requestCache: { cleared: !opts.keepCache, hits: after.requestCache.hits - before.requestCache.hits, misses: after.requestCache.misses - before.requestCache.misses } },
    customers: { ids: buckets.length, itemsMedian: customerItems[Math.floor(customerItems.length / 2)] ?? 0, itemsMax: customerItems.at(-1) ?? 0 },
    cpu: { percentOfOneCore: cpuFigures.percentOfOneCore, machine: cpuFigures.machine, other: cpuFigures.other, ...(servers.notes.length ? { notes: servers.notes } : {}) },
    endpoints: Object.fromEntries(endpointNames.map((n) => [n, { path: endpointPaths[n], ...endpoints[n], met: met(n) }])),
    target: { p95Ms: TARGET_P95_MS, documents: TARGET_DOCUMENTS, met: allMet },
  };

  if (opts.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else {
    const say = (line = '') => process.stdout.write(`${line}\n`);
    const m = report.machine;
    const e = report.elasticsearch;
    const origin = opts.reuse ? `reused from ${opts.reuse}` : `${fmt(seeded.indexed)} seeded over ${opts.days} days in ${report.seeding.seconds} s`;
    say(`analytics latency on ${fmt(report.documents)} documents (${origin}; ${fmt(report.documentsAfter)} at the end)`);
    say(`machine        ${m.cpuModel} × ${m.cpus}, ${m.memoryGiB} GiB, Node ${m.node}; api and processor roles ${report.roles}; 1-min load average ${m.loadAverage} at start, ${m.loadAverageMeasuring} at the end of measuring`);
    say(`elasticsearch  ${e.version} at ${e.url}, heap ${e.heapMaxMiB ?? '?'} MiB, ${e.processors ?? '?'} processors; ${e.indices} monthly indices, ${e.primaryShards} shards, ${e.segments} segments, refreshed, not force-merged`);
    say(`ingest         target ${fmt(opts.ingestRate)} items/s, achieved ${fmt(achievedRate)} accepted/s, ${fmt(indexedRate)} indexed/s while measuring${ingestErrors ? `; ${ingestErrors} failed posts (${ingestFirstError})` : ''}`);
    say(`requests       ${opts.requests} per endpoint, one at a time, endpoints taking turns, after ${opts.warmup} warm-up each; ${report.requests.seconds} s; request cache ${report.requests.requestCache.cleared ? 'cleared first, then ' : ''}${fmt(report.requests.requestCache.hits)} hits / ${fmt(report.requests.requestCache.misses)} misses`);
    const shares = Object.entries(report.cpu.percentOfOneCore).map(([name, pct]) => `${name} ${pct}%`).join(', ');
    say(`cpu            while measuring, % of one core: ${shares}; machine ${report.cpu.machine}% of ${m.cpus * 100}%, other ${report.cpu.other}%`);
    say(`customers      ${fmt(report.customers.ids)} ids from a terms aggregation, items per customer: median ${report.customers.itemsMedian}, max ${report.customers.itemsMax}`);
    say();
    say(`${'endpoint'.padEnd(26)}${'p50 ms'.padStart(9)}${'p95 ms'.padStart(9)}${'p99 ms'.padStart(9)}${'max ms'.padStart(9)}${'requests'.padStart(10)}${'errors'.padStart(8)}   p95 ≤ ${TARGET_P95_MS} ms`);
    for (const n of endpointNames) {
      const f = endpoints[n];
      say(`${endpointPaths[n].padEnd(26)}${String(f.p50).padStart(9)}${String(f.p95).padStart(9)}${String(f.p99).padStart(9)}${String(f.max).padStart(9)}${String(f.requests).padStart(10)}${String(f.errors).padStart(8)}   ${met(n) ? 'met' : 'NOT met'}`);
    }
    say();
    const missed = endpointNames.filter((n) => !met(n));
    const scale = report.documents >= TARGET_DOCUMENTS ? '' : ` (this run holds ${fmt(report.documents)}, below the target's scale)`;
    say(`target p95 ≤ ${TARGET_P95_MS} ms at ${fmt(TARGET_DOCUMENTS)} documents${scale}: ${allMet ? 'met by every endpoint' : `NOT met by ${missed.map((n) => endpointPaths[n]).join(', ')}`}`);
    for (const n of endpointNames) if (endpoints[n].firstError) say(`first error of ${endpointPaths[n]}: ${endpoints[n].firstError}`);
  }
} finally {
  await cleanup();
}
