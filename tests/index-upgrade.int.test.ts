// Upgrading voc must not strand existing monthly indices on an older mapping: with strict
// mappings every document carrying a new field would be refused and dead-lettered.
import { afterEach, describe, expect, it } from 'vitest';
import { initInfrastructure } from '../cli/runtime.ts';
import { createElasticsearchClient } from '../core/elasticsearch/elasticsearch.client.ts';
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
});
