// The active issue taxonomy of a deployment. It starts as the file named by TAXONOMY_FILE
// (the shipped default otherwise); once a CX lead saves a new one through the API it lives
// in `<prefix>.taxonomy`, every version kept, the active one under the id "active".
// Versions only grow: a saved taxonomy gets the active version + 1.
import type { Client } from '@elastic/elasticsearch';
import { createIndexIfMissing } from '../../core/elasticsearch/elasticsearch.client.ts';
import { loadTaxonomy, parseTaxonomy, type Taxonomy } from './taxonomy.schema.ts';

export type StoredTaxonomy = { taxonomy: Taxonomy; source: 'store' | 'file'; updatedAt?: string; by?: string };
type Doc = { version: number; taxonomyId: string; json: string; updatedAt: string; by?: string };

export function taxonomyIndex(indexPrefix: string): string {
  return `${indexPrefix}.taxonomy`;
}

export async function ensureTaxonomyIndex(client: Client, indexPrefix: string): Promise<void> {
  await createIndexIfMissing(client, {
    index: taxonomyIndex(indexPrefix),
    settings: { number_of_shards: 1, number_of_replicas: 0 },
    mappings: {
      dynamic: 'strict',
      properties: { version: { type: 'integer' }, taxonomyId: { type: 'keyword' }, json: { type: 'text', index: false }, updatedAt: { type: 'date' }, by: { type: 'keyword' } },
    },
  });
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
