// Prometheus queries for Grafana panels, in the JSON shape Grafana's Prometheus query editor
// saves in code mode. The expressions are plain PromQL strings; the unit test reads the
// metric and label names back out of them and checks each against the metrics registry
// (core/observability/metrics.ts), so a renamed metric fails the build, not the graph.

export type PromDatasourceRef = { type: 'prometheus'; uid: string };

export type PromTarget = {
  refId: string;
  datasource: PromDatasourceRef;
  expr: string;
  legendFormat: string;
  range: true;
  instant: false;
  editorMode: 'code';
};

/** One PromQL expression per series family; `legend` uses Grafana's `{{label}}` templates. */
export type PromQuery = { expr: string; legend: string };

/**
 * Grafana's rate window: at least four scrape intervals (the datasource's timeInterval) and
 * never shorter than the panel's step, so rate() always sees two samples and no spike
 * falls between steps.
 */
export const RATE_WINDOW = '$__rate_interval';

export function promTargets(datasource: PromDatasourceRef, queries: readonly PromQuery[]): PromTarget[] {
  return queries.map((q, i) => ({
    // A, B, C…: Grafana's own refIds, so an edited-and-exported panel diffs cleanly.
    refId: String.fromCharCode(65 + i),
    datasource,
    expr: q.expr,
    legendFormat: q.legend,
    range: true,
    instant: false,
    editorMode: 'code',
  }));
}
