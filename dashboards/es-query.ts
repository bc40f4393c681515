// Elasticsearch queries for Grafana panels, in the JSON shape Grafana's Elasticsearch query
// editor saves: one metric, bucket aggregations applied in order (the last one is usually
// the date histogram), and a Lucene query. Fields are typed by their mapping, so splitting
// on analysed text or averaging a keyword does not compile.
import { TIME_FIELD, type DateField, type KeywordField, type NumericField } from './feedback-fields.ts';

export type DatasourceRef = { type: 'elasticsearch'; uid: string };

export type Metric =
  | { type: 'count' }
  | { type: 'avg' | 'max'; field: NumericField | DateField }
  | { type: 'raw_data'; size: number };

export type TermsAgg = { type: 'terms'; field: KeywordField; size: number };
export type BucketAgg =
  | TermsAgg
  | { type: 'date_histogram'; field: DateField }
  | { type: 'filters'; filters: Array<{ label: string; query: string }> };

export type EsTarget = {
  refId: string;
  datasource: DatasourceRef;
  query: string;
  alias?: string;
  metrics: Array<Record<string, unknown> & { id: string; type: string; field?: string }>;
  bucketAggs: Array<Record<string, unknown> & { id: string; type: string; field?: string }>;
  timeField: string;
};

export const count: Metric = { type: 'count' };
export const avg = (field: NumericField): Metric => ({ type: 'avg', field });
export const max = (field: NumericField | DateField): Metric => ({ type: 'max', field });
export const rawData = (size: number): Metric => ({ type: 'raw_data', size });

export const terms = (field: KeywordField, size = 10): TermsAgg => ({ type: 'terms', field, size });
export const overTime = (field: DateField = TIME_FIELD): BucketAgg => ({ type: 'date_histogram', field });
export const filters = (...f: Array<{ label: string; query: string }>): BucketAgg => ({ type: 'filters', filters: f });

/**
 * One bucket over every matching document. Grafana's Elasticsearch backend rejects metric
 * queries without a bucket aggregation, and averaging per-interval averages would weight a
 * quiet day like a busy one; a single match-all filter gives the true overall figure.
 */
export const overall: BucketAgg = filters({ label: 'all', query: '*' });

/** Joins Lucene clauses with AND; each is parenthesised so an OR inside one cannot leak out. */
export function allOf(...clauses: Array<string | undefined>): string {
  const parts = clauses.filter((c): c is string => c !== undefined && c.trim() !== '' && c.trim() !== '*');
  return parts.length === 0 ? '*' : parts.map((c) => `(${c})`).join(' AND ');
}

/** `field:"value"`: the value is quoted so spaces and Lucene operators in it stay literal. */
export function equals(field: KeywordField, value: string): string {
  return `${field}:"${value.replace(/(["\\])/g, '\\$1')}"`;
}

/** `field:>=value`; value may be a dashboard variable such as `$highValueLtv`. */
export function atLeast(field: NumericField, value: string): string {
  return `${field}:>=${value}`;
}

/** Feedback the sentiment step labelled negative: the dashboards' "something is wrong" signal. */
export const negativeFeedback = equals('sentiment.label', 'negative');

export function esTarget(
  datasource: DatasourceRef,
  spec: { refId?: string; query: string; metric: Metric; groupBy: BucketAgg[]; alias?: string },
): EsTarget {
  // Grafana links metrics and bucket aggregations by string ids; the metric is always "1".
  const metric = { id: '1', ...metricJson(spec.metric) };
  const bucketAggs = spec.groupBy.map((agg, i) => ({ id: String(i + 2), ...bucketJson(agg) }));
  return {
    refId: spec.refId ?? 'A',
    datasource,
    query: spec.query,
    ...(spec.alias === undefined ? {} : { alias: spec.alias }),
    metrics: [metric],
    bucketAggs,
    timeField: TIME_FIELD,
  };
}

function metricJson(m: Metric): { type: string; field?: string; settings?: Record<string, string> } {
  switch (m.type) {
    case 'count':
      return { type: 'count' };
    case 'raw_data':
      // Settings are strings in the editor's saved model.
      return { type: 'raw_data', settings: { size: String(m.size) } };
    default:
      return { type: m.type, field: m.field };
  }
}

function bucketJson(b: BucketAgg): { type: string; field?: string; settings: Record<string, unknown> } {
  switch (b.type) {
    case 'terms':
      return {
        type: 'terms',
        field: b.field,
        settings: { min_doc_count: '1', order: 'desc', orderBy: '_count', size: String(b.size) },
      };
    case 'date_histogram':
      // min_doc_count 0 draws quiet intervals as zero instead of bridging them with a line.
      return { type: 'date_histogram', field: b.field, settings: { interval: 'auto', min_doc_count: '0', trimEdges: '0' } };
    case 'filters':
      return { type: 'filters', settings: { filters: b.filters.map((f) => ({ label: f.label, query: f.query })) } };
  }
}
