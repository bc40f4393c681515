// The audit log (`<prefix>.audit`): who changed what and when, with the state before and
// after, for keys, the taxonomy, alert rules and silences, and alerts (acknowledged,
// resolved, notes, contacts). Entries are written after the change succeeded and never
// edited; `before` and `after` are kept as given but not indexed (they are for reading).
import { randomUUID } from 'node:crypto';
import type { Client } from '@elastic/elasticsearch';
import { createRecordsIndex } from '../core/elasticsearch/elasticsearch.client.ts';
import type { Role } from '../core/http/access.ts';

export function auditIndex(indexPrefix: string): string {
  return `${indexPrefix}.audit`;
}

export type AuditEntry = {
  id: string;
  at: string;
  actor: { keyId: string; name: string; role: Role | 'cli' };
  /** `<thing>.<verb>`: key.create, key.revoke, taxonomy.update, rule.create, rule.update, rule.delete, silence.create, silence.end, alert.ack, … */
  action: string;
  target: { type: string; id: string };
  before?: unknown;
  after?: unknown;
  requestId?: string;
};

export async function ensureAuditIndex(client: Client, indexPrefix: string): Promise<void> {
  await createRecordsIndex(client, auditIndex(indexPrefix), {
        id: { type: 'keyword' },
        at: { type: 'date' },
        actor: { properties: { keyId: { type: 'keyword' }, name: { type: 'keyword' }, role: { type: 'keyword' } } },
        action: { type: 'keyword' },
        target: { properties: { type: { type: 'keyword' }, id: { type: 'keyword' } } },
        before: { type: 'object', enabled: false },
        after: { type: 'object', enabled: false },
        requestId: { type: 'keyword' },
      });
}

export type AuditQuery = { action?: string; actorKeyId?: string; targetType?: string; targetId?: string; from?: string; to?: string; size: number; after?: string };

export type AuditLog = ReturnType<typeof createAuditLog>;

export function createAuditLog(client: Client, indexPrefix: string, opts: { now?: () => number } = {}) {
  const index = auditIndex(indexPrefix);
  const now = opts.now ?? Date.now;
  // Objects only: a scalar `before` (a taxonomy version number, say) is wrapped so the field keeps one type.
  const wrap = (v: unknown) => (v === undefined ? undefined : v !== null && typeof v === 'object' && !Array.isArray(v) ? v : { value: v });
  return {
    async record(entry: Omit<AuditEntry, 'id' | 'at'>): Promise<AuditEntry> {
      const full: AuditEntry = { id: randomUUID(), at: new Date(now()).toISOString(), ...entry, before: wrap(entry.before), after: wrap(entry.after) };
      await client.index({ index, id: full.id, document: full, op_type: 'create', refresh: 'wait_for' });
      return full;
    },

    /** Newest first; `after` is the `next` cursor of the previous page. */
    async list(q: AuditQuery): Promise<{ entries: AuditEntry[]; next?: string }> {
      const filter: object[] = [];
      if (q.action) filter.push({ term: { action: q.action } });
      if (q.actorKeyId) filter.push({ term: { 'actor.keyId': q.actorKeyId } });
      if (q.targetType) filter.push({ term: { 'target.type': q.targetType } });
      if (q.targetId) filter.push({ term: { 'target.id': q.targetId } });
      if (q.from || q.to) filter.push({ range: { at: { ...(q.from ? { gte: q.from } : {}), ...(q.to ? { lt: q.to } : {}) } } });
      const res = await client.search<AuditEntry>({
        index,
        size: q.size,
        query: { bool: { filter } },
        sort: [{ at: 'desc' }, { id: 'desc' }],
        ...(q.after ? { search_after: JSON.parse(Buffer.from(q.after, 'base64url').toString('utf8')) as never } : {}),
      });
      const hits = res.hits.hits;
      const last = hits.at(-1);
      return {
        entries: hits.map((h) => h._source!),
        ...(hits.length === q.size && last?.sort ? { next: Buffer.from(JSON.stringify(last.sort)).toString('base64url') } : {}),
      };
    },
  };
}
