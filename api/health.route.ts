// Liveness and readiness. /healthz says the process serves HTTP; /readyz checks every
// server this process depends on, each with a short timeout, and names the failing one.
import express from 'express';
import type { Registry } from 'prom-client';
import { describedRouter, type DescribedRouter, type Operation } from '../core/http/operation.ts';

export type ReadinessCheck = { name: string; check: () => Promise<unknown> };

async function timed(check: ReadinessCheck, timeoutMs: number) {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    });
    await Promise.race([check.check(), timeout]);
    return { name: check.name, status: 'up' as const, ms: Math.round(performance.now() - started) };
  } catch (error) {
    return { name: check.name, status: 'down' as const, ms: Math.round(performance.now() - started), error: (error as Error).message };
  } finally {
    clearTimeout(timer);
  }
}

const checkResult = { type: 'object', required: ['name', 'status', 'ms'], properties: { name: { type: 'string' }, status: { enum: ['up', 'down'] }, ms: { type: 'integer' }, error: { type: 'string' } } };

export const healthOperations: Operation[] = [
  { id: 'liveness', method: 'get', path: '/healthz', tag: 'Operations', summary: 'Liveness: the process serves HTTP', permission: null, ok: { status: 200, description: 'alive', schema: { type: 'object', required: ['status', 'uptimeSeconds'], properties: { status: { const: 'ok' }, uptimeSeconds: { type: 'integer' } } } } },
  {
    id: 'readiness',
    method: 'get',
    path: '/readyz',
    tag: 'Operations',
    summary: 'Readiness: every server this process depends on answers',
    description: 'Kafka, Elasticsearch and Redis are each checked with a 2 s timeout, and in a process running the processor whether its chunk in progress has waited too long to commit (PROCESSOR_STALL_S). A failed check answers 503 with Retry-After, naming it in the same body.',
    permission: null,
    ok: {
      status: 200,
      description: 'every check is up',
      schema: { type: 'object', required: ['status', 'checks'], properties: { status: { enum: ['ready', 'not-ready'] }, checks: { type: 'array', items: checkResult } } },
      sameBodyWith: { 503: 'a check failed (Retry-After: 5)' },
    },
  },
  { id: 'metrics', method: 'get', path: '/metrics', tag: 'Operations', summary: 'Prometheus metrics', permission: null, ok: { status: 200, description: 'the Prometheus text format', schema: { type: 'string' }, mediaTypes: ['text/plain'] } },
];

export function createHealthRouter(deps: { checks: ReadinessCheck[]; registry: Registry; timeoutMs?: number }): DescribedRouter {
  const router = express.Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', uptimeSeconds: Math.round(process.uptime()) });
  });
  router.get('/readyz', async (_req, res) => {
    const results = await Promise.all(deps.checks.map((c) => timed(c, deps.timeoutMs ?? 2000)));
    const ready = results.every((r) => r.status === 'up');
    if (!ready) res.set('Retry-After', '5');
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not-ready', checks: results });
  });
  router.get('/metrics', async (_req, res) => {
    res.type(deps.registry.contentType).send(await deps.registry.metrics());
  });
  return describedRouter(router, healthOperations);
}
