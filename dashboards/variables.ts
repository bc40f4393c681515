// Dashboard filters: template variables and the Lucene clause each one adds to every panel
// query, built from one spec so the dropdown and the filter cannot disagree on the field.
import dashgen from 'grafana-dash-gen';
import type { DatasourceRef } from './es-query.ts';
import { allOf } from './es-query.ts';
import type { AlertKeywordField } from './alert-fields.ts';
import type { KeywordField } from './feedback-fields.ts';

type CustomTemplate = InstanceType<typeof dashgen.Templates.Custom>;

/**
 * A dropdown of the values of a keyword field in the selected time range. `alertField`:
 * the field of the alert index that holds the same values, where one does (a defect flag's
 * product is the product id); panels of the alert index filter on it.
 */
export type TermsVariable = { name: string; label: string; field: KeywordField; alertField?: AlertKeywordField };

/** The filters every voc dashboard has, named like the trends API's filters (`product` is the product id there too). */
export const standardVariables: readonly TermsVariable[] = [
  { name: 'source', label: 'Source', field: 'source' },
  { name: 'product', label: 'Product', field: 'product.id', alertField: 'product' },
  { name: 'language', label: 'Language', field: 'language' },
  { name: 'segment', label: 'Segment', field: 'customer.segment' },
];

/**
 * Inserted unformatted by Grafana when "All" is selected, turning `field:$var` into
 * `field:* OR *:*`. Plain `*` would be `field:*`, which drops documents that lack the
 * field: feedback without a product or segment would vanish from every total.
 */
export const ALL_VALUE = '* OR *:*';

export function termsVariableClause(v: TermsVariable): string {
  return `${v.field}:$${v.name}`;
}

/** The clause every panel of a dashboard ANDs with its own query. */
export function filterOf(variables: readonly TermsVariable[]): string {
  return allOf(...variables.map(termsVariableClause));
}

/** The same for panels of the alert index: only the variables whose values it holds. */
export function alertFilterOf(variables: readonly TermsVariable[]): string {
  return allOf(...variables.flatMap((v) => (v.alertField ? [`${v.alertField}:$${v.name}`] : [])));
}

export function termsTemplate(datasource: DatasourceRef, v: TermsVariable): CustomTemplate {
  // Without a "query" key the terms lookup is independent of the other dropdowns: a chained
  // Lucene query inside this JSON string would break as soon as a multi-value selection
  // interpolates its double quotes into it.
  const query = JSON.stringify({ find: 'terms', field: v.field, size: 500 });
  return new dashgen.Templates.Custom({
    type: 'query',
    name: v.name,
    label: v.label,
    datasource,
    query,
    refresh: 2, // on time-range change: only values present in the window are offered
    sort: 1,
    includeAll: true,
    multi: true,
    allValue: ALL_VALUE,
    current: { selected: true, text: ['All'], value: ['$__all'] },
    options: [],
    hide: 0,
  });
}

/** A free-text value users can tune, such as the lifetime value that counts as high or where the web console is. */
export function textboxTemplate(v: { name: string; label: string; value: number | string; description: string }): CustomTemplate {
  const value = String(v.value);
  return new dashgen.Templates.Custom({
    type: 'textbox',
    name: v.name,
    label: v.label,
    description: v.description,
    query: value,
    current: { text: value, value },
    options: [],
    hide: 0,
  });
}
