// Alerts as CX leads work them (the closed loop):
//   GET  /v1/alerts                       latest transitions of every rule (?state=firing, ?ruleId=)
//   GET  /v1/alerts/quality               per rule: fired, acknowledged, false positives, median time to acknowledge
//   GET  /v1/alerts/:id                   one alert: the transition, its explanation, notes, and the
//                                         affected customers with whether each was contacted
//   POST /v1/alerts/:id/ack               { by }: acknowledged (who, when; the first one stands)
//   POST /v1/alerts/:id/resolve           { by, note? }: resolved by hand (it fires again if the condition persists)
//   POST /v1/alerts/:id/false-positive    { by, note? }
//   POST /v1/alerts/:id/notes             { by, text }
//   POST /v1/alerts/:id/contacts          { customerId, by, outcome?, note? }: the follow-up with an affected customer
// `:id` is the alert's short id (`id` in every transition). Changes are optimistic and
// retried on a concurrent change, so two people acknowledging at once keep the first.
import express, { type Response } from 'express';
import { z } from 'zod';
import { Gauge, type Registry } from 'prom-client';
import type { AlertStore } from '../alerts/live/alert-store.ts';
import type { Lifecycle, RuleQuality, TransitionDoc } from '../alerts/live/alerts-index.ts';
import { enqueueNotifications, type NotificationData } from '../alerts/notify/notifier.ts';
import type { NotifyTarget } from '../alerts/rule.ts';
import type { Queue } from 'bull';
import { HttpProblem, problem } from '../core/http/problem.ts';
import { callElasticsearch, parseParams, redacted } from './route-helpers.ts';
import { storedIdentifier } from '../insight/pii/pseudonym.ts';
import { allow } from '../core/http/access.ts';
import { describedRouter, type DescribedRouter, type Operation } from '../core/http/operation.ts';
import type { Audit } from './audit.ts';

/**
 * `pseudonymKey`: the deployment's key; a contact named by an id that holds personal data is recorded under its pseudonym, as the customer's feedback is.
 * `notify`: where a hand resolution is sent (the targets of the alert's rule version, or DEFECT_NOTIFY's for a pulled cord), through the scheduler's notification queue.
 */
export type AlertsDeps = {
  alerts: AlertStore;
  audit: Audit;
  pseudonymKey: Buffer;
  notify?: { queue: Queue<NotificationData>; targetsOf: (ruleId: string, version: number) => Promise<readonly NotifyTarget[]> };
  now?: () => number;
};

/** A note staff type: redacted like feedback (route-helpers.ts). */
const note = redacted(z.string().trim().min(1).max(2000)).optional();
const who = z.string().trim().min(1, 'by names who does it').max(200);
export const alertsQuerySchema = z.strictObject({ state: z.enum(['pending', 'firing', 'resolved', 'ok']).optional(), ruleId: z.string().max(100).optional(), size: z.coerce.number().int().min(1).max(500).default(100) });
export const alertActionSchemas = {
  ack: z.strictObject({ by: who }),
  resolve: z.strictObject({ by: who, note }),
  falsePositive: z.strictObject({ by: who, note }),
  note: z.strictObject({ by: who, text: redacted(z.string().trim().min(1).max(5000)) }),
  contact: z.strictObject({ customerId: z.string().trim().min(1).max(256), by: who, outcome: z.enum(['reached', 'no-answer', 'resolved', 'declined']).optional(), note }),
};

export const alertQualityQuerySchema = z.strictObject({ ruleId: z.string().max(100).optional() });

const alert = { id: 'the alert\'s short id (`id` in every transition)' };
const worked = 'the alert: its transition, explanation, acknowledgement, notes, contacts and `affectedCustomers` (each with whether they were contacted)';
// 409: the id names a transition other than a firing one, the alert was already resolved, or it keeps changing.
const action = (id: string, path: string, summary: string, body: keyof typeof alertActionSchemas, status: number): Operation => ({
  id,
  method: 'post',
  path: `/v1/alerts/:id/${path}`,
  tag: 'Alerts',
  summary,
  permission: 'alerts:write',
  params: alert,
  body: { schema: alertActionSchemas[body] },
  ok: { status, description: worked },
  errors: [409],
});
export const alertsOperations: Operation[] = [
  { id: 'listAlerts', method: 'get', path: '/v1/alerts', tag: 'Alerts', summary: 'The latest transitions of every rule', permission: 'alerts:read', query: alertsQuerySchema, ok: { status: 200, description: '`{ transitions }`, newest first' } },
  { id: 'alertQuality', method: 'get', path: '/v1/alerts/quality', tag: 'Alerts', summary: 'Per rule: fired, acknowledged, false positives, median time to acknowledge', permission: 'alerts:read', query: alertQualityQuerySchema, ok: { status: 200, description: '`{ rules }`' } },
  { id: 'getAlert', method: 'get', path: '/v1/alerts/:id', tag: 'Alerts', summary: 'One alert with its explanation, notes and affected customers', permission: 'alerts:read', params: alert, ok: { status: 200, description: worked } },
  action('acknowledgeAlert', 'ack', 'Acknowledge an alert (the first acknowledgement stands)', 'ack', 200),
  action('markFalsePositive', 'false-positive', 'Mark an alert as a false positive', 'falsePositive', 200),
  action('addAlertNote', 'notes', 'Add a note', 'note', 201),
  action('recordContact', 'contacts', 'Record the follow-up with an affected customer', 'contact', 201),
  action('resolveAlert', 'resolve', 'Resolve by hand (it fires again if the condition persists)', 'resolve', 200),
];

const MAX_NOTES = 200;

export function createAlertsRouter(deps: AlertsDeps): DescribedRouter {
  const router = express.Router();
  const now = deps.now ?? Date.now;
  const json = express.json({ limit: '32kb' });

  const find = async (id: string) => {
    const found = await callElasticsearch(() => deps.alerts.byAlertId(id));
    if (!found) throw new HttpProblem(problem(404, 'not-found', 'No such alert', { detail: `no alert has the id ${id}` }));
    return found;
  };
  const firing = (doc: TransitionDoc, id: string) => {
    if (doc.state !== 'firing') throw new HttpProblem(problem(409, 'not-an-alert', 'Not a firing alert', { detail: `${id} is a ${doc.state} transition; act on the firing one` }));
  };

  /** Applies a lifecycle change to the alert as it is now, retrying when someone changed it in between. */
  const lifecycleOf = (d: TransitionDoc): Lifecycle => ({ ackAt: d.ackAt, ackBy: d.ackBy, falsePositive: d.falsePositive, notes: d.notes, contacts: d.contacts, handResolvedAt: d.handResolvedAt, handResolvedBy: d.handResolvedBy });
  /** Applies a lifecycle change and records it in the audit log as `alert.<action>` (a change that changes nothing is not recorded). */
  const change = async (res: Response, action: string, id: string, fn: (doc: TransitionDoc) => Lifecycle | undefined): Promise<TransitionDoc> => {
    const { docId } = await find(id);
    for (let attempt = 0; attempt < 5; attempt++) {
      // Read as it is now (a search may not show a change made a moment ago).
      const found = await callElasticsearch(() => deps.alerts.alertAt(docId));
      if (!found) throw new HttpProblem(problem(404, 'not-found', 'No such alert', { detail: `no alert has the id ${id}` }));
      firing(found.doc, id);
      const delta = fn(found.doc);
      if (!delta) return found.doc;
      if (await callElasticsearch(() => deps.alerts.updateAlert(found, delta))) {
        const after = { ...found.doc, ...delta };
        await deps.audit(res, { action: `alert.${action}`, target: { type: 'alert', id }, before: lifecycleOf(found.doc), after: lifecycleOf(after) });
        return after;
      }
    }
    throw new HttpProblem(problem(409, 'busy', 'The alert keeps changing', { detail: 'too many changes at once; try again' }));
  };

  const view = (doc: TransitionDoc) => {
    const contacted = new Map((doc.contacts ?? []).map((c) => [c.customerId, c]));
    const affected = (doc.explanation?.customers.top ?? []).map((c) => ({ ...c, contacted: contacted.has(c.id), ...(contacted.get(c.id) ? { contact: contacted.get(c.id) } : {}) }));
    const others = [...contacted.values()].filter((c) => !affected.some((a) => a.id === c.customerId)).map((c) => ({ id: c.customerId, contacted: true, contact: c }));
    return { ...doc, affectedCustomers: [...affected, ...others] };
  };

  router.get('/v1/alerts', allow('alerts:read'), async (req, res) => {
    const p = parseParams(alertsQuerySchema, req.query);
    res.json({ transitions: await callElasticsearch(() => deps.alerts.transitions({ ruleId: p.ruleId, states: p.state ? [p.state] : undefined, size: p.size })) });
  });

  router.get('/v1/alerts/quality', allow('alerts:read'), async (req, res) => {
    const p = parseParams(alertQualityQuerySchema, req.query);
    res.json({ rules: await callElasticsearch(() => deps.alerts.quality(p.ruleId)) });
  });

  router.get('/v1/alerts/:id', allow('alerts:read'), async (req, res) => {
    res.json(view((await find(req.params.id)).doc));
  });

  router.post('/v1/alerts/:id/ack', allow('alerts:write'), json, async (req, res) => {
    const p = parseParams(alertActionSchemas.ack, req.body ?? {}, 'invalid-alert-action', 'Invalid alert action');
    const at = now();
    const doc = await change(res, 'ack', req.params.id, (d) => (d.ackAt ? undefined : { ackAt: new Date(at).toISOString(), ackBy: p.by, ackSeconds: Math.max(0, (at - Date.parse(d.recordedAt)) / 1000) }));
    res.json(view(doc));
  });

  router.post('/v1/alerts/:id/false-positive', allow('alerts:write'), json, async (req, res) => {
    const p = parseParams(alertActionSchemas.falsePositive, req.body ?? {}, 'invalid-alert-action', 'Invalid alert action');
    const at = new Date(now()).toISOString();
    const doc = await change(res, 'false-positive', req.params.id, (d) => ({ falsePositive: true, notes: [...(d.notes ?? []), { by: p.by, at, text: `marked as a false positive${p.note ? `: ${p.note}` : ''}` }].slice(-MAX_NOTES) }));
    res.json(view(doc));
  });

  router.post('/v1/alerts/:id/notes', allow('alerts:write'), json, async (req, res) => {
    const p = parseParams(alertActionSchemas.note, req.body ?? {}, 'invalid-alert-action', 'Invalid alert action');
    const at = new Date(now()).toISOString();
    const doc = await change(res, 'note', req.params.id, (d) => ({ notes: [...(d.notes ?? []), { by: p.by, at, text: p.text }].slice(-MAX_NOTES) }));
    res.status(201).json(view(doc));
  });

  router.post('/v1/alerts/:id/contacts', allow('alerts:write'), json, async (req, res) => {
    const p = parseParams(alertActionSchemas.contact, req.body ?? {}, 'invalid-alert-action', 'Invalid alert action');
    const at = new Date(now()).toISOString();
    const customerId = storedIdentifier(p.customerId, deps.pseudonymKey);
    const doc = await change(res, 'contact', req.params.id, (d) => ({ contacts: [...(d.contacts ?? []).filter((c) => c.customerId !== customerId), { customerId, by: p.by, at, ...(p.outcome ? { outcome: p.outcome } : {}), ...(p.note ? { note: p.note } : {}) }] }));
    res.status(201).json(view(doc));
  });

  router.post('/v1/alerts/:id/resolve', allow('alerts:write'), json, async (req, res) => {
    const p = parseParams(alertActionSchemas.resolve, req.body ?? {}, 'invalid-alert-action', 'Invalid alert action');
    const found = await find(req.params.id);
    firing(found.doc, req.params.id);
    if (found.doc.handResolvedAt) throw new HttpProblem(problem(409, 'already-resolved', 'Already resolved', { detail: `resolved by ${found.doc.handResolvedBy} at ${found.doc.handResolvedAt}` }));
    const at = new Date(now()).toISOString();
    // Queued before the resolution is recorded, under a job id derived from it, as an evaluation's transitions are.
    const notify = async (doc: TransitionDoc) => {
      if (!deps.notify) return;
      const targets = await deps.notify.targetsOf(doc.ruleId, doc.ruleVersion);
      if (targets.length) await enqueueNotifications(deps.notify.queue, { notify: targets }, [doc], now());
    };
    const resolved = await callElasticsearch(() => deps.alerts.resolveByHand(found.doc, { by: p.by, at, ...(p.note ? { note: p.note } : {}) }, notify));
    if (!resolved) throw new HttpProblem(problem(409, 'already-resolved', 'Already resolved', { detail: 'the alert resolved before this request' }));
    const doc = await change(res, 'resolve', req.params.id, () => ({ handResolvedAt: at, handResolvedBy: p.by }));
    res.json(view(doc));
  });

  return describedRouter(router, alertsOperations);
}

/**
 * Alert quality on /metrics, read from the alert index at each scrape (so every API
 * process reports the same figures): per rule, alerts fired, acknowledged and marked as
 * false positives, and the median seconds to acknowledge.
 */
export function registerAlertQualityMetrics(registry: Registry, alerts: AlertStore): void {
  let cached: { at: number; rows: Promise<RuleQuality[]> } | undefined;
  const rows = () => {
    // One query per scrape, however many gauges read it.
    if (!cached || Date.now() - cached.at > 5000) cached = { at: Date.now(), rows: alerts.quality().catch(() => []) };
    return cached.rows;
  };
  const gauge = (name: string, help: string, pick: (q: RuleQuality) => number | null) =>
    registry.getSingleMetric(name) ??
    new Gauge({
      name,
      help,
      labelNames: ['rule_id'],
      registers: [registry],
      async collect() {
        this.reset();
        for (const q of await rows()) {
          const v = pick(q);
          if (v !== null) this.set({ rule_id: q.ruleId }, v);
        }
      },
    });
  gauge('voc_alerts_fired', 'alerts fired per rule (firing transitions recorded)', (q) => q.fired);
  gauge('voc_alerts_acknowledged', 'fired alerts acknowledged, per rule', (q) => q.acknowledged);
  gauge('voc_alerts_false_positives', 'fired alerts marked as false positives, per rule', (q) => q.falsePositives);
  gauge('voc_alerts_ack_seconds_median', 'median seconds from an alert being recorded to its acknowledgement, per rule', (q) => q.medianSecondsToAck);
}
