// Elasticsearch queries for Grafana panels, in the JSON shape Grafana's Elasticsearch query
// editor saves: one metric, bucket aggregations applied in order (the first is the
// outermost; a date histogram comes last), and a Lucene query; and Grafana's math
// expressions over such queries, for figures Elasticsearch cannot give in one query (a
// share is two counts). What Grafana sends to Elasticsearch for each of them is written
// out in grafana-es-request.ts, and the integration test runs that on the real server.
import type { AlertDateField, AlertKeywordField, AlertNumericField } from './alert-fields.ts';
import { TIME_FIELD, type DateField, type KeywordField, type NumericField } from './feedback-fields.ts';

export type DatasourceRef = { type: 'elasticsearch'; uid: string };
/** Grafana's server-side expressions: a pseudo-datasource every Grafana has. */
export const EXPRESSION_DATASOURCE = { type: '__expr__', uid: '__expr__' } as const;
export type ExprDatasourceRef = typeof EXPRESSION_DATASOURCE;

type Keyword = KeywordField | AlertKeywordField;
type Numeric = NumericField | AlertNumericField;
type Dated = DateField | AlertDateField;

export type Metric =
  | { type: 'count' }
  | { type: 'avg' | 'sum'; field: Numeric }
  | { type: 'max'; field: Numeric | Dated }
  /** Distinct values; exact below `precisionThreshold` values per bucket. */
  | { type: 'cardinality'; field: Keyword | Numeric; precisionThreshold: number }
  | { type: 'percentiles'; field: Numeric; percents: number[] }
  | { type: 'raw_data'; size: number };

export type TermsAgg = {
  type: 'terms';
  field: Keyword;
  size: number;
  /** By item count (default), by the key, or by the query's metric. */
  orderBy?: '_count' | '_key' | 'metric';
  order?: 'asc' | 'desc';
  /** The bucket of items without the field; without it they drop out of the table. */
  missing?: string;
};
export type BucketAgg =
  | TermsAgg
  | { type: 'date_histogram'; field: Dated }
  | { type: 'filters'; filters: Array<{ label: string; query: string }> };

type SavedAgg = Record<string, unknown> & { id: string; type: string; field?: string; settings?: Record<string, unknown> };

export type EsTarget = {
  refId: string;
  datasource: DatasourceRef;
  query: string;
  alias?: string;
  metrics: SavedAgg[];
  bucketAggs: SavedAgg[];
  timeField: string;
};

/** A math expression over other queries of the panel, `$A / $B`; Grafana evaluates it on its server. */
export type ExprTarget = { refId: string; datasource: ExprDatasourceRef; type: 'math'; expression: string; hide: false };

export type PanelTarget = EsTarget | ExprTarget;

export const isExpression = (t: { datasource: { type: string } }): t is ExprTarget => t.datasource.type === EXPRESSION_DATASOURCE.type;

export const count: Metric = { type: 'count' };
export const avg = (field: Numeric): Metric => ({ type: 'avg', field });
export const max = (field: Numeric | Dated): Metric => ({ type: 'max', field });
export const rawData = (size: number): Metric => ({ type: 'raw_data', size });
export const median = (field: Numeric): Metric => ({ type: 'percentiles', field, percents: [50] });

export const terms = (field: Keyword, size = 10, opts: Omit<TermsAgg, 'type' | 'field' | 'size'> = {}): TermsAgg => ({ type: 'terms', field, size, ...opts });
export const overTime = (field: Dated = TIME_FIELD): BucketAgg => ({ type: 'date_histogram', field });
export const filters = (...f: Array<{ label: string; query: string }>): BucketAgg => ({ type: 'filters', filters: f });

/**
 * One bucket over every matching document. Grafana's Elasticsearch backend rejects metric
 * queries without a bucket aggregation, and averaging per-interval averages would weight a
 * quiet day like a busy one; a single match-all filter gives the true overall figure.
 */
export const overall: BucketAgg = filters({ label: 'all', query: '*' });

/**
 * Joins Lucene clauses with AND; each is parenthesised so an OR inside one cannot leak out,
 * unless it already is, or is itself such a conjunction (outside parentheses and quotes
 * nothing but ANDs), which joins as it is.
 */
export function allOf(...clauses: Array<string | undefined>): string {
  const parts = clauses.filter((c): c is string => c !== undefined && c.trim() !== '' && c.trim() !== '*');
  return parts.length === 0 ? '*' : parts.map((c) => (isConjunction(c) ? c : `(${c})`)).join(' AND ');
}

/** `(a)`, `(a) AND (b)`: what lies outside parentheses and quoted strings is only " AND ". */
function isConjunction(clause: string): boolean {
  let depth = 0;
  let outside = '';
  let quoted = false;
  for (let i = 0; i < clause.length; i++) {
    const ch = clause[i]!;
    if (quoted) {
      if (ch === '\\') i++;
      else if (ch === '"') quoted = false;
    } else if (ch === '"') {
      quoted = true;
      if (depth === 0) outside += ch;
    } else if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (depth === 0) outside += ch;
    if (depth < 0) return false;
  }
  return clause.startsWith('(') && clause.endsWith(')') && depth === 0 && /^( AND )*$/.test(outside);
}

/** `field:"value"`: the value is quoted so spaces and Lucene operators in it stay literal. */
export function equals(field: Keyword, value: string): string {
  return `${field}:"${value.replace(/(["\\])/g, '\\$1')}"`;
}

/** `field:>=value`; value may be a dashboard variable such as `$highValueLtv`. */
export function atLeast(field: Numeric, value: string): string {
  return `${field}:>=${value}`;
}

/** Feedback the sentiment step labelled negative: the dashboards' "something is wrong" signal. */
export const negativeFeedback = equals('sentiment.label', 'negative');
/** Items that carry at least one problem (an issue of kind problem). */
export const withProblem = equals('issues.kind', 'problem');

export function esTarget(
  datasource: DatasourceRef,
  spec: { refId?: string; query: string; metric: Metric; groupBy: BucketAgg[]; alias?: string; timeField?: string },
): EsTarget {
  // Grafana links metrics and bucket aggregations by string ids; the metric is always "1".
  const metric = { id: METRIC_ID, ...metricJson(spec.metric) };
  const bucketAggs = spec.groupBy.map((agg, i) => ({ id: String(i + 2), ...bucketJson(agg) }));
  return {
    refId: spec.refId ?? 'A',
    datasource,
    query: spec.query,
    ...(spec.alias === undefined ? {} : { alias: spec.alias }),
    metrics: [metric],
    bucketAggs,
    timeField: spec.timeField ?? TIME_FIELD,
  };
}

export function mathTarget(refId: string, expression: string): ExprTarget {
  return { refId, datasource: EXPRESSION_DATASOURCE, type: 'math', expression, hide: false };
}

const METRIC_ID = '1';

// Settings are strings where the editor saves strings (sizes, counts), as in an export.
function metricJson(m: Metric): { type: string; field?: string; settings?: Record<string, unknown> } {
  switch (m.type) {
    case 'count':
      return { type: 'count' };
    case 'raw_data':
      return { type: 'raw_data', settings: { size: String(m.size) } };
    case 'cardinality':
      return { type: 'cardinality', field: m.field, settings: { precision_threshold: String(m.precisionThreshold) } };
    case 'percentiles':
      return { type: 'percentiles', field: m.field, settings: { percents: m.percents.map(String) } };
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
        settings: {
          min_doc_count: '1',
          order: b.order ?? 'desc',
          orderBy: b.orderBy === 'metric' ? METRIC_ID : (b.orderBy ?? '_count'),
          size: String(b.size),
          ...(b.missing === undefined ? {} : { missing: b.missing }),
        },
      };
    case 'date_histogram':
      // min_doc_count 0 draws quiet intervals as zero instead of bridging them with a line.
      return { type: 'date_histogram', field: b.field, settings: { interval: 'auto', min_doc_count: '0', trimEdges: '0' } };
    case 'filters':
      return { type: 'filters', settings: { filters: b.filters.map((f) => ({ label: f.label, query: f.query })) } };
  }
}
