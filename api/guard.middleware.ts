// What every request passes before a route (health probes and /metrics excepted), in order:
//   1. security headers (helmet); cross-origin requests refused unless the origin is allowed
//      (API_CORS_ORIGINS), so a web page cannot make a user's browser call voc;
//   2. authentication: `Authorization: Bearer voc_…` is looked up (key-store.ts);
//   3. a rate limit per key (per address for requests without a valid key), counted in
//      Redis so that every API process shares it; when Redis is away each process counts
//      on its own rather than refusing service;
//   4. no valid key: 401. Each route then names its permission with `allow(…)`.
import type { Redis } from 'ioredis';
import cors from 'cors';
import helmet from 'helmet';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { KeyStore } from '../access/key-store.ts';
import { HttpProblem, problem } from '../core/http/problem.ts';
import { callElasticsearch } from './route-helpers.ts';

export type GuardOptions = {
  keys: KeyStore;
  redis: Redis;
  /** Requests per minute per key. */
  rateLimit: number;
  corsOrigins: readonly string[];
  keyPrefix: string;
  onDenied?: (reason: string) => void;
};

const unauthenticated = (detail: string) => new HttpProblem(problem(401, 'unauthenticated', 'An API key is needed', { detail }), { 'WWW-Authenticate': 'Bearer realm="voc"' });

export function createGuard(opts: GuardOptions): RequestHandler[] {
  const memory = new RateLimiterMemory({ points: opts.rateLimit, duration: 60, keyPrefix: `${opts.keyPrefix}:rate` });
  const limiter = new RateLimiterRedis({ storeClient: opts.redis, points: opts.rateLimit, duration: 60, keyPrefix: `${opts.keyPrefix}:rate`, insuranceLimiter: memory });
  const allowed = new Set(opts.corsOrigins);

  const sameOrigin = (req: Request, origin: string) => {
    try {
      return new URL(origin).host === req.get('host');
    } catch {
      return false;
    }
  };

  const origin: RequestHandler = (req, _res, next) => {
    const from = req.get('origin');
    if (from === undefined || sameOrigin(req, from) || allowed.has(from)) return next();
    opts.onDenied?.('origin');
    next(new HttpProblem(problem(403, 'foreign-origin', 'Cross-origin request refused', { detail: `requests from ${from.slice(0, 200)} are not allowed (see API_CORS_ORIGINS)` })));
  };

  const authenticate: RequestHandler = async (req, res, next) => {
    try {
      const header = req.get('authorization');
      if (header === undefined) return next();
      const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
      if (!m) {
        res.locals.authFailure = 'the Authorization header must be "Bearer voc_…"';
        return next();
      }
      const result = await callElasticsearch(() => opts.keys.authenticate(m[1]!));
      if (result.ok) {
        res.locals.principal = result.principal;
        req.log?.setBindings?.({ keyId: result.principal.keyId });
        void opts.keys.touch(result.principal.keyId).catch(() => undefined);
      } else {
        res.locals.authFailure = { malformed: 'the key is not a voc API key', unknown: 'the key is not known', revoked: 'the key was revoked', expired: 'the key has expired' }[result.reason];
      }
      next();
    } catch (error) {
      next(error);
    }
  };

  const rateLimit: RequestHandler = async (req, res, next) => {
    const who = res.locals.principal ? `key:${res.locals.principal.keyId}` : `addr:${req.ip}`;
    try {
      const r = await limiter.consume(who);
      res.set('RateLimit-Limit', String(opts.rateLimit)).set('RateLimit-Remaining', String(r.remainingPoints));
      next();
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) return next(error);
      opts.onDenied?.('rate');
      const seconds = Math.max(1, Math.ceil(error.msBeforeNext / 1000));
      next(new HttpProblem(problem(429, 'rate-limited', 'Too many requests', { detail: `at most ${opts.rateLimit} requests a minute per key; try again in ${seconds} s` }), { 'Retry-After': String(seconds) }));
    }
  };

  const requireKey = (_req: Request, res: Response, next: NextFunction) => {
    if (res.locals.principal) return next();
    opts.onDenied?.('key');
    next(unauthenticated(typeof res.locals.authFailure === 'string' ? res.locals.authFailure : 'send it as "Authorization: Bearer voc_…"; an admin creates keys with `voc keys create`'));
  };

  return [
    helmet(),
    origin,
    ...(allowed.size ? [cors({ origin: [...allowed], allowedHeaders: ['authorization', 'content-type', 'if-match', 'x-request-id'], exposedHeaders: ['etag', 'location', 'retry-after', 'x-request-id'], maxAge: 600 })] : []),
    authenticate,
    rateLimit,
    requireKey,
  ];
}
