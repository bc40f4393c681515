// Alert rules against the real stack: the rules API (validation naming the field,
// versions, stale edits refused, deletion), one bull schedule per rule version with stale
// ones removed when a scheduler starts, a backtest over seeded history, the scheduled
// evaluation recording a spike once, however often it runs and across a restart, and
// frontline staff pulling the cord on a defect.
//
// The seeded history: 35 days of complaints about two products, about 10 a day each; on
// the last whole day (yesterday, UTC) one of them, the kettle, gets 60. A daily rule
// grouped by product must fire for the kettle on that day and stay quiet for the toaster.
import Bull from 'bull';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAlertStore } from '../alerts/live/alert-store.ts';
import { EVALUATE_RULE_JOB, ruleJobId, type EvaluateRuleData } from '../alerts/live/rule-schedule.ts';
import { createRuleStore } from '../alerts/live/rule-store.ts';
import { startRoles } from '../cli/runtime.ts';
import { createElasticsearchClient } from '../core/elasticsearch/elasticsearch.client.ts';
import { queues, readAlias } from '../core/names.ts';
import { createLogger } from '../core/observability/logger.ts';
import { createTextAnalyzer } from '../core/text/text-analyzer.ts';
import { runAlertEvaluation } from '../scheduler/alert-evaluation.job.ts';
import type { FeedbackDocument } from '../core/feedback/feedback-document.ts';
import { complaintHistory, yesterday } from './support/alert-history.ts';
import { seedThroughPipeline } from './support/seed.ts';
import { auth, getJson, postJson } from './support/test-env.ts';
import { useTestRoles } from './support/test-roles.ts';

const history = () => complaintHistory('alerts');

const send = async (url: string, method: string, body?: unknown, headers: Record<string, string> = {}) => {
  const res = await fetch(url, { method, headers: { 'content-type': 'application/json', ...auth(), ...headers }, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
};

const ctx = useTestRoles(['api', 'processor']);
const api = () => ctx.roles.apiUrl!;
let queue: Bull.Queue<EvaluateRuleData>;
let seeded: FeedbackDocument[] = [];
const repeatIds = async () => ((await queue.getRepeatableJobs()) as Array<{ id: string | null; name: string }>).filter((j) => j.name === EVALUATE_RULE_JOB).map((j) => j.id);

beforeAll(async () => {
  queue = new Bull<EvaluateRuleData>(queues.alerts, ctx.t.config.redis.url, { prefix: ctx.t.config.redis.queuePrefix });
  seeded = await seedThroughPipeline(ctx.t, api(), history());
}, 180_000);
afterAll(async () => {
  await queue?.close();
});

const dailyByProduct = { type: 'spike', direction: 'up', every: '1d', groupBy: 'product', name: 'Product complaints surge', owner: 'cx-team@example.com' };

describe('rules API', () => {
  it('refuses a bad rule naming each field', async () => {
    const r = await postJson(`${api()}/v1/alert-rules`, { type: 'spike', every: 'daily', groupBy: 'colour' });
    expect(r.status).toBe(400);
    expect(r.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(r.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['direction', 'every', 'groupBy']);
    expect((await postJson(`${api()}/v1/alert-rules`, '[1,2]')).body.errors[0]).toMatchObject({ path: '(body)' });
  });

  it('refuses a rule whose series Elasticsearch would refuse, and takes a minute-by-minute threshold', async () => {
    const spike = await postJson(`${api()}/v1/alert-rules`, { type: 'spike', direction: 'up', every: '1m' });
    expect(spike.status).toBe(400);
    expect(spike.body.errors).toEqual([{ path: 'baseline', message: expect.stringMatching(/^evaluating every 1m over a 28d baseline takes \d+ buckets, more than 30000/) }]);
    // A threshold has no baseline to learn: a minute's rule asks for its window and a day only.
    const threshold = await postJson(`${api()}/v1/alert-rules`, { type: 'threshold', value: 50, every: '1m', window: '5m' });
    expect(threshold.status).toBe(201);
    const tried = await postJson(`${api()}/v1/alert-rules/backtest`, { ruleId: threshold.body.id, days: 1 });
    expect(tried.status).toBe(200);
  });

  it('refuses a distinct-customer rule whose window spans several intervals (a customer would count once per interval)', async () => {
    const wide = await postJson(`${api()}/v1/alert-rules`, { type: 'threshold', metric: 'customers', value: 50, every: '1h', window: '6h' });
    expect(wide.status).toBe(400);
    expect(wide.body.errors).toEqual([{ path: 'window', message: expect.stringMatching(/customer in two of them would count twice/) }]);
  });

  it('fires at once when saved in the middle of an incident that began before the rule existed', async () => {
    // Two days after the kettle's spike, a two-day window still holds it: the incident began yesterday, before the rule.
    const created = await postJson(`${api()}/v1/alert-rules`, { type: 'threshold', value: 45, every: '1d', window: '2d', groupBy: 'product' });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const es = createElasticsearchClient(ctx.t.config.elasticsearch);
    const deps = { client: es, index: readAlias(ctx.t.config.elasticsearch.indexPrefix), analyzer: createTextAnalyzer(), rules: createRuleStore(es, ctx.t.config.elasticsearch.indexPrefix), alerts: createAlertStore(es, ctx.t.config.elasticsearch.indexPrefix), logger: createLogger({ level: 'silent' }) };
    try {
      const asOf = yesterday + 2 * 86_400_000 + 3_600_000;
      expect(await runAlertEvaluation({ id: 'mid-incident', data: { ruleId: id, version: 1, asOf } }, deps)).toMatchObject({ transitions: 1 });
      const alerts = await getJson(`${api()}/v1/alert-rules/${id}/alerts`);
      expect(alerts.body.groups.find((g: { group: string }) => g.group === 'kettle-k1')).toMatchObject({ state: 'firing' });
      // Recorded with the day it began, and nothing older: the quiet past raises nothing.
      expect(alerts.body.transitions).toEqual([expect.objectContaining({ group: 'kettle-k1', state: 'firing', at: new Date(yesterday).toISOString() })]);
      expect(await runAlertEvaluation({ id: 'again', data: { ruleId: id, version: 1, asOf } }, deps)).toMatchObject({ transitions: 0 });
    } finally {
      await es.close();
    }
  });

  it('refuses webhook targets in the private network, naming the target', async () => {
    const res = await postJson(`${api()}/v1/alert-rules`, { ...dailyByProduct, notify: [{ channel: 'webhook', url: 'https://hooks.example.com/voc' }, { channel: 'webhook', url: 'http://169.254.169.254/latest/meta-data' }, { channel: 'slack', url: 'http://localhost:9000/x' }] });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(['notify[1].url', 'notify[2].url']);
    expect(res.body.errors[0].message).toContain('linkLocal');
  });

  it('creates, versions, refuses a stale edit, and deletes; one schedule per current version', async () => {
    const created = await postJson(`${api()}/v1/alert-rules`, dailyByProduct);
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect(created.headers.get('etag')).toBe('"1"');
    expect(created.headers.get('location')).toBe(`/v1/alert-rules/${id}`);
    expect(created.body.spec).toEqual(dailyByProduct);
    expect(created.body.effective).toMatchObject({ type: 'spike', every: '1d', baseline: '28d', for: '0', severity: 'medium', timeZone: 'UTC', minCount: 5 });
    expect(await repeatIds()).toContain(ruleJobId(id, 1));

    const listed = await getJson(`${api()}/v1/alert-rules`);
    expect(listed.body.rules.map((r: { id: string }) => r.id)).toContain(id);

    const changed = await send(`${api()}/v1/alert-rules/${id}`, 'PUT', { ...dailyByProduct, severity: 'high' }, { 'if-match': '"1"' });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body.version).toBe(2);
    const stale = await send(`${api()}/v1/alert-rules/${id}`, 'PUT', { ...dailyByProduct, severity: 'low' }, { 'if-match': '"1"' });
    expect(stale.status).toBe(412);
    expect(stale.body.detail).toMatch(/based on version 1, but the rule is at version 2/);
    const ids = await repeatIds();
    expect(ids).toContain(ruleJobId(id, 2));
    expect(ids).not.toContain(ruleJobId(id, 1));

    const versions = await getJson(`${api()}/v1/alert-rules/${id}/versions`);
    expect(versions.body.versions.map((v: { version: number; spec: { severity?: string } }) => [v.version, v.spec.severity])).toEqual([[2, 'high'], [1, undefined]]);

    expect((await send(`${api()}/v1/alert-rules/${id}`, 'DELETE')).status).toBe(204);
    expect((await getJson(`${api()}/v1/alert-rules/${id}`)).status).toBe(404);
    expect((await repeatIds()).filter((j) => j?.startsWith(`alert-rule-${id}-`))).toEqual([]);
  });
});

describe('backtest', () => {
  it('shows the kettle’s spike on the day it happened, and nothing for the toaster', async () => {
    const r = await postJson(`${api()}/v1/alert-rules/backtest`, { rule: dailyByProduct, days: 7 });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const byGroup = Object.fromEntries((r.body.groups as Array<{ group: string; transitions: Array<{ at: string; state: string; value: number }> }>).map((g) => [g.group, g]));
    expect(byGroup['kettle-k1']!.transitions.filter((t) => t.state === 'firing')).toEqual([expect.objectContaining({ at: new Date(yesterday).toISOString(), value: 60 })]);
    expect(byGroup['toaster-t2']!.transitions).toEqual([]);
    expect((await postJson(`${api()}/v1/alert-rules/backtest`, { days: 7 })).body.errors[0].path).toBe('rule');
    expect((await postJson(`${api()}/v1/alert-rules/backtest`, { rule: dailyByProduct, days: 365 })).body.errors[0].path).toBe('days');
  });
});

describe('scheduled evaluation', () => {
  it('records the spike once, however often it runs, and a restarted scheduler neither repeats nor keeps stale schedules', async () => {
    const created = await postJson(`${api()}/v1/alert-rules`, dailyByProduct);
    const id = created.body.id as string;
    const es = createElasticsearchClient(ctx.t.config.elasticsearch);
    const logger = createLogger({ level: 'silent' });
    const deps = {
      client: es,
      index: readAlias(ctx.t.config.elasticsearch.indexPrefix),
      analyzer: createTextAnalyzer(),
      rules: createRuleStore(es, ctx.t.config.elasticsearch.indexPrefix),
      alerts: createAlertStore(es, ctx.t.config.elasticsearch.indexPrefix),
      logger,
    };
    try {
      const job = { id: 'test', data: { ruleId: id, version: 1 } };
      const first = await runAlertEvaluation(job, deps);
      expect(first).toMatchObject({ groups: 2, transitions: 1 });
      const again = await runAlertEvaluation(job, deps);
      expect(again).toMatchObject({ groups: 2, transitions: 0 });
      // An old version's job does nothing.
      expect(await runAlertEvaluation({ id: 'old', data: { ruleId: id, version: 0 } }, deps)).toEqual({ skipped: true });

      const alerts = await getJson(`${api()}/v1/alert-rules/${id}/alerts`);
      expect(alerts.body.groups.sort((a: { group: string }, b: { group: string }) => a.group.localeCompare(b.group))).toEqual([
        { group: 'kettle-k1', state: 'firing', evaluatedUpTo: new Date(yesterday).toISOString() },
        { group: 'toaster-t2', state: 'ok', evaluatedUpTo: new Date(yesterday).toISOString() },
      ]);
      expect(alerts.body.transitions).toEqual([expect.objectContaining({ ruleId: id, group: 'kettle-k1', state: 'firing', at: new Date(yesterday).toISOString(), value: 60, severity: 'medium', owner: 'cx-team@example.com' })]);
      // Why it fired: the kettle's complaints of that day, against the usual ten or so.
      const explanation = alerts.body.transitions[0].explanation;
      expect(explanation.items).toBe(60);
      expect(explanation.usualItems).toBeGreaterThan(8);
      expect(explanation.usualItems).toBeLessThan(14);
      expect(explanation.contributors[0]).toMatchObject({ dimension: 'source', value: 'complaint', now: 60 });
      expect(explanation.contributors[0].share).toBeGreaterThan(0.95);
      expect(explanation.contributors.map((c: { dimension: string }) => c.dimension)).not.toContain('product');
      expect(explanation.verbatims).toHaveLength(5);
      for (const v of explanation.verbatims) expect(v.text).toMatch(/kettle leaks/);
      const firing = await getJson(`${api()}/v1/alerts?state=firing`);
      expect(firing.body.transitions.filter((t: { ruleId: string }) => t.ruleId === id)).toHaveLength(1);

      // A schedule whose rule is gone, then a scheduler starting: the stale one is removed, the rule's kept.
      await queue.add(EVALUATE_RULE_JOB, { ruleId: 'r-gone', version: 3 }, { jobId: ruleJobId('r-gone', 3), repeat: { every: 3_600_000 } });
      const scheduler = await startRoles(ctx.t.config, ['scheduler'], { logger });
      try {
        const ids = await repeatIds();
        expect(ids).toContain(ruleJobId(id, 1));
        expect(ids).not.toContain(ruleJobId('r-gone', 3));
      } finally {
        await scheduler.stop();
      }
      expect(await runAlertEvaluation(job, deps)).toMatchObject({ transitions: 0 });
      expect((await getJson(`${api()}/v1/alert-rules/${id}/alerts`)).body.transitions).toHaveLength(1);
    } finally {
      await es.close();
    }
  });
});

describe('pull the cord', () => {
  it('raises a high-severity alert at the first flag, not again at the second, and links later feedback', async () => {
    expect((await postJson(`${api()}/v1/defects`, { text: 'leaks' })).body.errors[0].path).toBe('feedbackId');
    expect((await postJson(`${api()}/v1/defects`, { feedbackId: 'no-such-item' })).status).toBe(404);

    const item = seeded.find((d) => d.product?.id === 'kettle-k1')!;
    const first = await postJson(`${api()}/v1/defects`, { feedbackId: item.id, by: 'agent-17' });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const issue = item.issues?.find((t) => t.kind === 'problem')?.id ?? null;
    expect(first.body).toMatchObject({ flags: 1, threshold: 1, raisedNow: true, flag: { product: 'kettle-k1', issue, feedbackId: item.id, text: item.text, by: 'agent-17' } });
    expect(first.body.alert).toMatchObject({ ruleId: 'defects', state: 'firing', severity: 'high', group: `kettle-k1/${issue ?? 'any issue'}`, value: 1 });

    const second = await postJson(`${api()}/v1/defects`, { text: 'Water pools under the kettle', product: 'kettle-k1', ...(issue ? { issue } : {}), by: 'agent-4' });
    expect(second.body).toMatchObject({ flags: 2, raisedNow: false });
    expect(second.body.alert.at).toBe(first.body.alert.at);
    const firing = (await getJson(`${api()}/v1/alerts?state=firing`)).body.transitions.filter((t: { ruleId: string }) => t.ruleId === 'defects');
    expect(firing).toHaveLength(1);

    // A complaint after the flag is linked to it; the flagged item itself and earlier ones are not.
    const [later] = await seedThroughPipeline(ctx.t, api(), [{ source: 'complaint', sourceId: 'after-the-flag', text: item.text, product: { id: 'kettle-k1', name: 'Kettle K1' }, createdAt: new Date(Date.now() + 1000).toISOString() }]);
    const read = await getJson(`${api()}/v1/defects/${first.body.flag.id}`);
    expect(read.status).toBe(200);
    expect(read.body.linked.items.map((d: { id: string }) => d.id)).toEqual([later!.id]);
    expect((await getJson(`${api()}/v1/defects`)).body.flags.map((f: { id: string }) => f.id)).toEqual([second.body.flag.id, first.body.flag.id]);
  });

  it('raises one alert for cords pulled at the same moment, and a new one after a hand resolution', async () => {
    const cord = (text: string, by: string) => postJson(`${api()}/v1/defects`, { text, product: 'blender-b3', by });
    const firingOf = async () => (await getJson(`${api()}/v1/alerts?ruleId=defects&state=firing`)).body.transitions.filter((t: { group: string }) => t.group === 'blender-b3/any issue');
    const pulls = await Promise.all(['agent-1', 'agent-2', 'agent-3', 'agent-4', 'agent-5'].map((by) => cord('The jar cracked', by)));
    expect(pulls.map((p) => p.status)).toEqual([201, 201, 201, 201, 201]);
    expect(pulls.filter((p) => p.body.raisedNow)).toHaveLength(1);
    expect(new Set(pulls.map((p) => p.body.alert.at)).size).toBe(1);
    const [alert] = await firingOf();
    expect(await firingOf()).toHaveLength(1);

    // Resolved by hand: the episode is over, and the next cord raises a new alert.
    expect((await postJson(`${api()}/v1/alerts/${alert.id}/resolve`, { by: 'lead-1', note: 'jar supplier changed' })).status).toBe(200);
    const again = await cord('Cracked again after the fix', 'agent-6');
    expect(again.body).toMatchObject({ flags: 1, raisedNow: true });
    expect(Date.parse(again.body.alert.at)).toBeGreaterThan(Date.parse(alert.at));
    expect((await firingOf()).map((t: { at: string }) => t.at)).toEqual([again.body.alert.at, alert.at]);
    expect((await cord('Still cracking', 'agent-7')).body).toMatchObject({ flags: 2, raisedNow: false });
  });
});

describe('closing the loop', () => {
  it('acknowledges once, takes notes and contacts, marks false positives, resolves by hand, and reports quality', async () => {
    const created = await postJson(`${api()}/v1/alert-rules`, { ...dailyByProduct, name: 'Loop' });
    const ruleId = created.body.id as string;
    const es = createElasticsearchClient(ctx.t.config.elasticsearch);
    try {
      const deps = {
        client: es,
        index: readAlias(ctx.t.config.elasticsearch.indexPrefix),
        analyzer: createTextAnalyzer(),
        rules: createRuleStore(es, ctx.t.config.elasticsearch.indexPrefix),
        alerts: createAlertStore(es, ctx.t.config.elasticsearch.indexPrefix),
        logger: createLogger({ level: 'silent' }),
      };
      await runAlertEvaluation({ id: 'loop', data: { ruleId, version: 1 } }, deps);
    } finally {
      await es.close();
    }
    const [alert] = (await getJson(`${api()}/v1/alerts?ruleId=${ruleId}&state=firing`)).body.transitions;
    const id = alert.id as string;
    expect(id).toMatch(/^a[0-9a-f]{16}$/);
    expect((await getJson(`${api()}/v1/alerts/a0000000000000000`)).status).toBe(404);
    expect((await postJson(`${api()}/v1/alerts/${id}/ack`, {})).body.errors[0].path).toBe('by');

    const [first, second] = await Promise.all([postJson(`${api()}/v1/alerts/${id}/ack`, { by: 'lee' }), postJson(`${api()}/v1/alerts/${id}/ack`, { by: 'kim' })]);
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(first.body.ackBy).toBe(second.body.ackBy);
    expect(first.body.ackSeconds).toBeGreaterThanOrEqual(0);

    await postJson(`${api()}/v1/alerts/${id}/notes`, { by: 'lee', text: 'Supplier confirms a bad batch of seals' });
    const contact = await postJson(`${api()}/v1/alerts/${id}/contacts`, { customerId: 'c-42', by: 'lee', outcome: 'reached', note: 'replacement sent' });
    expect(contact.status).toBe(201);
    expect(contact.body.affectedCustomers).toEqual([expect.objectContaining({ id: 'c-42', contacted: true, contact: expect.objectContaining({ outcome: 'reached', by: 'lee' }) })]);
    expect(contact.body.notes.map((n: { text: string }) => n.text)).toEqual(['Supplier confirms a bad batch of seals']);

    const resolved = await postJson(`${api()}/v1/alerts/${id}/resolve`, { by: 'lee', note: 'seals replaced' });
    expect(resolved.status, JSON.stringify(resolved.body)).toBe(200);
    expect(resolved.body.handResolvedBy).toBe('lee');
    expect((await postJson(`${api()}/v1/alerts/${id}/resolve`, { by: 'kim' })).status).toBe(409);
    const rule = await getJson(`${api()}/v1/alert-rules/${ruleId}/alerts`);
    expect(rule.body.groups.find((g: { group: string }) => g.group === 'kettle-k1').state).toBe('ok');
    expect(rule.body.transitions[0]).toMatchObject({ state: 'resolved', group: 'kettle-k1', reason: 'resolved by hand by lee: seals replaced' });
    expect((await postJson(`${api()}/v1/alerts/${rule.body.transitions[0].id}/ack`, { by: 'lee' })).status).toBe(409);

    await postJson(`${api()}/v1/alerts/${id}/false-positive`, { by: 'kim', note: 'test batch' });
    const quality = (await getJson(`${api()}/v1/alerts/quality?ruleId=${ruleId}`)).body.rules;
    expect(quality).toEqual([{ ruleId, fired: 1, acknowledged: 1, ackRate: 1, falsePositives: 1, falsePositiveRate: 1, medianSecondsToAck: first.body.ackSeconds }]);
    const metrics = await (await fetch(`${api()}/metrics`)).text();
    expect(metrics).toMatch(new RegExp(`voc_alerts_fired\\{rule_id="${ruleId}"\\} 1`));
    expect(metrics).toMatch(new RegExp(`voc_alerts_false_positives\\{rule_id="${ruleId}"\\} 1`));
  });
});
