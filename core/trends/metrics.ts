// The metric vocabulary: what each figure voc reports means, which plain Elasticsearch
// aggregations compute it, and how a bucket of the response becomes a figure. Ratios and
// means are read from sums and counts (no scripts, no pipeline aggregations, which not
// every cluster has), and every figure carries `n`, the number of items, responses or
// customers behind it, so that small samples are visible as such.
//
// An empty bucket is 0 for counts and money (nothing happened) and null for shares and
// means (there is nothing to average: an NPS of 0 would be a claim), both with n = 0.

export const metricNames = ['count', 'customers', 'negativeShare', 'meanSentiment', 'nps', 'csat', 'ces', 'meanRating', 'valueAtRisk', 'valueShare'] as const;
export type MetricName = (typeof metricNames)[number];

export type Figure = { value: number | null; n: number; approximate?: true };

/** The part of an aggregation response bucket the readers look at. */
export type AggBucket = { doc_count: number } & Record<string, unknown>;

type Stats = { count: number; sum: number | null; avg: number | null };
type Terms = { buckets: Array<{ key: string; doc_count: number } & Record<string, unknown>>; sum_other_doc_count?: number };

export type MetricOptions = {
  /** valueAtRisk: customers per bucket whose value is read exactly, highest value first. */
  topCustomers: number;
};

type MetricDefinition = {
  /** One sentence for the README, `voc trends --help` and the API. */
  definition: string;
  /** What `n` counts. */
  n: 'items' | 'responses' | 'customers';
  /** Sums (0 when empty) rather than averages (null when empty). */
  additive: boolean;
  aggs(o: MetricOptions): Record<string, object>;
  read(b: AggBucket): Figure;
};

/** Above this many distinct customers in a bucket, Elasticsearch's cardinality is an estimate (within about 1%). */
export const CARDINALITY_EXACT_BELOW = 40_000;

const negative = { term: { 'sentiment.label': 'negative' } };
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
    aggs: () => ({}),
    read: (b) => ({ value: b.doc_count, n: b.doc_count }),
  },
  customers: {
    definition: `distinct customer ids among the items (items without a customer id are not counted; exact below ${CARDINALITY_EXACT_BELOW.toLocaleString('en')} per bucket, an estimate within about 1% above)`,
    n: 'items',
    additive: true,
    aggs: () => ({ m_customers: { cardinality: { field: 'customer.id', precision_threshold: CARDINALITY_EXACT_BELOW } } }),
    read: (b) => {
      const value = (b.m_customers as { value: number }).value;
      return { value, n: b.doc_count, ...(value >= CARDINALITY_EXACT_BELOW ? { approximate: true as const } : {}) };
    },
  },
  negativeShare: {
    definition: 'share of the items whose sentiment is negative, 0 to 1',
    n: 'items',
    additive: false,
    aggs: () => ({ m_negative: { filter: negative } }),
    read: (b) => ({ value: b.doc_count ? (b.m_negative as { doc_count: number }).doc_count / b.doc_count : null, n: b.doc_count }),
  },
  meanSentiment: {
    definition: 'mean sentiment score of the items, −1 (negative) to +1 (positive)',
    n: 'items',
    additive: false,
    aggs: () => stats('sentiment.score'),
    read: (b) => meanOf(b),
  },
  nps: {
    definition: 'Net Promoter Score of the NPS responses: % promoters (9–10) − % detractors (0–6), −100 to +100; the mean of each response\'s contribution (+100, 0, −100)',
    n: 'responses',
    additive: false,
    aggs: () => stats('survey.nps.contribution'),
    read: (b) => meanOf(b),
  },
  csat: {
    definition: 'CSAT: % of the CSAT responses that are satisfied (4 or 5 on the 1–5 scale), 0 to 100',
    n: 'responses',
    additive: false,
    aggs: () => stats('survey.csatSatisfied'),
    read: (b) => meanOf(b, 100),
  },
  ces: {
    definition: 'Customer Effort Score: mean of the CES responses on the 1–7 scale',
    n: 'responses',
    additive: false,
    aggs: () => ({ m_ces: { filter: { term: { scale: 'ces' } }, aggs: stats('score') } }),
    read: (b) => meanOf(b.m_ces as AggBucket),
  },
  meanRating: {
    definition: 'mean star rating of the rated items, 1 to 5',
    n: 'responses',
    additive: false,
    aggs: () => stats('rating'),
    read: (b) => meanOf(b),
  },
  valueAtRisk: {
    definition:
      'summed lifetime value of the distinct customers who gave negative feedback in the bucket, each customer counted once at their highest recorded value; ' +
      'exact for the highest-value customers of each bucket (all of them when few), the rest estimated from their items\' mean value and flagged approximate',
    n: 'customers',
    additive: true,
    aggs: (o) => ({
      m_risk: {
        filter: { bool: { filter: [negative, { exists: { field: 'customer.id' } }] } },
        aggs: {
          customers: { cardinality: { field: 'customer.id', precision_threshold: CARDINALITY_EXACT_BELOW } },
          value: { sum: { field: 'customer.lifetimeValue' } },
          top: {
            terms: { field: 'customer.id', size: o.topCustomers, order: [{ ltv: 'desc' }, { _key: 'asc' }] },
            aggs: { ltv: { max: { field: 'customer.lifetimeValue' } }, itemsValue: { sum: { field: 'customer.lifetimeValue' } } },
          },
        },
      },
    }),
    read: (b) => readValueAtRisk(b.m_risk as AggBucket),
  },
};

/**
 * Value at risk of one bucket. The terms aggregation lists customers by their highest
 * lifetime value, so the customers it leaves out are the bucket's least valuable; their
 * value is estimated as (their items' summed value ÷ their items) × their number.
 */
function readValueAtRisk(risk: AggBucket): Figure {
  const top = risk.top as Terms;
  const exact = top.buckets.reduce((sum, c) => sum + ((c.ltv as { value: number | null }).value ?? 0), 0);
  const otherItems = top.sum_other_doc_count ?? 0;
  if (otherItems === 0) return { value: exact, n: top.buckets.length };
  const distinct = (risk.customers as { value: number }).value;
  const otherCustomers = Math.max(distinct - top.buckets.length, 1);
  const topItemsValue = top.buckets.reduce((sum, c) => sum + ((c.itemsValue as { value: number }).value ?? 0), 0);
  const otherItemsValue = Math.max(((risk.value as { value: number }).value ?? 0) - topItemsValue, 0);
  return { value: exact + (otherItemsValue / otherItems) * otherCustomers, n: top.buckets.length + otherCustomers, approximate: true };
}

/** valueShare: a split value's value at risk as a share of the whole bucket's, 0 to 1. */
export const valueShareDefinition =
  'with a split: the split value\'s value at risk as a share of the value at risk of all items in the bucket (customers in several split values count in each), 0 to 1';

export function metricDefinition(metric: MetricName): MetricDefinition {
  return definitions[metric === 'valueShare' ? 'valueAtRisk' : metric];
}

export function describeMetric(metric: MetricName): string {
  return metric === 'valueShare' ? valueShareDefinition : definitions[metric].definition;
}

export function metricAggs(metric: MetricName, o: MetricOptions): Record<string, object> {
  return metricDefinition(metric).aggs(o);
}

export function readFigure(metric: MetricName, bucket: AggBucket): Figure {
  return metricDefinition(metric).read(bucket);
}

/** The value of a bucket with no items. */
export function emptyFigure(metric: MetricName): Figure {
  return { value: metric !== 'valueShare' && metricDefinition(metric).additive ? 0 : null, n: 0 };
}
