// Upgrading voc must not strand existing monthly indices on an older mapping: with strict
// mappings every document carrying a new field would be refused and dead-lettered.
import { afterEach, describe, expect, it } from 'vitest';
import { initInfrastructure } from '../cli/runtime.ts';
import { createElasticsearchClient } from '../core/elasticsearch/elasticsearch.client.ts';
import { runTrend } from '../analytics/trends.ts';
import { customerKey } from '../core/feedback/customer-key.ts';
import { readAlias } from '../core/names.ts';
import { resolveSpec, trendParamsSchema } from '../core/trends/metric-spec.ts';
import { createTextAnalyzer } from '../core/text/text-analyzer.ts';
import { backfillCustomerKeys, lacksCustomerKey } from '../scheduler/customer-key-backfill.job.ts';
import { removeTestResources, testEnv, type TestEnv } from './support/test-env.ts';

let t: TestEnv | undefined;
afterEach(async () => {
  if (t) await removeTestResources(t);
  t = undefined;
});

describe('index upgrade', () => {
  it('adds new fields to monthly indices created by an older version', async () => {
    t = testEnv();
    const es = createElasticsearchClient(t.config.elasticsearch);
    const old = `${t.config.elasticsearch.indexPrefix}-2025.01`;
    await es.indices.create({ index: old, mappings: { dynamic: 'strict', properties: { id: { type: 'keyword' }, text: { type: 'text', index: false } } } });
    await initInfrastructure(t.config, t.logger);
    const mapping = await es.indices.getMapping({ index: old });
    const fields = Object.keys(mapping[old]!.mappings.properties ?? {});
    expect(fields).toEqual(expect.arrayContaining(['issues', 'redactions', 'keyphrases', 'taxonomyVersion', 'sentiment']));
    await es.index({ index: old, id: 'x', document: { id: 'x', text: 'ok', redactions: { email: 1 }, keyphrases: ['late delivery'] }, refresh: true });
    await es.close();
  });

  it('gives existing and new monthly indices the configured refresh interval', async () => {
    t = testEnv({ ELASTICSEARCH_REFRESH_INTERVAL: '5s' });
    const es = createElasticsearchClient(t.config.elasticsearch);
    const old = `${t.config.elasticsearch.indexPrefix}-2025.01`;
    await es.indices.create({ index: old, settings: { refresh_interval: '1s' } });
    await initInfrastructure(t.config, t.logger);
    const settings = await es.indices.getSettings({ index: `${t.config.elasticsearch.indexPrefix}-*`, name: 'index.refresh_interval' });
    const intervals = Object.fromEntries(Object.entries(settings).map(([index, s]) => [index, s.settings?.index?.refresh_interval]));
    expect(Object.keys(intervals).length).toBeGreaterThanOrEqual(3);
    expect(new Set(Object.values(intervals))).toEqual(new Set(['5s']));
    await es.close();
  });

  it('gives items stored before customer keys existed their key, so distinct customers count them', async () => {
    t = testEnv();
    const es = createElasticsearchClient(t.config.elasticsearch);
    await initInfrastructure(t.config, t.logger);
    const index = `${t.config.elasticsearch.indexPrefix}-2026.03`;
    // 1,500 items of 300 customers as an older voc stored them: a customer id, no key.
    const customers = Array.from({ length: 300 }, (_, i) => `old-${i}`);
    const operations = Array.from({ length: 1500 }, (_, i) => [
      { index: { _index: index, _id: `item-${i}` } },
      { id: `item-${i}`, source: 'review', text: 'stored earlier', createdAt: new Date(Date.UTC(2026, 2, 1 + (i % 28), 12)).toISOString(), customer: { id: customers[(i * 7) % 300]! } },
    ]).flat();
    const bulk = await es.bulk({ operations, refresh: true });
    expect(bulk.errors).toBe(false);
    const deps = { client: es, index: readAlias(t.config.elasticsearch.indexPrefix), analyzer: createTextAnalyzer(), issues: async () => [] };
    const spec = resolveSpec(trendParamsSchema.parse({ metric: 'customers', from: '2026-03-01', to: '2026-03-29', tz: 'UTC', interval: 'week' }));
    // Before: none of them is counted (the figure stands on customer.key).
    expect((await runTrend(deps, spec)).total.summary.value).toBe(0);

    const done = await backfillCustomerKeys(undefined, { client: es, indexPrefix: t.config.elasticsearch.indexPrefix, logger: t.logger });
    expect(done).toEqual({ updated: 1500, total: 1500 });
    expect((await es.count({ index, query: lacksCustomerKey })).count).toBe(0);
    const { _source } = await es.get<{ customer: { id: string; key: number } }>({ index, id: 'item-7' });
    expect(_source!.customer.key).toBe(customerKey(_source!.customer.id));
    const trend = await runTrend(deps, spec);
    expect(trend.total.summary.value).toBe(300);
    // Each week's point: the distinct customers of that week's items, counted here.
    const weekly = new Map<string, Set<string>>();
    for (let i = 0; i < 1500; i++) {
      const day = 1 + (i % 28);
      const week = trend.total.points.filter((p) => p.t.slice(0, 10) <= `2026-03-${String(day).padStart(2, '0')}`).at(-1)!.t;
      weekly.set(week, (weekly.get(week) ?? new Set()).add(customers[(i * 7) % 300]!));
    }
    expect(trend.total.points.map((p) => p.value)).toEqual(trend.total.points.map((p) => weekly.get(p.t)?.size ?? 0));
    // A second run finds nothing to do.
    expect(await backfillCustomerKeys(undefined, { client: es, indexPrefix: t.config.elasticsearch.indexPrefix, logger: t.logger })).toEqual({ updated: 0, total: 0 });
    await es.close();
  });
});
