// "CX operations": is the alerting working and is feedback arriving? Alerts fired by rule
// and severity and how fast people acknowledge them (the alert index, where the scheduler
// records every transition), sources that went quiet (the feedback index), and the
// pipeline's dead letters and consumer lag (Prometheus; pipeline-health has the rest).
// The source, product, language and segment filters apply to the feedback panels; of
// the alert index only defect flags know a product, and Prometheus series none of them.
import dashgen from 'grafana-dash-gen';
import { ALERT_TIME_FIELD, alertAnnotation, firingAlerts } from './alert-fields.ts';
import { count, max, median, terms, type DatasourceRef } from './es-query.ts';
import { addAnnotation, row, toDashboardJson, SCHEMA_VERSION, type DashboardJson } from './grid-layout.ts';
import { panelKit } from './panels.ts';
import { promKit } from './prom-panels.ts';
import { RATE_WINDOW as w, type PromDatasourceRef } from './prom-query.ts';
import { filterOf, standardVariables, termsTemplate } from './variables.ts';

export const CX_OPERATIONS_UID = 'voc-cx-operations';

/** Firing alerts someone acknowledged. */
const acknowledged = `${firingAlerts} AND _exists_:ackAt`;

export function cxOperations(opts: {
  datasource: DatasourceRef;
  alerts: DatasourceRef;
  prometheus: PromDatasourceRef;
  indexAlias: string;
  links: Array<Record<string, unknown>>;
}): DashboardJson {
  const p = panelKit(opts.datasource, filterOf(standardVariables));
  // Alert panels ignore the feedback filters: a transition names its rule and group, not a source or segment.
  const a = panelKit(opts.alerts, '*', { timeField: ALERT_TIME_FIELD });
  const m = promKit(opts.prometheus);
  const dashboard = new dashgen.Dashboard({
    title: 'voc · CX operations',
    tags: ['voc', 'operations'],
    timezone: 'browser',
    refresh: '1m',
    time: { from: 'now-7d', to: 'now' },
    sharedCrosshair: true,
    schemaVersion: SCHEMA_VERSION,
  });
  for (const v of standardVariables) dashboard.addTemplate(termsTemplate(opts.datasource, v));
  addAnnotation(dashboard, alertAnnotation(opts.alerts));

  dashboard.addRow(
    row('Alerts', 8, [
      a.timeseries({ title: 'Alerts fired by rule', span: 6, query: firingAlerts, metric: count, splitBy: terms('ruleId', 10), style: 'stacked-bars', minInterval: '1h', description: 'Alerts raised (transitions into firing), by rule id; `defects` is a pulled cord.' }),
      a.timeseries({ title: 'Alerts fired by severity', span: 6, query: firingAlerts, metric: count, splitBy: terms('severity', 5), style: 'stacked-bars', minInterval: '1h' }),
    ]),
  );

  dashboard.addRow(
    row('Acknowledgement', 8, [
      a.stat({ title: 'Alerts fired', span: 2, query: firingAlerts, metric: count, unit: 'short' }),
      a.stat({ title: 'Acknowledged', span: 2, query: acknowledged, metric: count, unit: 'short', description: 'Fired alerts in the range that someone acknowledged (POST /v1/alerts/:id/ack).' }),
      a.stat({
        title: 'Median time to acknowledge',
        span: 2,
        query: acknowledged,
        metric: median('ackSeconds'),
        unit: 's',
        thresholds: ['green', [3600, 'orange'], [4 * 3600, 'red']],
        description: 'From an alert being recorded to its acknowledgement, the median of the acknowledged alerts fired in the range.',
      }),
      a.table({
        title: 'Time to acknowledge by rule',
        span: 6,
        query: acknowledged,
        metric: median('ackSeconds'),
        by: [terms('ruleId', 20)],
        columns: { ruleId: 'Rule', 'p50.0 ackSeconds': 'Median time to acknowledge' },
        unit: 's',
        description: 'The same median per rule: GET /v1/alerts/quality gives it for all time.',
      }),
    ]),
  );

  dashboard.addRow(
    row('Sources', 8, [
      p.table({
        title: 'Last feedback by source',
        span: 4,
        timeFrom: '30d',
        metric: max('createdAt'),
        by: [terms('source', 10, { orderBy: 'metric', order: 'asc' })],
        columns: { source: 'Source', Max: 'Last item' },
        unit: 'dateTimeFromNow',
        description: 'Each source of the last 30 days and its newest item, the quietest first: a source gone silent tops the list. (For an absolute range, the range.)',
      }),
      p.timeseries({
        title: 'Feedback by source',
        span: 8,
        metric: count,
        splitBy: terms('source'),
        style: 'stacked-bars',
        minInterval: '1h',
        description: 'Items per hour and source; a source gone silent is a stretch of zeros. An alert rule of type silence says so when it matters.',
      }),
    ]),
  );

  dashboard.addRow(
    row('Pipeline', 8, [
      m.graph({
        title: 'Dead letters by reason',
        span: 4,
        unit: 'suffix: msg/s',
        min: 0,
        queries: [{ expr: `sum by (reason) (rate(voc_processor_dead_letters_total[${w}]))`, legend: '{{reason}}' }],
        description: 'Messages sent to the dead-letter topic per second. `voc dlq list` shows them; `voc dlq replay` sends them back.',
      }),
      m.graph({
        title: 'Dead-letter share',
        span: 4,
        unit: 'percentunit',
        min: 0,
        queries: [{ expr: `sum(rate(voc_processor_messages_total{outcome="dead_lettered"}[${w}])) / sum(rate(voc_processor_messages_total[${w}]))`, legend: 'dead-lettered' }],
        description: 'Share of the raw messages finished in the window that went to the dead-letter topic.',
      }),
      m.graph({
        title: 'Consumer lag',
        span: 4,
        unit: 'short',
        min: 0,
        queries: [{ expr: 'sum by (topic) (voc_processor_consumer_lag)', legend: '{{topic}}' }],
        description: 'Messages of each raw topic not yet committed. Pipeline health has it per partition.',
      }),
    ]),
  );

  return toDashboardJson(dashboard, {
    uid: CX_OPERATIONS_UID,
    description: `Alerts fired and acknowledged, sources gone silent, dead letters and consumer lag: from the alert index, the Elasticsearch alias ${opts.indexAlias} and Prometheus.`,
    links: opts.links,
  });
}
