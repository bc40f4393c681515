// The scheduler's recurring job is registered once however many schedulers start, and
// running it twice leaves the same indices behind.
import { afterEach, describe, expect, it } from 'vitest';
import { createElasticsearchClient } from '../core/elasticsearch/elasticsearch.client.ts';
import { indexPattern, monthlyIndex } from '../core/names.ts';
import { ENSURE_INDICES_JOB, startSchedulerRole } from '../scheduler/scheduler.role.ts';
import { removeTestResources, testEnv, type TestEnv } from './support/test-env.ts';

let t: TestEnv | undefined;
afterEach(async () => {
  if (t) await removeTestResources(t);
  t = undefined;
});

describe('scheduler', () => {
  it('registers its recurring job once and the job is idempotent', async () => {
    t = testEnv();
    const a = await startSchedulerRole(t.config, { logger: t.logger });
    const b = await startSchedulerRole(t.config, { logger: t.logger });
    try {
      const repeatable = await a.queue.getRepeatableJobs();
      expect(repeatable.map((j) => j.name)).toEqual([ENSURE_INDICES_JOB]);

      const first = await a.queue.add(ENSURE_INDICES_JOB, {}, { jobId: `${t.id}-run-1` });
      const second = await a.queue.add(ENSURE_INDICES_JOB, {}, { jobId: `${t.id}-run-2` });
      const results = [await first.finished(), await second.finished()];
      const now = new Date();
      const next = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
      const expected = [monthlyIndex(t.config.elasticsearch.indexPrefix, now), monthlyIndex(t.config.elasticsearch.indexPrefix, next)];
      expect(results).toEqual([{ indices: expected }, { indices: expected }]);

      const es = createElasticsearchClient(t.config.elasticsearch);
      const indices = Object.keys(await es.indices.get({ index: indexPattern(t.config.elasticsearch.indexPrefix) })).sort();
      await es.close();
      expect(indices).toEqual(expected.sort());
    } finally {
      await a.queue.obliterate({ force: true });
      await b.stop();
      await a.stop();
    }
  });
});
