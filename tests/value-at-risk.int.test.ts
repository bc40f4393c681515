// Value at risk on the real index where the customers followed one by one matter: more
// at-risk customers than a point of a series follows (its 100 most valuable), some of them
// complaining several times a day. Items are bulk-indexed as stored documents, so that
// the test decides every customer's value and every item's day.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTrend } from '../analytics/trends.ts';
import { initInfrastructure } from '../cli/runtime.ts';
import { createElasticsearchClient } from '../core/elasticsearch/elasticsearch.client.ts';
import { customerKey } from '../core/feedback/customer-key.ts';
import { readAlias } from '../core/names.ts';
import { resolveSpec, trendParamsSchema } from '../core/trends/metric-spec.ts';
import { POINT_RISKIEST, RISKIEST } from '../core/trends/value-at-risk.ts';
import { createTextAnalyzer } from '../core/text/text-analyzer.ts';
import { removeTestResources, testEnv, type TestEnv } from './support/test-env.ts';

const t: TestEnv = testEnv();
const es = createElasticsearchClient(t.config.elasticsearch);
const value = (i: number) => 10_000 - 10 * i;
const customer = (i: number) => `vr-${String(i).padStart(3, '0')}`;
type Item = { customer: number; day: number };

// 150 at-risk customers, the most valuable first. On 9 March the first ten complain
// twice and customers 100–149 once; on 10 March every customer complains once, and the
// first ten and customers 120–129 three times.
const items: Item[] = [
  ...Array.from({ length: 10 }, (_, i) => [{ customer: i, day: 9 }, { customer: i, day: 9 }]).flat(),
  ...Array.from({ length: 50 }, (_, i) => ({ customer: 100 + i, day: 9 })),
  ...Array.from({ length: 150 }, (_, i) => ({ customer: i, day: 10 })),
  ...[...Array.from({ length: 10 }, (_, i) => i), ...Array.from({ length: 10 }, (_, i) => 120 + i)].flatMap((c) => [{ customer: c, day: 10 }, { customer: c, day: 10 }]),
];

beforeAll(async () => {
  await initInfrastructure(t.config, t.logger);
  const index = `${t.config.elasticsearch.indexPrefix}-2026.03`;
  const operations = items.flatMap((item, k) => [
    { index: { _index: index, _id: `vr-item-${k}` } },
    {
      id: `vr-item-${k}`,
      source: 'complaint',
      text: 'it broke again',
      createdAt: new Date(Date.UTC(2026, 2, item.day, 8 + (k % 10))).toISOString(),
      customer: { id: customer(item.customer), key: customerKey(customer(item.customer)), lifetimeValue: value(item.customer) },
      sentiment: { label: 'negative', score: -0.8 },
    },
  ]);
  const bulk = await es.bulk({ operations, refresh: true });
  expect(bulk.errors).toBe(false);
});

afterAll(async () => {
  await removeTestResources(t);
  await es.close();
});

describe('value at risk with more at-risk customers than a point follows', () => {
  it('is exact for the period, exact on a day where only the followed repeat, and an estimate flagged as such where others repeat', async () => {
    // The scenario needs customers 100–149 beyond the ones a point follows, and all 150 followed for the period.
    expect(POINT_RISKIEST).toBeLessThanOrEqual(100);
    expect(RISKIEST).toBeGreaterThanOrEqual(150);
    const deps = { client: es, index: readAlias(t.config.elasticsearch.indexPrefix), analyzer: createTextAnalyzer(), issues: async () => [] };
    const spec = resolveSpec(trendParamsSchema.parse({ metric: 'valueAtRisk', from: '2026-03-09', to: '2026-03-10', tz: 'UTC', interval: 'day' }));
    const trend = await runTrend(deps, spec);
    const sum = (cs: number[]) => cs.reduce((a, c) => a + value(c), 0);
    const everyone = Array.from({ length: 150 }, (_, i) => i);

    // The period: all 150 are among the followed, so each counts once, at their value.
    expect(trend.total.summary).toEqual({ value: sum(everyone), n: 150 });

    const [ninth, tenth] = trend.total.points;
    // 9 March: the ten who repeat are followed; the 50 others have one item each.
    const on9 = [...Array.from({ length: 10 }, (_, i) => i), ...Array.from({ length: 50 }, (_, i) => 100 + i)];
    expect(ninth).toEqual({ t: '2026-03-09T00:00:00Z', value: sum(on9), n: 60 });

    // 10 March: customers 120–129 repeat but are not followed point by point: the 50
    // customers beyond the first 100 are estimated as their items' mean value × their
    // number (70 items, 50 customers), and the point says it is an estimate.
    const others = items.filter((i) => i.day === 10 && i.customer >= 100);
    expect(others).toHaveLength(70);
    const estimate = sum(everyone.slice(0, 100)) + (others.reduce((a, i) => a + value(i.customer), 0) / 70) * 50;
    expect(tenth!.t).toBe('2026-03-10T00:00:00Z');
    expect(tenth!.approximate).toBe(true);
    expect(tenth!.n).toBe(150);
    expect(tenth!.value).toBeCloseTo(estimate, 6);
    // The estimate is close to the exact figure, which counts each customer once.
    expect(Math.abs(tenth!.value! - sum(everyone)) / sum(everyone)).toBeLessThan(0.01);
  });
});
