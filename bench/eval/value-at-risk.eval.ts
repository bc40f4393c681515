// `npm run eval:risk -- --reuse ID [-- --json]`: how far value at risk, as the API reports
// it, is from the exact figure, on the documents a `npm run bench:trends -- --keep` run
// left (ID is that run's id). The API follows the period's most valuable at-risk
// customers one by one and estimates the rest (core/trends/value-at-risk.ts); the exact
// figure lists every at-risk customer of the bucket with their highest value (one terms
// aggregation per bucket, which is what the API avoids).
// Compared: each day of a 30-day series in UTC, for all items and per segment, and the
// top 10 issues of the last 7, 30 and 90 days. Printed: the relative error's median, 90th
// percentile and maximum, and how many figures say `approximate`. A figure that does not
// say so must be exact: exits 1 if one differs from the exact figure by more than 1e-9
// relative, 2 on a usage error.
import { Command } from 'commander';
import { createApiKey, startRoles } from '../../cli/runtime.ts';
import { createElasticsearchClient } from '../../core/elasticsearch/elasticsearch.client.ts';
import { readAlias } from '../../core/names.ts';
import { createLogger } from '../../core/observability/logger.ts';
import { atRisk } from '../../core/trends/value-at-risk.ts';
import { benchConfig } from '../trends/bench-resources.ts';
import { percentile } from '../trends/latency.ts';

const opts = new Command('eval:risk')
  .description('value at risk as the API reports it against the exact figure, on a kept bench:trends run')
  .requiredOption('--reuse <id>', 'the id of a bench:trends run kept with --keep (e.g. trends-185ccb8d)')
  .option('--json', 'print one JSON object on stdout, nothing else')
  .exitOverride((error) => process.exit(error.exitCode === 1 ? 2 : error.exitCode))
  .parse()
  .opts<{ reuse: string; json?: boolean }>();

type Figure = { value: number; n: number; approximate?: true };
type Compared = { where: string; reported: number; exact: number; approximate: boolean };

const DAY = 86_400_000;
const { config } = benchConfig(process.env, 'warn', opts.reuse);
const es = createElasticsearchClient(config.elasticsearch, { requestTimeoutMs: 120_000 });
const alias = readAlias(config.elasticsearch.indexPrefix);
const logger = createLogger({ level: 'warn' });
const note = (line: string) => (opts.json ? process.stderr : process.stdout).write(`${line}\n`);

/** Every at-risk customer of the items matching `filter`, once, at their highest value. */
async function exactValue(filter: object[]): Promise<number> {
  const r = await es.search({
    index: alias,
    size: 0,
    query: { bool: { filter: [...filter, atRisk] } },
    aggs: { c: { terms: { field: 'customer.id', size: 65_000 }, aggs: { v: { max: { field: 'customer.lifetimeValue' } } } } },
  });
  const buckets = (r.aggregations as unknown as { c: { buckets: Array<{ v: { value: number } }>; sum_other_doc_count: number } }).c;
  if (buckets.sum_other_doc_count > 0) throw new Error('more at-risk customers in one bucket than one terms aggregation lists');
  return buckets.buckets.reduce((a, b) => a + b.v.value, 0);
}

const count = await es.count({ index: alias }).catch(() => undefined);
if (!count?.count) {
  console.error(`no documents under ${alias}: run \`npm run bench:trends -- --keep\` first and pass its id to --reuse`);
  process.exit(2);
}
const roles = await startRoles(config, ['api'], { logger });
const headers = { authorization: `Bearer ${await createApiKey(config, { name: 'eval-risk', role: 'executive', expiresInDays: 1, createdBy: 'eval:risk' })}` };
const api = async (path: string) => {
  const r = await fetch(`${roles.apiUrl}${path}`, { headers });
  if (!r.ok) throw new Error(`${path}: ${r.status} ${await r.text()}`);
  return r.json() as Promise<Record<string, unknown>>;
};

const today = Math.floor(Date.now() / DAY) * DAY;
const date = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const compared: Compared[] = [];

// Daily points of a 30-day series, all items and per segment.
const series = (await api(`/v1/trends?metric=valueAtRisk&split=segment&interval=day&tz=UTC&from=${date(today - 30 * DAY)}&to=${date(today - DAY)}`)) as {
  total: { points: Array<Figure & { t: string }> };
  split: { series: Array<{ key: string; other?: true; points: Array<Figure & { t: string }> }> };
};
for (const s of [{ key: 'all', points: series.total.points }, ...series.split.series.filter((x) => !x.other)]) {
  for (const p of s.points) {
    const start = Date.parse(p.t);
    const filter = [{ range: { createdAt: { gte: start, lt: start + DAY } } }, ...(s.key === 'all' ? [] : [{ term: { 'customer.segment': s.key } }])];
    compared.push({ where: `point ${s.key} ${p.t.slice(0, 10)}`, reported: p.value, exact: await exactValue(filter), approximate: p.approximate === true });
  }
}
const points = compared.length;

// The top issues of three periods.
for (const days of [7, 30, 90]) {
  const from = today - days * DAY;
  const top = (await api(`/v1/issues/top?tz=UTC&limit=10&verbatims=0&from=${date(from)}&to=${date(today - DAY)}`)) as { issues: Array<{ id: string; valueAtRisk: Figure }> };
  for (const issue of top.issues) {
    const filter = [{ range: { createdAt: { gte: from, lt: today } } }, { term: { 'issues.id': issue.id } }];
    compared.push({ where: `issue ${issue.id} ${days}d`, reported: issue.valueAtRisk.value, exact: await exactValue(filter), approximate: issue.valueAtRisk.approximate === true });
  }
}
await roles.stop();
await es.close();

const error = (c: Compared) => (c.exact === 0 ? (c.reported === 0 ? 0 : Infinity) : Math.abs(c.reported - c.exact) / c.exact);
function summary(list: Compared[]) {
  const errors = list.map(error).sort((a, b) => a - b);
  return { figures: list.length, approximate: list.filter((c) => c.approximate).length, medianError: percentile(errors, 50), p90Error: percentile(errors, 90), maxError: percentile(errors, 100) };
}
const wrong = compared.filter((c) => !c.approximate && error(c) > 1e-9);
const result = { documents: count.count, points: summary(compared.slice(0, points)), issues: summary(compared.slice(points)), unflaggedButInexact: wrong.map((c) => c.where) };
const pct = (x: number) => `${(100 * x).toFixed(2)}%`;
if (opts.json) console.log(JSON.stringify(result, null, 2));
else {
  note(`value at risk against the exact figure, ${count.count.toLocaleString('en')} documents (${alias})`);
  for (const [name, s] of [['daily points, 30 days, all and per segment', result.points], ['top 10 issues of 7, 30 and 90 days', result.issues]] as const) {
    note(`  ${name}: ${s.figures} figures, ${s.approximate} flagged approximate; relative error median ${pct(s.medianError)}, p90 ${pct(s.p90Error)}, max ${pct(s.maxError)}`);
  }
  note(wrong.length ? `  NOT FLAGGED BUT INEXACT: ${wrong.map((c) => c.where).join(', ')}` : '  every figure not flagged approximate is exact');
}
process.exit(wrong.length ? 1 : 0);
