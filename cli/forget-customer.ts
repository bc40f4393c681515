// The right to be forgotten: removes one customer's feedback from everywhere voc keeps it
// in Elasticsearch, given the id the customer was sent with (raw, as the CRM knows it; voc
// also looks for its pseudonym, which is how an id holding personal data was stored):
//   - the feedback documents, in every monthly index;
//   - corrections (labels) made on them;
//   - alerts: the customer leaves explanations (verbatims, affected customers) and follow-up
//     contacts; defect flags raised from their feedback lose the feedback's text and link.
// An audit entry records the pseudonym and the counts, never the id itself. What it cannot
// reach: Kafka keeps the raw and dead-letter messages until their retention ends (7 days by
// default), and Elasticsearch snapshots taken before keep what they hold.
import { tolerant } from '../core/elasticsearch/elasticsearch.client.ts';
import type { Client } from '@elastic/elasticsearch';
import { alertsIndex, type TransitionDoc } from '../alerts/live/alerts-index.ts';
import { createAuditLog, ensureAuditIndex } from '../access/audit-log.ts';
import { deploymentSecret, PSEUDONYM_SECRET } from '../core/elasticsearch/deployment-secret.ts';
import { labelsIndex } from '../core/elasticsearch/labels-index.ts';
import { readAlias } from '../core/names.ts';
import { pseudonym } from '../insight/pii/pseudonym.ts';

export type ForgetReport = { pseudonym: string; feedback: number; labels: number; alerts: number; flags: number };


type Hit = { index: string; id: string };

/** Every document matching `query` (index and id), paged in index order. */
async function hitsOf(client: Client, index: string, query: object): Promise<Hit[]> {
  const found: Hit[] = [];
  let after: unknown[] | undefined;
  for (;;) {
    const page = await client.search({ index, ...tolerant, size: 5000, _source: false, query, sort: [{ _doc: 'asc' }] as never, ...(after ? { search_after: after as never } : {}) });
    for (const h of page.hits.hits) found.push({ index: h._index, id: h._id! });
    if (page.hits.hits.length < 5000) return found;
    after = page.hits.hits.at(-1)!.sort as unknown[];
  }
}

async function deleteHits(client: Client, hits: Hit[]): Promise<number> {
  let deleted = 0;
  for (let i = 0; i < hits.length; i += 1000) {
    const res = await client.bulk({ refresh: true, operations: hits.slice(i, i + 1000).map((h) => ({ delete: { _index: h.index, _id: h.id } })) });
    deleted += res.items.filter((it) => it.delete?.result === 'deleted').length;
    const failed = res.items.find((it) => it.delete?.error);
    if (failed) throw new Error(`could not delete ${failed.delete!._id} from ${failed.delete!._index}: ${failed.delete!.error!.reason}`);
  }
  return deleted;
}

/** A transition without the customer in it, or undefined when it did not mention them. */
function withoutCustomer(doc: TransitionDoc, ids: Set<string>, feedback: Set<string>): Partial<TransitionDoc> | undefined {
  const e = doc.explanation;
  const verbatims = e?.verbatims.filter((v) => !(v.customer?.id && ids.has(v.customer.id)) && !feedback.has(v.id));
  const top = e?.customers.top.filter((c) => !ids.has(c.id));
  const contacts = doc.contacts?.filter((c) => !ids.has(c.customerId));
  const changed = (e && (verbatims!.length !== e.verbatims.length || top!.length !== e.customers.top.length)) || (doc.contacts && contacts!.length !== doc.contacts.length);
  if (!changed) return undefined;
  return { ...(e ? { explanation: { ...e, verbatims: verbatims!, customers: { ...e.customers, top: top! } } } : {}), ...(doc.contacts ? { contacts: contacts! } : {}) };
}

export async function forgetCustomer(client: Client, indexPrefix: string, customerId: string, actor: { keyId: string; name: string }): Promise<ForgetReport> {
  const key = await deploymentSecret(client, indexPrefix, PSEUDONYM_SECRET);
  const alias = pseudonym(customerId, key);
  const ids = [customerId, alias];
  // Found, then deleted by id with bulk requests: delete-by-query belongs to a module not every
  // cluster has (the local stack's does not).
  const found = await hitsOf(client, readAlias(indexPrefix), { terms: { 'customer.id': ids } });
  const feedback = found.map((h) => h.id);
  const deleted = await deleteHits(client, found);
  const labels = await deleteHits(client, feedback.length ? await hitsOf(client, labelsIndex(indexPrefix), { terms: { feedbackId: feedback } }) : []);

  // Explanations are stored, not indexed: every transition and flag is read and rewritten where needed.
  const idSet = new Set(ids);
  const feedbackSet = new Set(feedback);
  let alerts = 0;
  let flags = 0;
  let after: unknown[] | undefined;
  for (;;) {
    const page = await client.search<Omit<TransitionDoc, 'kind'> & { kind: 'transition' | 'flag'; feedbackId?: string }>({
      index: alertsIndex(indexPrefix),
      ...tolerant,
      size: 1000,
      seq_no_primary_term: true,
      query: { terms: { kind: ['transition', 'flag'] } },
      sort: [{ _doc: 'asc' }] as never,
      ...(after ? { search_after: after as never } : {}),
    });
    for (const h of page.hits.hits) {
      const doc = h._source!;
      const guard = { if_seq_no: h._seq_no!, if_primary_term: h._primary_term! };
      if (doc.kind === 'flag') {
        if (doc.feedbackId && feedbackSet.has(doc.feedbackId)) {
          await client.update({ index: h._index, id: h._id!, doc: { text: '[forgotten]', feedbackId: null } as never, ...guard });
          flags += 1;
        }
        continue;
      }
      const change = withoutCustomer(doc as TransitionDoc, idSet, feedbackSet);
      if (change) {
        await client.update({ index: h._index, id: h._id!, doc: change, ...guard });
        alerts += 1;
      }
    }
    if (page.hits.hits.length < 1000) break;
    after = page.hits.hits.at(-1)!.sort as unknown[];
  }

  const report: ForgetReport = { pseudonym: alias, feedback: deleted, labels, alerts, flags };
  await ensureAuditIndex(client, indexPrefix);
  await createAuditLog(client, indexPrefix).record({ actor: { ...actor, role: 'cli' }, action: 'customer.forget', target: { type: 'customer', id: alias }, after: { feedback: report.feedback, labels, alerts, flags } });
  return report;
}
