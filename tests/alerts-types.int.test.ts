// Every rule type against the real index, through the backtest (the same series and
// detectors the scheduler runs): seeded history in which each kind of incident happened
// yesterday (UTC), and a rule of each type that must fire on it and nowhere else; and a
// scheduled evaluation that, after missing hours, catches them up once.
//   NPS: about 40 responses a day for 35 days (NPS about +30), and yesterday all but a few
//        detractors: floor (below 0) and drop fire on yesterday.
//   Flatline: the phone channel brings an item every 30 minutes up to now, and nothing
//        yesterday from 08:00 to 14:00.
//   Emerging: "rattles" (and 异响) never said before, then 6 times an hour from yesterday 10:00 for 4 hours.
//   Value at risk: yesterday, negative feedback from a few high-value customers.
import { beforeAll, describe, expect, it } from 'vitest';
import { createAlertStore } from '../alerts/live/alert-store.ts';
import { createRuleStore } from '../alerts/live/rule-store.ts';
import { createElasticsearchClient } from '../core/elasticsearch/elasticsearch.client.ts';
import type { FeedbackInput } from '../core/feedback/feedback.schema.ts';
import { readAlias } from '../core/names.ts';
import { createLogger } from '../core/observability/logger.ts';
import { createTextAnalyzer } from '../core/text/text-analyzer.ts';
import { runAlertEvaluation } from '../scheduler/alert-evaluation.job.ts';
import { DAY, today, yesterday } from './support/alert-history.ts';
import { seedThroughPipeline } from './support/seed.ts';
import { getJson, postJson } from './support/test-env.ts';
import { useTestRoles } from './support/test-roles.ts';

const HOUR = 3_600_000;
const silentFrom = yesterday + 8 * HOUR;
const silentTo = yesterday + 14 * HOUR;
const rattleFrom = yesterday + 10 * HOUR;

function history(): FeedbackInput[] {
  const items: FeedbackInput[] = [];
  for (let d = 35; d >= 1; d--) {
    const day = today - d * DAY;
    const bad = day === yesterday;
    for (let i = 0; i < 40; i++) {
      // +30 usually: half promoters, a fifth detractors; yesterday nine in ten detractors.
      const r = (i * 7) % 10;
      const score = bad ? (r < 9 ? 2 : 10) : r < 5 ? 10 : r < 8 ? 8 : 3;
      items.push({ source: 'survey', sourceId: `nps-${d}-${i}`, text: score >= 9 ? 'Great blender, works well' : score >= 7 ? 'It is fine' : 'The blender is disappointing', score, scale: 'nps', product: { id: 'blender-b3', name: 'Blender B3' }, createdAt: new Date(day + (i * 36 + 5) * 60_000).toISOString() });
    }
  }
  // The phone channel up to now: a silence today would be one too.
  for (let t = today - 35 * DAY + 60_000; t < Date.now() - 60_000; t += 30 * 60_000) {
    if (t >= silentFrom && t < silentTo) continue;
    items.push({ source: 'support', sourceId: `phone-${t}`, channel: 'phone', text: `Called about my order status (${new Date(t).toISOString()})`, createdAt: new Date(t).toISOString() });
  }
  for (let h = 0; h < 4; h++) {
    for (let i = 0; i < 6; i++) {
      const zh = i % 2 === 1;
      items.push({ source: 'complaint', sourceId: `rattle-${h}-${i}`, text: zh ? '搅拌机有异响 rattles' : 'The blender rattles loudly when it starts', product: { id: 'blender-b3', name: 'Blender B3' }, createdAt: new Date(rattleFrom + h * HOUR + i * 10 * 60_000).toISOString() });
    }
  }
  return items;
}

const ctx = useTestRoles(['api', 'processor']);
const api = () => ctx.roles.apiUrl!;

beforeAll(async () => {
  await seedThroughPipeline(ctx.t, api(), history());
}, 180_000);

type Group = { group: string | null; transitions: Array<{ at: string; state: string; reason: string }> };
const backtest = async (rule: object, days = 3) => {
  const r = await postJson(`${api()}/v1/alert-rules/backtest`, { rule, days });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body.groups as Group[];
};
const firings = (groups: Group[]) => groups.flatMap((g) => g.transitions.filter((t) => t.state === 'firing').map((t) => ({ group: g.group, at: t.at, reason: t.reason })));

describe('each rule type on the real index', () => {
  it('floor: NPS below 0 yesterday, and only then', async () => {
    expect(firings(await backtest({ type: 'floor', metric: 'nps', every: '1d', filters: { product: ['blender-b3'] } }))).toEqual([expect.objectContaining({ at: new Date(yesterday).toISOString(), reason: expect.stringMatching(/^nps -\d+(\.\d+)? over 40 responses in 1d, below the floor 0; p = /) })]);
  });

  it('drop: NPS down against the usual, yesterday', async () => {
    expect(firings(await backtest({ type: 'drop', metric: 'nps', every: '1d' }))).toEqual([expect.objectContaining({ at: new Date(yesterday).toISOString(), reason: expect.stringMatching(/^fall: nps/) })]);
  });

  it('threshold: a share above a value', async () => {
    expect(firings(await backtest({ type: 'threshold', metric: 'negativeShare', every: '1d', value: 0.5, filters: { source: ['survey'] } })).map((f) => f.at)).toEqual([new Date(yesterday).toISOString()]);
  });

  it('flatline: the phone channel silent, found once the silence is improbable (two an hour: about five hours), grouped by channel', async () => {
    const found = firings(await backtest({ type: 'flatline', every: '1h', groupBy: 'channel' }));
    expect(found).toHaveLength(1);
    expect(found[0]!.group).toBe('phone');
    const at = Date.parse(found[0]!.at);
    // exp(−2 × hours) falls below the hourly alpha (5.7e-5) after five silent hours.
    expect(at).toBe(silentFrom + 4 * HOUR);
    expect(found[0]!.reason).toMatch(/^silent: no items/);
  });

  it('emerging: a word never said before, in either language', async () => {
    for (const q of ['rattles', '异响']) {
      const found = firings(await backtest({ type: 'emerging', every: '1h', filters: { q } }));
      expect(found, q).toHaveLength(1);
      expect(Date.parse(found[0]!.at) - rattleFrom, q).toBeLessThan(2 * HOUR);
      expect(found[0]!.reason, q).toMatch(/^new: \d+ in 6h, absent from the \d+ earlier windows/);
    }
  });

  it('a spike of distinct customers or of value at risk needs customers: none here, so nothing fires', async () => {
    expect(firings(await backtest({ type: 'spike', direction: 'up', metric: 'customers', every: '1d' }))).toEqual([]);
    expect(firings(await backtest({ type: 'spike', direction: 'up', metric: 'valueAtRisk', every: '1d' }))).toEqual([]);
  });

  it('catches up the hours a scheduler missed, once', async () => {
    const created = await postJson(`${api()}/v1/alert-rules`, { type: 'flatline', every: '1h', groupBy: 'channel' });
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
      const evaluateAsOf = (asOf: number) => runAlertEvaluation({ id: 'x', data: { ruleId, version: 1, asOf } }, deps);
      // Before the silence; then nothing until two hours after it ended: the firing and the resolution in between are caught up.
      expect(await evaluateAsOf(silentFrom - HOUR + 60_000)).toMatchObject({ transitions: 0 });
      expect(await evaluateAsOf(silentTo + 2 * HOUR + 60_000)).toMatchObject({ transitions: 2 });
      expect(await evaluateAsOf(silentTo + 2 * HOUR + 60_000)).toMatchObject({ transitions: 0 });
    } finally {
      await es.close();
    }
    const states = (await getJson(`${api()}/v1/alert-rules/${ruleId}/alerts`)).body.transitions.map((t: { state: string; group: string }) => [t.state, t.group]);
    expect(states).toEqual([['resolved', 'phone'], ['firing', 'phone']]);
  });
});
