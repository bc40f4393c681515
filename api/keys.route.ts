// API keys for admins (the first admin key comes from `voc keys create`):
//   POST   /v1/keys        { name, role, expiresInDays? } → the key's record and its token, shown this once
//   GET    /v1/keys        the keys (?revoked=true also lists revoked ones), never their secrets
//   GET    /v1/keys/:id
//   DELETE /v1/keys/:id    revokes the key (it stays listed as revoked, so the audit log can name it)
import express from 'express';
import { z } from 'zod';
import type { KeyStore } from '../access/key-store.ts';
import { keyBodySchema } from '../access/key.schema.ts';
import { actorOf, allow } from '../core/http/access.ts';
import { describedRouter, type DescribedRouter, type Operation } from '../core/http/operation.ts';
import { HttpProblem, problem } from '../core/http/problem.ts';
import type { Audit } from './audit.ts';
import { callElasticsearch, parseParams } from './route-helpers.ts';

export const keysQuerySchema = z.strictObject({ revoked: z.enum(['true', 'false']).default('false') });

const id = { id: 'the key id (the part of the token after voc_ and before the next _)' };
const record = 'the key: id, name, role, createdAt, createdBy, expiresAt, lastUsedAt, revokedAt';
export const keysOperations: Operation[] = [
  {
    id: 'createKey',
    method: 'post',
    path: '/v1/keys',
    tag: 'Keys',
    summary: 'Make an API key',
    permission: 'keys:manage',
    body: { schema: keyBodySchema },
    ok: { status: 201, description: 'the key and its token, shown this once (`{ key, token, note }`)', headers: { Location: 'the key', 'Cache-Control': 'no-store' } },
  },
  { id: 'listKeys', method: 'get', path: '/v1/keys', tag: 'Keys', summary: 'List the keys, never their secrets', permission: 'keys:manage', query: keysQuerySchema, ok: { status: 200, description: '`{ keys }`, each as in getKey' } },
  { id: 'getKey', method: 'get', path: '/v1/keys/:id', tag: 'Keys', summary: 'One key', permission: 'keys:manage', params: id, ok: { status: 200, description: record } },
  { id: 'revokeKey', method: 'delete', path: '/v1/keys/:id', tag: 'Keys', summary: 'Revoke a key (it stays listed as revoked)', permission: 'keys:manage', params: id, ok: { status: 200, description: `${record}, now revoked` } },
];

const notFound = (id: string) => new HttpProblem(problem(404, 'not-found', 'No such key', { detail: `no key has the id ${id}` }));

export function createKeysRouter(deps: { keys: KeyStore; audit: Audit }): DescribedRouter {
  const router = express.Router();
  const manage = allow('keys:manage');

  router.post('/v1/keys', manage, express.json({ limit: '4kb' }), async (req, res) => {
    const p = parseParams(keyBodySchema, req.body ?? {}, 'invalid-key', 'Invalid key');
    const actor = actorOf(res);
    const { token, key } = await callElasticsearch(() => deps.keys.create({ ...p, createdBy: `${actor.name} (${actor.keyId})` }));
    await deps.audit(res, { action: 'key.create', target: { type: 'key', id: key.id }, after: key });
    res.status(201).location(`/v1/keys/${key.id}`).set('Cache-Control', 'no-store').json({ key, token, note: 'the token is shown this once; keep it in a secret store' });
  });

  router.get('/v1/keys', manage, async (req, res) => {
    const p = parseParams(keysQuerySchema, req.query);
    res.json({ keys: await callElasticsearch(() => deps.keys.list({ includeRevoked: p.revoked === 'true' })) });
  });

  router.get('/v1/keys/:id', manage, async (req, res) => {
    const key = await callElasticsearch(() => deps.keys.get(req.params.id));
    if (!key) throw notFound(req.params.id);
    res.json(key);
  });

  router.delete('/v1/keys/:id', manage, async (req, res) => {
    const actor = actorOf(res);
    const changed = await callElasticsearch(() => deps.keys.revoke(req.params.id, `${actor.name} (${actor.keyId})`));
    if (!changed) throw notFound(req.params.id);
    if (changed.before.revokedAt === undefined) await deps.audit(res, { action: 'key.revoke', target: { type: 'key', id: req.params.id }, before: changed.before, after: changed.after });
    res.json(changed.after);
  });

  return describedRouter(router, keysOperations);
}
