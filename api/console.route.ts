// The web console (console/, built by `npm run build:console` into console/dist) served at
// `/`, and `GET /v1/me`, which tells the console whose key it holds.
//
// The page and its assets are public: a browser loads them before anyone has typed a key,
// and they hold nothing but code. They are served by middleware, not routes, so the API's
// route list (listRoutes, the role × route test) stays the list of API routes. Assets are
// named by their content hash and cached for a year; index.html is revalidated every time,
// so a new build shows at the next load. The console is served from the API's own origin
// and needs no CORS; its Content-Security-Policy allows scripts, styles and requests from
// that origin only.
//
// `GET /v1/me` passes the same guard as every API route (given by the caller, since this
// router sits before the app-wide guard with the other public routers): 401 without a
// valid key; any valid key may ask who it is, whatever its role.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import express, { type RequestHandler } from 'express';
import helmet from 'helmet';
import { grants, permissions, principalOf, roles } from '../core/http/access.ts';
import { describedRouter, type DescribedRouter, type Operation } from '../core/http/operation.ts';
import { HttpProblem, problem } from '../core/http/problem.ts';

const defaultDir = fileURLToPath(new URL('../console/dist/', import.meta.url));

export const consoleOperations: Operation[] = [
  {
    id: 'whoAmI',
    method: 'get',
    path: '/v1/me',
    tag: 'Keys',
    summary: "The calling key's name, role and permissions",
    permission: 'any-key',
    ok: {
      status: 200,
      description: 'who the key is',
      schema: {
        type: 'object',
        required: ['keyId', 'name', 'role', 'permissions'],
        properties: { keyId: { type: 'string' }, name: { type: 'string' }, role: { enum: [...roles] }, permissions: { type: 'array', items: { enum: Object.keys(permissions) } } },
      },
    },
  },
];

export function createConsoleRouter(deps: { guard: RequestHandler[]; dir?: string }): DescribedRouter {
  const dir = deps.dir ?? defaultDir;
  const router = express.Router();

  router.get('/v1/me', ...deps.guard, (_req, res) => {
    const p = principalOf(res);
    if (!p) throw new HttpProblem(problem(401, 'unauthenticated', 'An API key is needed', { detail: 'send it as "Authorization: Bearer voc_…"' }), { 'WWW-Authenticate': 'Bearer realm="voc"' });
    res.set('Cache-Control', 'no-store').json({ keyId: p.keyId, name: p.name, role: p.role, permissions: grants[p.role] });
  });

  const page = helmet({
    contentSecurityPolicy: {
      // Behind a TLS proxy the page is https already; served plainly (the demo, a LAN address)
      // upgrading its own same-origin requests would break it.
      directives: { upgradeInsecureRequests: null, 'connect-src': ["'self'"], 'img-src': ["'self'", 'data:'] },
    },
  });
  const assets = express.static(`${dir}assets`, { index: false, immutable: true, maxAge: '365d', fallthrough: false });

  router.use('/assets', page, (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    assets(req, res, (error?: unknown) => {
      if (!error) return next();
      next(new HttpProblem(problem(404, 'not-found', 'No such file', { detail: `${req.originalUrl.split('?')[0]} is not part of this build of the console` })));
    });
  });

  router.use((req, res, next) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || (req.path !== '/' && req.path !== '/index.html')) return next();
    const index = `${dir}index.html`;
    if (!existsSync(index)) {
      return next(new HttpProblem(problem(404, 'console-not-built', 'The web console is not built', { detail: 'run `npm run build:console` (or `node scripts/ensure-console.mjs`) and reload' })));
    }
    page(req, res, () => {
      res.set('Cache-Control', 'no-cache');
      res.sendFile(index, (error) => error && next(error));
    });
  });

  return describedRouter(router, consoleOperations);
}
