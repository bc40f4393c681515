// "Pipeline health": what can be seen of the pipeline without Prometheus. The stack has no
// Prometheus, so the process metrics (consumer outcomes, dead letters, retries, step
// timings) are listed, straight from the metrics registry, with where to read them. The
// panels with data come from the sink's own output in Elasticsearch: documents indexed per
// interval and how long ago the last one was processed.
import dashgen from 'grafana-dash-gen';
import { createMetrics } from '../core/observability/metrics.ts';
import { count, max, terms, type DatasourceRef } from './es-query.ts';
import { row, toDashboardJson, SCHEMA_VERSION, type DashboardJson } from './grid-layout.ts';
import { panelKit, textPanel } from './panels.ts';

export const PIPELINE_HEALTH_UID = 'voc-pipeline-health';

/** The metric table is read from the registry itself, so it lists exactly what /metrics serves. */
function metricRows(): string[] {
  const { registry } = createMetrics({ defaultMetrics: false });
  return registry.getMetricsAsArray().map((m) => {
    const labels = (m as { labelNames?: readonly string[] }).labelNames ?? [];
    return `| \`${m.name}${labels.length ? `{${labels.join(',')}}` : ''}\` | ${m.type} | ${m.help} |`;
  });
}

const metricsGuide = (indexAlias: string) =>
  [
    'Prometheus is not part of the voc stack, so this dashboard cannot chart the process metrics.',
    'The process running the **api** role serves them in Prometheus text format on `/metrics`',
    '(with the compose stack: `curl http://127.0.0.1:8080/metrics`); roles started in other processes',
    'count in their own process only. Point a Prometheus at it and add it as a Grafana datasource to chart:',
    '',
    '| metric | type | meaning |',
    '| --- | --- | --- |',
    ...metricRows(),
    '',
    `\`/healthz\` says the API process is up; \`/readyz\` checks Kafka, Elasticsearch and Redis. The panels below read the alias \`${indexAlias}\`.`,
  ].join('\n');

export function pipelineHealth(opts: { datasource: DatasourceRef; indexAlias: string; links: Array<Record<string, unknown>> }): DashboardJson {
  const p = panelKit(opts.datasource, '*');
  const dashboard = new dashgen.Dashboard({
    title: 'voc · Pipeline health',
    tags: ['voc', 'operations'],
    timezone: 'browser',
    refresh: '30s',
    time: { from: 'now-6h', to: 'now' },
    sharedCrosshair: true,
    schemaVersion: SCHEMA_VERSION,
  });

  dashboard.addRow(row('Process metrics', 13, [textPanel({ title: 'Where the pipeline metrics are', span: 12, markdown: metricsGuide(opts.indexAlias) })]));

  // The datasource's time range filters on createdAt, so these count documents created in
  // the range, bucketed by when the processor wrote them; for live traffic the two agree.
  dashboard.addRow(
    row('Sink output', 8, [
      p.timeseries({
        title: 'Documents indexed by source',
        span: 8,
        metric: count,
        splitBy: terms('source'),
        over: 'processedAt',
        style: 'stacked-bars',
        description: 'Documents per interval of processedAt, the time the processor built them. A gap while feedback keeps arriving means the processor is stuck.',
      }),
      p.stat({
        title: 'Last document processed',
        span: 4,
        metric: max('processedAt'),
        unit: 'dateTimeFromNow',
        description: 'Newest processedAt among documents created in the range.',
      }),
    ]),
  );

  return toDashboardJson(dashboard, {
    uid: PIPELINE_HEALTH_UID,
    description: 'Where to read the pipeline metrics, and the sink output as seen in Elasticsearch.',
    links: opts.links,
  });
}
