// Routes record what they changed through this: the actor is the caller's key, the request
// id ties the entry to the request log. Written after the change succeeded; when the audit
// index cannot be written the caller gets a 503 (the change is made, the retry repeats it
// harmlessly: every audited change is idempotent or refused the second time).
import type { Response } from 'express';
import type { AuditLog } from '../access/audit-log.ts';
import { actorOf } from '../core/http/access.ts';
import { callElasticsearch } from './route-helpers.ts';

export type Audit = (res: Response, entry: { action: string; target: { type: string; id: string }; before?: unknown; after?: unknown }) => Promise<void>;

export function auditWith(log: AuditLog): Audit {
  return async (res, entry) => {
    await callElasticsearch(() => log.record({ ...entry, actor: actorOf(res), requestId: String(res.req.id ?? '') || undefined }));
  };
}
