// `voc openapi`: the API's OpenAPI 3.1 document, as GET /openapi.json serves it, printed
// without any server. The document is read from the routers themselves, so they are made
// here as the API role makes them, over clients that are never called.
import { Command } from 'commander';
import type { RequestHandler } from 'express';
import type { Config } from '../core/config/config.ts';
import { createLogger } from '../core/observability/logger.ts';
import { createMetrics } from '../core/observability/metrics.ts';
import { createApiApp } from '../api/api.role.ts';
import { cliConfig } from './context.ts';
import { createApiRouters } from './runtime.ts';

/**
 * The API's app (not listening) and its document, with stand-ins for every client. A guard
 * that lets everything pass holds the real one's place, so that the app is composed as the
 * API role composes it (some routers are mounted only behind a guard).
 */
export function describeApi(config: Config) {
  const unused = {} as never;
  const metrics = createMetrics({ defaultMetrics: false });
  const routers = createApiRouters(config, { es: unused, publisher: unused, reprocessQueue: unused, alertsQueue: unused, notifications: unused, keys: unused, auditLog: unused, alertStore: unused, pseudonymKey: Buffer.alloc(32), metrics });
  const guard: RequestHandler[] = [(_req, _res, next) => next()];
  return createApiApp(config.api, { logger: createLogger({ level: 'silent' }), metrics, guard, routers, checks: [] });
}

export function openApiCommand(): Command {
  return new Command('openapi')
    .description('print the API\'s OpenAPI 3.1 document (what GET /openapi.json serves); needs no server')
    .action(() => {
      process.stdout.write(`${JSON.stringify(describeApi(cliConfig()).document, null, 2)}\n`);
    });
}
