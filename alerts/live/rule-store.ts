// Alert rules as CX leads save them, in Elasticsearch (`<prefix>.alert-rules`, outside the
// monthly feedback pattern). Each rule keeps every version: the current one under the
// rule's id, earlier ones under `<id>@v<n>`. What is stored is the rule as written
// (durations as text, defaults not filled in), so that a later voc's better defaults
// apply to rules that never chose otherwise; it is validated on every write and read.
// Writes are optimistic: a change names the version it changes, and loses to a change
// made in between (409), instead of overwriting it.
import { randomBytes } from 'node:crypto';
import type { Client } from '@elastic/elasticsearch';
import { createRecordsIndex } from '../../core/elasticsearch/elasticsearch.client.ts';
import { parseRule, type Rule } from '../rule.ts';

export function alertRulesIndex(indexPrefix: string): string {
  return `${indexPrefix}.alert-rules`;
}

export type StoredRule = {
  id: string;
  version: number;
  /** The rule as written. */
  spec: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
  deleted?: boolean;
};

/** A stored rule with its defaults filled in, ready for the detectors. */
export type LoadedRule = StoredRule & { rule: Rule };

export class RuleConflict extends Error {
  constructor(readonly current: number | undefined) {
    super(current === undefined ? 'the rule does not exist' : `the rule is at version ${current}`);
  }
}

export async function ensureAlertRulesIndex(client: Client, indexPrefix: string): Promise<void> {
  await createRecordsIndex(client, alertRulesIndex(indexPrefix), {
        id: { type: 'keyword' },
        version: { type: 'integer' },
        current: { type: 'boolean' },
        spec: { type: 'object', enabled: false },
        createdAt: { type: 'date' },
        updatedAt: { type: 'date' },
        deleted: { type: 'boolean' },
      });
}

/** A short random id: lowercase letters and digits, readable in URLs and logs. */
export function newRuleId(): string {
  return `r${randomBytes(6).toString('hex')}`;
}

export function loadRule(stored: StoredRule): LoadedRule {
  const parsed = parseRule(stored.spec);
  // Written rules were valid when written; a rule a later voc refuses says why, not crash.
  if ('problems' in parsed) throw new Error(`stored rule ${stored.id} v${stored.version} no longer validates: ${parsed.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
  return { ...stored, rule: parsed.rule };
}

type Hit = { _id: string; _source?: StoredRule & { current?: boolean }; _seq_no?: number; _primary_term?: number };

export function createRuleStore(client: Client, indexPrefix: string) {
  const index = alertRulesIndex(indexPrefix);
  const read = async (id: string): Promise<Hit | undefined> => {
    const r = await client.get<StoredRule>({ index, id }, { ignore: [404] });
    return r.found ? (r as unknown as Hit) : undefined;
  };
  const strip = (s: StoredRule & { current?: boolean }): StoredRule => {
    const { current: _current, ...rest } = s;
    return rest;
  };

  return {
    async create(spec: Record<string, unknown>, now = new Date()): Promise<StoredRule> {
      const id = newRuleId();
      const at = now.toISOString();
      const stored: StoredRule = { id, version: 1, spec, createdAt: at, updatedAt: at };
      await client.index({ index, id, op_type: 'create', document: { ...stored, current: true }, refresh: 'wait_for' });
      return stored;
    },

    /** The current version (deleted rules too, flagged), or undefined. */
    async get(id: string): Promise<StoredRule | undefined> {
      const hit = await read(id);
      return hit?._source ? strip(hit._source) : undefined;
    },

    /** One version of a rule, current or earlier. */
    async getVersion(id: string, version: number): Promise<StoredRule | undefined> {
      const current = await read(id);
      if (current?._source?.version === version) return strip(current._source);
      const r = await client.get<StoredRule>({ index, id: `${id}@v${version}` }, { ignore: [404] });
      return r.found && r._source ? strip(r._source) : undefined;
    },

    /**
     * Replaces the rule's spec (or deletes it) as version `expected` + 1, keeping the
     * replaced version. Throws RuleConflict when the rule is missing or not at `expected`.
     */
    async update(id: string, expected: number, change: { spec?: Record<string, unknown>; deleted?: boolean }, now = new Date()): Promise<StoredRule> {
      const hit = await read(id);
      const old = hit?._source;
      if (!old || old.deleted || old.version !== expected) throw new RuleConflict(old && !old.deleted ? old.version : undefined);
      const next: StoredRule = { ...strip(old), spec: change.spec ?? old.spec, version: old.version + 1, updatedAt: now.toISOString(), ...(change.deleted ? { deleted: true } : {}) };
      try {
        await client.index({ index, id, document: { ...next, current: true }, if_seq_no: hit!._seq_no, if_primary_term: hit!._primary_term, refresh: 'wait_for' });
      } catch (error) {
        if ((error as { meta?: { statusCode?: number } }).meta?.statusCode === 409) throw new RuleConflict((await read(id))?._source?.version);
        throw error;
      }
      // The replaced version, for the record (same content every time: idempotent).
      await client.index({ index, id: `${id}@v${old.version}`, document: { ...strip(old), current: false }, refresh: 'wait_for' });
      return next;
    },

    /** Current, undeleted rules, oldest first, a page at a time. */
    async list(opts: { size: number; after?: string } = { size: 100 }): Promise<{ rules: StoredRule[]; next?: string }> {
      const r = await client.search<StoredRule>({
        index,
        size: opts.size,
        query: { bool: { filter: [{ term: { current: true } }], must_not: [{ term: { deleted: true } }] } },
        sort: [{ createdAt: 'asc' }, { id: 'asc' }],
        ...(opts.after ? { search_after: JSON.parse(Buffer.from(opts.after, 'base64url').toString('utf8')) as never } : {}),
      });
      const hits = r.hits.hits;
      const last = hits.at(-1);
      return {
        rules: hits.flatMap((h) => (h._source ? [strip(h._source)] : [])),
        ...(hits.length === opts.size && last?.sort ? { next: Buffer.from(JSON.stringify(last.sort)).toString('base64url') } : {}),
      };
    },

    /** Every version of a rule, newest first. */
    async versions(id: string): Promise<StoredRule[]> {
      const r = await client.search<StoredRule>({ index, size: 1000, query: { term: { id } }, sort: [{ version: 'desc' }] });
      return r.hits.hits.flatMap((h) => (h._source ? [strip(h._source)] : []));
    },

    /** Every current, undeleted rule (for the scheduler). */
    async all(): Promise<StoredRule[]> {
      const out: StoredRule[] = [];
      let after: string | undefined;
      do {
        const page = await this.list({ size: 500, after });
        out.push(...page.rules);
        after = page.next;
      } while (after);
      return out;
    },
  };
}

export type RuleStore = ReturnType<typeof createRuleStore>;
