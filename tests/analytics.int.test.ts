// Trends and insight on the real stack: known feedback goes through the whole pipeline,
// and every figure the API reports is checked against the same figure computed here, in
// the test, from the stored documents (plain loops, time zones through Intl).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FeedbackDocument } from '../core/feedback/feedback-document.ts';
import { metricNames } from '../core/trends/metrics.ts';
import { analyticsFeedback } from './support/analytics-fixture.ts';
import { expected, expectFigure, localDate, mean } from './support/expected-figures.ts';
import { seedThroughPipeline } from './support/seed.ts';
import { getJson } from './support/test-env.ts';
import { useTestRoles } from './support/test-roles.ts';

const ctx = useTestRoles(['api', 'processor']);
let docs: FeedbackDocument[] = [];

beforeAll(async () => {
  docs = await seedThroughPipeline(ctx.t, ctx.roles.apiUrl!, analyticsFeedback(ctx.t.id));
});

const api = (path: string) => getJson(`${ctx.roles.apiUrl}${path}`);

type Point = { t: string; value: number | null; n: number };


describe('trends', () => {
  const period = (d: FeedbackDocument, from: number, to: number) => Date.parse(d.createdAt) >= from && Date.parse(d.createdAt) < to;

  it.each(['Asia/Shanghai', 'America/New_York'])('gives every metric per local day in %s, empty days included, with the previous period', async (tz) => {
    for (const metric of metricNames.filter((m) => m !== 'valueShare')) {
      const r = await api(`/v1/trends?metric=${metric}&from=2026-11-02&to=2026-11-07&tz=${encodeURIComponent(tz)}&interval=day`);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      const from = Date.parse(r.body.from);
      const to = Date.parse(r.body.to);
      const inPeriod = docs.filter((d) => period(d, from, to));
      const days = (r.body.total.points as Point[]).map((p) => p.t.slice(0, 10));
      expect(days, `${metric} ${tz}`).toEqual(['2026-11-02', '2026-11-03', '2026-11-04', '2026-11-05', '2026-11-06', '2026-11-07']);
      for (const p of r.body.total.points as Point[]) {
        expectFigure(p, expected(metric, inPeriod.filter((d) => localDate(d.createdAt, tz) === p.t.slice(0, 10))), `${metric} ${tz} ${p.t}`);
      }
      expectFigure(r.body.total.summary, expected(metric, inPeriod), `${metric} ${tz} total`);
      const prevFrom = Date.parse(r.body.previous.from);
      expect(prevFrom).toBe(from - (to - from));
      expectFigure(r.body.total.previous, expected(metric, docs.filter((d) => period(d, prevFrom, from))), `${metric} ${tz} previous`);
    }
  });

  it('answers an empty day with zero for counts and money and no value for shares and means', async () => {
    for (const tz of ['Asia/Shanghai', 'America/New_York']) {
      for (const [metric, empty] of [['count', 0], ['valueAtRisk', 0], ['customers', 0], ['nps', null], ['negativeShare', null]] as const) {
        const r = await api(`/v1/trends?metric=${metric}&from=2026-11-05&to=2026-11-05&tz=${encodeURIComponent(tz)}&interval=day`);
        expect(r.body.total.points, `${metric} ${tz}`).toEqual([{ t: expect.stringMatching(/^2026-11-05T00:00:00[+-]\d\d:00$/), value: empty, n: 0 }]);
      }
    }
    // Split, an empty period has no top values: one empty "other" series.
    for (const metric of ['count', 'customers']) {
      const r = await api(`/v1/trends?metric=${metric}&split=product&from=2026-11-05&to=2026-11-05&tz=UTC&interval=day`);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      expect(r.body.total.summary).toEqual({ value: 0, n: 0 });
      expect(r.body.split.series.map((s: { key: string; other?: boolean; summary: Point }) => [s.key, s.other, s.summary])).toEqual([['other', true, { value: 0, n: 0 }]]);
    }
  });

  it('splits into the top values and "other", each series as computed from its items', async () => {
    const r = await api('/v1/trends?metric=valueAtRisk&split=product&top=2&from=2026-11-02&to=2026-11-07&tz=UTC&interval=day');
    expect(r.status).toBe(200);
    const from = Date.parse(r.body.from);
    const to = Date.parse(r.body.to);
    const inPeriod = docs.filter((d) => period(d, from, to));
    const counts = new Map<string, number>();
    for (const d of inPeriod) counts.set(d.product!.id!, (counts.get(d.product!.id!) ?? 0) + 1);
    const top = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 2).map(([id]) => id);
    const series = r.body.split.series as Array<{ key: string; other?: boolean; points: Point[]; summary: Point }>;
    expect(series.map((s) => s.key).slice(0, 2).sort()).toEqual([...top].sort());
    expect(series.at(-1)).toMatchObject({ key: 'other', other: true });
    for (const s of series) {
      const mine = inPeriod.filter((d) => (s.other ? !top.includes(d.product!.id!) : d.product!.id === s.key));
      expectFigure(s.summary, expected('valueAtRisk', mine), `${s.key} total`);
      for (const p of s.points) expectFigure(p, expected('valueAtRisk', mine.filter((d) => localDate(d.createdAt, 'UTC') === p.t.slice(0, 10))), `${s.key} ${p.t}`);
    }
    const share = await api('/v1/trends?metric=valueShare&split=product&top=2&from=2026-11-02&to=2026-11-07&tz=UTC&interval=day');
    const whole = expected('valueAtRisk', inPeriod).value!;
    for (const s of share.body.split.series as Array<{ key: string; other?: boolean; summary: Point }>) {
      const mine = inPeriod.filter((d) => (s.other ? !top.includes(d.product!.id!) : d.product!.id === s.key));
      expect(s.summary.value, s.key).toBeCloseTo(expected('valueAtRisk', mine).value! / whole, 6);
    }
  });

  it('sums the series of all items from a split of one value per item, items without the value included', async () => {
    // Split by segment, voc asks Elasticsearch for the split's series only and adds them up
    // for these metrics; items without a customer have no segment and must still count.
    const bySegment = (d: FeedbackDocument) => d.customer?.segment;
    expect(docs.some((d) => bySegment(d) === undefined)).toBe(true);
    for (const metric of ['count', 'negativeShare', 'meanSentiment', 'nps', 'csat', 'ces', 'meanRating'] as const) {
      const r = await api(`/v1/trends?metric=${metric}&split=segment&top=2&from=2026-11-02&to=2026-11-07&tz=Asia/Shanghai&interval=day`);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      const from = Date.parse(r.body.from);
      const to = Date.parse(r.body.to);
      const inPeriod = docs.filter((d) => period(d, from, to));
      const onDay = (list: FeedbackDocument[], t: string) => list.filter((d) => localDate(d.createdAt, 'Asia/Shanghai') === t.slice(0, 10));
      expectFigure(r.body.total.summary, expected(metric, inPeriod), `${metric} total`);
      for (const p of r.body.total.points as Point[]) expectFigure(p, expected(metric, onDay(inPeriod, p.t)), `${metric} total ${p.t}`);
      const series = r.body.split.series as Array<{ key: string; other?: boolean; points: Point[]; summary: Point }>;
      const named = series.filter((s) => !s.other).map((s) => s.key);
      for (const s of series) {
        const mine = inPeriod.filter((d) => (s.other ? !named.includes(bySegment(d) ?? '') : bySegment(d) === s.key));
        expectFigure(s.summary, expected(metric, mine), `${metric} ${s.key}`);
        for (const p of s.points) expectFigure(p, expected(metric, onDay(mine, p.t)), `${metric} ${s.key} ${p.t}`);
      }
    }
  });

  it('applies the search filters to every figure', async () => {
    const r = await api('/v1/trends?metric=count&segment=vip,premium&language=zh&from=2026-11-02&to=2026-11-07&tz=UTC');
    const from = Date.parse(r.body.from);
    const to = Date.parse(r.body.to);
    const wanted = docs.filter((d) => period(d, from, to) && ['vip', 'premium'].includes(d.customer?.segment ?? '') && d.language === 'zh');
    expect(wanted.length).toBeGreaterThan(5);
    expect(r.body.total.summary).toEqual({ value: wanted.length, n: wanted.length });
  });

  it('prints through `voc trends --json` what the API answers', async () => {
    const args = ['--metric', 'nps', '--split', 'segment', '--from', '2026-11-02', '--to', '2026-11-07', '--tz', 'America/New_York', '--filter', 'language=en,zh'];
    const cli = spawnSync(process.execPath, ['bin/voc.mjs', 'trends', ...args, '--json'], { cwd: fileURLToPath(new URL('..', import.meta.url)), encoding: 'utf8', env: { ...process.env, ...ctx.t.env } });
    expect(cli.status, cli.stderr).toBe(0);
    const r = await api('/v1/trends?metric=nps&split=segment&from=2026-11-02&to=2026-11-07&tz=America/New_York&language=en,zh');
    expect(JSON.parse(cli.stdout)).toEqual(r.body);
    const table = spawnSync(process.execPath, ['bin/voc.mjs', 'trends', ...args], { cwd: fileURLToPath(new URL('..', import.meta.url)), encoding: 'utf8', env: { ...process.env, ...ctx.t.env } });
    expect(table.stdout).toContain(`│ period `);
    expect(table.stdout).toContain(r.body.total.summary.value.toFixed(1));
  });

  it('names each bad parameter in a problem', async () => {
    const r = await api('/v1/trends?metric=happiness&tz=Mars/Base&interval=5m&from=2020-01-01&to=2026-01-01');
    expect(r.status).toBe(400);
    expect(r.headers.get('content-type')).toContain('application/problem+json');
    expect(r.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['metric', 'tz']);
    const tooMany = await api('/v1/trends?interval=5m&from=2020-01-01&to=2026-01-01');
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.errors).toEqual([{ path: 'interval', message: expect.stringMatching(/more than 1000/) }]);
  });
});

describe('top issues', () => {
  type Issue = { id: string; kind: string; count: number; share: number; customers: number; valueAtRisk: { value: number; n: number }; previous: { count: number }; change: { absolute: number; relative: number | null }; significance: { significant: boolean; direction: string | null; p: number | null; q: number | null; note?: string }; aspectSentiment: Record<string, number>; verbatims: Array<{ id: string; highlighted: string; text: string }> };
  const within = (from: string, to: string) => (d: FeedbackDocument) => Date.parse(d.createdAt) >= Date.parse(from) && Date.parse(d.createdAt) < Date.parse(to);

  it('counts the problems of the period with share, customers, value at risk, aspect sentiment and the previous period', async () => {
    const r = await api('/v1/issues/top?from=2026-11-02&to=2026-11-07&tz=UTC&limit=50&verbatims=2');
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const now = docs.filter(within(r.body.from, r.body.to));
    const before = docs.filter(within(r.body.previous.from, r.body.previous.to));
    expect(r.body.items).toEqual({ now: now.length, before: before.length });
    const issues = r.body.issues as Issue[];
    const problemIds = new Set(now.flatMap((d) => (d.issues ?? []).filter((t) => t.kind === 'problem').map((t) => t.id)));
    expect(new Set(issues.map((i) => i.id))).toEqual(problemIds);
    expect(issues.every((i) => i.kind === 'problem')).toBe(true);
    for (const issue of issues) {
      const carrying = now.filter((d) => d.issues?.some((t) => t.id === issue.id));
      expect(issue.count, issue.id).toBe(carrying.length);
      expect(issue.share, issue.id).toBeCloseTo(carrying.length / now.length, 10);
      expect(issue.customers, issue.id).toBe(new Set(carrying.flatMap((d) => (d.customer?.id ? [d.customer.id] : []))).size);
      expectFigure(issue.valueAtRisk, expected('valueAtRisk', carrying), `${issue.id} value at risk`);
      expect(issue.previous.count, issue.id).toBe(before.filter((d) => d.issues?.some((t) => t.id === issue.id)).length);
      const labels = carrying.flatMap((d) => d.issues!.filter((t) => t.id === issue.id && t.sentiment).map((t) => t.sentiment!.label));
      expect(issue.aspectSentiment.negative, issue.id).toBe(labels.filter((l) => l === 'negative').length);
      expect(issue.aspectSentiment.n, issue.id).toBe(labels.length);
      expect(issue.verbatims.length, issue.id).toBe(Math.min(2, carrying.length));
      for (const v of issue.verbatims) {
        expect(carrying.map((d) => d.id)).toContain(v.id);
        expect(v.highlighted).toMatch(/<em>.+<\/em>/);
      }
    }
    expect([...issues].sort((a, b) => b.count - a.count).map((i) => i.count)).toEqual(issues.map((i) => i.count));
  });

  it('holds back a tiny change and calls a burst significant', async () => {
    const r = await api('/v1/issues/top?from=2026-11-02&to=2026-11-07&tz=UTC&limit=50&verbatims=0');
    const issues = r.body.issues as Issue[];
    const pests = issues.find((i) => i.id === 'cleanliness.pests')!;
    expect(pests.previous.count).toBe(1);
    expect(pests.count).toBe(3);
    expect(pests.change).toEqual({ absolute: 2, relative: null });
    expect(pests.significance).toMatchObject({ significant: false, direction: null });
    expect(pests.significance.note).toMatch(/fewer than 10 mentions/);
    const burst = issues.find((i) => i.id === 'product_quality.stops_working')!;
    expect(burst.previous.count).toBe(2);
    expect(burst.count).toBe(30);
    expect(burst.significance).toMatchObject({ significant: true, direction: 'up' });
    expect(burst.significance.q!).toBeLessThan(0.05);
    expect(r.body.test).toMatch(/Poisson rates/);
  });

  it('lists praise only when asked, and ranks by value at risk on request', async () => {
    const praise = await api('/v1/issues/top?from=2026-11-02&to=2026-11-07&tz=UTC&kind=praise&verbatims=0');
    expect((praise.body.issues as Issue[]).length).toBeGreaterThan(0);
    expect((praise.body.issues as Issue[]).every((i) => i.kind === 'praise')).toBe(true);
    const all = await api('/v1/issues/top?from=2026-11-02&to=2026-11-07&tz=UTC&rank=valueAtRisk&limit=50&verbatims=0');
    const values = (all.body.issues as Issue[]).map((i) => i.valueAtRisk.value);
    expect(values).toEqual([...values].sort((a, b) => b - a));
    // A short list, by either rank: the first issues of the full ranking, with their figures and verbatims.
    for (const rank of ['valueAtRisk', 'volume']) {
      const full = rank === 'volume' ? (await api('/v1/issues/top?from=2026-11-02&to=2026-11-07&tz=UTC&limit=50&verbatims=0')).body.issues : all.body.issues;
      const short = await api(`/v1/issues/top?from=2026-11-02&to=2026-11-07&tz=UTC&rank=${rank}&limit=3&verbatims=1`);
      const shown = short.body.issues as Issue[];
      expect(shown.map(({ verbatims, ...rest }) => rest), rank).toEqual((full as Issue[]).slice(0, 3).map(({ verbatims, ...rest }) => rest));
      for (const issue of shown) {
        expect(issue.verbatims, `${rank} ${issue.id}`).toHaveLength(1);
        expect(docs.find((d) => d.id === issue.verbatims[0]!.id)?.issues?.some((t) => t.id === issue.id)).toBe(true);
      }
    }
    const bad = await api('/v1/issues/top?kind=complaint&rank=loudest');
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['kind.0', 'rank']);
  });
});

describe('drivers', () => {
  it('gives each problem its share of NPS responses and the points NPS would gain without it', async () => {
    const r = await api('/v1/drivers?outcome=nps&from=2026-10-27&to=2026-11-07&tz=UTC&limit=50');
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const responses = docs.filter((d) => d.survey?.nps && Date.parse(d.createdAt) >= Date.parse(r.body.from) && Date.parse(d.createdAt) < Date.parse(r.body.to));
    expect(r.body.responses).toBe(responses.length);
    expect(r.body.overall).toBeCloseTo(mean(responses.map((d) => d.survey!.nps!.contribution))!, 8);
    const drivers = r.body.drivers as Array<{ id: string; share: number; gain: number | null; with: { n: number; mean: number }; without: { n: number; mean: number }; smallSample: boolean }>;
    expect(drivers.length).toBeGreaterThan(2);
    for (const d of drivers) {
      const withIt = responses.filter((x) => x.issues?.some((t) => t.id === d.id));
      const without = responses.filter((x) => !x.issues?.some((t) => t.id === d.id));
      const m1 = mean(withIt.map((x) => x.survey!.nps!.contribution))!;
      const m0 = mean(without.map((x) => x.survey!.nps!.contribution))!;
      expect(d.with.n, d.id).toBe(withIt.length);
      expect(d.without.n, d.id).toBe(without.length);
      expect(d.share, d.id).toBeCloseTo(withIt.length / responses.length, 10);
      expect(d.gain!, d.id).toBeCloseTo((withIt.length / responses.length) * (m0 - m1), 8);
      expect(d.smallSample, d.id).toBe(withIt.length < 30 || without.length < 30);
    }
    const gains = drivers.map((d) => d.gain ?? -Infinity);
    expect(gains).toEqual([...gains].sort((a, b) => b - a));
  });
});

describe('emerging themes', () => {
  it('finds the words of the burst, counted exactly in both windows, and not the everyday ones', async () => {
    const r = await api('/v1/themes/emerging?from=2026-11-06&to=2026-11-07&baselineDays=9&tz=UTC&verbatims=1');
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const recent = docs.filter((d) => Date.parse(d.createdAt) >= Date.parse(r.body.recent.from) && Date.parse(d.createdAt) < Date.parse(r.body.recent.to));
    const baseline = docs.filter((d) => Date.parse(d.createdAt) >= Date.parse(r.body.baseline.from) && Date.parse(d.createdAt) < Date.parse(r.body.baseline.to));
    expect(r.body.recent.items).toBe(recent.length);
    expect(r.body.baseline.items).toBe(baseline.length);
    const themes = r.body.themes as Array<{ term: string; kind: string; display: string; recent: number; baseline: number; score: number; q: number; verbatims: Array<{ highlighted: string }> }>;
    const carries = (d: FeedbackDocument, t: (typeof themes)[number]) => (t.kind === 'keyphrase' ? (d.keyphrases ?? []).includes(t.term) : d.search.text.split(' ').includes(t.term));
    for (const t of themes) {
      expect(t.recent, t.term).toBe(recent.filter((d) => carries(d, t)).length);
      expect(t.baseline, t.term).toBe(baseline.filter((d) => carries(d, t)).length);
      expect(t.score, t.term).toBeGreaterThan(0);
      expect(t.q, t.term).toBeLessThan(0.05);
      expect(t.verbatims[0]?.highlighted, t.term).toMatch(/<em>/);
    }
    const terms = themes.map((t) => t.term);
    expect(terms.some((t) => ['stop', 'turn'].includes(t)), terms.join(', ')).toBe(true);
    expect(terms).not.toContain('deliveri');
    const stop = themes.find((t) => t.term === 'stop');
    if (stop) expect(stop.display).toBe('stopped');
  });
});

describe('customer profiles', () => {
  // The README's rules, applied here to the customer's stored items (oldest first).
  const recent = (d: FeedbackDocument) => Date.parse(d.createdAt) >= Date.now() - 30 * 86_400_000;
  const openComplaints = (mine: FeedbackDocument[]) =>
    mine
      .filter((d, i) => ['complaint', 'support'].includes(d.source) && d.sentiment.label === 'negative' && recent(d) && mine.slice(i + 1).every((l) => l.sentiment.label === 'negative'))
      .map((d) => d.id);
  const recentlyNegative = (mine: FeedbackDocument[]) => mine.some((d) => d.sentiment.label === 'negative' && recent(d));

  it('list exactly the customer’s items, in time order, with their segment and value', async () => {
    const r = await api('/v1/customers/c-00?tz=Asia/Shanghai');
    expect(r.status).toBe(200);
    const mine = docs.filter((d) => d.customer?.id === 'c-00').sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
    expect(r.body.total).toBe(mine.length);
    expect(r.body.items.map((i: { id: string }) => i.id).sort()).toEqual(mine.map((d) => d.id).sort());
    const times = r.body.items.map((i: { createdAt: string }) => i.createdAt);
    expect(times).toEqual([...times].sort());
    expect(r.body).toMatchObject({ segment: 'vip', lifetimeValue: 8000, firstSeen: mine[0]!.createdAt, lastSeen: mine.at(-1)!.createdAt });
    expect(r.body.sentiment.negative).toBe(mine.filter((d) => d.sentiment.label === 'negative').length);
    expect(r.body.trajectory.reduce((s: number, m: { items: number }) => s + m.items, 0)).toBe(mine.length);
    expect(r.body.openComplaints.map((i: { id: string }) => i.id).sort()).toEqual(openComplaints(mine).sort());
    expect(r.body.atRisk.value).toBe(recentlyNegative(mine)); // a vip: at risk when recently negative
  });

  it('calls a high-value customer with a fresh, unanswered complaint at risk', async () => {
    const fresh = { source: 'complaint', sourceId: `${ctx.t.id}-fresh`, text: 'Still no refund after three weeks, this is unacceptable and I am furious.', customer: { id: 'c-01', segment: 'vip', lifetimeValue: 5000 }, createdAt: new Date(Date.now() - 86_400_000).toISOString() };
    const [doc] = await seedThroughPipeline(ctx.t, ctx.roles.apiUrl!, [fresh as never]);
    expect(doc!.sentiment.label).toBe('negative');
    const r = await api('/v1/customers/c-01');
    const mine = [...docs.filter((d) => d.customer?.id === 'c-01'), doc!].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    expect(r.body.openComplaints.map((i: { id: string }) => i.id)).toContain(doc!.id);
    expect(r.body.openComplaints.map((i: { id: string }) => i.id).sort()).toEqual(openComplaints(mine).sort());
    expect(r.body.atRisk.value).toBe(true);
    expect(r.body.atRisk.reasons).toEqual(['segment vip', 'negative feedback in the last 30 days']);
    expect((await api('/v1/customers/nobody-at-all')).status).toBe(404);
  });
});

describe('segment comparison', () => {
  it('gives the same metrics per segment, each as computed from the segment’s items', async () => {
    const r = await api('/v1/segments/compare?segments=vip,standard,nonexistent&metrics=count,nps,negativeShare,valueAtRisk&from=2026-10-27&to=2026-11-07&tz=UTC');
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const inPeriod = docs.filter((d) => Date.parse(d.createdAt) >= Date.parse(r.body.from) && Date.parse(d.createdAt) < Date.parse(r.body.to));
    for (const s of r.body.segments as Array<{ segment: string; figures: Record<string, { value: number | null; n: number }> }>) {
      const mine = inPeriod.filter((d) => d.customer?.segment === s.segment);
      for (const m of ['count', 'nps', 'negativeShare', 'valueAtRisk'] as const) expectFigure(s.figures[m]!, expected(m, mine), `${s.segment} ${m}`);
    }
    expect(r.body.segments[2].figures.count).toEqual({ value: 0, n: 0 });
    const bad = await api('/v1/segments/compare?metrics=happiness');
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['metrics.0', 'segments']);
  });
});
