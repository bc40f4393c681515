// The active issue taxonomy of a deployment. It starts as the file named by TAXONOMY_FILE
// (the shipped default otherwise); once a CX lead saves a new one through the API it lives
// in `<prefix>.taxonomy`, every version kept, the active one under the id "active".
// Versions only grow: a saved taxonomy gets the active version + 1.
import type { Client } from '@elastic/elasticsearch';
import { createRecordsIndex } from '../../core/elasticsearch/elasticsearch.client.ts';
import type { IssueInfo } from '../../core/feedback/insight.types.ts';
import { listIssues, loadTaxonomy, parseTaxonomy, type Taxonomy } from './taxonomy.schema.ts';

export type StoredTaxonomy = { taxonomy: Taxonomy; source: 'store' | 'file'; updatedAt?: string; by?: string };
type Doc = { version: number; taxonomyId: string; json: string; updatedAt: string; by?: string };

export function taxonomyIndex(indexPrefix: string): string {
  return `${indexPrefix}.taxonomy`;
}

export async function ensureTaxonomyIndex(client: Client, indexPrefix: string): Promise<void> {
  await createRecordsIndex(client, taxonomyIndex(indexPrefix), { version: { type: 'integer' }, taxonomyId: { type: 'keyword' }, json: { type: 'text', index: false }, updatedAt: { type: 'date' }, by: { type: 'keyword' } });
}

export async function loadActiveTaxonomy(client: Client, indexPrefix: string, file: string | undefined): Promise<StoredTaxonomy> {
  const active = await client.get<Doc>({ index: taxonomyIndex(indexPrefix), id: 'active' }, { ignore: [404] }).catch((error: unknown) => {
    if ((error as { meta?: { statusCode?: number } }).meta?.statusCode === 404) return undefined;
    throw error;
  });
  if (active?.found && active._source) {
    return { taxonomy: parseTaxonomy(JSON.parse(active._source.json), 'stored taxonomy'), source: 'store', updatedAt: active._source.updatedAt, by: active._source.by };
  }
  return { taxonomy: await loadTaxonomy(file), source: 'file' };
}

/** Saves `next` as the new active taxonomy with the next version number; returns it. */
export async function saveTaxonomy(client: Client, indexPrefix: string, file: string | undefined, next: Taxonomy, by?: string): Promise<Taxonomy> {
  const current = await loadActiveTaxonomy(client, indexPrefix, file);
  const saved: Taxonomy = { ...next, version: current.taxonomy.version + 1 };
  const doc: Doc = { version: saved.version, taxonomyId: saved.id, json: JSON.stringify(saved), updatedAt: new Date().toISOString(), ...(by ? { by } : {}) };
  const index = taxonomyIndex(indexPrefix);
  await client.index({ index, id: `v${saved.version}`, document: doc, op_type: 'create' });
  await client.index({ index, id: 'active', document: doc, refresh: 'wait_for' });
  return saved;
}

/**
 * The active taxonomy's issues (ids, kinds, labels) for readers of the index, reloaded at
 * most every `ttlMs`: a taxonomy saved through the API shows in analytics within that time.
 * A failed reload keeps the last good list.
 */
export function createIssueCatalog(client: Client, indexPrefix: string, file: string | undefined, ttlMs = 30_000): () => Promise<IssueInfo[]> {
  let cached: { at: number; issues: IssueInfo[] } | undefined;
  let loading: Promise<IssueInfo[]> | undefined;
  return async () => {
    if (cached && Date.now() - cached.at < ttlMs) return cached.issues;
    loading ??= loadActiveTaxonomy(client, indexPrefix, file)
      .then(({ taxonomy }) => {
        cached = { at: Date.now(), issues: listIssues(taxonomy) };
        return cached.issues;
      })
      .catch((error: unknown) => {
        if (cached) return cached.issues;
        throw error;
      })
      .finally(() => {
        loading = undefined;
      });
    return loading;
  };
}
