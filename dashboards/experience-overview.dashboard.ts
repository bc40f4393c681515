// "Experience overview": the executive view. Headline NPS, CSAT and sentiment for the range,
// how they move over time, the mix of feedback (sentiment, segment, language) and where
// negative feedback concentrates (products, issues). Filterable by source, product, segment
// and language.
import dashgen from 'grafana-dash-gen';
import { avg, count, negativeFeedback, terms, type DatasourceRef } from './es-query.ts';
import { row, toDashboardJson, SCHEMA_VERSION, type DashboardJson } from './grid-layout.ts';
import { panelKit } from './panels.ts';
import { filterOf, termsTemplate, type TermsVariable } from './variables.ts';

export const EXPERIENCE_OVERVIEW_UID = 'voc-experience-overview';

const variables: TermsVariable[] = [
  { name: 'source', label: 'Source', field: 'source' },
  { name: 'product', label: 'Product', field: 'product.name' },
  { name: 'segment', label: 'Segment', field: 'customer.segment' },
  { name: 'language', label: 'Language', field: 'language' },
];

export function experienceOverview(opts: { datasource: DatasourceRef; indexAlias: string; links: Array<Record<string, unknown>> }): DashboardJson {
  const p = panelKit(opts.datasource, filterOf(variables));
  const dashboard = new dashgen.Dashboard({
    title: 'voc · Experience overview',
    tags: ['voc', 'executive'],
    timezone: 'browser',
    refresh: '5m',
    time: { from: 'now-30d', to: 'now' },
    sharedCrosshair: true,
    schemaVersion: SCHEMA_VERSION,
  });
  for (const v of variables) dashboard.addTemplate(termsTemplate(opts.datasource, v));

  dashboard.addRow(
    row('Headline', 4, [
      p.stat({ title: 'Feedback', span: 3, metric: count, unit: 'short', description: 'Feedback items created in the range.' }),
      p.stat({
        title: 'NPS',
        span: 3,
        metric: avg('survey.nps.contribution'),
        decimals: 0,
        min: -100,
        max: 100,
        thresholds: ['red', [0, 'orange'], [30, 'green']],
        description:
          'Net Promoter Score of the NPS survey answers in the range: each answer contributes +100 (promoter), 0 (passive) or −100 (detractor), so their average is the NPS.',
      }),
      p.stat({
        title: 'CSAT',
        span: 3,
        metric: avg('survey.csatSatisfied'),
        unit: 'percentunit',
        decimals: 0,
        min: 0,
        max: 1,
        thresholds: ['red', [0.7, 'orange'], [0.85, 'green']],
        description: 'Share of CSAT answers that are satisfied (4 or 5 of 5).',
      }),
      p.stat({
        title: 'Average sentiment',
        span: 3,
        metric: avg('sentiment.score'),
        decimals: 2,
        // Scores run from −1 to 1; the sentiment step labels ±0.1 and beyond as positive/negative.
        thresholds: ['red', [-0.1, 'orange'], [0.1, 'green']],
        description: 'Mean sentiment score (−1 to 1) the processors gave the feedback text.',
      }),
    ]),
  );

  dashboard.addRow(
    row('Trends', 8, [
      p.timeseries({ title: 'Feedback volume by source', span: 6, metric: count, splitBy: terms('source'), style: 'stacked-bars' }),
      p.timeseries({ title: 'Average sentiment', span: 6, metric: avg('sentiment.score'), alias: 'sentiment', decimals: 2, min: -1, max: 1, style: 'lines' }),
      // Daily at the finest: an NPS or CSAT from a handful of answers per hour is noise.
      p.timeseries({
        title: 'NPS over time',
        span: 6,
        metric: avg('survey.nps.contribution'),
        alias: 'NPS',
        decimals: 0,
        min: -100,
        max: 100,
        minInterval: '1d',
        style: 'lines',
      }),
      p.timeseries({
        title: 'CSAT over time',
        span: 6,
        metric: avg('survey.csatSatisfied'),
        alias: 'CSAT',
        unit: 'percentunit',
        min: 0,
        max: 1,
        minInterval: '1d',
        style: 'lines',
      }),
    ]),
  );

  dashboard.addRow(
    row('Mix', 8, [
      p.pie({ title: 'Share by sentiment', span: 4, by: terms('sentiment.label', 3) }),
      p.bars({ title: 'Volume by customer segment', span: 4, by: terms('customer.segment', 10) }),
      p.pie({ title: 'Languages', span: 4, by: terms('language', 5) }),
    ]),
  );

  dashboard.addRow(
    row('Where it hurts', 9, [
      p.bars({
        title: 'Top products by negative feedback',
        span: 6,
        query: negativeFeedback,
        by: terms('product.name', 10),
        description: 'Products with the most feedback labelled negative in the range. Open "Product defects" for versions and verbatims.',
      }),
      p.bars({
        title: 'Top issues',
        span: 6,
        by: terms('issues.label', 10),
        description: 'Most frequent issue types. Stays empty until the issue-taxonomy step writes issues.label.',
      }),
    ]),
  );

  return toDashboardJson(dashboard, {
    uid: EXPERIENCE_OVERVIEW_UID,
    description: `How customers feel and why: NPS, CSAT, sentiment and volumes from the Elasticsearch alias ${opts.indexAlias}.`,
    links: opts.links,
  });
}
