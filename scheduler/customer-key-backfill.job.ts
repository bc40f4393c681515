// Gives `customer.key` (core/feedback/customer-key.ts) to stored items that have a customer
// id but were indexed before the key existed, so that distinct-customer figures count them.
// Runs once whenever a scheduler starts (a no-op when every item has its key): finds up to
// PAGE such items, writes the key as a partial update (the key depends on the id alone, so
// a processor rewriting the item meanwhile writes the same value), refreshes, and repeats
// until none is left. Progress is on the job and in the log; a failed run is retried by bull.
import type { Client } from '@elastic/elasticsearch';
import type { Job } from 'bull';
import { tolerant, withElasticsearchRetry } from '../core/elasticsearch/elasticsearch.client.ts';
import { customerKey } from '../core/feedback/customer-key.ts';
import { indexPattern } from '../core/names.ts';
import type { Logger } from '../core/observability/logger.ts';

export const BACKFILL_CUSTOMER_KEYS_JOB = 'backfill-customer-keys';
const PAGE = 1000;

export const lacksCustomerKey = { bool: { filter: [{ exists: { field: 'customer.id' } }], must_not: [{ exists: { field: 'customer.key' } }] } };

export async function backfillCustomerKeys(job: Pick<Job, 'progress'> | undefined, deps: { client: Client; indexPrefix: string; logger: Logger }): Promise<{ updated: number; total: number }> {
  const index = indexPattern(deps.indexPrefix);
  const { count: total } = await withElasticsearchRetry(() => deps.client.count({ index, query: lacksCustomerKey, ...tolerant }));
  if (total === 0) return { updated: 0, total };
  deps.logger.info({ total }, 'stored items without a customer key; adding it (distinct-customer figures leave them out until then)');
  let updated = 0;
  for (;;) {
    const page = await withElasticsearchRetry(() => deps.client.search<{ customer?: { id?: string } }>({ index, ...tolerant, size: PAGE, query: lacksCustomerKey, _source: ['customer.id'] }));
    const hits = page.hits.hits.filter((h) => typeof h._source?.customer?.id === 'string');
    if (hits.length === 0) break;
    const operations = hits.flatMap((h) => [{ update: { _index: h._index, _id: h._id!, retry_on_conflict: 3 } }, { doc: { customer: { key: customerKey(h._source!.customer!.id!) } } }]);
    const result = await withElasticsearchRetry(() => deps.client.bulk({ operations, refresh: true }));
    for (const r of result.items) {
      const status = r.update?.status ?? 500;
      // 404: the item was deleted meanwhile (a customer forgotten); nothing to add.
      if (status < 300) updated++;
      else if (status !== 404) throw new Error(`adding the customer key to ${r.update?._id} failed: ${r.update?.error?.reason ?? status}`);
    }
    await job?.progress({ updated, total, percent: Math.min(100, Math.round((100 * updated) / total)) });
  }
  deps.logger.info({ updated, total }, 'customer keys added');
  return { updated, total };
}
