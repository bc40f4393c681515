// `npm run bench:alerts [-- --json]`: alert rules run for real. Six weeks of generated
// feedback with incidents of each rule type at known times (bench/alerts/scenario.ts) go
// through the API and the processor into Elasticsearch; one rule per type is saved
// through the rules API with a webhook to a local receiver; then the scheduler's own
// evaluation jobs are driven hour by hour over the last two weeks (an accelerated clock:
// each job evaluates "as of" its hour; the rules' wall-clock schedules are taken off so
// that they do not race it), and the scheduler is stopped and a new one started halfway.
// Reported per rule type: recall, precision and the median detection delay in evaluation
// intervals, as in eval:alerts; and for the whole run: notifications received more than
// once, and alerts in the first six hours after the restart that match no incident.
// Targets: recall ≥ 0.95, precision ≥ 0.90, median delay ≤ 2 intervals, 0 duplicate
// notifications, 0 spurious alerts after the restart.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type Bull from 'bull';
import { Command } from 'commander';
import { whole } from './options.ts';
import cliProgress from 'cli-progress';
import { EVALUATE_RULE_JOB, unscheduleRule, type EvaluateRuleData } from '../alerts/live/rule-schedule.ts';
import { createApiKey, startRoles, type RunningRoles } from '../cli/runtime.ts';
import { queues } from '../core/names.ts';
import { createLogger } from '../core/observability/logger.ts';
import { createQueue } from '../core/redis/redis.client.ts';
import { stackDown, stackUp, type ServiceName } from '../stack/stack.ts';
import { benchConfig, describeResources, removeBenchResources } from './trends/bench-resources.ts';
import { benchRules, buildScenario, DAY, HOUR, type LiveIncident, type RuleKey } from './alerts/scenario.ts';

const TARGETS = { recall: 0.95, precision: 0.9, medianDelayIntervals: 2, duplicateNotifications: 0, spuriousAfterRestart: 0 };

const opts = new Command('bench:alerts')
  .description('alert rules through the real scheduler on a real stack: recall, precision and delay per rule type, duplicate notifications, alerts after a restart')
  .option('--days <n>', 'days of generated history, ending at the last whole hour', whole(35), 42)
  .option('--eval-days <n>', 'days, at the end, evaluated hour by hour (incidents fall in them)', whole(4), 14)
  .option('--per-hour <n>', 'generated items per hour on average', whole(5), 40)
  .option('--seed <n>', 'seed of the generated history and incidents', whole(0), 1)
  .option('--keep', 'keep the indices, topics and queues for inspection')
  .option('--json', 'print one JSON object on stdout, nothing else')
  .option('--log-level <level>', 'log level of the roles (stderr)', 'warn')
  .showHelpAfterError('(run "npm run bench:alerts -- --help" for the options)')
  .parse()
  .opts<{ days: number; evalDays: number; perHour: number; seed: number; keep?: boolean; json?: boolean; logLevel: string }>();

const note = (line: string) => process.stderr.write(`${line}\n`);
const logger = createLogger({ level: opts.logLevel });
const bench = benchConfig(process.env, opts.logLevel, undefined, 'alerts');
const id = bench.id;
// The webhook receiver listens on 127.0.0.1, which webhooks may reach only when allowed.
const config = { ...bench.config, alerts: { ...bench.config.alerts, webhookAllowPrivate: true } };
const tty = process.stderr.isTTY === true;

type Delivery = { key: string; body: { rule?: { id?: string }; state?: string } };
const deliveries: Delivery[] = [];
let receiver: Server | undefined;
let api: RunningRoles | undefined;
let scheduler: RunningRoles | undefined;
let alertsQueue: Bull.Queue<EvaluateRuleData> | undefined;
let started: ServiceName[] = [];

let authorization: Record<string, string> = {};

async function post(url: string, body: unknown) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...authorization }, body: JSON.stringify(body) });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`POST ${url} answered ${res.status}: ${text.slice(0, 500)}`);
  return JSON.parse(text);
}

async function waitIndexed(apiUrl: string, expected: number) {
  const deadline = Date.now() + 10 * 60_000;
  for (;;) {
    const r = (await (await fetch(`${apiUrl}/v1/trends?metric=count&from=2000-01-01&interval=month`, { headers: authorization })).json()) as { total: { summary: { value: number } } };
    if (r.total.summary.value >= expected) return;
    if (Date.now() > deadline) throw new Error(`only ${r.total.summary.value} of ${expected} items indexed after 10 minutes`);
    await new Promise((res) => setTimeout(res, 1000));
  }
}

try {
  note(`bench:alerts ${id}: bringing up Kafka, Elasticsearch and Redis (reusing any already running)…`);
  started = (await stackUp(config, { logger })).started;
  receiver = createServer((req, res) => {
    let data = '';
    req.on('data', (c) => (data += c));
    req.on('end', () => {
      deliveries.push({ key: String(req.headers['idempotency-key']), body: JSON.parse(data) });
      res.writeHead(200).end('{}');
    });
  });
  await new Promise<void>((r) => receiver!.listen(0, '127.0.0.1', r));
  const hook = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;

  const end = Math.floor(Date.now() / HOUR) * HOUR;
  const scenario = buildScenario({ end, days: opts.days, evalDays: opts.evalDays, perHour: opts.perHour, seed: opts.seed, prefix: id });
  api = await startRoles(config, ['api', 'processor'], { logger });
  authorization = { authorization: `Bearer ${await createApiKey(config, { name: 'bench', role: 'admin', expiresInDays: 1, createdBy: 'bench:alerts' })}` };
  const apiUrl = api.apiUrl!;
  const t0 = performance.now();
  for (let i = 0; i < scenario.items.length; i += 1000) await post(`${apiUrl}/v1/feedback`, scenario.items.slice(i, i + 1000));
  await waitIndexed(apiUrl, scenario.items.length);
  const seedSeconds = Math.round((performance.now() - t0) / 100) / 10;
  note(`seeded ${scenario.items.length.toLocaleString('en')} items over ${opts.days} days in ${seedSeconds} s; ${scenario.incidents.length} incidents in the last ${opts.evalDays} days`);

  alertsQueue = createQueue<EvaluateRuleData>(queues.alerts, config.redis);
  const rules = {} as Record<RuleKey, string>;
  for (const key of Object.keys(benchRules) as RuleKey[]) {
    const created = await post(`${apiUrl}/v1/alert-rules`, { ...benchRules[key], notify: [{ channel: 'webhook', url: hook }] });
    rules[key] = created.id as string;
    await unscheduleRule(alertsQueue, created.id);
  }

  const evaluate = async (asOf: number) => {
    for (const key of Object.keys(rules) as RuleKey[]) {
      if (benchRules[key].every === '1d' && asOf % DAY !== 60_000) continue;
      const job = await alertsQueue!.add(EVALUATE_RULE_JOB, { ruleId: rules[key], version: 1, asOf }, { removeOnComplete: true, removeOnFail: 50 });
      await job.finished();
    }
  };
  scheduler = await startRoles(config, ['scheduler'], { logger });
  for (const ruleId of Object.values(rules)) await unscheduleRule(alertsQueue, ruleId);
  const hours = Math.round((scenario.end - scenario.evalFrom) / HOUR);
  const restartAt = scenario.evalFrom + Math.floor(hours / 2) * HOUR;
  const bar = tty ? new cliProgress.SingleBar({ format: 'evaluating {bar} {value}/{total} hours', hideCursor: true }, cliProgress.Presets.shades_classic) : undefined;
  bar?.start(hours, 0);
  const t1 = performance.now();
  for (let h = 1; h <= hours; h++) {
    const hourEnd = scenario.evalFrom + h * HOUR;
    if (hourEnd === restartAt + HOUR) {
      await scheduler.stop();
      scheduler = await startRoles(config, ['scheduler'], { logger });
      // A starting scheduler restores the rules' wall-clock schedules; the benchmark drives the clock.
      for (const ruleId of Object.values(rules)) await unscheduleRule(alertsQueue, ruleId);
      note(`scheduler restarted at ${new Date(restartAt).toISOString()}`);
    }
    await evaluate(hourEnd + 60_000);
    bar?.update(h);
    if (!tty && h % 24 === 0) note(`evaluated ${h}/${hours} hours`);
  }
  bar?.stop();
  // Let the notification jobs drain.
  const notifications = createQueue(queues.notifications, config.redis);
  for (let i = 0; i < 120 && (await notifications.getJobCounts()).waiting + (await notifications.getJobCounts()).active + (await notifications.getJobCounts()).delayed > 0; i++) await new Promise((r) => setTimeout(r, 500));
  await notifications.close();
  const evalSeconds = Math.round((performance.now() - t1) / 100) / 10;

  // Score the recorded firings against the incidents.
  type T = { id: string; group: string | null; at: string; state: string };
  const perType = (Object.keys(rules) as RuleKey[]).map((key) => ({ key, every: benchRules[key].every === '1d' ? DAY : HOUR }));
  const rows = [];
  const firingsAll: Array<T & { key: RuleKey }> = [];
  for (const { key, every } of perType) {
    const list = (await (await fetch(`${apiUrl}/v1/alerts?ruleId=${rules[key]}&state=firing&size=500`, { headers: authorization })).json()) as { transitions: T[] };
    const firings = list.transitions.filter((t) => Date.parse(t.at) >= scenario.evalFrom);
    firingsAll.push(...firings.map((f) => ({ ...f, key })));
    const incidents = scenario.incidents.filter((i) => i.rule === key);
    // A firing's bucket [at, at + every) overlapping the incident (or the bucket after it).
    const matches = (f: T, i: LiveIncident) => (i.group === null || f.group === i.group) && Date.parse(f.at) + every > i.start && Date.parse(f.at) < i.end + every;
    const delays: number[] = [];
    let detectedSmall = 0;
    let detectedLarge = 0;
    for (const i of incidents) {
      const first = firings.filter((f) => matches(f, i)).sort((a, b) => Date.parse(a.at) - Date.parse(b.at))[0];
      if (!first) continue;
      delays.push(Math.max(0, (Date.parse(first.at) - i.start) / every));
      if (i.size === 'small') detectedSmall += 1;
      else detectedLarge += 1;
    }
    const falseAlarms = firings.filter((f) => !incidents.some((i) => matches(f, i))).length;
    delays.sort((a, b) => a - b);
    const median = delays.length ? (delays.length % 2 ? delays[delays.length >> 1]! : (delays[delays.length / 2 - 1]! + delays[delays.length / 2]!) / 2) : null;
    const recall = incidents.length ? (detectedSmall + detectedLarge) / incidents.length : null;
    const precision = firings.length ? (firings.length - falseAlarms) / firings.length : null;
    rows.push({
      type: key,
      rule: benchRules[key],
      incidents: incidents.length,
      detected: detectedSmall + detectedLarge,
      recall,
      recallSmall: incidents.filter((i) => i.size === 'small').length ? detectedSmall / incidents.filter((i) => i.size === 'small').length : null,
      recallLarge: incidents.filter((i) => i.size === 'large').length ? detectedLarge / incidents.filter((i) => i.size === 'large').length : null,
      firings: firings.length,
      falseAlarms,
      precision,
      medianDelayIntervals: median,
      falseAlarmTimes: firings.filter((f) => !incidents.some((i) => matches(f, i))).map((f) => `${f.at} ${f.group ?? ''}`),
      met: (recall ?? 0) >= TARGETS.recall && (precision ?? 0) >= TARGETS.precision && median !== null && median <= TARGETS.medianDelayIntervals,
    });
  }
  const keys = deliveries.map((d) => d.key);
  const duplicateNotifications = keys.length - new Set(keys).size;
  const spuriousAfterRestart = firingsAll.filter((f) => {
    const at = Date.parse(f.at);
    const every = benchRules[f.key].every === '1d' ? DAY : HOUR;
    return at >= restartAt && at < restartAt + 6 * HOUR && !scenario.incidents.some((i) => i.rule === f.key && (i.group === null || f.group === i.group) && at + every > i.start && at < i.end + every);
  }).length;
  const met = rows.every((r) => r.met) && duplicateNotifications === 0 && spuriousAfterRestart === 0;
  const report = {
    machine: { cpus: (await import('node:os')).cpus().length, node: process.version },
    history: { days: opts.days, evaluatedDays: opts.evalDays, items: scenario.items.length, perHour: opts.perHour, seed: opts.seed, seedSeconds },
    evaluation: { hours, seconds: evalSeconds, restartAt: new Date(restartAt).toISOString() },
    types: rows,
    notifications: { received: deliveries.length, duplicateNotifications },
    spuriousAfterRestart,
    targets: TARGETS,
    met,
  };
  if (opts.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else {
    const say = (l = '') => process.stdout.write(`${l}\n`);
    const f = (x: number | null) => (x === null ? '–' : x.toFixed(3));
    say(`alert rules through the scheduler: ${scenario.items.length.toLocaleString('en')} items over ${opts.days} days (seeded in ${seedSeconds} s), the last ${opts.evalDays} days evaluated hour by hour in ${evalSeconds} s, scheduler restarted at ${report.evaluation.restartAt}`);
    say();
    say(`${'rule'.padEnd(14)}${'incidents'.padStart(10)}${'recall'.padStart(8)}${'small'.padStart(7)}${'large'.padStart(7)}${'firings'.padStart(9)}${'false'.padStart(7)}${'precision'.padStart(11)}${'delay'.padStart(7)}   targets`);
    for (const r of rows) say(`${r.type.padEnd(14)}${String(r.incidents).padStart(10)}${f(r.recall).padStart(8)}${f(r.recallSmall).padStart(7)}${f(r.recallLarge).padStart(7)}${String(r.firings).padStart(9)}${String(r.falseAlarms).padStart(7)}${f(r.precision).padStart(11)}${String(r.medianDelayIntervals ?? '–').padStart(7)}   ${r.met ? 'met' : 'NOT met'}`);
    say();
    say(`notifications received ${deliveries.length}, duplicates ${duplicateNotifications}; alerts matching no incident in the 6 hours after the restart: ${spuriousAfterRestart}`);
    for (const r of rows) if (r.falseAlarmTimes.length) say(`false alarms of ${r.type}: ${r.falseAlarmTimes.join(', ')}`);
    say(`targets (recall ≥ ${TARGETS.recall}, precision ≥ ${TARGETS.precision}, median delay ≤ ${TARGETS.medianDelayIntervals}, no duplicate, nothing spurious after the restart): ${met ? 'met' : 'NOT met'}`);
  }
  process.exitCode = met ? 0 : 1;
} finally {
  await scheduler?.stop();
  await alertsQueue?.close();
  await api?.stop();
  await new Promise((r) => (receiver ? receiver.close(r) : r(undefined)));
  if (opts.keep) note(`kept: ${describeResources(config)}`);
  else {
    await removeBenchResources(config, logger);
    if (started.length) await stackDown(config, { logger, only: started });
  }
}
