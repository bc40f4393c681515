// Dashboard filters: template variables and the Lucene clause each one adds to every panel
// query, built from one spec so the dropdown and the filter cannot disagree on the field.
import dashgen from 'grafana-dash-gen';
import type { DatasourceRef } from './es-query.ts';
import { allOf } from './es-query.ts';
import type { KeywordField } from './feedback-fields.ts';

type CustomTemplate = InstanceType<typeof dashgen.Templates.Custom>;

/** A dropdown of the values of a keyword field in the selected time range. */
export type TermsVariable = { name: string; label: string; field: KeywordField };

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
    definition: query,
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

/** A free-text number users can tune, such as the lifetime value that counts as high. */
export function numberTemplate(v: { name: string; label: string; value: number; description: string }): CustomTemplate {
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
