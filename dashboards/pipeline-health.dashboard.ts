// "Pipeline health": is feedback flowing, and where does it stop? Prometheus panels chart the
// process metrics of every role (consumer lag, throughput, dead letters, retries, stuck
// chunks, API errors and latency, refusals at the door); the last row reads the sink's own
// output in Elasticsearch, which shows whether documents arrive even without Prometheus.
// Series are summed over processes: the processor may run as several replicas.
import dashgen from 'grafana-dash-gen';
import { count, max, terms, type DatasourceRef } from './es-query.ts';
import { row, toDashboardJson, SCHEMA_VERSION, type DashboardJson } from './grid-layout.ts';
import { panelKit, textPanel } from './panels.ts';
import { promKit } from './prom-panels.ts';
import { RATE_WINDOW as w, type PromDatasourceRef } from './prom-query.ts';

export const PIPELINE_HEALTH_UID = 'voc-pipeline-health';

/** Probes and scrapes hit the API all the time and would pull its latency towards theirs. */
const OWN_ROUTES = 'route!~"/healthz|/readyz|/metrics"';

const metricsGuide = (indexAlias: string) =>
  [
    'Every voc process serves its metrics on `/metrics`: the **api** role on the API port, processes without it on `METRICS_PORT`.',
    'With docker-compose, Prometheus (http://127.0.0.1:9090, `dashboards/provisioning/prometheus/prometheus.yml`) finds each',
    'api, processor and scheduler container by DNS, so scaled processors are scraped too. Names and labels are declared in',
    '`core/observability/metrics.ts`. The last row reads the alias',
    `\`${indexAlias}\` in Elasticsearch; \`voc dlq list\` shows what the dead letters are.`,
  ].join(' ');

export function pipelineHealth(opts: {
  datasource: DatasourceRef;
  prometheus: PromDatasourceRef;
  indexAlias: string;
  links: Array<Record<string, unknown>>;
}): DashboardJson {
  const p = panelKit(opts.datasource, '*');
  const m = promKit(opts.prometheus);
  const dashboard = new dashgen.Dashboard({
    title: 'voc · Pipeline health',
    tags: ['voc', 'operations'],
    timezone: 'browser',
    refresh: '30s',
    time: { from: 'now-6h', to: 'now' },
    sharedCrosshair: true,
    schemaVersion: SCHEMA_VERSION,
  });

  dashboard.addRow(row('About', 4, [textPanel({ title: 'Where these metrics come from', span: 12, markdown: metricsGuide(opts.indexAlias) })]));

  dashboard.addRow(
    row('Processor', 8, [
      m.graph({
        title: 'Consumer lag',
        span: 6,
        unit: 'short',
        min: 0,
        queries: [{ expr: 'sum by (topic, partition) (voc_processor_consumer_lag)', legend: '{{topic}} [{{partition}}]' }],
        description:
          'Messages of each raw partition not yet committed, as of the last chunk the processor finished: a stuck processor ' +
          'stops updating it (see chunk age). A rebalance clears each member\'s figures, which return with its next chunk of a partition it holds.',
      }),
      m.graph({
        title: 'Messages processed by outcome',
        span: 6,
        unit: 'suffix: msg/s',
        min: 0,
        queries: [{ expr: `sum by (outcome) (rate(voc_processor_messages_total[${w}]))`, legend: '{{outcome}}' }],
        description: 'Raw messages finished per second: indexed (Elasticsearch acknowledged them), dead-lettered, or dropped by a step.',
      }),
    ]),
  );

  dashboard.addRow(
    row('Failures', 8, [
      m.graph({
        title: 'Dead letters by reason',
        span: 3,
        unit: 'suffix: msg/s',
        min: 0,
        queries: [{ expr: `sum by (reason, step) (rate(voc_processor_dead_letters_total[${w}]))`, legend: '{{reason}} · {{step}}' }],
        description: 'Messages sent to the dead-letter topic per second, by reason and the step that refused them. `voc dlq list` shows them; `voc dlq replay` sends them back.',
      }),
      m.graph({
        title: 'Retries by operation',
        span: 3,
        unit: 'suffix: /s',
        min: 0,
        queries: [{ expr: `sum by (operation) (rate(voc_processor_retries_total[${w}]))`, legend: '{{operation}}' }],
        description: 'Retries after a retriable failure (timeout, 429, 5xx, broker down). A steady rate means a dependency is struggling.',
      }),
      m.graph({
        title: 'Chunk waiting to commit',
        span: 3,
        unit: 's',
        min: 0,
        queries: [
          { expr: 'max by (instance) (voc_processor_chunk_age_seconds)', legend: 'chunk age · {{instance}}' },
          // 0 until the first commit; without the filter that would plot as 56 years.
          { expr: 'time() - max by (instance) (voc_processor_last_commit_timestamp_seconds > 0)', legend: 'since last commit · {{instance}}' },
        ],
        description:
          'How long the chunk in progress has waited (0 when none is); past PROCESSOR_STALL_S the processor fails /readyz. ' +
          'Time since the last commit also grows when no feedback arrives.',
      }),
      m.graph({
        title: 'Chunk failures',
        span: 3,
        unit: 'short',
        min: 0,
        style: 'stacked-bars',
        queries: [{ expr: `sum by (instance) (increase(voc_processor_chunk_failures_total[${w}]))`, legend: '{{instance}}' }],
        description: 'Chunks that failed with an error and are read again. After PROCESSOR_MAX_CHUNK_FAILURES failures of the same chunk the processor gives up and exits.',
      }),
    ]),
  );

  dashboard.addRow(
    row('Ingest', 8, [
      m.graph({
        title: 'Feedback accepted by source',
        span: 6,
        unit: 'suffix: items/s',
        min: 0,
        queries: [
          { expr: `sum by (source) (rate(voc_feedback_accepted_total[${w}]))`, legend: '{{source}}' },
          { expr: `sum by (via) (rate(voc_feedback_rejected_total[${w}]))`, legend: 'rejected · {{via}}' },
        ],
        description: 'Items acknowledged by Kafka after POST /v1/feedback or voc import, and items refused as invalid.',
      }),
      m.graph({
        title: 'Access denied by reason',
        span: 6,
        unit: 'reqps',
        min: 0,
        queries: [{ expr: `sum by (reason) (rate(voc_http_access_denied_total[${w}]))`, legend: '{{reason}}' }],
        description: 'Requests refused before a route: no or invalid key (key), rate limit (rate), foreign origin (origin).',
      }),
    ]),
  );

  dashboard.addRow(
    row('API', 8, [
      m.graph({
        title: 'Server errors (5xx) by route',
        span: 6,
        unit: 'reqps',
        min: 0,
        queries: [{ expr: `sum by (route) (rate(voc_http_request_duration_seconds_count{status=~"5.."}[${w}]))`, legend: '{{route}}' }],
        description: 'Responses with a 5xx status per second. 503 from /readyz means a dependency is down; other routes log the error with the request id.',
      }),
      m.graph({
        title: 'Latency p95 by route',
        span: 6,
        unit: 's',
        min: 0,
        queries: [
          {
            expr: `histogram_quantile(0.95, sum by (le, route) (rate(voc_http_request_duration_seconds_bucket{${OWN_ROUTES}}[${w}])))`,
            legend: '{{route}}',
          },
        ],
        description: '95th percentile of request duration, health probes and /metrics left out. Estimated from histogram buckets, so read it as the bucket it falls in.',
      }),
    ]),
  );

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
        minInterval: '1m',
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
    description: 'Consumer lag, throughput, dead letters, retries and API errors from Prometheus, and the sink output as seen in Elasticsearch.',
    links: opts.links,
  });
}
