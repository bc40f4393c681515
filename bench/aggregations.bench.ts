// `npm run bench:aggs -- --reuse ID [--runs N] [--days N] [--json]`: what each building
// block of the analytics queries costs Elasticsearch itself, on the documents a
// `npm run bench:trends -- --keep` run left (ID is that run's id). Where bench:trends
// measures whole endpoints, this takes them apart: counting the items of a period, one
// distinct count of customers, a daily series, a daily series per product, and the same
// series with a sum or a distinct count of customers in every bucket (at the exact
// thresholds voc uses and below), each alone in one search.
// Conditions: size-0 searches over the last --days days (default 90) of the run's alias,
// days in America/New_York, Elasticsearch's request cache off for every search, one
// unmeasured run of each block first, then --runs runs (default 7) of each, one at a time.
// Measured: Elasticsearch's own `took` (no network, no JSON decoding in voc); min, median
// and max. Nothing else should load the machine meanwhile: the figures are the floor an
// endpoint stands on, not its latency under ingest.
import type { estypes } from '@elastic/elasticsearch';
import { Command } from 'commander';
import { whole } from './options.ts';
import { createElasticsearchClient } from '../core/elasticsearch/elasticsearch.client.ts';
import { readAlias } from '../core/names.ts';
import { CARDINALITY_EXACT_BELOW, POINT_CARDINALITY_EXACT_BELOW } from '../core/trends/value-at-risk.ts';
import { benchConfig } from './trends/bench-resources.ts';
import { elasticsearchInfo, machine } from './trends/conditions.ts';
import { percentile } from './trends/latency.ts';


const opts = new Command('bench:aggs')
  .description("Elasticsearch's own time for each building block of the analytics queries, on a kept bench:trends run")
  .requiredOption('--reuse <id>', 'the id of a bench:trends run kept with --keep (e.g. trends-185ccb8d)')
  .option('--runs <n>', 'measured runs of each block', whole(1), 7)
  .option('--days <n>', 'days of the period, ending now', whole(1), 90)
  .option('--json', 'print one JSON object on stdout, nothing else')
  .exitOverride((error) => process.exit(error.exitCode === 1 ? 2 : error.exitCode))
  .addHelpText(
    'after',
    `
Measured on an otherwise idle machine, these figures are the floor the analytics
endpoints stand on: one endpoint request combines several blocks (see "Accuracy and
speed" in the README).

Example:
  npm run bench:trends -- --keep            # once: seed a million documents and keep them
  npm run bench:aggs -- --reuse trends-185ccb8d
`,
  )
  .parse()
  .opts<{ reuse: string; runs: number; days: number; json?: boolean }>();

const DAY = 86_400_000;
const { config } = benchConfig(process.env, 'warn', opts.reuse);
const es = createElasticsearchClient(config.elasticsearch, { requestTimeoutMs: 120_000 });
const index = readAlias(config.elasticsearch.indexPrefix);

const daily = (aggs: Record<string, estypes.AggregationsAggregationContainer> = {}) => ({ date_histogram: { field: 'createdAt', calendar_interval: '1d' as const, time_zone: 'America/New_York' }, aggs });
const perProduct = (aggs: Record<string, estypes.AggregationsAggregationContainer>) => ({ products: { terms: { field: 'product.id', size: 10 }, aggs } });
const distinct = (threshold: number, field = 'customer.key') => ({ customers: { cardinality: { field, precision_threshold: threshold } } });

/** The blocks, from one figure for the whole period to a distinct count in each of 900 buckets. */
const blocks: Array<{ name: string; aggs: Record<string, estypes.AggregationsAggregationContainer> }> = [
  { name: 'items of the period', aggs: {} },
  { name: 'summed lifetime value', aggs: { value: { sum: { field: 'customer.lifetimeValue' } } } },
  { name: `distinct customers (exact below ${CARDINALITY_EXACT_BELOW})`, aggs: distinct(CARDINALITY_EXACT_BELOW) },
  { name: 'daily series', aggs: { points: daily() } },
  { name: `daily series with distinct customers (exact below ${POINT_CARDINALITY_EXACT_BELOW})`, aggs: { points: daily(distinct(POINT_CARDINALITY_EXACT_BELOW)) } },
  { name: 'daily series per product', aggs: perProduct({ points: daily() }) },
  { name: '… with summed lifetime value', aggs: perProduct({ points: daily({ value: { sum: { field: 'customer.lifetimeValue' } } }) }) },
  { name: '… with distinct customers (exact below 100)', aggs: perProduct({ points: daily(distinct(100)) }) },
  { name: `… with distinct customers (exact below ${POINT_CARDINALITY_EXACT_BELOW}, voc's per point)`, aggs: perProduct({ points: daily(distinct(POINT_CARDINALITY_EXACT_BELOW)) }) },
  { name: `… with distinct customers (exact below ${CARDINALITY_EXACT_BELOW})`, aggs: perProduct({ points: daily(distinct(CARDINALITY_EXACT_BELOW)) }) },
  { name: `… with distinct customer ids (exact below ${POINT_CARDINALITY_EXACT_BELOW}, on customer.id)`, aggs: perProduct({ points: daily(distinct(POINT_CARDINALITY_EXACT_BELOW, 'customer.id')) }) },
];

const to = Date.now();
const query = { bool: { filter: [{ range: { createdAt: { gte: to - opts.days * DAY, lt: to, format: 'epoch_millis' } } }] } };
const took = async (aggs: Record<string, estypes.AggregationsAggregationContainer>) => (await es.search({ index, size: 0, request_cache: false, track_total_hits: true, query, aggs })).took;

const documents = (await es.count({ index, query }).catch(() => undefined))?.count ?? 0;
if (documents === 0) {
  console.error(`no documents of the last ${opts.days} days under ${index}: run \`npm run bench:trends -- --keep\` first and pass its id to --reuse`);
  process.exit(2);
}
const host = machine();
const server = await elasticsearchInfo(es);
process.stderr.write(`measuring ${blocks.length} blocks, ${opts.runs + 1} searches each, one at a time…\n`);
const rows: Array<{ block: string; minMs: number; medianMs: number; maxMs: number }> = [];
for (const block of blocks) {
  await took(block.aggs);
  const times: number[] = [];
  for (let i = 0; i < opts.runs; i++) times.push(await took(block.aggs));
  times.sort((a, b) => a - b);
  rows.push({ block: block.name, minMs: times[0]!, medianMs: percentile(times, 50), maxMs: times.at(-1)! });
}
await es.close();

const result = { run: opts.reuse, documents, days: opts.days, runs: opts.runs, timeZone: 'America/New_York', machine: host, elasticsearch: server, blocks: rows };
if (opts.json) {
  console.log(JSON.stringify(result, null, 2));
} else {
  const width = Math.max(...rows.map((r) => r.block.length));
  console.log(`\n${documents.toLocaleString('en')} documents of the last ${opts.days} days (${opts.reuse}); Elasticsearch ${server.version}, heap ${server.heapMaxMiB} MiB, ${server.processors} processors; ${host.cpus} CPUs, load ${host.loadAverage} at the start`);
console.log(`Elasticsearch's took in ms over ${opts.runs} runs, request cache off`);
  console.log(`${'block'.padEnd(width)}  ${'min'.padStart(6)} ${'median'.padStart(6)} ${'max'.padStart(6)}`);
  for (const r of rows) console.log(`${r.block.padEnd(width)}  ${String(r.minMs).padStart(6)} ${String(r.medianMs).padStart(6)} ${String(r.maxMs).padStart(6)}`);
}
