// API keys in Elasticsearch (`<prefix>.api-keys`, one document per key, its id the key's
// public id). Keys are created with a role and an expiry, listed without their hashes and
// revoked, never deleted, so the audit log can always name them. `authenticate` turns a
// token into the caller: a key's record is cached for `cacheMs` (a revocation made in this
// process applies at once, one made elsewhere within that time; while Elasticsearch is away
// the last record read stands), and a secret that passed
// scrypt once is remembered by its SHA-256 digest, so the slow hash runs once per key and process.
import { createHash } from 'node:crypto';
import type { Client } from '@elastic/elasticsearch';
import { createRecordsIndex } from '../core/elasticsearch/elasticsearch.client.ts';
import type { Principal, Role } from '../core/http/access.ts';
import { hashSecret, newToken, parseToken, verifySecret } from './api-key.ts';

export function apiKeysIndex(indexPrefix: string): string {
  return `${indexPrefix}.api-keys`;
}

export type KeyRecord = {
  id: string;
  name: string;
  role: Role;
  createdAt: string;
  createdBy: string;
  expiresAt: string;
  revokedAt?: string;
  revokedBy?: string;
  lastUsedAt?: string;
};
type StoredKey = KeyRecord & { hash: string };

export const MAX_EXPIRY_DAYS = 730;
export const DEFAULT_EXPIRY_DAYS = 90;

export type AuthResult = { ok: true; principal: Principal } | { ok: false; reason: 'malformed' | 'unknown' | 'revoked' | 'expired' };

export async function ensureApiKeysIndex(client: Client, indexPrefix: string): Promise<void> {
  await createRecordsIndex(client, apiKeysIndex(indexPrefix), {
        id: { type: 'keyword' },
        name: { type: 'keyword' },
        role: { type: 'keyword' },
        createdAt: { type: 'date' },
        createdBy: { type: 'keyword' },
        expiresAt: { type: 'date' },
        revokedAt: { type: 'date' },
        revokedBy: { type: 'keyword' },
        lastUsedAt: { type: 'date' },
        hash: { type: 'keyword', index: false, doc_values: false },
      });
}

function publicView(stored: StoredKey): KeyRecord {
  const { hash: _hash, ...record } = stored;
  return record;
}

export type KeyStore = ReturnType<typeof createKeyStore>;

export function createKeyStore(client: Client, indexPrefix: string, opts: { now?: () => number; cacheMs?: number } = {}) {
  const index = apiKeysIndex(indexPrefix);
  const now = opts.now ?? Date.now;
  const cacheMs = opts.cacheMs ?? 5000;
  const records = new Map<string, { stored: StoredKey | null; at: number }>();
  const verified = new Set<string>();
  const lastTouched = new Map<string, number>();

  const read = async (id: string): Promise<StoredKey | null> => {
    const hit = records.get(id);
    if (hit && now() - hit.at < cacheMs) return hit.stored;
    let doc;
    try {
      doc = await client.get<StoredKey>({ index, id }, { ignore: [404] });
    } catch (error) {
      // Elasticsearch away: a key this process knows keeps working (feedback keeps flowing
      // into Kafka), as it was when last read; a key it never saw cannot be checked.
      if (hit) {
        records.set(id, { stored: hit.stored, at: now() }); // and ask again only after cacheMs
        return hit.stored;
      }
      throw error;
    }
    const stored = doc.found ? doc._source! : null;
    records.set(id, { stored, at: now() });
    if (records.size > 10_000) records.delete(records.keys().next().value!);
    return stored;
  };

  return {
    /** A new key; the token is in the answer only, never stored. */
    async create(input: { name: string; role: Role; expiresInDays?: number; createdBy: string }): Promise<{ token: string; key: KeyRecord }> {
      const days = input.expiresInDays ?? DEFAULT_EXPIRY_DAYS;
      if (!(days > 0 && days <= MAX_EXPIRY_DAYS)) throw new RangeError(`expiresInDays must be between 1 and ${MAX_EXPIRY_DAYS}`);
      const { id, secret, token } = newToken();
      const at = now();
      const stored: StoredKey = {
        id,
        name: input.name,
        role: input.role,
        createdAt: new Date(at).toISOString(),
        createdBy: input.createdBy,
        expiresAt: new Date(at + days * 86_400_000).toISOString(),
        hash: await hashSecret(secret),
      };
      await client.create({ index, id, document: stored, refresh: true });
      return { token, key: publicView(stored) };
    },

    async list(opts: { includeRevoked?: boolean } = {}): Promise<KeyRecord[]> {
      const res = await client.search<StoredKey>({
        index,
        size: 10_000,
        sort: [{ createdAt: 'asc' }],
        _source: { excludes: ['hash'] },
        query: opts.includeRevoked ? { match_all: {} } : { bool: { must_not: [{ exists: { field: 'revokedAt' } }] } },
      });
      return res.hits.hits.map((h) => h._source as KeyRecord);
    },

    async get(id: string): Promise<KeyRecord | undefined> {
      const doc = await client.get<StoredKey>({ index, id }, { ignore: [404] });
      return doc.found ? publicView(doc._source!) : undefined;
    },

    /** Revokes a key; the record as it was before, or undefined when there is no such key. Revoking twice keeps the first. */
    async revoke(id: string, by: string): Promise<{ before: KeyRecord; after: KeyRecord } | undefined> {
      // The record changes under a revocation when the key is used meanwhile (touch): read it
      // again and retry, so that `before` is what was really replaced.
      for (let attempt = 1; ; attempt++) {
        const doc = await client.get<StoredKey>({ index, id }, { ignore: [404] });
        if (!doc.found) return undefined;
        const before = publicView(doc._source!);
        if (before.revokedAt) return { before, after: before };
        const after = { ...before, revokedAt: new Date(now()).toISOString(), revokedBy: by };
        try {
          await client.update({ index, id, doc: { revokedAt: after.revokedAt, revokedBy: by }, refresh: true, if_seq_no: doc._seq_no!, if_primary_term: doc._primary_term! });
        } catch (error) {
          if ((error as { meta?: { statusCode?: number } }).meta?.statusCode === 409 && attempt < 5) continue;
          throw error;
        }
        records.delete(id);
        return { before, after };
      }
    },

    async authenticate(token: string): Promise<AuthResult> {
      const parsed = parseToken(token);
      if (!parsed) return { ok: false, reason: 'malformed' };
      const stored = await read(parsed.id);
      if (!stored) return { ok: false, reason: 'unknown' };
      const digest = createHash('sha256').update(token).digest('base64url');
      if (!verified.has(digest)) {
        if (!(await verifySecret(parsed.secret, stored.hash))) return { ok: false, reason: 'unknown' };
        verified.add(digest);
        if (verified.size > 10_000) verified.delete(verified.values().next().value!);
      }
      // After the secret: a wrong secret must not learn whether a key id was revoked.
      if (stored.revokedAt) return { ok: false, reason: 'revoked' };
      if (Date.parse(stored.expiresAt) <= now()) return { ok: false, reason: 'expired' };
      return { ok: true, principal: { keyId: stored.id, name: stored.name, role: stored.role } };
    },

    /** Records that a key was used, at most every ten minutes per key and process (best effort). */
    async touch(id: string): Promise<void> {
      const at = now();
      if (at - (lastTouched.get(id) ?? 0) < 600_000) return;
      lastTouched.set(id, at);
      await client.update({ index, id, doc: { lastUsedAt: new Date(at).toISOString() }, retry_on_conflict: 3 });
    },
  };
}
