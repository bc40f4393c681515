// The audit log for admins: GET /v1/audit?action=&actor=&targetType=&targetId=&from=&to=&size=&after=
// newest first, paged with the `next` cursor of the previous answer.
import express, { type Router } from 'express';
import { z } from 'zod';
import type { AuditLog } from '../access/audit-log.ts';
import { allow } from '../core/http/access.ts';
import { callElasticsearch, parseParams } from './route-helpers.ts';

const cursor = z.string().max(500).refine((v) => {
  try {
    return Array.isArray(JSON.parse(Buffer.from(v, 'base64url').toString('utf8')));
  } catch {
    return false;
  }
}, 'not a cursor this API returned (use `next` from the previous page)');
const instant = z.iso.datetime({ offset: true, error: 'an ISO 8601 date-time with offset' });

const querySchema = z.strictObject({
  action: z.string().max(100).optional(),
  actor: z.string().max(100).optional(),
  targetType: z.string().max(100).optional(),
  targetId: z.string().max(300).optional(),
  from: instant.optional(),
  to: instant.optional(),
  size: z.coerce.number().int().min(1).max(500).default(100),
  after: cursor.optional(),
});

export function createAuditRouter(deps: { log: AuditLog }): Router {
  const router = express.Router();
  router.get('/v1/audit', allow('audit:read'), async (req, res) => {
    const p = parseParams(querySchema, req.query);
    res.json(await callElasticsearch(() => deps.log.list({ ...p, actorKeyId: p.actor })));
  });
  return router;
}
