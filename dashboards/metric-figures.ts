// The metrics of core/trends/metrics.ts as Grafana panel queries, built from the metric
// definitions themselves (their plain form, `plainMetric`), so that a dashboard cannot
// define NPS or negative share differently from the trends API:
//   count     one count query
//   distinct  one cardinality query, exact below the same threshold the API uses
//   mean      one average over the items matching the definition's filter, times its scale
//   share     two counts, the matching items (A) and all items (B), and Grafana's math
//             expression $A / $B (C): Elasticsearch has no plain aggregation for a ratio
// A panel shows only the query that carries the figure (a filterByRefId transformation).
// Value at risk, which the API follows customer by customer, is the summed highest lifetime
// value of each at-risk customer: a terms aggregation by customer, reduced by Grafana.
import { RISKIEST, atRisk } from '../core/trends/value-at-risk.ts';
import { plainMetric, type MetricName, type TermFilter } from '../core/trends/metrics.ts';
import { allOf, equals, esTarget, mathTarget, max, terms, type BucketAgg, type DatasourceRef, type EsTarget, type Metric, type PanelTarget } from './es-query.ts';
import { keywordFields, numericFields, type KeywordField, type NumericField } from './feedback-fields.ts';

export type FigureQueries = {
  targets: PanelTarget[];
  /** The refId whose result the panel shows. */
  shows: string;
  /** Keeps only `shows` when the panel has helper queries. */
  transformations: unknown[];
};

/** The Lucene form of the filters the metric definitions use (term, exists, bool.filter). */
export function luceneOf(filter: object): string {
  const f = filter as { term?: Record<string, string>; exists?: { field: string }; bool?: { filter: object[] } };
  if (f.term) {
    const [[field, value]] = Object.entries(f.term) as [[string, string]];
    return equals(keyword(field), value);
  }
  if (f.exists) return `_exists_:${keyword(f.exists.field)}`;
  if (f.bool && Object.keys(f.bool).length === 1 && f.bool.filter) return allOf(...f.bool.filter.map(luceneOf));
  throw new Error(`no Lucene form for the filter ${JSON.stringify(filter)}`);
}

function keyword(field: string): KeywordField {
  if (!(keywordFields as readonly string[]).includes(field)) throw new Error(`${field} is not a keyword field of the feedback document`);
  return field as KeywordField;
}

function numeric(field: string): NumericField {
  if (!(numericFields as readonly string[]).includes(field)) throw new Error(`${field} is not a numeric field of the feedback document`);
  return field as NumericField;
}

const only = (refId: string) => [{ id: 'filterByRefId', options: { include: refId } }];

/** The queries of a metric over the items of `query`, grouped by `groupBy` (a date histogram, or one bucket for all). */
export function figureQueries(datasource: DatasourceRef, metric: MetricName, spec: { query: string; groupBy: BucketAgg[] }): FigureQueries {
  const plain = plainMetric(metric);
  if (!plain) throw new Error(`${metric} has no plain form: use valueAtRiskQueries`);
  const target = (refId: string, m: Metric, where?: TermFilter): EsTarget =>
    esTarget(datasource, { refId, query: allOf(spec.query, where ? luceneOf(where) : undefined), metric: m, groupBy: spec.groupBy });
  switch (plain.kind) {
    case 'count':
      return { targets: [target('A', { type: 'count' })], shows: 'A', transformations: [] };
    case 'distinct':
      return { targets: [target('A', { type: 'cardinality', field: numeric(plain.field), precisionThreshold: plain.exactBelow })], shows: 'A', transformations: [] };
    case 'mean': {
      const a = target('A', { type: 'avg', field: numeric(plain.field) }, plain.where);
      if (plain.scale === 1) return { targets: [a], shows: 'A', transformations: [] };
      return { targets: [a, mathTarget('B', `$A * ${plain.scale}`)], shows: 'B', transformations: only('B') };
    }
    case 'share':
      return { targets: [target('A', { type: 'count' }, plain.where), target('B', { type: 'count' }), mathTarget('C', '$A / $B')], shows: 'C', transformations: only('C') };
  }
}

/**
 * Value at risk: each at-risk customer (negative feedback, a customer id) once, at their
 * highest lifetime value, most valuable first; the panel sums the column. Exact while the
 * range has at most RISKIEST such customers (the API follows that many one by one, and
 * estimates the rest; here the least valuable beyond them are left out).
 */
export function valueAtRiskQueries(datasource: DatasourceRef, spec: { query: string }): FigureQueries {
  const target = esTarget(datasource, {
    query: allOf(spec.query, luceneOf(atRisk)),
    metric: max('customer.lifetimeValue'),
    groupBy: [terms('customer.id', RISKIEST, { orderBy: 'metric', order: 'desc' })],
  });
  return { targets: [target], shows: 'A', transformations: [] };
}
