// Why an alert fired, in the customers' and the business's terms, computed when it fires:
//   - the dimension values that carry the change: for product, version, channel, issue,
//     source, language and segment (less what the rule already pins down), the items in
//     the alert's window against the usual number for a window that long over the
//     baseline span before it; ranked by the excess, with each one's share of the whole
//     excess;
//   - the driving verbatims: the window's negative items (any items when none is
//     negative), highest customer value first, redacted text as stored;
//   - the top terms of the window with their usual count;
//   - the affected customers: how many, the value at risk (their summed lifetime value),
//     and the most valuable of them (the closed loop records who was contacted).
import type { Client } from '@elastic/elasticsearch';
import type { FeedbackDocument } from '../../core/feedback/feedback-document.ts';
import { dimensionFields, filterQuery, type Dimension } from '../../core/query/feedback-filter.ts';
import type { TextAnalyzer } from '../../core/text/text-analyzer.ts';
import type { Rule } from '../rule.ts';

const CANDIDATES: Dimension[] = ['product', 'version', 'channel', 'issue', 'source', 'language', 'segment'];
const TOP_CONTRIBUTORS = 8;
const VERBATIMS = 5;
const TOP_CUSTOMERS = 20;

export type Contributor = { dimension: Dimension; value: string; now: number; usual: number; excess: number; share: number | null };
export type Explanation = {
  window: { from: string; to: string };
  items: number;
  usualItems: number;
  contributors: Contributor[];
  verbatims: Array<{ id: string; createdAt: string; text: string; sentiment?: string; customer?: { id?: string; segment?: string; lifetimeValue?: number } }>;
  terms: Array<{ term: string; now: number; usual: number }>;
  customers: { count: number; valueAtRisk: number; top: Array<{ id: string; lifetimeValue: number; segment?: string; items: number }> };
};

export type ExplainDeps = { client: Client; index: string; analyzer: TextAnalyzer };

type Terms = { buckets: Array<{ key: string | number; doc_count: number }> };

export async function explain(deps: ExplainDeps, rule: Rule, group: string | null, window: { from: number; to: number }): Promise<Explanation> {
  const filters = { ...rule.filters, ...(rule.groupBy && group !== null ? { [rule.groupBy]: [group] } : {}) } as Record<string, unknown>;
  // A dimension pinned to one value by the rule says nothing about the change.
  const dims = CANDIDATES.filter((d) => d !== rule.groupBy && !((filters[d] as string[] | undefined)?.length === 1));
  const range = (from: number, to: number) => ({ range: { createdAt: { gte: from, lt: to, format: 'epoch_millis' } } });
  const baselineFrom = window.from - rule.baseline;
  const q = (from: number, to: number) => filterQuery(filters as never, deps.analyzer, [range(from, to)]).query;
  const breakdown = (size: number) => ({ ...Object.fromEntries(dims.map((d) => [d, { terms: { field: dimensionFields[d], size } }])), terms: { terms: { field: 'keyphrases', size } } });
  const { responses } = await deps.client.msearch<FeedbackDocument>({
    searches: [
      { index: deps.index, ignore_unavailable: true, allow_no_indices: true },
      {
        size: 0,
        track_total_hits: true,
        query: q(window.from, window.to),
        aggs: {
          ...breakdown(10),
          customers: { cardinality: { field: 'customer.id' } },
          risk: { filter: { term: { 'sentiment.label': 'negative' } }, aggs: { people: { terms: { field: 'customer.id', size: 10_000 }, aggs: { ltv: { max: { field: 'customer.lifetimeValue' } } } } } },
          top: { terms: { field: 'customer.id', size: TOP_CUSTOMERS, order: { ltv: 'desc' } }, aggs: { ltv: { max: { field: 'customer.lifetimeValue' } }, segment: { terms: { field: 'customer.segment', size: 1 } } } },
        },
      },
      { index: deps.index, ignore_unavailable: true, allow_no_indices: true },
      { size: 0, track_total_hits: true, query: q(baselineFrom, window.from), aggs: breakdown(200) },
      { index: deps.index, ignore_unavailable: true, allow_no_indices: true },
      {
        size: VERBATIMS,
        query: { bool: { filter: [q(window.from, window.to)], should: [{ term: { 'sentiment.label': 'negative' } }] } },
        sort: ['_score', { 'customer.lifetimeValue': { order: 'desc', missing: '_last' } }, { createdAt: 'desc' }],
        _source: ['id', 'createdAt', 'text', 'sentiment.label', 'customer'],
      },
    ] as never,
  });
  const [now, before, verbatims] = responses.map((r) => {
    if ('error' in r) throw new Error(`explaining an alert: Elasticsearch refused a search (${r.status}): ${r.error.reason ?? r.error.type}`);
    return r;
  }) as Array<{ hits: { total?: number | { value: number }; hits: Array<{ _source?: FeedbackDocument }> }; aggregations?: Record<string, unknown> }>;
  const total = (r: typeof now) => (typeof r!.hits.total === 'number' ? r!.hits.total : (r!.hits.total?.value ?? 0));
  const scale = (window.to - window.from) / rule.baseline;
  const a = now!.aggregations ?? {};
  const b = before!.aggregations ?? {};
  const usualOf = (name: string) => new Map(((b[name] as Terms | undefined)?.buckets ?? []).map((x) => [String(x.key), x.doc_count * scale]));

  const raw: Contributor[] = dims.flatMap((d) => {
    const usual = usualOf(d);
    return ((a[d] as Terms | undefined)?.buckets ?? []).map((x) => {
      const u = usual.get(String(x.key)) ?? 0;
      return { dimension: d, value: String(x.key), now: x.doc_count, usual: round(u), excess: round(x.doc_count - u), share: null as number | null };
    });
  });
  const items = total(now);
  const usualItems = total(before) * scale;
  const whole = items - usualItems;
  const contributors = raw
    .filter((c) => c.excess > 0)
    .sort((x, y) => y.excess - x.excess)
    .slice(0, TOP_CONTRIBUTORS)
    .map((c) => ({ ...c, share: whole > 0 ? round(Math.min(1, c.excess / whole)) : null }));

  const usualTerms = usualOf('terms');
  const terms = ((a.terms as Terms | undefined)?.buckets ?? []).map((x) => ({ term: String(x.key), now: x.doc_count, usual: round(usualTerms.get(String(x.key)) ?? 0) }));

  const people = ((a.risk as { people?: { buckets: Array<{ ltv: { value: number | null } }> } } | undefined)?.people?.buckets ?? []);
  const top = ((a.top as { buckets: Array<{ key: string; doc_count: number; ltv: { value: number | null }; segment: Terms }> } | undefined)?.buckets ?? []).map((x) => ({
    id: String(x.key),
    lifetimeValue: x.ltv.value ?? 0,
    ...(x.segment.buckets[0] ? { segment: String(x.segment.buckets[0].key) } : {}),
    items: x.doc_count,
  }));
  return {
    window: { from: new Date(window.from).toISOString(), to: new Date(window.to).toISOString() },
    items,
    usualItems: round(usualItems),
    contributors,
    verbatims: verbatims!.hits.hits.flatMap((h) => {
      const d = h._source;
      if (!d) return [];
      return [{ id: d.id, createdAt: d.createdAt, text: d.text, ...(d.sentiment?.label ? { sentiment: d.sentiment.label } : {}), ...(d.customer ? { customer: { id: d.customer.id, segment: d.customer.segment, lifetimeValue: d.customer.lifetimeValue } } : {}) }];
    }),
    terms,
    customers: { count: (a.customers as { value: number } | undefined)?.value ?? 0, valueAtRisk: round(people.reduce((s, p) => s + (p.ltv.value ?? 0), 0)), top },
  };
}

const round = (x: number) => Math.round(x * 100) / 100;
