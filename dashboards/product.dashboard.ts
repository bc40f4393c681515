// "Product": negative feedback and problems by product and version, the defects frontline
// staff flagged ("pull the cord"), and the newest negative items, each a link to its page in
// the web console where the customer's own words are. A spike on one product or version is
// the signal; the issues say what broke; the flags say who already saw it.
import dashgen from 'grafana-dash-gen';
import { ALERT_TIME_FIELD, alertAnnotation, defectFlags } from './alert-fields.ts';
import { atLeast, count, equals, filters, max, negativeFeedback, terms, withProblem, type DatasourceRef } from './es-query.ts';
import { addAnnotation, row, toDashboardJson, SCHEMA_VERSION, type DashboardJson } from './grid-layout.ts';
import { panelKit } from './panels.ts';
import { alertFilterOf, filterOf, standardVariables, termsTemplate, textboxTemplate, type TermsVariable } from './variables.ts';

export const PRODUCT_UID = 'voc-product';

/** Default lifetime value from which a customer counts as high-value; a dashboard textbox overrides it. */
export const HIGH_VALUE_LTV = 10_000;
/** Where the web console is served (by the API, at `/`); a dashboard textbox overrides it. */
export const DEFAULT_CONSOLE_URL = 'http://127.0.0.1:8080';
/** A feedback item's page in the web console; `${__value.raw}` is the id in the clicked cell. */
export const consoleItemLink = '${consoleUrl}/#/feedback/${__value.raw}';

const variables: TermsVariable[] = [...standardVariables, { name: 'version', label: 'Version', field: 'product.version' }];
const highValue = `${equals('customer.segment', 'vip')} OR ${atLeast('customer.lifetimeValue', '$highValueLtv')}`;

export function product(opts: {
  datasource: DatasourceRef;
  alerts: DatasourceRef;
  indexAlias: string;
  consoleUrl: string;
  links: Array<Record<string, unknown>>;
}): DashboardJson {
  const p = panelKit(opts.datasource, filterOf(variables));
  const a = panelKit(opts.alerts, alertFilterOf(variables), { timeField: ALERT_TIME_FIELD });
  const dashboard = new dashgen.Dashboard({
    title: 'voc · Product',
    tags: ['voc', 'product'],
    timezone: 'browser',
    refresh: '1m',
    time: { from: 'now-7d', to: 'now' },
    sharedCrosshair: true,
    schemaVersion: SCHEMA_VERSION,
  });
  for (const v of variables) dashboard.addTemplate(termsTemplate(opts.datasource, v));
  dashboard.addTemplate(
    textboxTemplate({
      name: 'highValueLtv',
      label: 'High value from (lifetime value)',
      value: HIGH_VALUE_LTV,
      description: 'Customers with at least this lifetime value count as high-value, as do customers in the vip segment.',
    }),
  );
  dashboard.addTemplate(
    textboxTemplate({
      name: 'consoleUrl',
      label: 'Web console',
      value: opts.consoleUrl,
      description: 'Base URL of the voc web console (served by the API at /); item links open its feedback page.',
    }),
  );
  addAnnotation(dashboard, alertAnnotation(opts.alerts));

  dashboard.addRow(
    row('Pull the cord', 9, [
      p.timeseries({
        title: 'Negative feedback by product',
        span: 6,
        query: negativeFeedback,
        metric: count,
        splitBy: terms('product.name', 10),
        style: 'lines',
        minInterval: '1h',
        description: 'A line leaving the pack is the signal to stop and look: a release, an outage or a broken flow.',
      }),
      p.timeseries({
        title: 'Negative feedback by product version',
        span: 6,
        query: negativeFeedback,
        metric: count,
        splitBy: terms('product.version', 10),
        style: 'lines',
        minInterval: '1h',
        description: 'Pick a product above to compare its versions: a new version rising while the old one stays flat points at the release.',
      }),
    ]),
  );

  dashboard.addRow(
    row('Problems by product and version', 9, [
      p.table({
        title: 'Problems by product and version',
        span: 8,
        query: withProblem,
        by: [terms('product.name', 20, { missing: '(none)' }), terms('product.version', 10, { missing: '(none)' }), terms('issues.id', 10)],
        columns: { 'product.name': 'Product', 'product.version': 'Version', 'issues.id': 'Issue', Count: 'Items' },
        description: 'Items carrying a problem, by product, version and the issues they carry (an item counts under each of its issues).',
      }),
      p.pie({
        title: 'VIP / high-value share of negatives',
        span: 4,
        query: negativeFeedback,
        by: filters({ label: 'VIP / high value', query: highValue }, { label: 'other customers', query: `NOT (${highValue})` }),
        description: 'Negative feedback from customers in the vip segment or with a lifetime value of at least $highValueLtv.',
      }),
    ]),
  );

  dashboard.addRow(
    row('Defect flags', 8, [
      a.timeseries({ title: 'Defect flags by product', span: 5, query: defectFlags, metric: count, splitBy: terms('product', 10), style: 'stacked-bars', minInterval: '1h', description: 'Flags raised by frontline staff (POST /v1/defects), by product id.' }),
      a.table({
        title: 'Latest defect flags',
        span: 7,
        query: defectFlags,
        metric: max(ALERT_TIME_FIELD),
        by: [terms('id', 20, { orderBy: 'metric', order: 'desc' }), terms('product', 1), terms('issue', 1, { missing: '(any issue)' }), terms('feedbackId', 1, { missing: '(none)' })],
        columns: { id: 'Flag', product: 'Product', issue: 'Issue', feedbackId: 'Feedback', Max: 'Flagged' },
        unit: 'dateTimeAsIso',
        links: [{ column: 'feedbackId', title: 'Open the feedback in the web console', url: consoleItemLink }],
        description: 'The 20 newest flags; the feedback they were raised from opens in the web console. GET /v1/defects/:id lists the feedback about the same product and issue since.',
      }),
    ]),
  );

  dashboard.addRow(
    row('In their words', 10, [
      p.table({
        title: 'Latest negative feedback',
        span: 12,
        query: negativeFeedback,
        metric: max('createdAt'),
        by: [
          terms('id', 50, { orderBy: 'metric', order: 'desc' }),
          terms('source', 1),
          terms('product.name', 1, { missing: '(none)' }),
          terms('product.version', 1, { missing: '(none)' }),
          terms('customer.segment', 1, { missing: '(none)' }),
        ],
        columns: { id: 'Feedback', source: 'Source', 'product.name': 'Product', 'product.version': 'Version', 'customer.segment': 'Segment', Max: 'Created' },
        unit: 'dateTimeAsIso',
        links: [{ column: 'id', title: 'Read it in the web console', url: consoleItemLink }],
        description: 'The 50 newest negative items matching the filters (complaints: pick Source = complaint). Click one to read it in the web console, with its tags and customer.',
      }),
    ]),
  );

  return toDashboardJson(dashboard, {
    uid: PRODUCT_UID,
    description: `Negative feedback and problems by product and version, defect flags and the newest negative items (with links into the web console), from the Elasticsearch alias ${opts.indexAlias}.`,
    links: opts.links,
  });
}
