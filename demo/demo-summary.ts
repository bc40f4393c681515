// The demo's closing report, read back from Elasticsearch: what this run indexed by
// source, language and sentiment, the survey figures, and the incident in the
// customers' own words.
import type { Client } from '@elastic/elasticsearch';
import { readAlias } from '../core/names.ts';

type Buckets = { buckets: Array<{ key: string; doc_count: number }> };

export async function demoSummary(client: Client, indexPrefix: string, since: string, incidentProductId?: string) {
  const index = readAlias(indexPrefix);
  await client.indices.refresh({ index, ignore_unavailable: true });
  const res = await client.search({
    index,
    size: 0,
    query: { range: { receivedAt: { gte: since } } },
    aggs: {
      source: { terms: { field: 'source', size: 10 } },
      language: { terms: { field: 'language', size: 5 } },
      sentiment: { terms: { field: 'sentiment.label', size: 5 } },
      nps: { avg: { field: 'survey.nps.contribution' } },
      npsResponses: { value_count: { field: 'survey.nps.contribution' } },
      negativeByProduct: { filter: { term: { 'sentiment.label': 'negative' } }, aggs: { product: { terms: { field: 'product.name', size: 3 } } } },
    },
  });
  const aggs = res.aggregations as Record<string, unknown>;
  const table = (name: string) => Object.fromEntries((aggs[name] as Buckets).buckets.map((b) => [b.key, b.doc_count]));
  let voices: string[] = [];
  if (incidentProductId) {
    const quotes = await client.search<{ text: string; customer?: { segment?: string } }>({
      index,
      size: 3,
      query: { bool: { filter: [{ range: { receivedAt: { gte: since } } }, { term: { 'product.id': incidentProductId } }, { term: { 'issues.parent': 'product_quality' } }] } },
      sort: [{ 'customer.lifetimeValue': { order: 'desc', missing: '_last' } }],
      _source: ['text', 'customer.segment'],
    });
    voices = quotes.hits.hits.map((h) => `[${h._source?.customer?.segment ?? '?'}] ${h._source?.text.replace(/\s+/g, ' ').slice(0, 140)}`);
  }
  return {
    bySource: table('source'),
    byLanguage: table('language'),
    bySentiment: table('sentiment'),
    nps: (aggs.nps as { value: number | null }).value,
    npsResponses: (aggs.npsResponses as { value: number }).value,
    mostNegativeProducts: Object.fromEntries(
      ((aggs.negativeByProduct as { product: Buckets }).product.buckets).map((b) => [b.key, b.doc_count]),
    ),
    voices,
  };
}

export function formatCounts(counts: Record<string, number>): string {
  return Object.entries(counts)
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
}
