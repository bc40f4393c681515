// The metric vocabulary: what each figure voc reports means, which plain Elasticsearch
// aggregations compute it, and how a bucket of the response becomes a figure. Ratios and
// means are read from sums and counts (no scripts, no pipeline aggregations, which not
// every cluster has), and every figure carries `n`, the number of items, responses or
// customers behind it, so that small samples are visible as such.
//
// An empty bucket is 0 for counts and money (nothing happened) and null for shares and
// means (there is nothing to average: an NPS of 0 would be a claim), both with n = 0.
import type { AggBucket, Figure } from './figure.ts';
import { CARDINALITY_EXACT_BELOW, distinctCustomers, exactBelow, negative, POINT_CARDINALITY_EXACT_BELOW, POINT_RISKIEST, RISKIEST, riskBucketAggs, valueAtRiskFigure, type Level, type RiskiestPart } from './value-at-risk.ts';

export { CARDINALITY_EXACT_BELOW, POINT_CARDINALITY_EXACT_BELOW, type Level };

export const metricNames = ['count', 'customers', 'negativeShare', 'meanSentiment', 'nps', 'csat', 'ces', 'meanRating', 'valueAtRisk', 'valueShare'] as const;
export type MetricName = (typeof metricNames)[number];

export type { AggBucket, Figure };

type Stats = { count: number; sum: number | null; avg: number | null };

/** A filter on one keyword value, as the metric aggregations write it. */
export type TermFilter = { term: Record<string, string> };

/**
 * A metric's figure in plain parts, for readers that can ask Elasticsearch only for plain
 * aggregations and cannot run `read` (Grafana's panels): `count` of the items; `share` of
 * the items matching `where`; `mean` of `field` over the items that have it (and match
 * `where`), times `scale`; `distinct` values of `field`. The same definition as `aggs`
 * and `read`, said another way; value at risk has none (it follows customers one by one).
 */
export type PlainMetric =
  | { kind: 'count' }
  | { kind: 'share'; where: TermFilter }
  | { kind: 'mean'; field: string; scale: number; where?: TermFilter }
  | { kind: 'distinct'; field: string; exactBelow: number };

type MetricDefinition = {
  /** One sentence for the README, `voc trends --help` and the API. */
  definition: string;
  /** What `n` counts. */
  n: 'items' | 'responses' | 'customers';
  /** Sums (0 when empty) rather than averages (null when empty). */
  additive: boolean;
  /**
   * Its aggregations add up: the buckets of items that no two share can be summed into the
   * bucket of all of them (counts, filtered counts, sums and counts of stats). Distinct
   * counts cannot: a customer in two buckets is one customer in their union.
   */
  summable: boolean;
  /** `level`: a whole period or one point of a series (distinct counts are exact below different sizes, see value-at-risk.ts). */
  aggs(level?: Level): Record<string, object>;
  plain?: PlainMetric;
  /** `part`: value at risk's riskiest customers in this bucket (see value-at-risk.ts). */
  read(b: AggBucket, part?: RiskiestPart, level?: Level): Figure;
};

const stats = (field: string) => ({ m_stats: { stats: { field } } });
const meanOf = (b: AggBucket, scale = 1): Figure => {
  const s = b.m_stats as Stats;
  return { value: s.count ? (s.sum ?? 0) / s.count * scale : null, n: s.count };
};

const definitions: Record<Exclude<MetricName, 'valueShare'>, MetricDefinition> = {
  count: {
    definition: 'feedback items created in the bucket',
    n: 'items',
    additive: true,
    summable: true,
    plain: { kind: 'count' },
    aggs: () => ({}),
    read: (b) => ({ value: b.doc_count, n: b.doc_count }),
  },
  customers: {
    definition: `distinct customer ids among the items (items without a customer id are not counted); exact below ${CARDINALITY_EXACT_BELOW.toLocaleString('en')} for a whole period and below ${POINT_CARDINALITY_EXACT_BELOW.toLocaleString('en')} for each point of a series, above that an estimate with a standard error of about 1% (period) or 2% (point)`,
    n: 'items',
    additive: true,
    summable: false,
    plain: { kind: 'distinct', field: 'customer.key', exactBelow: CARDINALITY_EXACT_BELOW },
    aggs: (level) => ({ m_customers: distinctCustomers(level) }),
    read: (b, _part, level) => {
      const value = (b.m_customers as { value: number }).value;
      return { value, n: b.doc_count, ...(value >= exactBelow(level) ? { approximate: true as const } : {}) };
    },
  },
  negativeShare: {
    definition: 'share of the items whose sentiment is negative, 0 to 1',
    n: 'items',
    additive: false,
    summable: true,
    plain: { kind: 'share', where: negative },
    aggs: () => ({ m_negative: { filter: negative } }),
    read: (b) => ({ value: b.doc_count ? (b.m_negative as { doc_count: number }).doc_count / b.doc_count : null, n: b.doc_count }),
  },
  meanSentiment: {
    definition: 'mean sentiment score of the items, −1 (negative) to +1 (positive)',
    n: 'items',
    additive: false,
    summable: true,
    plain: { kind: 'mean', field: 'sentiment.score', scale: 1 },
    aggs: () => stats('sentiment.score'),
    read: (b) => meanOf(b),
  },
  nps: {
    definition: 'Net Promoter Score of the NPS responses: % promoters (9–10) − % detractors (0–6), −100 to +100; the mean of each response\'s contribution (+100, 0, −100)',
    n: 'responses',
    additive: false,
    summable: true,
    plain: { kind: 'mean', field: 'survey.nps.contribution', scale: 1 },
    aggs: () => stats('survey.nps.contribution'),
    read: (b) => meanOf(b),
  },
  csat: {
    definition: 'CSAT: % of the CSAT responses that are satisfied (4 or 5 on the 1–5 scale), 0 to 100',
    n: 'responses',
    additive: false,
    summable: true,
    plain: { kind: 'mean', field: 'survey.csatSatisfied', scale: 100 },
    aggs: () => stats('survey.csatSatisfied'),
    read: (b) => meanOf(b, 100),
  },
  ces: {
    definition: 'Customer Effort Score: mean of the CES responses on the 1–7 scale',
    n: 'responses',
    additive: false,
    summable: true,
    plain: { kind: 'mean', field: 'score', scale: 1, where: { term: { scale: 'ces' } } },
    aggs: () => ({ m_ces: { filter: { term: { scale: 'ces' } }, aggs: stats('score') } }),
    read: (b) => meanOf(b.m_ces as AggBucket),
  },
  meanRating: {
    definition: 'mean star rating of the rated items, 1 to 5',
    n: 'responses',
    additive: false,
    summable: true,
    plain: { kind: 'mean', field: 'rating', scale: 1 },
    aggs: () => stats('rating'),
    read: (b) => meanOf(b),
  },
  valueAtRisk: {
    definition:
      'summed lifetime value of the distinct customers who gave negative feedback in the bucket, each customer counted once at their highest recorded value; ' +
      `exact for the period's ${RISKIEST.toLocaleString('en')} most valuable of them over the whole period and its ${POINT_RISKIEST.toLocaleString('en')} most valuable in each point of a series, and for the others while each has one negative item in the bucket; ` +
      "where others repeat, their part is estimated from their items' mean value and the figure flagged approximate",
    n: 'customers',
    additive: true,
    summable: false,
    aggs: (level) => riskBucketAggs(level),
    read: (b, part, level) => valueAtRiskFigure(b, part, level),
  },
};

/** valueShare: a split value's value at risk as a share of the whole bucket's, 0 to 1. */
export const valueShareDefinition =
  'with a split: the split value\'s value at risk as a share of the value at risk of all items in the bucket (customers in several split values count in each), 0 to 1';

export function metricDefinition(metric: MetricName): MetricDefinition {
  return definitions[metric === 'valueShare' ? 'valueAtRisk' : metric];
}

export function describeMetric(metric: MetricName): string {
  return metric === 'valueShare' ? valueShareDefinition : definitions[metric].definition;
}

export function metricAggs(metric: MetricName, level: Level = 'period'): Record<string, object> {
  return metricDefinition(metric).aggs(level);
}

/** The metric in plain parts (see PlainMetric), or undefined for value at risk and its share. */
export function plainMetric(metric: MetricName): PlainMetric | undefined {
  return metric === 'valueShare' ? undefined : definitions[metric].plain;
}

export function readFigure(metric: MetricName, bucket: AggBucket, part?: RiskiestPart, level: Level = 'period'): Figure {
  return metricDefinition(metric).read(bucket, part, level);
}

/** Whether the metric's aggregations of disjoint buckets add up to those of their union (see MetricDefinition.summable). */
export function summable(metric: MetricName): boolean {
  return metric !== 'valueShare' && definitions[metric].summable;
}

/** Value at risk and its share follow the period's riskiest customers one by one. */
export const needsRiskiest = (metric: MetricName) => metric === 'valueAtRisk' || metric === 'valueShare';

/** The value of a bucket with no items. */
export function emptyFigure(metric: MetricName): Figure {
  return { value: metric !== 'valueShare' && metricDefinition(metric).additive ? 0 : null, n: 0 };
}
