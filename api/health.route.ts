// Liveness and readiness. /healthz says the process serves HTTP; /readyz checks every
// server this process depends on, each with a short timeout, and names the failing one.
import express, { type Router } from 'express';
import type { Registry } from 'prom-client';

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

export function createHealthRouter(deps: { checks: ReadinessCheck[]; registry: Registry; timeoutMs?: number }): Router {
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
  return router;
}
