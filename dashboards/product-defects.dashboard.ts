// "Product defects": the product and CX view of negative feedback. A spike of negatives on
// one product or one version is the "pull the cord" signal; who is affected (VIP and
// high-value customers) says how loud to pull; the latest verbatims say what broke, in the
// customers' own words.
import dashgen from 'grafana-dash-gen';
import { atLeast, count, equals, filters, negativeFeedback, terms, type DatasourceRef } from './es-query.ts';
import { row, toDashboardJson, SCHEMA_VERSION, type DashboardJson } from './grid-layout.ts';
import { panelKit } from './panels.ts';
import { filterOf, numberTemplate, termsTemplate, type TermsVariable } from './variables.ts';

export const PRODUCT_DEFECTS_UID = 'voc-product-defects';

const variables: TermsVariable[] = [
  { name: 'product', label: 'Product', field: 'product.name' },
  { name: 'version', label: 'Version', field: 'product.version' },
  { name: 'segment', label: 'Segment', field: 'customer.segment' },
  { name: 'source', label: 'Source', field: 'source' },
];

/** Default lifetime value from which a customer counts as high-value; a dashboard textbox overrides it. */
export const HIGH_VALUE_LTV = 10_000;
const highValue = `${equals('customer.segment', 'vip')} OR ${atLeast('customer.lifetimeValue', '$highValueLtv')}`;

export function productDefects(opts: { datasource: DatasourceRef; indexAlias: string; links: Array<Record<string, unknown>> }): DashboardJson {
  const p = panelKit(opts.datasource, filterOf(variables));
  const dashboard = new dashgen.Dashboard({
    title: 'voc · Product defects',
    tags: ['voc', 'product'],
    timezone: 'browser',
    refresh: '1m',
    time: { from: 'now-7d', to: 'now' },
    sharedCrosshair: true,
    schemaVersion: SCHEMA_VERSION,
  });
  for (const v of variables) dashboard.addTemplate(termsTemplate(opts.datasource, v));
  dashboard.addTemplate(
    numberTemplate({
      name: 'highValueLtv',
      label: 'High value from (lifetime value)',
      value: HIGH_VALUE_LTV,
      description: 'Customers with at least this lifetime value count as high-value, as do customers in the vip segment.',
    }),
  );

  dashboard.addRow(
    row('Pull the cord', 9, [
      p.timeseries({
        title: 'Negative feedback by product',
        span: 6,
        query: negativeFeedback,
        metric: count,
        splitBy: terms('product.name', 10),
        style: 'lines',
        description: 'A line leaving the pack is the signal to stop and look: a release, an outage or a broken flow.',
      }),
      p.timeseries({
        title: 'Negative feedback by product version',
        span: 6,
        query: negativeFeedback,
        metric: count,
        splitBy: terms('product.version', 10),
        style: 'lines',
        description: 'Pick a product above to compare its versions: a new version rising while the old one stays flat points at the release.',
      }),
    ]),
  );

  dashboard.addRow(
    row('Who is affected', 8, [
      p.pie({
        title: 'VIP / high-value share of negatives',
        span: 4,
        query: negativeFeedback,
        by: filters({ label: 'VIP / high value', query: highValue }, { label: 'other customers', query: `NOT (${highValue})` }),
        description: 'Negative feedback from customers in the vip segment or with a lifetime value of at least $highValueLtv.',
      }),
      p.bars({ title: 'Negative feedback by segment', span: 4, query: negativeFeedback, by: terms('customer.segment', 10) }),
      p.bars({
        title: 'Top issues in negative feedback',
        span: 4,
        query: negativeFeedback,
        by: terms('issues.label', 10),
        description: 'Stays empty until the issue-taxonomy step writes issues.label.',
      }),
    ]),
  );

  dashboard.addRow(
    row('In their words', 12, [
      p.latest({
        title: 'Latest negative feedback',
        span: 12,
        query: negativeFeedback,
        size: 100,
        columns: [
          { field: 'createdAt', title: 'Created', width: 170 },
          { field: 'product.name', title: 'Product', width: 160 },
          { field: 'product.version', title: 'Version', width: 90 },
          { field: 'customer.segment', title: 'Segment', width: 100 },
          { field: 'source', title: 'Source', width: 90 },
          { field: 'text', title: 'Feedback' },
        ],
        description: 'The 100 newest negative items matching the filters, newest first. Click a cell to read long text.',
      }),
    ]),
  );

  return toDashboardJson(dashboard, {
    uid: PRODUCT_DEFECTS_UID,
    description: `Negative feedback by product and version, who it affects and what customers said, from the Elasticsearch alias ${opts.indexAlias}.`,
    links: opts.links,
  });
}
