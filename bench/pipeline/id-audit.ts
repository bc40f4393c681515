// Compares the ids produced with the ids stored behind a read alias: a composite
// aggregation pages through every distinct `id` with its document count, across all the
// monthly indices, so an id stored twice (in two indices) shows as a count above one.
import type { Client } from '@elastic/elasticsearch';

export type IdAudit = { produced: number; stored: number; distinct: number; missing: number; duplicates: number; unexpected: number };

type Page = { ids: { buckets: Array<{ key: { id: string }; doc_count: number }>; after_key?: { id: string } } };

export async function auditIds(es: Client, index: string, produced: readonly string[]): Promise<IdAudit> {
  await es.indices.refresh({ index });
  const expected = new Set(produced);
  const seen = new Set<string>();
  let stored = 0;
  let duplicates = 0;
  let unexpected = 0;
  let after: { id: string } | undefined;
  for (;;) {
    const res = await es.search({ index, size: 0, aggs: { ids: { composite: { size: 10_000, sources: [{ id: { terms: { field: 'id' } } }], ...(after ? { after } : {}) } } } });
    const page = (res.aggregations as unknown as Page).ids;
    for (const b of page.buckets) {
      seen.add(b.key.id);
      stored += b.doc_count;
      duplicates += b.doc_count - 1;
      if (!expected.has(b.key.id)) unexpected++;
    }
    if (page.buckets.length === 0 || !page.after_key) break;
    after = page.after_key;
  }
  let missing = 0;
  for (const id of expected) if (!seen.has(id)) missing++;
  return { produced: expected.size, stored, distinct: seen.size, missing, duplicates, unexpected };
}
