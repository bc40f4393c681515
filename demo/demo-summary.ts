// The demo's closing report: what this run indexed by source, language and sentiment, the
// survey figures and the incident in the customers' own words (read back from
// Elasticsearch), then the top problems and the value at risk, read through the public
// API (GET /v1/issues/top, GET /v1/trends) as any client would.
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
      query: { bool: { filter: [{ range: { receivedAt: { gte: since } } }, { term: { 'product.id': incidentProductId } }, { term: { 'issues.parent': 'product_quality' } }, { term: { 'sentiment.label': 'negative' } }] } },
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

type TopIssue = {
  id: string;
  label: { en: string; zh?: string };
  count: number;
  share: number | null;
  valueAtRisk: { value: number | null; approximate?: true };
  previous: { count: number };
  significance: { significant: boolean; direction: 'up' | 'down' | null };
  verbatims: Array<{ text: string; segment?: string }>;
};

export type InsightSummary = {
  days: number;
  issues: TopIssue[];
  valueAtRisk: { value: number | null; n: number; approximate?: true };
};

async function getJson<T>(url: string, headers: Record<string, string>): Promise<T> {
  const res = await fetch(url, { headers });
  const body = (await res.json()) as T & { detail?: string };
  if (!res.ok) throw new Error(`${url} answered ${res.status}: ${body.detail ?? JSON.stringify(body).slice(0, 300)}`);
  return body;
}

/** What the run's feedback says, read through the public API as any client would. */
export async function insightSummary(apiUrl: string, days: number, headers: Record<string, string>, now = new Date()): Promise<InsightSummary> {
  const from = new Date(now.getTime() - days * 86_400_000).toISOString();
  const period = `from=${encodeURIComponent(from)}&to=${encodeURIComponent(now.toISOString())}&tz=UTC`;
  const [top, risk] = await Promise.all([
    getJson<{ issues: TopIssue[] }>(`${apiUrl}/v1/issues/top?${period}&limit=5&verbatims=1`, headers),
    getJson<{ total: { summary: InsightSummary['valueAtRisk'] } }>(`${apiUrl}/v1/trends?metric=valueAtRisk&${period}`, headers),
  ]);
  return { days, issues: top.issues, valueAtRisk: risk.total.summary };
}

export function formatInsight(s: InsightSummary): string[] {
  const money = (v: number | null, approximate?: true) => (v === null ? '–' : `${approximate ? '~' : ''}${Math.round(v).toLocaleString('en')}`);
  const lines = [`top problems  over the last ${s.days} days (share of all items, value at risk, change against the ${s.days} days before)`];
  s.issues.forEach((issue, i) => {
    const change = issue.significance.significant ? (issue.significance.direction === 'up' ? ', significant rise' : ', significant fall') : '';
    const share = issue.share === null ? '' : `, ${(issue.share * 100).toFixed(1)}%`;
    lines.push(`  ${i + 1}. ${issue.label.en} (${issue.id}): ${issue.count} items${share}, value at risk ${money(issue.valueAtRisk.value, issue.valueAtRisk.approximate)}; before ${issue.previous.count}${change}`);
    const v = issue.verbatims[0];
    if (v) lines.push(`     [${v.segment ?? '?'}] ${v.text.replace(/\s+/g, ' ').slice(0, 130)}`);
  });
  lines.push(`value at risk ${money(s.valueAtRisk.value, s.valueAtRisk.approximate)}: lifetime value of ${s.valueAtRisk.n.toLocaleString('en')} customers with negative feedback in the period`);
  return lines;
}
