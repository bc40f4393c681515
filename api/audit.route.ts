// The audit log for admins: GET /v1/audit?action=&actor=&targetType=&targetId=&from=&to=&size=&after=
// newest first, paged with the `next` cursor of the previous answer.
import express from 'express';
import { z } from 'zod';
import type { AuditLog } from '../access/audit-log.ts';
import { allow } from '../core/http/access.ts';
import { describedRouter, type DescribedRouter, type Operation } from '../core/http/operation.ts';
import { callElasticsearch, parseParams } from './route-helpers.ts';

const cursor = z.string().max(500).refine((v) => {
  try {
    return Array.isArray(JSON.parse(Buffer.from(v, 'base64url').toString('utf8')));
  } catch {
    return false;
  }
}, 'not a cursor this API returned (use `next` from the previous page)');
const instant = z.iso.datetime({ offset: true, error: 'an ISO 8601 date-time with offset' });

export const auditQuerySchema = z.strictObject({
  action: z.string().max(100).optional(),
  actor: z.string().max(100).optional(),
  targetType: z.string().max(100).optional(),
  targetId: z.string().max(300).optional(),
  from: instant.optional(),
  to: instant.optional(),
  size: z.coerce.number().int().min(1).max(500).default(100),
  after: cursor.optional(),
});

export const auditOperations: Operation[] = [
  {
    id: 'listAudit',
    method: 'get',
    path: '/v1/audit',
    tag: 'Audit',
    summary: 'The audit log, newest first',
    description: '`actor` is a key id; `after` is the `next` cursor of the previous page.',
    permission: 'audit:read',
    query: auditQuerySchema,
    ok: { status: 200, description: '`{ entries, next? }`: each entry has its action, actor, target, request id, and the state before and after' },
  },
];

export function createAuditRouter(deps: { log: AuditLog }): DescribedRouter {
  const router = express.Router();
  router.get('/v1/audit', allow('audit:read'), async (req, res) => {
    const p = parseParams(auditQuerySchema, req.query);
    res.json(await callElasticsearch(() => deps.log.list({ ...p, actorKeyId: p.actor })));
  });
  return describedRouter(router, auditOperations);
}
