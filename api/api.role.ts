// Assembles the API role: the express app with the given routers, listening on the
// configured host and port. The caller supplies routers and readiness checks; the health
// probes and the app's own description (/openapi.json and /reference, made from the
// operations every router carries) are added here, before the guard.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RequestHandler } from 'express';
import type { ApiConfig } from '../core/config/config.ts';
import type { DescribedRouter } from '../core/http/operation.ts';
import type { Logger } from '../core/observability/logger.ts';
import type { Metrics } from '../core/observability/metrics.ts';
import { createApp, listRoutes } from './app.ts';
import { createConsoleRouter } from './console.route.ts';
import { createHealthRouter, type ReadinessCheck } from './health.route.ts';
import { createOpenApiRouter } from './openapi.route.ts';

export type ApiAppDeps = { logger: Logger; metrics: Metrics; guard?: RequestHandler[]; routers: DescribedRouter[]; checks: ReadinessCheck[] };

/** The API's app, not yet listening, and its OpenAPI document. */
export function createApiApp(config: Pick<ApiConfig, 'publicUrl'>, deps: ApiAppDeps) {
  const health = createHealthRouter({ checks: deps.checks, registry: deps.metrics.registry });
  const consoleRouters = deps.guard ? [createConsoleRouter({ guard: deps.guard })] : [];
  const openApi = createOpenApiRouter([health, ...consoleRouters, ...deps.routers].flatMap((r) => r.operations), { serverUrl: config.publicUrl });
  const app = createApp({
    logger: deps.logger,
    metrics: deps.metrics,
    publicRouters: [health, openApi, ...consoleRouters],
    guard: deps.guard,
    routers: deps.routers,
  });
  return { app, document: openApi.document };
}

export async function startApiRole(config: ApiConfig, deps: ApiAppDeps) {
  const { app } = createApiApp(config, deps);
  const server: Server = await new Promise((resolve, reject) => {
    const s = app.listen(config.port, config.host, (error?: Error) => (error ? reject(error) : resolve(s)));
  });
  // Idle keep-alive connections outlive the clients' and proxies' own idle timeouts (about
  // 4 s for Node's fetch, 60 s for common load balancers), so the client always closes
  // first: a server closing first races the client's next request into ECONNRESET.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  const { port } = server.address() as AddressInfo;
  const url = config.publicUrl ?? `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  deps.logger.info({ role: 'api', url }, 'API listening');
  return {
    url,
    port,
    routes: listRoutes(app),
    async stop() {
      server.closeIdleConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
