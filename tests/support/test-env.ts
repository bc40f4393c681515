// Per-test isolation on shared servers: every test gets its own topic prefix, index
// prefix, consumer group and queue prefix, and removes them when it is done.
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { isolatedPrefixes, removeInfrastructure } from '../../cli/runtime.ts';
import { loadConfig, type Config } from '../../core/config/config.ts';
import { createElasticsearchClient } from '../../core/elasticsearch/elasticsearch.client.ts';
import { readAlias } from '../../core/names.ts';
import { createLogger, type Logger } from '../../core/observability/logger.ts';
import type { FeedbackDocument } from '../../core/feedback/feedback-document.ts';

export type TestEnv = { id: string; env: Record<string, string>; config: Config; logger: Logger };

export function testEnv(overrides: Record<string, string> = {}): TestEnv {
  const id = `t${randomBytes(4).toString('hex')}`;
  const env: Record<string, string> = {
    ...inject('stackEnv'),
    NODE_ENV: 'test',
    LOG_LEVEL: 'error',
    ...isolatedPrefixes(id),
    API_PORT: '0',
    KAFKA_SESSION_TIMEOUT_MS: '6000',
    PROCESSOR_RETRY_MIN_MS: '100',
    PROCESSOR_RETRY_MAX_MS: '1000',
    METRICS_DEFAULT: 'false',
    ...overrides,
  };
  const config = loadConfig(env);
  return { id, env, config, logger: createLogger({ level: env.LOG_LEVEL!, name: id }) };
}

/** Removes everything the test created (see removeInfrastructure); a failure fails the test file. */
export async function removeTestResources(t: TestEnv): Promise<void> {
  await removeInfrastructure(t.config, t.logger);
}

export async function waitFor<T>(probe: () => Promise<T | undefined | false>, opts: { timeoutMs: number; intervalMs?: number; what: string }): Promise<T> {
  const deadline = Date.now() + opts.timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, opts.intervalMs ?? 200));
  }
  throw new Error(`timed out after ${opts.timeoutMs} ms waiting for ${opts.what}${last ? ` (last error: ${(last as Error).message})` : ''}`);
}

/** Every indexed document id (with how often each occurs across indices) under the test's alias. */
export async function indexedIds(t: TestEnv): Promise<Map<string, number>> {
  const es = createElasticsearchClient(t.config.elasticsearch);
  try {
    await es.indices.refresh({ index: readAlias(t.config.elasticsearch.indexPrefix), ignore_unavailable: true, allow_no_indices: true });
    const counts = new Map<string, number>();
    let searchAfter: unknown[] | undefined;
    for (;;) {
      const page = await es.search<FeedbackDocument>({
        index: readAlias(t.config.elasticsearch.indexPrefix),
        ignore_unavailable: true,
        allow_no_indices: true,
        size: 5000,
        _source: ['id'],
        sort: [{ id: 'asc' }, { _index: 'asc' } as never],
        ...(searchAfter ? { search_after: searchAfter as never } : {}),
      });
      for (const h of page.hits.hits) counts.set(h._id!, (counts.get(h._id!) ?? 0) + 1);
      if (page.hits.hits.length < 5000) return counts;
      searchAfter = page.hits.hits.at(-1)!.sort as unknown[];
    }
  } finally {
    await es.close();
  }
}

// The API key requests of this test file carry unless they give their own (set by useTestRoles;
// vitest runs each test file in a module scope of its own).
let token: string | undefined;
export function useApiToken(value: string | undefined): void {
  token = value;
}
/** `authorization` for the test file's key, to spread into the headers of a plain fetch. */
export function auth(): Record<string, string> {
  return token ? { authorization: `Bearer ${token}` } : {};
}

export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...auth(), ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
}

export async function getJson(url: string, headers: Record<string, string> = {}) {
  const res = await fetch(url, { headers: { ...auth(), ...headers } });
  return { status: res.status, headers: res.headers, body: await res.json() };
}
