// Starts the local stack once per test run (or reuses servers named by KAFKA_BROKERS,
// ELASTICSEARCH_URL, REDIS_URL or already running), shares the endpoints with the tests
// and stops afterwards only what it started.
import type { TestProject } from 'vitest/node';
import { loadConfig } from '../../core/config/config.ts';
import { createElasticsearchClient } from '../../core/elasticsearch/elasticsearch.client.ts';
import { createLogger } from '../../core/observability/logger.ts';
import { stackDown, stackUp, type ServiceName } from '../../stack/stack.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    stackEnv: Record<string, string>;
    managedServices: ServiceName[];
  }
}

type Shared = {
  users: number;
  ready: Promise<{ stackEnv: Record<string, string>; managed: ServiceName[]; finish: () => Promise<void> }>;
};
// The integration and fault projects each name this setup; vitest runs both in its own
// process, so they share one stack through the process: the first starts it (or finds it),
// the last one to finish checks for leftovers and stops what was started.
const SHARED = Symbol.for('voc.test-stack');
const registry = globalThis as unknown as Record<symbol, Shared | undefined>;

async function start(): Promise<Awaited<Shared['ready']>> {
  const config = loadConfig(process.env);
  const logger = createLogger({ level: process.env.LOG_LEVEL ?? 'warn', name: 'test-stack' });
  const started = performance.now();
  const up = await stackUp(config, { logger });
  process.stderr.write(`test stack ready in ${((performance.now() - started) / 1000).toFixed(1)} s (started: ${up.started.join(', ') || 'none'})\n`);
  const stackEnv: Record<string, string> = {
    KAFKA_BROKERS: up.endpoints.kafkaBrokers.join(','),
    ELASTICSEARCH_URL: up.endpoints.elasticsearchUrl,
    REDIS_URL: up.endpoints.redisUrl,
  };
  for (const [k, v] of Object.entries(process.env)) if (k.startsWith('STACK_') && v) stackEnv[k] = v;
  // Every test removes what it created; indices of test prefixes that appeared during the
  // run and are still there at the end mean a test did not, and fail the run.
  const es = createElasticsearchClient({ ...config.elasticsearch, url: up.endpoints.elasticsearchUrl });
  const testIndices = async () => new Set(Object.keys(await es.indices.get({ index: 't*', expand_wildcards: 'all', allow_no_indices: true })).filter((i) => /^t[0-9a-f]{8}-/.test(i)));
  const before = await testIndices();
  return {
    stackEnv,
    managed: up.services.filter((s) => s.ours).map((s) => s.name),
    async finish() {
      const left = [...(await testIndices())].filter((i) => !before.has(i));
      await es.close();
      if (process.env.VOC_TEST_KEEP_STACK !== '1') await stackDown(config, { logger, only: up.started });
      if (left.length) throw new Error(`integration tests left ${left.length} indices behind: ${left.sort().join(', ')}`);
    },
  };
}

export default async function setup(project: TestProject) {
  const shared = (registry[SHARED] ??= { users: 0, ready: start() });
  shared.users += 1;
  const { stackEnv, managed, finish } = await shared.ready;
  project.provide('stackEnv', stackEnv);
  project.provide('managedServices', managed);
  return async () => {
    shared.users -= 1;
    if (shared.users > 0) return;
    registry[SHARED] = undefined;
    await finish();
  };
}
