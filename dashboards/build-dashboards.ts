// Builds every voc dashboard as Grafana JSON. The output is deterministic (stable uids,
// panel ids and key order), so dashboards/json is committed, provisioned into Grafana by
// docker-compose, and a unit test fails when the code and the committed files drift apart.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { cxOperations } from './cx-operations.dashboard.ts';
import type { DatasourceRef } from './es-query.ts';
import { executive } from './executive.dashboard.ts';
import type { DashboardJson } from './grid-layout.ts';
import { pipelineHealth } from './pipeline-health.dashboard.ts';
import { DEFAULT_CONSOLE_URL, product } from './product.dashboard.ts';
import type { PromDatasourceRef } from './prom-query.ts';

export { DEFAULT_CONSOLE_URL };

/** The uid the provisioned datasource has (dashboards/provisioning/datasources/elasticsearch.yml). */
export const DATASOURCE_UID = 'voc-elasticsearch';
/** The uid of the provisioned datasource over the alert index, beside the other in elasticsearch.yml. */
export const ALERTS_DATASOURCE_UID = 'voc-alerts';
/** The uid of the provisioned Prometheus (dashboards/provisioning/datasources/prometheus.yml). */
export const PROMETHEUS_UID = 'voc-prometheus';
export const DEFAULT_OUT_DIR = 'dashboards/json';

export type BuildOptions = { indexAlias: string; datasourceUid: string; alertsDatasourceUid: string; prometheusUid: string; consoleUrl: string };

/** What the committed JSON is built with: the provisioned uids and the API's default address. */
export function defaultBuildOptions(indexAlias: string): BuildOptions {
  return { indexAlias, datasourceUid: DATASOURCE_UID, alertsDatasourceUid: ALERTS_DATASOURCE_UID, prometheusUid: PROMETHEUS_UID, consoleUrl: DEFAULT_CONSOLE_URL };
}
export type BuiltDashboard = { file: string; json: DashboardJson };

/** Every dashboard carries the same link menu: the dashboards tagged voc, keeping the time range. */
const crossLinks = [
  { title: 'voc', type: 'dashboards', tags: ['voc'], asDropdown: true, includeVars: false, keepTime: true, targetBlank: false, icon: 'external link', tooltip: '', url: '' },
];

export function buildDashboards(opts: BuildOptions): BuiltDashboard[] {
  const datasource: DatasourceRef = { type: 'elasticsearch', uid: opts.datasourceUid };
  const alerts: DatasourceRef = { type: 'elasticsearch', uid: opts.alertsDatasourceUid };
  const prometheus: PromDatasourceRef = { type: 'prometheus', uid: opts.prometheusUid };
  const common = { datasource, alerts, indexAlias: opts.indexAlias, links: crossLinks };
  return [
    { file: 'executive.json', json: executive(common) },
    { file: 'product.json', json: product({ ...common, consoleUrl: opts.consoleUrl }) },
    { file: 'cx-operations.json', json: cxOperations({ ...common, prometheus }) },
    { file: 'pipeline-health.json', json: pipelineHealth({ ...common, prometheus }) },
  ];
}

/** The committed form: two-space JSON with a final newline. */
export function serializeDashboard(json: DashboardJson): string {
  return `${JSON.stringify(json, null, 2)}\n`;
}

/** Writes (overwrites) one file per dashboard into dir and returns their paths. */
export async function writeDashboards(dir: string, opts: BuildOptions): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const written: string[] = [];
  for (const { file, json } of buildDashboards(opts)) {
    const target = path.join(dir, file);
    await writeFile(target, serializeDashboard(json));
    written.push(target);
  }
  return written;
}
