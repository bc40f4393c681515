// The whole path on real servers: POST /v1/feedback → Kafka → processor → Elasticsearch
// → search API, plus what must not happen when the input is bad.
import { describe, expect, it } from 'vitest';
import { createKafka } from '../core/kafka/kafka.client.ts';
import { rawTopics } from '../core/names.ts';
import { makeFeedback } from './support/factories.ts';
import { auth, getJson, indexedIds, postJson, waitFor, type TestEnv } from './support/test-env.ts';
import { useTestRoles } from './support/test-roles.ts';
import { createElasticsearchClient } from '../core/elasticsearch/elasticsearch.client.ts';

async function rawMessageCount(t: TestEnv): Promise<number> {
  const admin = createKafka(t.config.kafka, t.logger).admin();
  await admin.connect();
  try {
    let n = 0;
    for (const topic of rawTopics(t.config.kafka.topicPrefix)) {
      for (const p of await admin.fetchTopicOffsets(topic)) n += Number(p.high) - Number(p.low);
    }
    return n;
  } finally {
    await admin.disconnect();
  }
}


const ctx = useTestRoles(['api', 'processor']);

describe('feedback API on the real stack', () => {
  it('makes a posted item searchable with its tags within 5 seconds', async () => {
    const { t } = ctx;
    const api = ctx.roles.apiUrl!;
    const item = makeFeedback(1, { sourceId: 'searchable-1', text: 'The delivery was late and the parcel arrived crushed.' });
    const posted = await postJson(`${api}/v1/feedback`, item);
    expect(posted.status).toBe(202);
    expect(posted.body.ids).toHaveLength(1);
    const id = posted.body.ids[0];
    const started = Date.now();
    const found = await waitFor(
      async () => {
        const r = await getJson(`${api}/v1/feedback/search?q=${encodeURIComponent('late delivery')}&source=${item.source}`);
        return r.body.items?.find((x: { id: string }) => x.id === id);
      },
      { timeoutMs: 5000, intervalMs: 100, what: 'the posted item in search results' },
    );
    expect(Date.now() - started).toBeLessThan(5000);
    expect(found.language).toBe('en');
    expect(found.sentiment.label).toBe('negative');
    expect(found.text).toBe(item.text);
    expect(found.highlights.join(' ')).toContain('<em>late</em>');
    const one = await getJson(`${api}/v1/feedback/${id}`);
    expect(one.status).toBe(200);
    expect(one.body.id).toBe(id);
  });

  it('refuses an invalid batch whole with every problem, and nothing reaches Kafka or Elasticsearch', async () => {
    const { t } = ctx;
    const api = ctx.roles.apiUrl!;
    const before = await rawMessageCount(t);
    const batch = [
      makeFeedback(10, { sourceId: 'invalid-batch-ok' }),
      { ...makeFeedback(11), text: '   ' },
      { ...makeFeedback(12), rating: 9, colour: 'red' },
    ];
    const res = await postJson(`${api}/v1/feedback`, batch);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ index: 1, path: 'text' }),
        expect.objectContaining({ index: 2, path: 'rating' }),
        expect.objectContaining({ index: 2, message: expect.stringContaining('colour') }),
      ]),
    );
    expect(res.body.errors.some((e: { index: number }) => e.index === 0)).toBe(false);
    const malformed = await postJson(`${api}/v1/feedback`, '{"source": "review", "text": ');
    expect(malformed.status).toBe(400);
    expect(malformed.body.type).toBe('urn:voc:problem:invalid-json');
    // Give a wrongly accepted item time to travel, then check both ends.
    await new Promise((r) => setTimeout(r, 1500));
    expect(await rawMessageCount(t)).toBe(before);
    const ids = await indexedIds(t);
    const probe = await postJson(`${api}/v1/feedback`, makeFeedback(10, { sourceId: 'invalid-batch-ok' }));
    expect(ids.has(probe.body.ids[0])).toBe(false);
  });

  it('refuses createdAt outside 2000 to tomorrow, so no client can make an index for a month it invents', async () => {
    const { t } = ctx;
    const api = ctx.roles.apiUrl!;
    const months = Array.from({ length: 120 }, (_, i) => new Date(Date.UTC(1950 + i * 2, i % 12, 1)).toISOString());
    const res = await postJson(`${api}/v1/feedback`, months.map((createdAt, i) => makeFeedback(500 + i, { createdAt })));
    expect(res.status).toBe(400);
    const refused = new Set<number>(res.body.errors.filter((e: { path: string }) => e.path === 'createdAt').map((e: { index: number }) => e.index));
    const outside = months.flatMap((m, i) => (Date.parse(m) < Date.UTC(2000, 0, 1) || Date.parse(m) > Date.now() + 86_400_000 ? [i] : []));
    expect([...refused].sort((a, b) => a - b)).toEqual(outside);
    await new Promise((r) => setTimeout(r, 1000));
    const es = createElasticsearchClient(t.config.elasticsearch);
    const indices = Object.keys(await es.indices.get({ index: `${t.config.elasticsearch.indexPrefix}-*`, allow_no_indices: true, ignore_unavailable: true }));
    await es.close();
    expect(indices.filter((name) => /-(19\d\d|2[1-9]\d\d)\./.test(name))).toEqual([]);
  });

  it('stores a re-sent batch once, with facets and pages over the result', async () => {
    const { t } = ctx;
    const api = ctx.roles.apiUrl!;
    const batch = Array.from({ length: 30 }, (_, i) => makeFeedback(100 + i));
    const first = await postJson(`${api}/v1/feedback`, batch);
    const again = await postJson(`${api}/v1/feedback`, batch);
    expect(first.status).toBe(202);
    expect(again.body.ids).toEqual(first.body.ids);
    await waitFor(async () => {
      const ids = await indexedIds(t);
      return first.body.ids.every((id: string) => ids.has(id));
    }, { timeoutMs: 15_000, what: 'the batch to be indexed' });
    const ids = await indexedIds(t);
    for (const id of first.body.ids) expect(ids.get(id)).toBe(1);

    const page1 = await getJson(`${api}/v1/feedback/search?productName=Aurora%20Phone&pageSize=5&sort=oldest`);
    expect(page1.status).toBe(200);
    expect(page1.body.items).toHaveLength(5);
    expect(page1.body.items.every((x: { product: { name: string } }) => x.product.name === 'Aurora Phone')).toBe(true);
    expect(page1.body.facets.language.map((f: { value: string }) => f.value).sort()).toEqual(['en', 'zh']);
    expect(page1.body.links.next).toContain('page=2');
    const page2 = await getJson(`${api}${page1.body.links.next}`);
    expect(page2.body.items[0].id).not.toBe(page1.body.items[0].id);

    const chinese = await getJson(`${api}/v1/feedback/search?q=${encodeURIComponent('充电口')}`);
    expect(chinese.body.total).toBeGreaterThan(0);
    expect(chinese.body.items.every((x: { language: string }) => x.language === 'zh')).toBe(true);
  });

  it('answers bad search parameters and unknown ids with problem details', async () => {
    const { t } = ctx;
    const api = ctx.roles.apiUrl!;
    const bad = await getJson(`${api}/v1/feedback/search?pageSize=500&source=fax`);
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['pageSize', 'source']);
    const missing = await getJson(`${api}/v1/feedback/${'0'.repeat(32)}`);
    expect(missing.status).toBe(404);
  });

  it('stores corrections and exports them as training data', async () => {
    const { t } = ctx;
    const api = ctx.roles.apiUrl!;
    const posted = await postJson(`${api}/v1/feedback`, makeFeedback(300, { sourceId: 'label-me', text: 'Fine I guess. Mail me at jo@example.com' }));
    const id = posted.body.ids[0];
    await waitFor(async () => (await indexedIds(t)).has(id), { timeoutMs: 10_000, what: 'the item indexed' });
    const bad = await postJson(`${api}/v1/feedback/${id}/labels`, { task: 'sentiment', label: 'meh' });
    expect(bad.status).toBe(400);
    const missing = await postJson(`${api}/v1/feedback/${'f'.repeat(32)}/labels`, { task: 'sentiment', label: 'neutral' });
    expect(missing.status).toBe(404);
    const saved = await postJson(`${api}/v1/feedback/${id}/labels`, { task: 'sentiment', label: 'neutral', by: 'cx-lead' });
    expect(saved.status).toBe(201);
    const csv = await (await fetch(`${api}/v1/labels/export?task=sentiment`, { headers: auth() })).text();
    expect(csv.split('\n')[0]).toBe('feedbackId,text,label,language');
    expect(csv).toContain(`${id},Fine I guess. Mail me at [EMAIL],neutral,en`);
    expect(csv).not.toContain('jo@example.com');
  });

  it('reports readiness of every server and exposes metrics', async () => {
    const { t } = ctx;
    const api = ctx.roles.apiUrl!;
    const ready = await getJson(`${api}/readyz`);
    expect(ready.status).toBe(200);
    expect(ready.body.checks.map((c: { name: string; status: string }) => `${c.name}:${c.status}`).sort()).toEqual([
      'elasticsearch:up',
      'kafka:up',
      'processor:up',
      'redis:up',
    ]);
    const metrics = await (await fetch(`${api}/metrics`)).text();
    expect(metrics).toMatch(/voc_feedback_accepted_total\{source="review",via="api"\} \d+/);
    expect(metrics).toContain('voc_processor_messages_total{outcome="indexed"}');
  });
});
