// "Executive": how customers feel and why, for people who look once a week. Volume, NPS,
// negative share and sentiment for the range and over time, the top problems and how they
// move, the value of the customers at risk, and every alert fired as an annotation on the
// graphs. Every figure that is a metric of the trends API comes from the same definition
// (metric-figures.ts), so this dashboard and GET /v1/trends agree for the same filters.
import dashgen from 'grafana-dash-gen';
import { alertAnnotation } from './alert-fields.ts';
import { equals, terms, withProblem, type DatasourceRef } from './es-query.ts';
import { addAnnotation, row, toDashboardJson, SCHEMA_VERSION, type DashboardJson } from './grid-layout.ts';
import { panelKit } from './panels.ts';
import { filterOf, standardVariables, termsTemplate } from './variables.ts';

export const EXECUTIVE_UID = 'voc-executive';

export function executive(opts: { datasource: DatasourceRef; alerts: DatasourceRef; indexAlias: string; links: Array<Record<string, unknown>> }): DashboardJson {
  const p = panelKit(opts.datasource, filterOf(standardVariables));
  const dashboard = new dashgen.Dashboard({
    title: 'voc · Executive',
    tags: ['voc', 'executive'],
    timezone: 'browser',
    refresh: '5m',
    time: { from: 'now-30d', to: 'now' },
    sharedCrosshair: true,
    schemaVersion: SCHEMA_VERSION,
  });
  for (const v of standardVariables) dashboard.addTemplate(termsTemplate(opts.datasource, v));
  addAnnotation(dashboard, alertAnnotation(opts.alerts));

  dashboard.addRow(
    row('Headline', 4, [
      p.stat({ title: 'Feedback', span: 2, figure: 'count', unit: 'short', description: 'Feedback items created in the range.' }),
      p.stat({
        title: 'NPS',
        span: 2,
        figure: 'nps',
        decimals: 0,
        min: -100,
        max: 100,
        thresholds: ['red', [0, 'orange'], [30, 'green']],
        description: 'Net Promoter Score of the NPS answers in the range: % promoters (9–10) − % detractors (0–6), the mean of each answer\'s +100, 0 or −100.',
      }),
      p.stat({
        title: 'Negative share',
        span: 2,
        figure: 'negativeShare',
        unit: 'percentunit',
        decimals: 1,
        min: 0,
        max: 1,
        thresholds: ['green', [0.2, 'orange'], [0.35, 'red']],
        description: 'Share of the items whose sentiment is negative.',
      }),
      p.stat({
        title: 'Mean sentiment',
        span: 2,
        figure: 'meanSentiment',
        decimals: 2,
        // Scores run from −1 to 1; the sentiment step labels ±0.1 and beyond as positive/negative.
        thresholds: ['red', [-0.1, 'orange'], [0.1, 'green']],
        description: 'Mean sentiment score (−1 to 1) the processors gave the feedback text.',
      }),
      p.stat({
        title: 'CSAT',
        span: 2,
        figure: 'csat',
        unit: 'percent',
        decimals: 0,
        min: 0,
        max: 100,
        thresholds: ['red', [70, 'orange'], [85, 'green']],
        description: '% of the CSAT answers that are satisfied (4 or 5 of 5).',
      }),
      p.stat({
        title: 'Value at risk',
        span: 2,
        figure: 'valueAtRisk',
        unit: 'short',
        decimals: 0,
        thresholds: ['blue'],
        description:
          'Summed lifetime value of the customers who gave negative feedback in the range, each once at their highest value. ' +
          'Exact up to 1,000 such customers; beyond that the least valuable are left out (GET /v1/trends estimates them).',
      }),
    ]),
  );

  dashboard.addRow(
    row('Over time', 8, [
      p.timeseries({ title: 'Feedback volume by source', span: 6, metric: { type: 'count' }, splitBy: terms('source'), style: 'stacked-bars', minInterval: '1d' }),
      p.timeseries({ title: 'NPS over time', span: 6, figure: 'nps', decimals: 0, min: -100, max: 100, style: 'lines', minInterval: '1d', description: 'Daily (UTC days): an NPS of a handful of answers per hour is noise.' }),
      p.timeseries({ title: 'Negative share over time', span: 6, figure: 'negativeShare', unit: 'percentunit', min: 0, max: 1, style: 'lines', minInterval: '1d' }),
      p.timeseries({ title: 'Mean sentiment over time', span: 6, figure: 'meanSentiment', decimals: 2, min: -1, max: 1, style: 'lines', minInterval: '1d' }),
    ]),
  );

  dashboard.addRow(
    row('Top problems', 9, [
      p.bars({
        title: 'Top problems',
        span: 5,
        query: withProblem,
        by: terms('issues.id', 10),
        description:
          'Issues of the items that carry a problem, by how many items carry each: for a problem the count GET /v1/issues/top gives. ' +
          'An item that also carries a praise or request counts that too (issues are not nested documents), so the odd non-problem may appear.',
      }),
      p.timeseries({
        title: 'Top problems over time',
        span: 7,
        query: withProblem,
        metric: { type: 'count' },
        splitBy: terms('issues.id', 5),
        style: 'lines',
        minInterval: '1d',
        description: 'Items per day carrying each of the five most frequent issues: a line leaving the others is a problem on the move.',
      }),
    ]),
  );

  dashboard.addRow(
    row('Who', 8, [
      p.table({
        title: 'Most valuable customers at risk',
        span: 6,
        query: equals('sentiment.label', 'negative'),
        metric: { type: 'max', field: 'customer.lifetimeValue' },
        by: [terms('customer.id', 10, { orderBy: 'metric', order: 'desc' }), terms('customer.segment', 1, { missing: '(none)' })],
        columns: { 'customer.id': 'Customer', 'customer.segment': 'Segment', Max: 'Lifetime value' },
        description: 'The customers with the highest lifetime value among those who gave negative feedback in the range: who to call first.',
      }),
      p.pie({ title: 'Feedback by segment', span: 3, by: terms('customer.segment', 10) }),
      p.pie({ title: 'Languages', span: 3, by: terms('language', 5) }),
    ]),
  );

  return toDashboardJson(dashboard, {
    uid: EXECUTIVE_UID,
    description: `How customers feel and why: volume, NPS, negative share, top problems and value at risk from the Elasticsearch alias ${opts.indexAlias}, with the alerts fired.`,
    links: opts.links,
  });
}
