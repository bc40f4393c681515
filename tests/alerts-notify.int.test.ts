// Notifications against the real stack and a real receiver: a rule with a webhook and a
// DingTalk target fires on seeded history; the scheduler process sending the webhook is
// killed with SIGKILL while the receiver holds the request; another scheduler retries it
// with the same idempotency key and records one delivery; evaluating again sends nothing;
// a silenced group's firing is recorded but not sent; a pulled cord's alert goes to
// DEFECT_NOTIFY's targets once per episode, however many flags follow, and its hand
// resolution to the targets that take resolutions.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Bull from 'bull';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAlertStore } from '../alerts/live/alert-store.ts';
import { EVALUATE_RULE_JOB, unscheduleRule, type EvaluateRuleData } from '../alerts/live/rule-schedule.ts';
import { createRuleStore } from '../alerts/live/rule-store.ts';
import { sendNotification, type NotificationData } from '../alerts/notify/notifier.ts';
import { createLogger } from '../core/observability/logger.ts';
import { startRoles, type RunningRoles } from '../cli/runtime.ts';
import { createElasticsearchClient } from '../core/elasticsearch/elasticsearch.client.ts';
import { queues } from '../core/names.ts';
import { complaintHistory, DAY, yesterday } from './support/alert-history.ts';
import { spawnVoc } from './support/cli-process.ts';
import { seedThroughPipeline } from './support/seed.ts';
import { auth, getJson, postJson, waitFor } from './support/test-env.ts';
import { useTestRoles } from './support/test-roles.ts';

type Received = { path: string; key: string | undefined; body: Record<string, unknown>; answered: boolean };

// The receiver listens on 127.0.0.1, which webhooks may reach only when allowed.
const ctx = useTestRoles(['api', 'processor'], { WEBHOOK_ALLOW_PRIVATE: 'true' });
const api = () => ctx.roles.apiUrl!;
const received: Received[] = [];
let hold = false;
const held: Array<() => void> = [];
let receiver: Server;
let base = '';
let alertsQueue: Bull.Queue<EvaluateRuleData>;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let data = '';
    req.on('data', (c) => (data += c));
    req.on('end', () => resolve(data));
  });
}

beforeAll(async () => {
  receiver = createServer(async (req, res) => {
    const entry: Received = { path: req.url ?? '', key: req.headers['idempotency-key'] as string | undefined, body: JSON.parse(await readBody(req)), answered: false };
    received.push(entry);
    const answer = () => {
      entry.answered = true;
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    };
    if (hold && req.url === '/hook') held.push(() => res.destroy());
    else answer();
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  alertsQueue = new Bull<EvaluateRuleData>(queues.alerts, ctx.t.config.redis.url, { prefix: ctx.t.config.redis.queuePrefix });
  await seedThroughPipeline(ctx.t, api(), complaintHistory('notify'));
}, 180_000);

afterAll(async () => {
  for (const release of held) release();
  await alertsQueue?.close();
  await new Promise((r) => receiver?.close(r));
});

const evaluateNow = async (ruleId: string, version: number, asOf?: number) => {
  const job = await alertsQueue.add(EVALUATE_RULE_JOB, { ruleId, version, ...(asOf ? { asOf } : {}) });
  return job.finished();
};

describe('notifications', () => {
  it('sends each transition to each target once, through a scheduler killed mid-send', async () => {
    const rule = {
      type: 'spike',
      direction: 'up',
      every: '1d',
      groupBy: 'product',
      name: 'Kettle leaks',
      notify: [
        { channel: 'webhook', url: `${base}/hook` },
        { channel: 'dingtalk', url: `${base}/ding`, language: 'zh', on: ['firing'] },
      ],
    };
    const created = await postJson(`${api()}/v1/alert-rules`, rule);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id as string;

    // Scheduler A evaluates, sends DingTalk, and is killed while the webhook request is held.
    hold = true;
    const a = spawnVoc(['serve', '--roles', 'scheduler'], { ...ctx.t.env, LOG_LEVEL: 'info' });
    try {
      await waitFor(async () => a.output().includes('scheduler running'), { timeoutMs: 60_000, what: 'scheduler A running' });
      await evaluateNow(id, 1);
      await waitFor(async () => received.some((r) => r.path === '/hook'), { timeoutMs: 30_000, what: 'the webhook request' });
      // DingTalk done and recorded: a kill between the receiver's answer and the record is
      // the one window where a message may come twice (with its idempotency key), not this one.
      const sent = (channel: string) => a.output().split('\n').some((line) => line.includes('notification sent') && line.includes(`"channel":"${channel}"`));
      await waitFor(async () => sent('dingtalk'), { timeoutMs: 30_000, what: 'the DingTalk delivery recorded' });
    } finally {
      a.child.kill('SIGKILL');
      await a.exited;
    }
    hold = false;
    for (const release of held.splice(0)) release();

    // Scheduler B takes the stalled job over (bull notices once the dead worker's lock expires).
    const b: RunningRoles = await startRoles(ctx.t.config, ['scheduler'], { logger: ctx.t.logger });
    try {
      await waitFor(async () => received.some((r) => r.path === '/hook' && r.answered), { timeoutMs: 90_000, intervalMs: 500, what: 'the webhook retried after the kill' });
      // Evaluating again: the same transition, already recorded and queued: nothing more.
      await evaluateNow(id, 1);
      await new Promise((r) => setTimeout(r, 2000));
    } finally {
      await b.stop();
    }

    const hooks = received.filter((r) => r.path === '/hook');
    const dings = received.filter((r) => r.path === '/ding');
    expect(dings).toHaveLength(1);
    expect((dings[0]!.body as { markdown: { title: string } }).markdown.title).toBe('[告警触发] Kettle leaks · kettle-k1');
    expect(hooks.filter((h) => h.answered)).toHaveLength(1);
    expect(new Set(hooks.map((h) => h.key)).size).toBe(1);
    expect(hooks[0]!.body).toMatchObject({ event: 'alert.firing', group: 'kettle-k1', value: 60, at: new Date(yesterday).toISOString(), rule: { id, version: 1, name: 'Kettle leaks' } });
    expect(hooks[0]!.key).toBe(hooks[0]!.body.idempotencyKey);

    const es = createElasticsearchClient(ctx.t.config.elasticsearch);
    try {
      await es.indices.refresh({ index: `${ctx.t.config.elasticsearch.indexPrefix}.alerts` });
      const deliveries = await es.search({ index: `${ctx.t.config.elasticsearch.indexPrefix}.alerts`, query: { term: { kind: 'delivery' } }, size: 10 });
      expect(deliveries.hits.hits).toHaveLength(2);
    } finally {
      await es.close();
    }
  });

  it('records a silenced group’s firing without sending it', async () => {
    const created = await postJson(`${api()}/v1/alert-rules`, { type: 'threshold', value: 30, every: '1d', groupBy: 'product', notify: [{ channel: 'webhook', url: `${base}/silenced` }] });
    const id = created.body.id as string;
    const bad = await postJson(`${api()}/v1/alert-rules/${id}/silences`, { group: 'kettle-k1', for: 'a while' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toContain('for');
    const silence = await postJson(`${api()}/v1/alert-rules/${id}/silences`, { group: 'kettle-k1', for: '2d', reason: 'known leak, fix shipping' });
    expect(silence.status).toBe(201);
    expect((await getJson(`${api()}/v1/alert-rules/${id}/silences`)).body.silences.map((s: { id: string }) => s.id)).toEqual([silence.body.id]);

    const b = await startRoles(ctx.t.config, ['scheduler'], { logger: ctx.t.logger });
    try {
      await evaluateNow(id, 1);
      await new Promise((r) => setTimeout(r, 3000));
    } finally {
      await b.stop();
    }
    const alerts = await getJson(`${api()}/v1/alert-rules/${id}/alerts`);
    expect(alerts.body.transitions).toEqual([expect.objectContaining({ group: 'kettle-k1', state: 'firing', value: 60 })]);
    expect(received.filter((r) => r.path === '/silenced')).toEqual([]);

    const ended = await fetch(`${api()}/v1/alert-rules/${id}/silences/${silence.body.id}`, { method: 'DELETE', headers: auth() });
    expect(ended.status).toBe(204);
    expect((await getJson(`${api()}/v1/alert-rules/${id}/silences`)).body.silences).toEqual([]);
  });

  it('reminds while a group keeps firing, once per reminder, and gathers a digest target’s transitions into one message', async () => {
    const HOUR = 3_600_000;
    const created = await postJson(`${api()}/v1/alert-rules`, {
      type: 'threshold',
      value: 30,
      window: '1d',
      every: '1h',
      filters: { product: ['kettle-k1'] },
      reAlert: '6h',
      name: 'Kettle complaints in a day',
      notify: [
        { channel: 'webhook', url: `${base}/remind` },
        { channel: 'slack', url: `${base}/digest`, digest: '1d' },
      ],
    });
    const id = created.body.id as string;
    const b = await startRoles(ctx.t.config, ['scheduler'], { logger: ctx.t.logger });
    const notifications = new Bull<NotificationData>(queues.notifications, ctx.t.config.redis.url, { prefix: ctx.t.config.redis.queuePrefix });
    try {
      await unscheduleRule(alertsQueue, id);
      // The clock, an hour at a time, from the start of yesterday to now; the last hour twice.
      const hours: number[] = [];
      for (let t = yesterday + HOUR; t <= Date.now(); t += HOUR) hours.push(t + 60_000);
      for (const asOf of [...hours, hours.at(-1)!]) await evaluateNow(id, 1, asOf);
      await waitFor(async () => (await notifications.getJobCounts()).active + (await notifications.getJobCounts()).waiting === 0, { timeoutMs: 30_000, what: 'notifications sent' });

      const transitions = (await getJson(`${api()}/v1/alert-rules/${id}/alerts`)).body.transitions as Array<{ state: string; at: string }>;
      const firing = transitions.filter((t) => t.state === 'firing');
      expect(firing).toHaveLength(1);
      const resolvedAt = transitions.find((t) => t.state === 'resolved')?.at;
      const lastFiringHour = resolvedAt ? Date.parse(resolvedAt) - HOUR : hours.at(-1)! - 60_000 - HOUR;
      const expectedReminders = Math.floor((lastFiringHour + HOUR - (Date.parse(firing[0]!.at) + HOUR)) / (6 * HOUR));
      const remind = received.filter((r) => r.path === '/remind');
      const reminders = remind.filter((r) => r.body.event === 'alert.reminder').map((r) => r.body.reminder);
      expect(reminders.length).toBeGreaterThan(0);
      expect(reminders).toEqual(Array.from({ length: expectedReminders }, (_, i) => i + 1));
      expect(remind.filter((r) => r.body.event === 'alert.firing')).toHaveLength(1);

      // The digest target: one delayed job for the day, whatever it gathers, sent when the day is over.
      const delayed = (await notifications.getDelayed()).filter((j) => j.data.ruleId === id);
      expect(delayed).toHaveLength(1);
      const data = delayed[0]!.data as NotificationData & { kind: 'digest'; from: number; to: number };
      expect(data).toMatchObject({ kind: 'digest', target: 1 });
      expect(data.to - data.from).toBe(DAY);
      const es = createElasticsearchClient(ctx.t.config.elasticsearch);
      try {
        const deps = { rules: createRuleStore(es, ctx.t.config.elasticsearch.indexPrefix), alerts: createAlertStore(es, ctx.t.config.elasticsearch.indexPrefix), logger: createLogger({ level: 'silent' }), webhooks: { allowPrivate: true } };
        // What the worker does when the period is over, without waiting for it.
        expect(await sendNotification({ id: 'digest', data }, deps)).toEqual({ sent: 200 });
        expect(await sendNotification({ id: 'digest', data }, deps)).toEqual({ skipped: 'already delivered' });
      } finally {
        await es.close();
      }
      const digests = received.filter((r) => r.path === '/digest');
      expect(digests).toHaveLength(1);
      expect((digests[0]!.body as { text: string }).text).toMatch(new RegExp(`^\\*\\[Alert digest\\] Kettle complaints in a day: ${transitions.length}\\*`));
    } finally {
      await notifications.close();
      await b.stop();
    }
  });

  it('sends a hand resolution to the rule’s targets that take resolutions', async () => {
    const created = await postJson(`${api()}/v1/alert-rules`, { type: 'threshold', value: 30, every: '1d', groupBy: 'product', notify: [{ channel: 'webhook', url: `${base}/hand`, on: ['resolved'] }] });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const b = await startRoles(ctx.t.config, ['scheduler'], { logger: ctx.t.logger });
    try {
      await evaluateNow(id, 1);
      const [alert] = (await getJson(`${api()}/v1/alert-rules/${id}/alerts`)).body.transitions;
      expect(alert).toMatchObject({ group: 'kettle-k1', state: 'firing' });
      await new Promise((r) => setTimeout(r, 2000));
      expect(received.filter((r) => r.path === '/hand')).toEqual([]); // firings are not this target's
      expect((await postJson(`${api()}/v1/alerts/${alert.id}/resolve`, { by: 'lead-3' })).status).toBe(200);
      await waitFor(async () => received.some((r) => r.path === '/hand'), { timeoutMs: 30_000, what: 'the hand resolution sent' });
      await new Promise((r) => setTimeout(r, 2000));
      const sent = received.filter((r) => r.path === '/hand');
      expect(sent).toHaveLength(1);
      expect(sent[0]!.body).toMatchObject({ event: 'alert.resolved', rule: { id }, group: 'kettle-k1', state: 'resolved', reason: 'resolved by hand by lead-3' });
    } finally {
      await b.stop();
    }
  });

  it('sends a pulled cord’s alert to DEFECT_NOTIFY’s targets, once per episode, and its hand resolution', async () => {
    const targets = [
      { channel: 'webhook', url: `${base}/cord` },
      { channel: 'wecom', url: `${base}/cord-wecom`, language: 'zh', on: ['firing'] },
    ];
    const config = { ...ctx.t.config, alerts: { ...ctx.t.config.alerts, defectNotify: JSON.stringify(targets) } };
    const roles = await startRoles(config, ['api', 'scheduler'], { logger: ctx.t.logger });
    try {
      const defects = `${roles.apiUrl}/v1/defects`;
      const first = await postJson(defects, { text: 'The lid hinge snapped on opening', product: 'toaster-t2', by: 'agent-3' });
      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({ flags: 1, raisedNow: true });
      await waitFor(async () => received.some((r) => r.path === '/cord') && received.some((r) => r.path === '/cord-wecom'), { timeoutMs: 30_000, what: 'the alert sent to both targets' });
      // More flags of the same episode raise no second alert, and send nothing more.
      expect((await postJson(defects, { text: 'Hinge broke again', product: 'toaster-t2', by: 'agent-9' })).body).toMatchObject({ flags: 2, raisedNow: false });
      await new Promise((r) => setTimeout(r, 3000));
      const hook = received.filter((r) => r.path === '/cord');
      expect(hook).toHaveLength(1);
      expect(hook[0]!.body).toMatchObject({ event: 'alert.firing', rule: { id: 'defects', severity: 'high' }, group: 'toaster-t2/any issue', state: 'firing', value: 1 });
      expect(hook[0]!.body.reason).toBe('pulled the cord: 1 flag of toaster-t2 in 7 days (by agent-3): "The lid hinge snapped on opening"');
      expect(hook[0]!.key).toBe(hook[0]!.body.idempotencyKey);
      const wecom = received.filter((r) => r.path === '/cord-wecom');
      expect(wecom).toHaveLength(1);
      expect(JSON.stringify(wecom[0]!.body)).toContain('toaster-t2');

      // Resolved by hand: sent to the target that takes resolutions, not to the one that takes firings only.
      const [alert] = (await getJson(`${roles.apiUrl}/v1/alerts?ruleId=defects&state=firing`)).body.transitions.filter((t: { group: string }) => t.group === 'toaster-t2/any issue');
      expect((await postJson(`${roles.apiUrl}/v1/alerts/${alert.id}/resolve`, { by: 'lead-2', note: 'hinge part replaced' })).status).toBe(200);
      await waitFor(async () => received.filter((r) => r.path === '/cord').length === 2, { timeoutMs: 30_000, what: 'the resolution sent' });
      await new Promise((r) => setTimeout(r, 2000));
      const resolved = received.filter((r) => r.path === '/cord')[1]!;
      expect(resolved.body).toMatchObject({ event: 'alert.resolved', rule: { id: 'defects' }, group: 'toaster-t2/any issue', state: 'resolved', reason: 'resolved by hand by lead-2: hinge part replaced' });
      expect(resolved.key).not.toBe(hook[0]!.key);
      expect(received.filter((r) => r.path === '/cord')).toHaveLength(2);
      expect(received.filter((r) => r.path === '/cord-wecom')).toHaveLength(1);
    } finally {
      await roles.stop();
    }
  });
});
