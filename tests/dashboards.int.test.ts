// The dashboards proven without a Grafana: known feedback (12 days, four products, three
// segments, both languages) goes through the whole pipeline, alert transitions and defect
// flags are written to the alert index, and every Elasticsearch query of every panel is
// translated into the request Grafana's datasource sends (dashboards/grafana-es-request.ts),
// with the dashboard's variables substituted, run on the real server, read back as Grafana
// reads it, its math expressions evaluated, and held to the figure computed here from the
// stored items. Every field a panel, an annotation or a dropdown names is found in the real
// mappings, and the dashboards' metrics equal what GET /v1/trends answers for the same
// filters and days.
import type { Client } from '@elastic/elasticsearch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAlertStore } from '../alerts/live/alert-store.ts';
import { alertsIndex, ensureAlertsIndex, type DefectFlag, type TransitionDoc } from '../alerts/live/alerts-index.ts';
import { createElasticsearchClient } from '../core/elasticsearch/elasticsearch.client.ts';
import type { FeedbackDocument } from '../core/feedback/feedback-document.ts';
import { readAlias } from '../core/names.ts';
import { metricNames, plainMetric, type MetricName } from '../core/trends/metrics.ts';
import { alertDateFields, alertKeywordFields, alertNumericFields, alertTextFields, ALERT_TIME_FIELD } from '../dashboards/alert-fields.ts';
import { ALERTS_DATASOURCE_UID, buildDashboards, defaultBuildOptions, type BuiltDashboard } from '../dashboards/build-dashboards.ts';
import { esTarget, isExpression, overall, overTime, type EsTarget } from '../dashboards/es-query.ts';
import { dateFields, keywordFields, numericFields, TIME_FIELD } from '../dashboards/feedback-fields.ts';
import { annotationEvents, annotationRequest, interpolate, panelIntervalMs, searchRequest, variableRequest, variablesOf, type RequestContext, type Variables } from '../dashboards/grafana-es-request.ts';
import { panelResult, readFrames, type Frames, type Table } from '../dashboards/grafana-es-response.ts';
import type { PanelModel } from '../dashboards/grid-layout.ts';
import { figureQueries } from '../dashboards/metric-figures.ts';
import { filterOf, standardVariables } from '../dashboards/variables.ts';
import { analyticsFeedback } from './support/analytics-fixture.ts';
import { expected } from './support/expected-figures.ts';
import { countsByTerm, expectedSeries, expectSameSeries, expectValue, topTerms, type Range, type SeriesItem } from './support/expected-series.ts';
import { seedThroughPipeline } from './support/seed.ts';
import { getJson } from './support/test-env.ts';
import { useTestRoles } from './support/test-roles.ts';

const roles = useTestRoles(['api', 'processor']);
const DAY = 86_400_000;
const HOUR = 3_600_000;
/** The dashboards' time range: the fixture's 12 days, 27 October to 7 November 2026 (UTC), as Grafana sends "to": the last millisecond. */
const FROM = Date.UTC(2026, 9, 27);
const END = Date.UTC(2026, 10, 8);
const period: Range = { from: FROM, end: END };
/** Panel width in points; with it every panel's minimum interval is the interval Grafana picks. */
const MAX_DATA_POINTS = 1200;

let es: Client;
/** The fixture's items (27 October – 7 November) and a few sent just now, which only the pipeline-health dashboard (last hours) sees. */
let docs: FeedbackDocument[] = [];
let live: FeedbackDocument[] = [];
/** The range of the pipeline-health dashboard: the last six hours up to just after the live items were processed. */
let liveRange = { from: 0, end: 0 };
let built: BuiltDashboard[] = [];
let transitions: TransitionDoc[] = [];
let flags: DefectFlag[] = [];
const prefix = () => roles.t.config.elasticsearch.indexPrefix;

const at = (day: number, hour: number) => new Date(Date.UTC(2026, 9, 27 + day, hour)).toISOString();
function transition(ruleId: string, severity: string, when: string, state: 'firing' | 'resolved', ackSeconds?: number): TransitionDoc {
  return {
    kind: 'transition', ruleId, group: null, ruleVersion: 1, ruleName: `rule ${ruleId}`, severity, at: when, state, value: 1, baseline: 0, score: null,
    reason: `${ruleId} ${state} at ${when}`, recordedAt: when,
    ...(ackSeconds === undefined ? {} : { ackAt: new Date(Date.parse(when) + ackSeconds * 1000).toISOString(), ackBy: 'lead', ackSeconds }),
  };
}

beforeAll(async () => {
  docs = await seedThroughPipeline(roles.t, roles.roles.apiUrl!, analyticsFeedback(roles.t.id));
  const now = Date.now();
  live = await seedThroughPipeline(
    roles.t,
    roles.roles.apiUrl!,
    (['review', 'survey', 'complaint', 'support', 'review', 'social'] as const).map((source, i) => ({
      source, sourceId: `${roles.t.id}-live-${i}`, text: i % 2 ? '快递太慢了。' : 'The app crashed twice today.', locale: i % 2 ? 'zh-CN' : 'en-US',
      customer: { id: `live-${i}`, segment: ['vip', 'premium', 'standard'][i % 3]!, lifetimeValue: 100 * i }, product: { id: 'p-alpha', name: 'Alpha Phone', version: '2.1' },
      createdAt: new Date(now - (i + 1) * 60_000).toISOString(),
    })),
  );
  liveRange = { from: now - 6 * HOUR, end: Date.now() + 1 };
  es = createElasticsearchClient(roles.t.config.elasticsearch);
  await ensureAlertsIndex(es, prefix());
  transitions = [
    transition('r-nps', 'medium', at(1, 10), 'firing'),
    transition('r-nps', 'medium', at(2, 10), 'resolved'),
    transition('r-nps', 'medium', at(6, 9), 'firing', 600),
    transition('r-spike', 'high', at(3, 14), 'firing', 120),
    transition('r-spike', 'high', at(7, 14), 'firing', 3600),
    transition('r-spike', 'high', at(10, 8), 'firing', 900),
    transition('r-spike', 'high', at(11, 20), 'firing'),
    transition('defects', 'high', at(5, 12), 'firing', 60),
    // Before the range: in no panel, in the all-time quality of the API (unacknowledged, so no median moves).
    transition('r-spike', 'high', at(-7, 3), 'firing'),
  ];
  const store = createAlertStore(es, prefix());
  await store.record(transitions);
  const alpha = docs.filter((d) => d.product?.id === 'p-alpha').sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  flags = [
    { kind: 'flag', id: 'f-1', product: 'p-alpha', issue: 'product.defect', feedbackId: alpha[3]!.id, text: 'stops working', by: 'agent-1', at: at(5, 11) },
    { kind: 'flag', id: 'f-2', product: 'p-beta', issue: null, text: 'buds crackle', at: at(7, 9) },
    { kind: 'flag', id: 'f-3', product: 'p-alpha', issue: 'product.defect', feedbackId: alpha.at(-1)!.id, text: 'again', by: 'agent-2', at: at(10, 15) },
    { kind: 'flag', id: 'f-4', product: 'p-gamma', issue: null, text: 'before the range', at: at(-2, 9) },
  ];
  for (const f of flags) await store.addFlag(f);
  await es.indices.refresh({ index: [readAlias(prefix()), alertsIndex(prefix())] });
  built = buildDashboards(defaultBuildOptions(readAlias(prefix())));
}, 240_000);

afterAll(async () => {
  await es?.close();
});

/** A dashboard state: dropdown selections (absent: "All") and what they keep of the items. */
type Scenario = { name: string; selected: Record<string, string | string[]>; keep: (d: FeedbackDocument) => boolean; keepFlag: (f: DefectFlag) => boolean; highValueLtv: number };
const scenarios: Scenario[] = [
  { name: 'every item', selected: {}, keep: () => true, keepFlag: () => true, highValueLtv: 10_000 },
  {
    name: 'vip and premium, in Chinese',
    selected: { segment: ['vip', 'premium'], language: ['zh'] },
    keep: (d) => ['vip', 'premium'].includes(d.customer?.segment ?? '') && d.language === 'zh',
    keepFlag: () => true,
    highValueLtv: 10_000,
  },
  {
    name: 'one product, surveys and complaints, high value from 1,000',
    selected: { product: ['p-alpha'], source: ['survey', 'complaint'], highValueLtv: '1000' },
    keep: (d) => d.product?.id === 'p-alpha' && ['survey', 'complaint'].includes(d.source),
    keepFlag: (f) => f.product === 'p-alpha',
    highValueLtv: 1000,
  },
];

type Panel = PanelModel & { dashboard: BuiltDashboard };
const panels = () => built.flatMap((d) => d.json.panels.filter((p): p is PanelModel => p.type !== 'row').map((p) => ({ ...p, dashboard: d })));
const esPanels = () => panels().filter((p) => p.datasource?.type === 'elasticsearch');
const key = (p: Panel) => `${p.dashboard.json.uid} / ${p.title}`;
const isAlerts = (p: Panel) => p.datasource!.uid === ALERTS_DATASOURCE_UID;
/** Pipeline health shows the last hours and has no dropdowns: it sees the live items, all of them. */
const isLive = (p: Panel) => p.dashboard.json.uid === 'voc-pipeline-health';
const rangeOf = (p: Panel) => (isLive(p) ? liveRange : period);

function variablesFor(p: Panel, s: Scenario): Variables {
  const names = new Set(p.dashboard.json.templating.list.map((v) => v.name));
  return variablesOf(p.dashboard.json.templating.list, Object.fromEntries(Object.entries(s.selected).filter(([n]) => names.has(n))));
}

function contextFor(p: Panel, s: Scenario): RequestContext {
  const alerts = isAlerts(p);
  const histogram = (p.targets ?? []).some((t) => (t as EsTarget).bucketAggs?.some((b) => b.type === 'date_histogram'));
  return {
    index: alerts ? alertsIndex(prefix()) : readAlias(prefix()),
    timeField: alerts ? ALERT_TIME_FIELD : TIME_FIELD,
    from: rangeOf(p).from,
    to: rangeOf(p).end - 1,
    intervalMs: histogram ? panelIntervalMs(p.interval, rangeOf(p).end - rangeOf(p).from, MAX_DATA_POINTS) : 1000,
    variables: variablesFor(p, s),
  };
}

async function search(request: { header: Record<string, unknown>; body: Record<string, unknown> }) {
  const r = await es.msearch({ searches: [request.header, request.body] });
  const res = r.responses[0]!;
  if ('error' in res) throw new Error(`Elasticsearch refused ${JSON.stringify(request.body)}: ${JSON.stringify(res.error)}`);
  return res as { aggregations?: Record<string, unknown>; hits: { hits: Array<{ _source: Record<string, unknown> }> } };
}

const runTarget = (ctx: RequestContext) => async (t: EsTarget): Promise<Frames> => readFrames(t, await search(searchRequest(t, ctx)));

/** What a panel shows: its figure query, or the expression over its queries. */
async function shown(p: Panel, s: Scenario) {
  const include = (p.transformations as Array<{ id: string; options: { include?: string } }> | undefined)?.find((t) => t.id === 'filterByRefId')?.options.include;
  return panelResult(p.targets as EsTarget[], include ?? 'A', runTarget(contextFor(p, s)));
}

async function table(p: Panel, s: Scenario): Promise<Table> {
  const frames = await runTarget(contextFor(p, s))(p.targets![0] as EsTarget);
  if (frames.kind !== 'table') throw new Error(`${key(p)} is no table`);
  // The table's renames and links name columns the response has.
  const organize = ((p.transformations ?? []) as Array<{ id: string; options: { renameByName?: Record<string, string> } }>).find((t) => t.id === 'organize');
  for (const column of Object.keys(organize?.options.renameByName ?? {})) if (frames.table.rows.length) expect(frames.table.columns, `${key(p)} renames ${column}`).toContain(column);
  return frames.table;
}

// ---- the figures computed here ---------------------------------------------------------

const inRange = (iso: string) => Date.parse(iso) >= FROM && Date.parse(iso) < END;
const itemsOf = (s: Scenario) => docs.filter((d) => inRange(d.createdAt) && s.keep(d));
const negative = (d: FeedbackDocument) => d.sentiment.label === 'negative';
const hasProblem = (d: FeedbackDocument) => (d.issues ?? []).some((i) => i.kind === 'problem');
const issueIds = (d: FeedbackDocument) => [...new Set((d.issues ?? []).map((i) => i.id))];
const one = (items: SeriesItem[]) => {
  expect(items.length).toBe(1);
  return [...items[0]!.values.values()][0]!;
};
const fig = (metric: MetricName) => (set: FeedbackDocument[]) => expected(metric, set).value;
const share = (set: FeedbackDocument[]) => (set.length ? set.filter(negative).length / set.length : NaN);


const flagsOf = (s: Scenario) => flags.filter((f) => inRange(f.at) && s.keepFlag(f));
const firing = () => transitions.filter((t) => t.state === 'firing' && inRange(t.at));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[(xs.length - 1) / 2]!;
const perDay = (p: Panel, s: Scenario, figure: (set: FeedbackDocument[]) => number | null) => async () =>
  expectSameSeries(await shown(p, s), expectedSeries(itemsOf(s), (d) => d.createdAt, DAY, [[{}, () => true]], figure, period), key(p));
/** A series per value of the top terms, `step` apart: the items' count (over the seeded days unless `range`). */
const countsBy = <T,>(items: T[], field: string, keysOf: (x: T) => string[], size: number, timeOf: (x: T) => string, step: number, range: Range = period) =>
  countsByTerm(items, field, keysOf, size, timeOf, step, range);
const rows = (t: Table) => t.rows.map((r) => ({ ...r }));

/** The figure each Elasticsearch panel must show, computed from what was seeded. */
const expectations: Record<string, (p: Panel, s: Scenario) => Promise<void>> = {
  'voc-executive / Feedback': async (p, s) => expectValue(one(await shown(p, s)), itemsOf(s).length, key(p)),
  'voc-executive / NPS': async (p, s) => expectValue(one(await shown(p, s)), fig('nps')(itemsOf(s)), key(p)),
  'voc-executive / Negative share': async (p, s) => expectValue(one(await shown(p, s)), share(itemsOf(s)), key(p)),
  'voc-executive / Mean sentiment': async (p, s) => expectValue(one(await shown(p, s)), fig('meanSentiment')(itemsOf(s)), key(p)),
  'voc-executive / CSAT': async (p, s) => expectValue(one(await shown(p, s)), fig('csat')(itemsOf(s)), key(p)),
  // One row per customer at their highest value; the stat sums them.
  'voc-executive / Value at risk': async (p, s) => {
    const perCustomer = await shown(p, s);
    expectValue(perCustomer.reduce((sum, i) => sum + ([...i.values.values()][0] ?? 0), 0), fig('valueAtRisk')(itemsOf(s)), key(p));
  },
  'voc-executive / Feedback volume by source': async (p, s) => expectSameSeries(await shown(p, s), countsBy(itemsOf(s), 'source', (d) => [d.source], 10, (d) => d.createdAt, DAY), key(p)),
  'voc-executive / NPS over time': (p, s) => perDay(p, s, fig('nps'))(),
  'voc-executive / Negative share over time': (p, s) => perDay(p, s, share)(),
  'voc-executive / Mean sentiment over time': (p, s) => perDay(p, s, fig('meanSentiment'))(),
  'voc-executive / Top problems': async (p, s) => {
    expect(rows(await table(p, s))).toEqual(topTerms(itemsOf(s).filter(hasProblem), issueIds, 10).map(([id, n]) => ({ 'issues.id': id, Count: n })));
  },
  'voc-executive / Top problems over time': async (p, s) =>
    expectSameSeries(await shown(p, s), countsBy(itemsOf(s).filter(hasProblem), 'issues.id', issueIds, 5, (d) => d.createdAt, DAY), key(p)),
  'voc-executive / Most valuable customers at risk': async (p, s) => {
    const value = new Map<string, number>();
    for (const d of itemsOf(s).filter((d) => negative(d) && d.customer?.id)) value.set(d.customer!.id!, Math.max(value.get(d.customer!.id!) ?? 0, d.customer!.lifetimeValue ?? 0));
    const top = [...value].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 10);
    const segment = (id: string) => docs.find((d) => d.customer?.id === id)!.customer!.segment ?? '(none)';
    expect(rows(await table(p, s))).toEqual(top.map(([id, v]) => ({ 'customer.id': id, 'customer.segment': segment(id), Max: v })));
  },
  'voc-executive / Feedback by segment': async (p, s) =>
    expect(rows(await table(p, s))).toEqual(topTerms(itemsOf(s).filter((d) => d.customer?.segment), (d) => [d.customer!.segment!], 10).map(([k, n]) => ({ 'customer.segment': k, Count: n }))),
  'voc-executive / Languages': async (p, s) => expect(rows(await table(p, s))).toEqual(topTerms(itemsOf(s), (d) => [d.language], 5).map(([k, n]) => ({ language: k, Count: n }))),

  'voc-product / Negative feedback by product': async (p, s) =>
    expectSameSeries(await shown(p, s), countsBy(itemsOf(s).filter(negative), 'product.name', (d) => [d.product!.name!], 10, (d) => d.createdAt, HOUR), key(p)),
  'voc-product / Negative feedback by product version': async (p, s) =>
    expectSameSeries(await shown(p, s), countsBy(itemsOf(s).filter(negative), 'product.version', (d) => [d.product!.version!], 10, (d) => d.createdAt, HOUR), key(p)),
  'voc-product / Problems by product and version': async (p, s) => {
    const problems = itemsOf(s).filter(hasProblem);
    const wanted = topTerms(problems, (d) => [d.product!.name!], 20).flatMap(([name]) =>
      topTerms(problems.filter((d) => d.product!.name === name), (d) => [d.product!.version!], 10).flatMap(([version]) =>
        topTerms(problems.filter((d) => d.product!.name === name && d.product!.version === version), issueIds, 10).map(([id, n]) => ({ 'product.name': name, 'product.version': version, 'issues.id': id, Count: n })),
      ),
    );
    expect(rows(await table(p, s))).toEqual(wanted);
  },
  'voc-product / VIP / high-value share of negatives': async (p, s) => {
    const negatives = itemsOf(s).filter(negative);
    const high = negatives.filter((d) => d.customer?.segment === 'vip' || (d.customer?.lifetimeValue ?? -1) >= s.highValueLtv).length;
    const got = Object.fromEntries(rows(await table(p, s)).map((r) => [r.filter, r.Count]));
    expect(got).toEqual({ 'VIP / high value': high, 'other customers': negatives.length - high });
  },
  'voc-product / Defect flags by product': async (p, s) => expectSameSeries(await shown(p, s), countsBy(flagsOf(s), 'product', (f) => [f.product], 10, (f) => f.at, HOUR), key(p)),
  'voc-product / Latest defect flags': async (p, s) => {
    const newest = flagsOf(s).sort((a, b) => b.at.localeCompare(a.at)).slice(0, 20);
    expect(rows(await table(p, s))).toEqual(newest.map((f) => ({ id: f.id, product: f.product, issue: f.issue ?? '(any issue)', feedbackId: f.feedbackId ?? '(none)', Max: Date.parse(f.at) })));
    // The link of the Feedback column opens the item's page in the web console.
    const link = (p.fieldConfig!.overrides as Array<{ matcher: { options: string }; properties: Array<{ value: Array<{ url: string }> }> }>).find((o) => o.matcher.options === 'Feedback')!.properties[0]!.value[0]!.url;
    for (const f of newest.filter((f) => f.feedbackId)) {
      expect(interpolate(link.replace('${__value.raw}', f.feedbackId!), variablesFor(p, s), 'default')).toBe(`http://127.0.0.1:8080/#/feedback/${f.feedbackId}`);
      expect(docs.map((d) => d.id)).toContain(f.feedbackId);
    }
  },
  'voc-product / Latest negative feedback': async (p, s) => {
    const newest = itemsOf(s).filter(negative).sort((a, b) => b.createdAt.localeCompare(a.createdAt) || (a.id < b.id ? -1 : 1)).slice(0, 50);
    const got = rows(await table(p, s));
    expect(got).toEqual(newest.map((d) => ({ id: d.id, source: d.source, 'product.name': d.product!.name!, 'product.version': d.product!.version!, 'customer.segment': d.customer?.segment ?? '(none)', Max: Date.parse(d.createdAt) })));
    const link = (p.fieldConfig!.overrides as Array<{ properties: Array<{ value: Array<{ url: string }> }> }>)[0]!.properties[0]!.value[0]!.url;
    expect(interpolate(link.replace('${__value.raw}', String(got[0]!.id)), variablesFor(p, s), 'default')).toBe(`http://127.0.0.1:8080/#/feedback/${newest[0]!.id}`);
  },

  'voc-cx-operations / Alerts fired by rule': async (p, s) => expectSameSeries(await shown(p, s), countsBy(firing(), 'ruleId', (t) => [t.ruleId], 10, (t) => t.at, HOUR), key(p)),
  'voc-cx-operations / Alerts fired by severity': async (p, s) => expectSameSeries(await shown(p, s), countsBy(firing(), 'severity', (t) => [t.severity], 5, (t) => t.at, HOUR), key(p)),
  'voc-cx-operations / Alerts fired': async (p, s) => expectValue(one(await shown(p, s)), firing().length, key(p)),
  'voc-cx-operations / Acknowledged': async (p, s) => expectValue(one(await shown(p, s)), firing().filter((t) => t.ackAt).length, key(p)),
  'voc-cx-operations / Median time to acknowledge': async (p, s) => expectValue(one(await shown(p, s)), median(firing().flatMap((t) => (t.ackSeconds === undefined ? [] : [t.ackSeconds]))), key(p)),
  'voc-cx-operations / Time to acknowledge by rule': async (p, s) => {
    const acked = firing().filter((t) => t.ackSeconds !== undefined);
    expect(rows(await table(p, s))).toEqual(topTerms(acked, (t) => [t.ruleId], 20).map(([rule]) => ({ ruleId: rule, 'p50.0 ackSeconds': median(acked.filter((t) => t.ruleId === rule).map((t) => t.ackSeconds!)) })));
  },
  'voc-cx-operations / Last feedback by source': async (p, s) => {
    const last = new Map<string, number>();
    for (const d of itemsOf(s)) last.set(d.source, Math.max(last.get(d.source) ?? 0, Date.parse(d.createdAt)));
    expect(rows(await table(p, s))).toEqual([...last].sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1)).map(([source, t]) => ({ source, Max: t })));
  },
  'voc-cx-operations / Feedback by source': async (p, s) => expectSameSeries(await shown(p, s), countsBy(itemsOf(s), 'source', (d) => [d.source], 10, (d) => d.createdAt, HOUR), key(p)),

  // Items created in the range, by the minute the processor built them.
  'voc-pipeline-health / Documents indexed by source': async (p, s) =>
    expectSameSeries(await shown(p, s), countsBy(live, 'source', (d) => [d.source], 10, (d) => d.processedAt, 60_000, liveRange), key(p)),
  'voc-pipeline-health / Last document processed': async (p, s) => expectValue(one(await shown(p, s)), Math.max(...live.map((d) => Date.parse(d.processedAt))), key(p)),
};

/** Flattened mapping of an index: dotted path → type. */
async function mappingOf(index: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const walk = (props: Record<string, { type?: string; properties?: Record<string, unknown> }>, path: string) => {
    for (const [name, m] of Object.entries(props)) {
      if (m.type) out.set(`${path}${name}`, m.type);
      if (m.properties) walk(m.properties as never, `${path}${name}.`);
    }
  };
  const r = await es.indices.getMapping({ index });
  for (const m of Object.values(r)) walk((m.mappings.properties ?? {}) as never, '');
  return out;
}

const feedbackDs = () => ({ type: 'elasticsearch' as const, uid: built[0]!.json.panels.find((p) => p.type !== 'row')!.datasource!.uid });
const luceneFields = (query: string) => [...query.matchAll(/(?<![\w*."])([A-Za-z_][\w.]*):/g)].map((m) => m[1]!).filter((f) => f !== '_exists_').concat([...query.matchAll(/_exists_:([A-Za-z_][\w.]*)/g)].map((m) => m[1]!));
const NUMERIC = ['byte', 'short', 'integer', 'long', 'float', 'double'];

describe('the dashboards on the real index', () => {
  it('name only fields the real mappings have, with the type each use needs', async () => {
    const feedback = await mappingOf(readAlias(prefix()));
    const alerts = await mappingOf(alertsIndex(prefix()));
    // The field lists the dashboards are typed with, against the indices as voc creates them.
    for (const [fields, type, mapping] of [
      [keywordFields, ['keyword'], feedback], [numericFields, NUMERIC, feedback], [dateFields, ['date'], feedback],
      [alertKeywordFields, ['keyword'], alerts], [alertNumericFields, NUMERIC, alerts], [alertDateFields, ['date'], alerts], [alertTextFields, ['text'], alerts],
    ] as const) {
      for (const f of fields) expect(type, `${f}: ${mapping.get(f)}`).toContain(mapping.get(f));
    }
    for (const p of esPanels()) {
      const mapping = isAlerts(p) ? alerts : feedback;
      const needs = (field: string | undefined, types: readonly string[] | undefined, what: string) => {
        expect(mapping.has(field!), `${key(p)}: ${what} ${field} is not mapped`).toBe(true);
        if (types) expect(types, `${key(p)}: ${what} ${field} is ${mapping.get(field!)}`).toContain(mapping.get(field!));
      };
      for (const t of (p.targets ?? []).filter((t) => !isExpression(t)) as EsTarget[]) {
        needs(t.timeField, ['date'], 'time field');
        for (const f of luceneFields(t.query)) needs(f, undefined, 'query field');
        for (const b of t.bucketAggs) {
          if (b.type === 'terms') needs(b.field, ['keyword'], 'terms field');
          if (b.type === 'date_histogram') needs(b.field, ['date'], 'histogram field');
          if (b.type === 'filters') for (const f of (b.settings!.filters as Array<{ query: string }>).flatMap((x) => luceneFields(x.query))) needs(f, undefined, 'filter field');
        }
        for (const m of t.metrics) {
          if (['avg', 'sum', 'percentiles'].includes(m.type)) needs(m.field, NUMERIC, `${m.type} field`);
          if (m.type === 'max') needs(m.field, [...NUMERIC, 'date'], 'max field');
          if (m.type === 'cardinality') needs(m.field, ['keyword'], 'distinct field');
        }
      }
    }
    for (const d of built) {
      for (const a of d.json.annotations.list) {
        expect(alerts.get(a.timeField), `${d.file}: annotation time`).toBe('date');
        for (const f of [a.textField, a.tagsField, ...luceneFields(a.target.query)]) expect(alerts.has(f), `${d.file}: annotation field ${f}`).toBe(true);
      }
      for (const v of d.json.templating.list.filter((v) => v.type === 'query')) expect(feedback.get(JSON.parse(String(v.query)).field), `${d.file}: $${v.name}`).toBe('keyword');
    }
  });

  it.each(scenarios.map((s) => [s.name, s] as const))('show on every Elasticsearch panel the figures of the seeded items (%s)', async (_name, s) => {
    // Enough of everything that a wrong filter or definition shows.
    const items = itemsOf(s);
    expect(items.length).toBeGreaterThanOrEqual(20);
    expect(items.filter(negative).length).toBeGreaterThanOrEqual(5);
    expect(items.filter(hasProblem).length).toBeGreaterThanOrEqual(5);
    expect(expected('nps', items).n).toBeGreaterThanOrEqual(3);
    for (const p of esPanels()) {
      const check = expectations[key(p)];
      if (!check) throw new Error(`no figures for ${key(p)}: add them to the expectations`);
      await check(p, s);
    }
  });

  it('have figures checked for every Elasticsearch panel, and none for panels that are gone', () => {
    expect(Object.keys(expectations).sort()).toEqual(esPanels().map(key).sort());
  });

  it('offer in each dropdown the values of the range, in order', async () => {
    for (const d of built) {
      for (const v of d.json.templating.list.filter((v) => v.type === 'query')) {
        const field = JSON.parse(String(v.query)).field as string;
        const res = await search(variableRequest(v, { index: readAlias(prefix()), timeField: TIME_FIELD, from: FROM, to: END - 1, variables: variablesOf(d.json.templating.list) }));
        const keys = (res.aggregations!['1'] as { buckets: Array<{ key: string }> }).buckets.map((b) => b.key);
        const value = (doc: FeedbackDocument) => field.split('.').reduce<unknown>((x, k) => (x as Record<string, unknown> | undefined)?.[k], doc);
        expect(keys, `${d.file}: $${v.name}`).toEqual([...new Set(docs.filter((x) => inRange(x.createdAt)).flatMap((x) => (value(x) === undefined ? [] : [String(value(x))])))].sort());
      }
    }
  });

  it('annotate the graphs with the alerts fired in the range', async () => {
    for (const d of built) {
      for (const a of d.json.annotations.list) {
        const res = await search(annotationRequest(a, { index: alertsIndex(prefix()), from: FROM, to: END - 1, variables: variablesOf(d.json.templating.list) }));
        const events = annotationEvents(a, res.hits.hits).sort((x, y) => x.time - y.time);
        expect(events, d.file).toEqual(firing().sort((x, y) => x.at.localeCompare(y.at)).map((t) => ({ time: Date.parse(t.at), text: t.reason, tags: [t.severity] })));
      }
    }
  });
});

describe('the dashboards and the API', () => {
  const api = (path: string) => getJson(`${roles.roles.apiUrl}${path}`);
  const params = (s: Scenario) => Object.entries(s.selected).filter(([k]) => standardVariables.some((v) => v.name === k)).map(([k, v]) => `&${k}=${[v].flat().join(',')}`).join('');
  const ctx = (s: Scenario, intervalMs: number): RequestContext => ({ index: readAlias(prefix()), timeField: TIME_FIELD, from: FROM, to: END - 1, intervalMs, variables: variablesOf(built[0]!.json.templating.list, Object.fromEntries(Object.entries(s.selected).filter(([k]) => standardVariables.some((v) => v.name === k)))) });

  it.each(scenarios.map((s) => [s.name, s] as const))('agree with GET /v1/trends on every metric per day and for the period, for the same filters (%s)', async (_name, s) => {
    for (const metric of metricNames.filter((m) => plainMetric(m))) {
      const r = await api(`/v1/trends?metric=${metric}&from=2026-10-27&to=2026-11-07&tz=UTC&interval=day${params(s)}`);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      // The panels' queries for this metric, daily (a timeseries panel) and over the whole range (a stat).
      const daily = figureQueries(feedbackDs(), metric, { query: filterOf(standardVariables), groupBy: [overTime()] });
      const series = await panelResult(daily.targets, daily.shows, runTarget(ctx(s, DAY)));
      const points = r.body.total.points as Array<{ t: string; value: number | null }>;
      expect([...series[0]!.values.keys()], metric).toEqual(points.map((pt) => Date.parse(pt.t)));
      for (const pt of points) expectValue(series[0]!.values.get(Date.parse(pt.t)) ?? null, pt.value, `${metric} ${pt.t}`);
      const whole = figureQueries(feedbackDs(), metric, { query: filterOf(standardVariables), groupBy: [overall] });
      expectValue(one(await panelResult(whole.targets, whole.shows, runTarget(ctx(s, DAY)))), r.body.total.summary.value, `${metric} period`);
    }
    const risk = await api(`/v1/trends?metric=valueAtRisk&from=2026-10-27&to=2026-11-07&tz=UTC&interval=day${params(s)}`);
    const stat = panels().find((p) => key(p) === 'voc-executive / Value at risk')!;
    const perCustomer = await shown(stat, s);
    expectValue(perCustomer.reduce((sum, i) => sum + ([...i.values.values()][0] ?? 0), 0), risk.body.total.summary.value, 'value at risk');
  });

  it('count each problem as GET /v1/issues/top does', async () => {
    const p = panels().find((x) => key(x) === 'voc-executive / Top problems')!;
    const bars = new Map(rows(await table(p, scenarios[0]!)).map((r) => [r['issues.id'], r.Count]));
    const top = await api('/v1/issues/top?from=2026-10-27&to=2026-11-07&tz=UTC&limit=50&verbatims=0');
    expect(top.status).toBe(200);
    const issues = top.body.issues as Array<{ id: string; count: number }>;
    expect(issues.length).toBeGreaterThan(2);
    for (const i of issues.filter((i) => bars.has(i.id))) expect(bars.get(i.id), i.id).toBe(i.count);
    expect(issues.slice(0, 3).every((i) => bars.has(i.id)), 'the API\'s top three are on the dashboard').toBe(true);
  });

  it('give the median time to acknowledge per rule that GET /v1/alerts/quality gives', async () => {
    const p = panels().find((x) => key(x) === 'voc-cx-operations / Time to acknowledge by rule')!;
    const quality = (await api('/v1/alerts/quality')).body.rules as Array<{ ruleId: string; medianSecondsToAck: number | null }>;
    for (const r of rows(await table(p, scenarios[0]!))) expect(r['p50.0 ackSeconds'], String(r.ruleId)).toBe(quality.find((q) => q.ruleId === r.ruleId)!.medianSecondsToAck);
  });
});

describe("Grafana's document queries", () => {
  it('return documents in index order, not the newest: why no panel lists documents', async () => {
    // Two items indexed oldest last; Grafana's sort object puts `_doc` before `createdAt`.
    const index = `${prefix()}.document-order`;
    await es.indices.create({ index, mappings: { properties: { id: { type: 'keyword' }, createdAt: { type: 'date' } } } });
    await es.index({ index, id: 'new', document: { id: 'new', createdAt: new Date(FROM + DAY).toISOString() } });
    await es.index({ index, id: 'old', document: { id: 'old', createdAt: new Date(FROM).toISOString() }, refresh: true });
    const documents = esTarget(feedbackDs(), { query: '*', metric: { type: 'raw_data', size: 1 }, groupBy: [] });
    const res = await search(searchRequest(documents, { index, timeField: TIME_FIELD, from: FROM, to: END - 1, intervalMs: 1000, variables: new Map() }));
    expect(res.hits.hits.map((h) => h._source.id)).toEqual(['old']);
  });
});
