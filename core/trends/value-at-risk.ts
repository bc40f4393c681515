// Value at risk: the summed lifetime value of the distinct customers who gave negative
// feedback, each counted once at their highest recorded value in the bucket. Counting
// each customer once needs the customers themselves, and listing every customer of every
// bucket is what makes such a query slow; so voc splits the sum:
//   - the period's most valuable at-risk customers (RISKIEST of them, found by one terms
//     aggregation first) are followed exactly over the whole period, and the most
//     valuable POINT_RISKIEST of them also point by point: for each, the buckets they were
//     in (listing a thousand customers in every point of a series made the answer
//     megabytes long and doubled the time of the search);
//   - everyone else comes from per-bucket sums: their items' summed value, their number of
//     items and their distinct number (cardinality). When each of them has one item in the
//     bucket, their items' value is their value, exactly; when some repeat, their value is
//     estimated as (their items' value ÷ their items) × their number, and flagged.
// A high-value customer who complains five times a day would skew that estimate, which is
// why the most valuable are counted one by one; the rest are, by construction, the ones
// whose errors weigh least.
import type { AggBucket, Figure } from './figure.ts';

/** How many of the period's most valuable at-risk customers are followed exactly over the whole period (a series' summary, an issue, a segment). */
export const RISKIEST = 1000;
/** How many of them are followed exactly in each point of a series. */
export const POINT_RISKIEST = 100;
/**
 * Elasticsearch's cardinality is exact (a hash set) below its precision threshold and an
 * estimate (HyperLogLog++) above it: for a whole period (a series' total, an issue, a
 * segment) below 3,000, with a standard error of about 0.8% above; for each point of a
 * series (an hour, a day, a week) below 500, about 1.6% above. The points' lower threshold
 * keeps a 90-day daily series about twice as fast; a point is one of many on a line.
 */
export const CARDINALITY_EXACT_BELOW = 3000;
export const POINT_CARDINALITY_EXACT_BELOW = 500;
/** Where a distinct count is taken: over a whole period or per point of a series. */
export type Level = 'period' | 'point';
export const exactBelow = (level: Level = 'period') => (level === 'point' ? POINT_CARDINALITY_EXACT_BELOW : CARDINALITY_EXACT_BELOW);

export const negative = { term: { 'sentiment.label': 'negative' } };
export const atRisk = { bool: { filter: [negative, { exists: { field: 'customer.id' } }] } };

/** Distinct customers of a bucket, counted on `customer.key` (core/feedback/customer-key.ts). */
export const distinctCustomers = (level: Level = 'period') => ({ cardinality: { field: 'customer.key', precision_threshold: exactBelow(level) } });

const ltv = 'customer.lifetimeValue';

/** Per bucket: the at-risk items' value and distinct customers. */
export function riskBucketAggs(level: Level = 'period'): Record<string, object> {
  return { m_risk: { filter: atRisk, aggs: { value: { sum: { field: ltv } }, customers: distinctCustomers(level) } } };
}

/** The period's most valuable at-risk customers, highest value first. `query` selects the period's items. */
export function riskiestRequest(query: object) {
  return {
    size: 0,
    query: { bool: { filter: [query, atRisk] } },
    aggs: { riskiest: { terms: { field: 'customer.id', size: RISKIEST, order: [{ ltv: 'desc' }, { _key: 'asc' }] }, aggs: { ltv: { max: { field: ltv } } } } },
  };
}

export function readRiskiest(response: { aggregations?: unknown } | undefined): string[] {
  const buckets = (response?.aggregations as { riskiest?: { buckets: Array<{ key: string }> } } | undefined)?.riskiest?.buckets ?? [];
  return buckets.map((b) => String(b.key));
}

/** What the riskiest customers contribute to a bucket. */
export type RiskiestPart = { customers: number; items: number; value: number; itemsValue: number };
/** Their part in a whole series and per bucket of `within` (by bucket key). */
export type RiskiestParts = { whole: RiskiestPart | undefined; within: Map<string, RiskiestPart> };

/**
 * Where each of the riskiest customers was at risk, in aggregations beside the metric's
 * own: for all items and, with `groups` (a filters or terms aggregation: the split's
 * values, segments, issues), per group; with `within` (a date histogram), also per bucket
 * of it, for the POINT_RISKIEST most valuable only. Customers are listed innermost, so
 * the aggregation grows with the customers' items, not with customers × buckets.
 * `riskiest` is ordered, most valuable first (as riskiestRequest answers).
 */
export function riskiestPresenceAggs(riskiest: readonly string[], opts: { groups?: object; within?: object } = {}): Record<string, object> {
  // No at-risk customer in the period: nothing to follow (readers find no parts).
  if (riskiest.length === 0) return {};
  const customers = (list: readonly string[]) => ({
    terms: { field: 'customer.id', size: list.length, execution_hint: 'map' },
    aggs: { value: { max: { field: ltv } }, itemsValue: { sum: { field: ltv } } },
  });
  const following = (list: readonly string[]) => ({ bool: { filter: [atRisk, { terms: { 'customer.id': list } }] } });
  const whole = { customers: customers(riskiest) };
  const out: Record<string, object> = { m_riskiest: { filter: following(riskiest), aggs: { ...whole, ...(opts.groups ? { groups: { ...opts.groups, aggs: whole } } : {}) } } };
  if (opts.within) {
    const few = riskiest.slice(0, POINT_RISKIEST);
    const inner = { within: { ...opts.within, aggs: { customers: customers(few) } } };
    out.m_riskiest_points = { filter: following(few), aggs: { ...inner, ...(opts.groups ? { groups: { ...opts.groups, aggs: inner } } : {}) } };
  }
  return out;
}

type CustomerBucket = { doc_count: number; value: { value: number | null }; itemsValue: { value: number } };
type Inner = { customers?: { buckets: CustomerBucket[] }; within?: { buckets: Array<{ key: string | number } & Inner> } };

function partOf(inner: Inner | undefined): RiskiestPart | undefined {
  const list = inner?.customers?.buckets ?? [];
  if (list.length === 0) return undefined;
  return list.reduce((p, c) => ({ customers: p.customers + 1, items: p.items + c.doc_count, value: p.value + (c.value.value ?? 0), itemsValue: p.itemsValue + (c.itemsValue.value ?? 0) }), { customers: 0, items: 0, value: 0, itemsValue: 0 });
}

function withinOf(inner: Inner | undefined): Map<string, RiskiestPart> {
  const within = new Map<string, RiskiestPart>();
  for (const b of inner?.within?.buckets ?? []) {
    const part = partOf(b);
    if (part) within.set(String(b.key), part);
  }
  return within;
}

type Grouped = Inner & { groups?: { buckets: Record<string, Inner> | Array<{ key: string | number } & Inner> } };

function groupsOf(root: Grouped | undefined): Map<string, Inner> {
  const groups = new Map<string, Inner>();
  const buckets = root?.groups?.buckets;
  if (Array.isArray(buckets)) for (const b of buckets) groups.set(String(b.key), b);
  else if (buckets) for (const [key, b] of Object.entries(buckets)) groups.set(key, b);
  return groups;
}

/** Reads riskiestPresenceAggs from the aggregations that hold it: for all items, and per group key. */
export function readRiskiestParts(aggregations: unknown): { all: RiskiestParts; groups: Map<string, RiskiestParts> } {
  const aggs = aggregations as { m_riskiest?: Grouped; m_riskiest_points?: Grouped } | undefined;
  const [whole, points] = [aggs?.m_riskiest, aggs?.m_riskiest_points];
  const pointGroups = groupsOf(points);
  const groups = new Map<string, RiskiestParts>();
  for (const [key, inner] of groupsOf(whole)) groups.set(key, { whole: partOf(inner), within: withinOf(pointGroups.get(key)) });
  return { all: { whole: partOf(whole), within: withinOf(points) }, groups };
}

/** A bucket's value at risk from its per-bucket sums and the riskiest customers' part in it. */
export function valueAtRiskFigure(bucket: AggBucket, part: RiskiestPart | undefined, level: Level = 'period'): Figure {
  const risk = bucket.m_risk as { doc_count: number; value: { value: number | null }; customers: { value: number } } | undefined;
  if (!risk || risk.doc_count === 0) return { value: 0, n: 0 };
  const top = part ?? { customers: 0, items: 0, value: 0, itemsValue: 0 };
  const otherItems = risk.doc_count - top.items;
  if (otherItems <= 0) return { value: top.value, n: top.customers };
  const distinct = risk.customers.value;
  const otherCustomers = Math.min(Math.max(distinct - top.customers, 1), otherItems);
  const otherValue = Math.max((risk.value.value ?? 0) - top.itemsValue, 0);
  // One item each: their items' value is their value.
  const exact = otherCustomers === otherItems && distinct < exactBelow(level);
  return { value: top.value + (otherValue / otherItems) * otherCustomers, n: top.customers + otherCustomers, ...(exact ? {} : { approximate: true as const }) };
}
