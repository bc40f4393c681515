// The HTTP shell shared by every route: request ids, structured request logs, latency
// metrics, and errors as RFC 9457 problem+json. Routes are passed in by the caller, so
// the ingest route (from ingest/) and the read routes (from api/) stay independent.
// Public routers (health probes, /metrics) come before the guard (authentication, rate
// limits, origin check: guard.middleware.ts); every other router after it.
import { randomUUID } from 'node:crypto';
import express, { type ErrorRequestHandler, type Express, type RequestHandler, type Router } from 'express';
import { pinoHttp } from 'pino-http';
import { HttpProblem, PROBLEM_CONTENT_TYPE, problem, type Problem } from '../core/http/problem.ts';
import type { Permission } from '../core/http/access.ts';
import { redactPii } from '../insight/pii/redact-pii.ts';
import type { Logger } from '../core/observability/logger.ts';
import type { Metrics } from '../core/observability/metrics.ts';

function logPath(url: string): string {
  const path = url.split('?')[0]!;
  let decoded = path;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    // a malformed escape: judge it as sent
  }
  return redactPii(decoded).text;
}

function send(res: express.Response, p: Problem, headers: Record<string, string> = {}) {
  res.status(p.status).set(headers).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(p));
}

// The query parser drops a `__proto__` parameter (or `a[__proto__]`) without a word, so no
// route could name it among the parameters it does not know; it is refused here instead.
const refusePrototypeParameters: RequestHandler = (req, _res, next) => {
  const query = req.url.indexOf('?') === -1 ? '' : req.url.slice(req.url.indexOf('?') + 1);
  const bad = [...new URLSearchParams(query).keys()].filter((key) => /(^|\[)__proto__(\]|$)/.test(key));
  if (bad.length === 0) return next();
  const errors = bad.map((path) => ({ path, message: `unknown parameter: ${path}` }));
  next(new HttpProblem(problem(400, 'invalid-parameters', 'Invalid parameters', { detail: errors.map((e) => e.message).join('; '), errors })));
};

export function createApp(deps: { logger: Logger; metrics: Metrics; publicRouters?: Router[]; guard?: RequestHandler[]; routers: Router[] }): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'extended');
  app.use(
    pinoHttp({
      logger: deps.logger.child({ role: 'api' }),
      genReqId: (req, res) => {
        const given = req.headers['x-request-id'];
        const id = typeof given === 'string' && /^[\w.:-]{1,128}$/.test(given) ? given : randomUUID();
        res.setHeader('x-request-id', id);
        return id;
      },
      // 503 means a dependency is down: worth a warning, and the dependency's own errors say why.
      customLogLevel: (_req, res, err) => (res.statusCode === 503 ? 'warn' : err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
      serializers: {
        // The path only, redacted: query strings carry search text and paths carry ids
        // (/v1/customers/jane%40example.com), which logs must not keep.
        req: (req: { id: unknown; method: string; url: string }) => ({ id: req.id, method: req.method, url: logPath(req.url) }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/metrics' },
    }),
  );
  app.use((req, res, next) => {
    const end = deps.metrics.httpRequests.startTimer({ method: req.method });
    res.on('finish', () => end({ route: req.route?.path ?? (res.statusCode === 404 ? 'unmatched' : req.path), status: String(res.statusCode) }));
    next();
  });
  app.use(refusePrototypeParameters);
  for (const router of deps.publicRouters ?? []) app.use(router);
  if (deps.guard) app.use(deps.guard);
  for (const router of deps.routers) app.use(router);

  app.use((req, res) => {
    send(res, problem(404, 'not-found', 'No such route', { detail: `${req.method} ${req.path} is not part of the voc API`, instance: req.path }));
  });
  const onError: ErrorRequestHandler = (error, req, res, _next) => {
    if (error instanceof HttpProblem) return send(res, { ...error.problem, instance: req.path }, error.headers);
    const e = error as { type?: string; status?: number; message?: string; limit?: number };
    if (e.type === 'entity.parse.failed') {
      return send(res, problem(400, 'invalid-json', 'The body is not valid JSON', { detail: e.message, instance: req.path }));
    }
    if (e.type === 'entity.too.large') {
      return send(res, problem(413, 'body-too-large', 'The body is too large', { detail: `at most ${e.limit} bytes per request`, instance: req.path }));
    }
    if (typeof e.status === 'number' && e.status >= 400 && e.status < 500) {
      return send(res, problem(e.status, 'bad-request', 'Bad request', { detail: e.message, instance: req.path }));
    }
    req.log.error({ err: error }, 'unhandled error');
    send(res, problem(500, 'internal', 'Internal error', { detail: 'the error was logged with this request id', requestId: String(req.id) }));
  };
  app.use(onError);
  return app;
}

export type RouteInfo = { method: string; path: string; permission: Permission | null };

type Layer = { route?: { path: string; methods: Record<string, boolean>; stack: Array<{ handle: { permission?: Permission } }> }; handle: { stack?: Layer[] } };

/** Every route the app serves, with the permission its guard names (null: public or unguarded). */
export function listRoutes(app: Express): RouteInfo[] {
  const walk = (layers: Layer[]): RouteInfo[] =>
    layers.flatMap((layer) => {
      if (layer.route) {
        const permission = layer.route.stack.find((h) => h.handle.permission)?.handle.permission ?? null;
        return Object.keys(layer.route.methods).map((method) => ({ method: method.toUpperCase(), path: layer.route!.path, permission }));
      }
      return layer.handle.stack ? walk(layer.handle.stack) : [];
    });
  return walk((app as unknown as { router: { stack: Layer[] } }).router.stack);
}
