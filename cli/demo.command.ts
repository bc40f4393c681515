// `voc demo`: the whole product on one machine. Brings the stack up (or uses configured
// servers), starts every role, streams generated bilingual feedback through the public
// API at --rate items/s with a live progress line, drains the pipeline, prints what was
// accepted, indexed and dead-lettered, and leaves the API up until Ctrl-C (or exits
// after --duration). A few malformed messages are written straight to a raw topic, as a
// broken external producer would, to show the dead-letter path.
import { randomBytes } from 'node:crypto';
import { Command, InvalidArgumentError } from 'commander';
import cliProgress from 'cli-progress';
import { Partitioners } from 'kafkajs';
import { createElasticsearchClient } from '../core/elasticsearch/elasticsearch.client.ts';
import { createKafka } from '../core/kafka/kafka.client.ts';
import { rawTopic, readAlias } from '../core/names.ts';
import { withRetry } from '../core/resilience/retry.ts';
import { RetriableError } from '../core/errors.ts';
import { createFeedbackGenerator } from '../demo/generator/feedback-generator.ts';
import { stackDown, stackUp } from '../stack/stack.ts';
import { createLogger, type Logger } from '../core/observability/logger.ts';
import { cliConfig } from './context.ts';
import { demoSummary, formatCounts, formatInsight, insightSummary } from '../demo/demo-summary.ts';
import { createApiKey, startRoles } from './runtime.ts';

const positive = (v: string) => {
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('must be a positive number');
  return n;
};

type DemoOptions = { rate: number; duration?: number; count: number; days: number; seed: number; keepStack: boolean; progress: boolean; logLevel: string };

export function demoCommand(): Command {
  return new Command('demo')
    .description('run the whole pipeline locally on generated bilingual feedback and report what happened')
    .option('--rate <items/s>', 'items posted per second', positive, 200)
    .option('--duration <seconds>', 'stop feeding after this long, drain, print the summary and exit', positive)
    .option('--count <items>', 'items to stream when no --duration is given', positive, 3000)
    .option('--days <n>', 'days of history the items are spread over', positive, 30)
    .option('--seed <n>', 'generator seed', positive, 1)
    .option('--keep-stack', 'leave servers started by the demo running afterwards', false)
    .option('--no-progress', 'no live progress line')
    .option('--log-level <level>', 'log level of the roles while the demo runs (their logs would drown the report)', 'warn')
    .addHelpText('after', '\nExamples:\n  npm run demo\n  voc demo --rate 500 --duration 60\n')
    .action((opts: DemoOptions) => runDemo(opts));
}

async function runDemo(opts: DemoOptions) {
  const config = cliConfig();
  const logger = createLogger({ level: opts.logLevel, pretty: process.stderr.isTTY });
  const say = (line: string) => process.stdout.write(`${line}\n`);
  const t0 = performance.now();
  say('voc demo: bringing up Kafka, Elasticsearch and Redis (reusing any already running)…');
  const stack = await stackUp(config, { logger });
  say(`stack ready in ${((performance.now() - t0) / 1000).toFixed(1)} s (started now: ${stack.started.join(', ') || 'none'})`);
  const roles = await startRoles(config, ['api', 'processor', 'scheduler'], { logger });
  const api = roles.apiUrl!;
  // The demo is its own operator: it makes an admin key the way `voc keys create` does (shown at the end).
  const token = await createApiKey(config, { name: 'demo', role: 'admin', expiresInDays: 7, createdBy: 'voc demo' });
  const authorization = { authorization: `Bearer ${token}` };
  say(`API on ${api}`);

  const runStart = new Date().toISOString();
  const total = Math.round(opts.duration ? opts.rate * opts.duration : opts.count);
  const end = new Date();
  const generator = createFeedbackGenerator({
    seed: opts.seed,
    start: new Date(end.getTime() - opts.days * 86_400_000),
    end,
    sourceIdPrefix: `demo-${randomBytes(3).toString('hex')}`,
  });
  const items = generator.take(total);
  const accepted = new Set<string>();
  const injected = await injectBrokenMessages(config, logger);

  const tty = process.stdout.isTTY === true;
  const bar = opts.progress && tty ? new cliProgress.SingleBar({ format: 'feeding {bar} {value}/{total} sent | {rate}/s | indexed {indexed} | dead-lettered {dlq} | ETA {eta_formatted}', hideCursor: true }, cliProgress.Presets.shades_classic) : undefined;
  bar?.start(total, 0, { rate: 0, indexed: 0, dlq: 0 });
  const stats = roles.processor!.stats;
  const feedStart = performance.now();
  let sent = 0;
  let lastLine = 0;
  while (sent < total) {
    const due = Math.min(total, Math.floor(((performance.now() - feedStart) / 1000) * opts.rate) + 1);
    if (due <= sent) {
      await new Promise((r) => setTimeout(r, 50));
      continue;
    }
    const batch = items.slice(sent, Math.min(due, sent + 500)).map((g) => g.feedback);
    const ids = await postWithRetry(`${api}/v1/feedback`, batch, authorization);
    for (const id of ids) accepted.add(id);
    sent += batch.length;
    const elapsed = (performance.now() - feedStart) / 1000;
    const rate = Math.round(sent / Math.max(elapsed, 0.001));
    bar?.update(sent, { rate, indexed: stats.indexed, dlq: stats.deadLettered });
    // Without a terminal, a plain line every few seconds instead of a redrawn bar.
    if (opts.progress && !tty && elapsed - lastLine >= 5) {
      lastLine = elapsed;
      say(`feeding: ${sent}/${total} sent, ${rate}/s, indexed ${stats.indexed}, dead-lettered ${stats.deadLettered}`);
    }
  }
  bar?.stop();
  say(`fed ${sent} items in ${((performance.now() - feedStart) / 1000).toFixed(1)} s; waiting for the pipeline to drain…`);

  const es = createElasticsearchClient(config.elasticsearch);
  const expected = accepted.size + injected;
  const drained = await waitForDrain(async () => (await countIndexed(es, config.elasticsearch.indexPrefix, accepted)) + stats.deadLettered >= expected, 120_000);
  const indexed = await countIndexed(es, config.elasticsearch.indexPrefix, accepted);
  const summary = await demoSummary(es, config.elasticsearch.indexPrefix, runStart, generator.incident?.productId);
  await es.close();

  say('');
  say(`accepted      ${expected} (${accepted.size} through the API, ${injected} written directly to a raw topic)`);
  say(`indexed       ${indexed}`);
  say(`dead-lettered ${stats.deadLettered}`);
  say(`accepted = indexed + dead-lettered: ${expected === indexed + stats.deadLettered ? 'yes' : `NO (drained: ${drained})`}`);
  say(`by source     ${formatCounts(summary.bySource)}`);
  say(`by language   ${formatCounts(summary.byLanguage)}`);
  say(`by sentiment  ${formatCounts(summary.bySentiment)}`);
  if (summary.nps !== null) say(`NPS           ${summary.nps.toFixed(1)} over ${summary.npsResponses} responses`);
  say(`most negative ${formatCounts(summary.mostNegativeProducts)}`);
  if (generator.incident) {
    say(`incident      product ${generator.incident.productId}, ${generator.incident.start.toISOString().slice(0, 10)} → ${generator.incident.end.toISOString().slice(0, 10)}; customers said:`);
    for (const v of summary.voices) say(`                ${v}`);
  }
  for (const line of formatInsight(await insightSummary(api, opts.days, authorization))) say(line);
  say('');
  say(`API key (admin, 7 days; shown once, list and revoke with voc keys): export VOC_KEY=${token}`);
  say(`web console: ${api}/  (sign in with that key; API reference: ${api}/reference)`);
  say(`try:  curl -H "Authorization: Bearer $VOC_KEY" '${api}/v1/feedback/search?q=refund&sentiment=negative&pageSize=3'`);
  say(`      curl -H "Authorization: Bearer $VOC_KEY" '${api}/v1/issues/top?rank=valueAtRisk&limit=3'`);
  say(`      npx voc trends --metric negativeShare --split product`);
  say(`      curl -H "Authorization: Bearer $VOC_KEY" '${api}/v1/feedback/search?q=${encodeURIComponent('充电')}&segment=vip'`);
  say(`      curl ${api}/readyz`);
  say(`      npx voc keys create --name "your name" --role executive   (keys for people: executive, product, cx-lead, ingest, admin)`);
  say(`index alias ${readAlias(config.elasticsearch.indexPrefix)} on ${config.elasticsearch.url}; Grafana dashboards: see README (docker compose)`);

  const finish = async () => {
    await roles.stop();
    if (!opts.keepStack) await stackDown(config, { logger, only: stack.started });
  };
  if (opts.duration) {
    await finish();
    if (expected !== indexed + stats.deadLettered) throw new Error('the pipeline did not drain: some accepted items are neither indexed nor dead-lettered');
    return;
  }
  say(`\nThe API stays up on ${api}. Press Ctrl-C to stop.`);
  await new Promise<void>((resolve) => process.once('SIGINT', () => resolve()));
  say('stopping…');
  await finish();
}

async function postWithRetry(url: string, batch: unknown[], headers: Record<string, string>): Promise<string[]> {
  return withRetry(
    async () => {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(batch) });
      const body = await res.json();
      if (res.status === 202) return body.ids as string[];
      if (res.status === 503) throw new RetriableError(body.detail ?? 'service unavailable');
      throw new Error(`the API refused generated feedback (${res.status}): ${JSON.stringify(body).slice(0, 500)}`);
    },
    { minMs: 500, maxMs: 5000, retries: 20 },
  );
}

async function injectBrokenMessages(config: ReturnType<typeof cliConfig>, logger: Logger): Promise<number> {
  const producer = createKafka(config.kafka, logger).producer({ createPartitioner: Partitioners.DefaultPartitioner, idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  const messages = ['{"text": "truncated by a broken producer', JSON.stringify({ source: 'review', text: '' }), JSON.stringify({ text: 'rating out of range', rating: 7 })];
  await producer.send({ topic: rawTopic(config.kafka.topicPrefix, 'review'), acks: -1, messages: messages.map((value) => ({ value, headers: { 'voc-via': 'demo-broken-producer' } })) });
  await producer.disconnect();
  return messages.length;
}

async function countIndexed(es: ReturnType<typeof createElasticsearchClient>, indexPrefix: string, ids: Set<string>): Promise<number> {
  const index = readAlias(indexPrefix);
  await es.indices.refresh({ index, ignore_unavailable: true });
  const all = [...ids];
  let n = 0;
  for (let i = 0; i < all.length; i += 10_000) {
    const res = await es.count({ index, query: { ids: { values: all.slice(i, i + 10_000) } } });
    n += res.count;
  }
  return n;
}

async function waitForDrain(done: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await done()) return true;
    await new Promise((r) => setTimeout(r, 500));
  }
  return false;
}
