// Nothing accepted is lost or duplicated when a server goes away mid-stream: every id
// the API or the publisher acknowledged ends up indexed exactly once.
import { afterEach, describe, expect, inject, it } from 'vitest';
import { createApiKey, openPublisher, startRoles, type RunningRoles } from '../cli/runtime.ts';
import { parseFeedback, type Feedback } from '../core/feedback/feedback.schema.ts';
import { loadConfig } from '../core/config/config.ts';
import { createElasticsearchClient } from '../core/elasticsearch/elasticsearch.client.ts';
import { indexPattern } from '../core/names.ts';
import { startService, stopService } from '../stack/stack.ts';
import { makeFeedback } from './support/factories.ts';
import { spawnVoc, type VocProcess } from './support/cli-process.ts';
import { indexedIds, postJson, removeTestResources, testEnv, useApiToken, waitFor, type TestEnv } from './support/test-env.ts';

const managed = inject('managedServices');
let t: TestEnv | undefined;
let roles: RunningRoles | undefined;
const children: VocProcess[] = [];

afterEach(async () => {
  for (const c of children.splice(0)) if (c.child.exitCode === null && c.child.signalCode === null) c.child.kill('SIGKILL');
  await roles?.stop();
  roles = undefined;
  if (t) await removeTestResources(t);
  t = undefined;
});

function feedbackBatch(start: number, n: number): Feedback[] {
  return Array.from({ length: n }, (_, i) => {
    const r = parseFeedback(makeFeedback(start + i, { sourceId: `fault-${start + i}` }));
    if (!r.ok) throw new Error('fixture invalid');
    return r.feedback;
  });
}

async function setWriteBlock(env: TestEnv, blocked: boolean) {
  const es = createElasticsearchClient(env.config.elasticsearch);
  await es.indices.putSettings({ index: indexPattern(env.config.elasticsearch.indexPrefix), settings: { 'index.blocks.read_only_allow_delete': blocked ? true : null } });
  await es.close();
}

function expectExactlyOnce(indexed: Map<string, number>, accepted: Set<string>) {
  const missing = [...accepted].filter((id) => !indexed.has(id));
  const duplicated = [...indexed].filter(([, n]) => n > 1).map(([id]) => id);
  const unexpected = [...indexed.keys()].filter((id) => !accepted.has(id));
  expect({ missing: missing.length, duplicated: duplicated.length, unexpected: unexpected.length }).toEqual({ missing: 0, duplicated: 0, unexpected: 0 });
}

describe('fault tolerance on the real stack', () => {
  it.skipIf(!managed.includes('elasticsearch'))(
    'indexes every accepted item exactly once when Elasticsearch stops mid-stream and comes back, and no route answers the outage with a 500 (skipped when Elasticsearch is not started by voc stack)',
    async () => {
      t = testEnv();
      const stackConfig = loadConfig(Object.fromEntries(Object.entries(t.env).filter(([k]) => k.startsWith('STACK_'))));
      roles = await startRoles(t.config, ['api', 'processor'], { logger: t.logger });
      useApiToken(await createApiKey(t.config, { name: 'ingest', role: 'ingest', createdBy: 'tests' }));
      const admin = { authorization: `Bearer ${await createApiKey(t.config, { name: 'admin', role: 'admin', createdBy: 'tests' })}` };
      // Known to the API before the outage (a key it never saw cannot be checked while Elasticsearch is away).
      expect((await fetch(`${roles.apiUrl}/v1/taxonomy`, { headers: admin })).status).toBe(200);
      const accepted = new Set<string>();
      const send = async (from: number) => {
        const res = await postJson(`${roles!.apiUrl}/v1/feedback`, feedbackBatch(from, 25));
        expect(res.status).toBe(202);
        for (const id of res.body.ids) accepted.add(id);
      };
      for (let b = 0; b < 8; b++) await send(b * 25);
      await stopService(stackConfig, 'elasticsearch', { logger: t.logger });
      // Kafka still takes feedback while Elasticsearch is away.
      for (let b = 8; b < 20; b++) await send(b * 25);
      // Every route answers the outage with a 503 and Retry-After (or a 4xx before it needs
      // Elasticsearch), never a 500.
      const answers: string[] = [];
      for (const route of roles.apiRoutes!) {
        const hasBody = route.method === 'POST' || route.method === 'PUT';
        const r = await fetch(`${roles.apiUrl}${route.path.replace(/:(\w+)/g, 'x')}`, { method: route.method, headers: { ...admin, ...(hasBody ? { 'content-type': 'application/json' } : {}) }, ...(hasBody ? { body: '{}' } : {}) });
        await r.text();
        if (r.status >= 500 && !(r.status === 503 && r.headers.get('retry-after'))) answers.push(`${route.method} ${route.path}: ${r.status}${r.status === 503 ? ' without Retry-After' : ''}`);
      }
      expect(answers).toEqual([]);
      await new Promise((r) => setTimeout(r, 2000));
      await startService(stackConfig, 'elasticsearch', { logger: t.logger });
      for (let b = 20; b < 24; b++) await send(b * 25);
      await waitFor(async () => (await indexedIds(t!)).size >= accepted.size, { timeoutMs: 60_000, intervalMs: 500, what: 'all accepted items indexed' });
      expect(accepted.size).toBe(600);
      expectExactlyOnce(await indexedIds(t), accepted);
    },
    240_000,
  );

  it('indexes every published item exactly once when the processor is killed mid-batch and restarted', async () => {
    t = testEnv({ PROCESSOR_BATCH_SIZE: '20', PROCESSOR_REFRESH: 'true' });
    const publisher = await openPublisher(t.config, t.logger);
    const items = feedbackBatch(0, 2000);
    const ids = new Set<string>();
    for (let i = 0; i < items.length; i += 500) for (const p of await publisher.publish(items.slice(i, i + 500), 'import')) ids.add(p.id);
    await publisher.close();

    const first = spawnVoc(['serve', '--roles', 'processor'], t.env);
    children.push(first);
    const seen = await waitFor(async () => {
      const n = (await indexedIds(t!)).size;
      return n >= 100 ? n : undefined;
    }, { timeoutMs: 60_000, intervalMs: 50, what: 'the first processor to index some items' });
    // Make Elasticsearch answer 429 (as at the flood-stage disk watermark) so that the
    // processor is surely inside a chunk, retrying, when it is killed.
    await setWriteBlock(t, true);
    await new Promise((r) => setTimeout(r, 1500));
    first.child.kill('SIGKILL');
    const exit = await first.exited;
    expect(exit.signal).toBe('SIGKILL');
    expect(seen).toBeLessThan(ids.size);
    await setWriteBlock(t, false);

    const second = spawnVoc(['serve', '--roles', 'processor'], t.env);
    children.push(second);
    await waitFor(async () => (await indexedIds(t!)).size >= ids.size, { timeoutMs: 90_000, intervalMs: 500, what: `all ${ids.size} items indexed after restart` });
    second.child.kill('SIGTERM');
    expect((await second.exited).code).toBe(0);
    expectExactlyOnce(await indexedIds(t), ids);
  });

  it('stops cleanly on SIGTERM: finishes its chunk, commits, and a restart does not start over', async () => {
    // info level: the processes' final "processor stopped" lines carry their counts.
    t = testEnv({ PROCESSOR_BATCH_SIZE: '20', PROCESSOR_REFRESH: 'true', LOG_LEVEL: 'info' });
    const publisher = await openPublisher(t.config, t.logger);
    const ids = new Set((await publisher.publish(feedbackBatch(5000, 600), 'import')).map((p) => p.id));
    await publisher.close();
    const first = spawnVoc(['serve', '--roles', 'processor'], t.env);
    children.push(first);
    await waitFor(async () => (await indexedIds(t!)).size >= 60, { timeoutMs: 60_000, intervalMs: 50, what: 'some items indexed' });
    first.child.kill('SIGTERM');
    expect((await first.exited).code).toBe(0);
    expect(first.output()).toContain('processor stopped');
    const second = spawnVoc(['serve', '--roles', 'processor'], t.env);
    children.push(second);
    await waitFor(async () => (await indexedIds(t!)).size >= ids.size, { timeoutMs: 60_000, intervalMs: 500, what: 'the rest indexed' });
    second.child.kill('SIGTERM');
    await second.exited;
    expectExactlyOnce(await indexedIds(t), ids);
    // What the first process indexed was committed: the second one did only the rest.
    const indexedBy = (p: VocProcess) => Number(/"indexed":(\d+)[^\n]*"msg":"processor stopped"/.exec(p.output())?.[1]);
    expect(indexedBy(first)).toBeGreaterThan(0);
    expect(indexedBy(first) + indexedBy(second)).toBe(ids.size);
  });
});
