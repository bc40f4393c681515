// Alert rules for CX leads, and the alerts they raise:
//   POST   /v1/alert-rules                 create (201, with the defaults filled in)
//   GET    /v1/alert-rules                 list (?size=, ?after= from the previous page's `next`)
//   GET    /v1/alert-rules/:id             one rule (ETag: its version)
//   GET    /v1/alert-rules/:id/versions    every version, newest first
//   PUT    /v1/alert-rules/:id             replace; If-Match: "<version>" refuses a stale edit (412)
//   DELETE /v1/alert-rules/:id             delete (kept as a last version), schedule removed
//   GET    /v1/alert-rules/:id/alerts      its groups' states and latest transitions
//   POST   /v1/alert-rules/backtest        { rule | ruleId, days }: what it would have done
//   POST   /v1/alert-rules/:id/silences    hold its notifications back for a while (whole rule or one group)
//   GET    /v1/alert-rules/:id/silences    silences not yet over
//   DELETE /v1/alert-rules/:id/silences/:s end a silence now
// Rules are validated by alerts/rule.ts; every problem is answered with its field's path.
import type { Queue } from 'bull';
import express, { type Response } from 'express';
import { z } from 'zod';
import { backtest } from '../alerts/live/backtest.ts';
import type { AlertStore } from '../alerts/live/alert-store.ts';
import { MAX_BUCKETS, SeriesTooLong, seriesBuckets, type SeriesDeps } from '../alerts/live/rule-series.ts';
import { scheduleRule, unscheduleRule, type EvaluateRuleData } from '../alerts/live/rule-schedule.ts';
import { loadRule, RuleConflict, type RuleStore, type StoredRule } from '../alerts/live/rule-store.ts';
import { describeRule, parseDuration, parseRule, ruleSchema, windowProblem, type Rule } from '../alerts/rule.ts';
import { randomBytes } from 'node:crypto';
import { HttpProblem, problem } from '../core/http/problem.ts';
import { badParameter, callElasticsearch, parseParams, redacted } from './route-helpers.ts';
import { allow } from '../core/http/access.ts';
import { describedRouter, type DescribedRouter, type Operation } from '../core/http/operation.ts';
import type { Audit } from './audit.ts';
import { forbiddenUrl } from '../alerts/notify/webhook-guard.ts';

export type AlertRulesDeps = SeriesDeps & { rules: RuleStore; alerts: AlertStore; queue: Queue<EvaluateRuleData>; audit: Audit; allowPrivateWebhooks: boolean; now?: () => number };

const MAX_BODY = '64kb';
const MAX_BACKTEST_DAYS = 90;

function validRule(body: unknown, allowPrivateWebhooks: boolean): { spec: Record<string, unknown>; rule: Rule } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw badParameter('(body)', 'a rule is a JSON object', 'invalid-rule');
  const parsed = parseRule(body);
  if ('problems' in parsed) {
    throw new HttpProblem(problem(400, 'invalid-rule', 'Invalid alert rule', { detail: parsed.problems.map((p) => `${p.path}: ${p.message}`).join('; '), errors: parsed.problems }));
  }
  const refused = allowPrivateWebhooks ? [] : parsed.rule.notify.flatMap((t, i) => {
    const why = forbiddenUrl(t.url);
    return why ? [{ path: `notify[${i}].url`, message: `${why}; webhooks go to public addresses only (WEBHOOK_ALLOW_PRIVATE)` }] : [];
  });
  const window = windowProblem(parsed.rule);
  if (window) refused.push(window);
  // A rule whose series Elasticsearch would refuse could never be evaluated: say so now, not at every evaluation.
  const buckets = seriesBuckets(parsed.rule);
  if (buckets > MAX_BUCKETS) refused.push({ path: 'baseline', message: `evaluating every ${describeRule(parsed.rule).every} over a ${describeRule(parsed.rule).baseline} baseline takes ${buckets} buckets, more than ${MAX_BUCKETS}: evaluate less often or shorten the baseline` });
  if (refused.length) throw new HttpProblem(problem(400, 'invalid-rule', 'Invalid alert rule', { detail: refused.map((p) => `${p.path}: ${p.message}`).join('; '), errors: refused }));
  return { spec: body as Record<string, unknown>, rule: parsed.rule };
}

const view = (stored: StoredRule) => ({ ...stored, effective: describeRule(loadRule(stored).rule) });

const notFound = (id: string) => new HttpProblem(problem(404, 'not-found', 'No such alert rule', { detail: `no alert rule has the id ${id}` }));

function expectedVersion(header: string | undefined, current: number): number {
  if (header === undefined) return current;
  const m = /^(?:W\/)?"?(\d+)"?$/.exec(header.trim());
  if (!m) throw badParameter('If-Match', 'the version the change is based on, as returned in ETag (e.g. "3")', 'invalid-precondition');
  return Number(m[1]);
}

export const alertRulesQuerySchema = z.strictObject({ size: z.coerce.number().int().min(1).max(500).default(100), after: z.string().max(500).optional() });
export const backtestSchema = z.strictObject({
  rule: z.record(z.string(), z.unknown()).optional(),
  ruleId: z.string().min(1).max(100).optional(),
  days: z.number({ error: 'days is a number' }).int().min(1).max(MAX_BACKTEST_DAYS, `days is at most ${MAX_BACKTEST_DAYS}`).default(14),
});

const MAX_SILENCE_MS = 30 * 86_400_000;
const instant = z.iso.datetime({ offset: true, error: 'an ISO 8601 date-time with offset, e.g. 2026-12-07T18:00:00+08:00' });
export const silenceSchema = z
  .strictObject({
    group: z.string().min(1).max(256).nullable().default(null),
    from: instant.optional(),
    until: instant.optional(),
    for: z.string().refine((v) => (parseDuration(v) ?? 0) > 0, { error: 'for is a duration such as "30m", "2h" or "1d"' }).optional(),
    reason: redacted(z.string().trim().min(1).max(500)).optional(),
    by: z.string().trim().min(1).max(200).optional(),
  })
  .refine((b) => (b.until === undefined) !== (b.for === undefined), { error: 'give either until or for', path: ['until'] });

const rule = { schema: ruleSchema.meta({ id: 'AlertRule' }), description: 'a rule needs only its type (and direction for a spike, metric for floor and drop); durations are written as "15m", "1h", "28d"' };
const id = { id: 'the rule id' };
const stored = 'the rule as stored, with its version, and `effective`: the rule with every default filled in';
const etag = { ETag: 'the rule\'s version, for If-Match' };
const ifMatch = { 'If-Match': 'the version the change is based on, as ETag gave it ("3"); a newer current version refuses the change with 412' };
export const alertRulesOperations: Operation[] = [
  { id: 'createAlertRule', method: 'post', path: '/v1/alert-rules', tag: 'Alert rules', summary: 'Create a rule (and schedule it)', permission: 'alerts:write', body: rule, ok: { status: 201, description: stored, headers: { ...etag, Location: 'the rule' } } },
  { id: 'listAlertRules', method: 'get', path: '/v1/alert-rules', tag: 'Alert rules', summary: 'The rules', description: '`after` is the `next` of the previous page.', permission: 'alerts:read', query: alertRulesQuerySchema, ok: { status: 200, description: '`{ rules, next? }`' } },
  {
    id: 'backtestAlertRule',
    method: 'post',
    path: '/v1/alert-rules/backtest',
    tag: 'Alert rules',
    summary: 'What a rule would have done over the past days',
    description: 'Give either `rule` (a rule as POST /v1/alert-rules takes it) or the `ruleId` of a saved one.',
    permission: 'alerts:write',
    body: { schema: backtestSchema },
    ok: { status: 200, description: '`{ days, rule, from, to, groups, firings }`: per group the transitions the rule would have made and the points it saw' },
    errors: [404],
  },
  { id: 'getAlertRule', method: 'get', path: '/v1/alert-rules/:id', tag: 'Alert rules', summary: 'One rule', permission: 'alerts:read', params: id, ok: { status: 200, description: stored, headers: etag } },
  { id: 'listAlertRuleVersions', method: 'get', path: '/v1/alert-rules/:id/versions', tag: 'Alert rules', summary: "Every version of a rule, newest first", permission: 'alerts:read', params: id, ok: { status: 200, description: '`{ id, versions }`' } },
  { id: 'replaceAlertRule', method: 'put', path: '/v1/alert-rules/:id', tag: 'Alert rules', summary: 'Replace a rule (a new version)', permission: 'alerts:write', params: id, headers: ifMatch, body: rule, ok: { status: 200, description: stored, headers: etag }, errors: [412] },
  { id: 'deleteAlertRule', method: 'delete', path: '/v1/alert-rules/:id', tag: 'Alert rules', summary: 'Delete a rule (kept as its last version) and its schedule', permission: 'alerts:write', params: id, headers: ifMatch, ok: { status: 204, description: 'deleted' }, errors: [412] },
  { id: 'getAlertRuleAlerts', method: 'get', path: '/v1/alert-rules/:id/alerts', tag: 'Alert rules', summary: "A rule's groups and their latest transitions", permission: 'alerts:read', params: id, ok: { status: 200, description: '`{ id, version, groups, transitions }`: each group\'s state and how far it was evaluated, and the latest 100 transitions' } },
  {
    id: 'silenceAlertRule',
    method: 'post',
    path: '/v1/alert-rules/:id/silences',
    tag: 'Alert rules',
    summary: "Hold a rule's notifications back for a while",
    description: 'The whole rule, or one `group`; give `until` or `for` (at most 30 days). Transitions are still recorded.',
    permission: 'alerts:write',
    params: id,
    body: { schema: silenceSchema },
    ok: { status: 201, description: 'the silence: `{ kind, id, ruleId, group, from, until, reason?, by? }`' },
  },
  { id: 'listAlertRuleSilences', method: 'get', path: '/v1/alert-rules/:id/silences', tag: 'Alert rules', summary: 'Silences not yet over', permission: 'alerts:read', params: id, ok: { status: 200, description: '`{ silences }`' } },
  { id: 'endAlertRuleSilence', method: 'delete', path: '/v1/alert-rules/:id/silences/:silence', tag: 'Alert rules', summary: 'End a silence now', permission: 'alerts:write', params: { ...id, silence: 'the silence id' }, ok: { status: 204, description: 'ended' } },
];

export function createAlertRulesRouter(deps: AlertRulesDeps): DescribedRouter {
  const router = express.Router();
  const now = deps.now ?? Date.now;
  const json = express.json({ limit: MAX_BODY });

  const current = async (id: string) => {
    const stored = await callElasticsearch(() => deps.rules.get(id));
    if (!stored || stored.deleted) throw notFound(id);
    return stored;
  };

  router.post('/v1/alert-rules', allow('alerts:write'), json, async (req, res) => {
    const { spec } = validRule(req.body, deps.allowPrivateWebhooks);
    const stored = await callElasticsearch(() => deps.rules.create(spec));
    await scheduleRule(deps.queue, stored);
    await deps.audit(res, { action: 'rule.create', target: { type: 'rule', id: stored.id }, after: view(stored) });
    res.status(201).location(`/v1/alert-rules/${stored.id}`).set('ETag', `"${stored.version}"`).json(view(stored));
  });

  router.get('/v1/alert-rules', allow('alerts:read'), async (req, res) => {
    const p = parseParams(alertRulesQuerySchema, req.query);
    let page;
    try {
      page = await callElasticsearch(() => deps.rules.list({ size: p.size, after: p.after }));
    } catch (error) {
      if (error instanceof SyntaxError) throw badParameter('after', 'not a cursor this API returned (use `next` from the previous page)');
      throw error;
    }
    res.json({ rules: page.rules.map(view), ...(page.next ? { next: page.next } : {}) });
  });

  router.post('/v1/alert-rules/backtest', allow('alerts:write'), json, async (req, res) => {
    const p = parseParams(backtestSchema, req.body ?? {}, 'invalid-backtest', 'Invalid backtest');
    if ((p.rule === undefined) === (p.ruleId === undefined)) throw badParameter('rule', 'give either a rule to try or the ruleId of a saved one', 'invalid-backtest');
    const rule = p.rule ? validRule(p.rule, deps.allowPrivateWebhooks).rule : loadRule(await current(p.ruleId!)).rule;
    try {
      res.json({ days: p.days, rule: describeRule(rule), ...(await callElasticsearch(() => backtest(deps, rule, p.days, now()))) });
    } catch (error) {
      if (error instanceof SeriesTooLong) throw badParameter('rule.every', error.message, 'invalid-backtest');
      throw error;
    }
  });

  router.get('/v1/alert-rules/:id', allow('alerts:read'), async (req, res) => {
    const stored = await current(req.params.id);
    res.set('ETag', `"${stored.version}"`).json(view(stored));
  });

  router.get('/v1/alert-rules/:id/versions', allow('alerts:read'), async (req, res) => {
    const versions = await callElasticsearch(() => deps.rules.versions(req.params.id));
    if (versions.length === 0) throw notFound(req.params.id);
    res.json({ id: req.params.id, versions });
  });

  const change = async (res: Response, id: string, ifMatch: string | undefined, what: { spec?: Record<string, unknown>; deleted?: boolean }) => {
    const stored = await current(id);
    const expected = expectedVersion(ifMatch, stored.version);
    try {
      const after = await callElasticsearch(() => deps.rules.update(id, expected, what));
      await deps.audit(res, { action: what.deleted ? 'rule.delete' : 'rule.update', target: { type: 'rule', id }, before: view(stored), ...(what.deleted ? {} : { after: view(after) }) });
      return after;
    } catch (error) {
      if (error instanceof RuleConflict) {
        if (error.current === undefined) throw notFound(id);
        throw new HttpProblem(problem(412, 'version-conflict', 'The rule has changed', { detail: `the change is based on version ${expected}, but the rule is at version ${error.current}: reload it and apply the change again` }));
      }
      throw error;
    }
  };

  router.put('/v1/alert-rules/:id', allow('alerts:write'), json, async (req, res) => {
    const { spec } = validRule(req.body, deps.allowPrivateWebhooks);
    const stored = await change(res, req.params.id, req.header('if-match'), { spec });
    await scheduleRule(deps.queue, stored);
    res.set('ETag', `"${stored.version}"`).json(view(stored));
  });

  router.delete('/v1/alert-rules/:id', allow('alerts:write'), async (req, res) => {
    await change(res, req.params.id, req.header('if-match'), { deleted: true });
    await unscheduleRule(deps.queue, req.params.id);
    res.status(204).end();
  });

  router.get('/v1/alert-rules/:id/alerts', allow('alerts:read'), async (req, res) => {
    const stored = await current(req.params.id);
    const [states, transitions] = await callElasticsearch(() => Promise.all([deps.alerts.statesOf(stored.id), deps.alerts.transitions({ ruleId: stored.id, size: 100 })]));
    res.json({ id: stored.id, version: stored.version, groups: states.map((s) => ({ group: s.group, state: s.machine.state, evaluatedUpTo: s.machine.last === undefined ? null : new Date(s.machine.last).toISOString() })), transitions });
  });

  router.post('/v1/alert-rules/:id/silences', allow('alerts:write'), json, async (req, res) => {
    const stored = await current(req.params.id);
    const p = parseParams(silenceSchema, req.body ?? {}, 'invalid-silence', 'Invalid silence');
    const from = p.from ? Date.parse(p.from) : now();
    const until = p.until ? Date.parse(p.until) : from + parseDuration(p.for!)!;
    if (until <= from) throw badParameter('until', 'a silence ends after it starts', 'invalid-silence');
    if (until - from > MAX_SILENCE_MS) throw badParameter(p.until ? 'until' : 'for', 'a silence lasts at most 30 days; a rule that should be quiet longer can be changed or deleted', 'invalid-silence');
    const silence = { kind: 'silence' as const, id: `s${randomBytes(6).toString('hex')}`, ruleId: stored.id, group: p.group, from: new Date(from).toISOString(), until: new Date(until).toISOString(), ...(p.reason ? { reason: p.reason } : {}), ...(p.by ? { by: p.by } : {}) };
    await callElasticsearch(() => deps.alerts.addSilence(silence));
    await deps.audit(res, { action: 'silence.create', target: { type: 'rule', id: stored.id }, after: silence });
    res.status(201).json(silence);
  });

  router.get('/v1/alert-rules/:id/silences', allow('alerts:read'), async (req, res) => {
    const stored = await current(req.params.id);
    res.json({ silences: await callElasticsearch(() => deps.alerts.silences(stored.id, now())) });
  });

  router.delete('/v1/alert-rules/:id/silences/:silence', allow('alerts:write'), async (req, res) => {
    const stored = await current(req.params.id);
    if (!(await callElasticsearch(() => deps.alerts.endSilence(stored.id, req.params.silence, now())))) {
      throw new HttpProblem(problem(404, 'not-found', 'No such silence', { detail: `rule ${stored.id} has no silence ${req.params.silence}` }));
    }
    await deps.audit(res, { action: 'silence.end', target: { type: 'rule', id: stored.id }, after: { silence: req.params.silence, endedAt: new Date(now()).toISOString() } });
    res.status(204).end();
  });

  return describedRouter(router, alertRulesOperations);
}
