// `voc dashboards build [--out DIR]`: regenerates the Grafana dashboards as JSON. The read
// alias comes from the configuration; the datasource uids are the ones the provisioning files
// give Grafana and the console URL the API's default address, so the committed JSON
// (dashboards/json) is built with the defaults.
import { Command } from 'commander';
import type { Config } from '../core/config/config.ts';
import { readAlias } from '../core/names.ts';
import { ALERTS_DATASOURCE_UID, DATASOURCE_UID, DEFAULT_CONSOLE_URL, DEFAULT_OUT_DIR, PROMETHEUS_UID, writeDashboards } from './build-dashboards.ts';

export function dashboardsCommand(deps: { loadConfig: () => Config }): Command {
  const command = new Command('dashboards').description('Grafana dashboards as code');
  command
    .command('build')
    .description(`write the dashboards as Grafana JSON (commit ${DEFAULT_OUT_DIR}: Grafana is provisioned from it)`)
    .option('--out <dir>', 'directory to write the JSON files to', DEFAULT_OUT_DIR)
    .option('--datasource-uid <uid>', 'uid of the Elasticsearch datasource in Grafana', DATASOURCE_UID)
    .option('--alerts-datasource-uid <uid>', 'uid of the Elasticsearch datasource over the alert index in Grafana', ALERTS_DATASOURCE_UID)
    .option('--prometheus-uid <uid>', 'uid of the Prometheus datasource in Grafana', PROMETHEUS_UID)
    .option('--console-url <url>', 'where users open the web console (the API\'s address); item links go there', DEFAULT_CONSOLE_URL)
    .action(async (opts: { out: string; datasourceUid: string; alertsDatasourceUid: string; prometheusUid: string; consoleUrl: string }) => {
      const config = deps.loadConfig();
      const written = await writeDashboards(opts.out, {
        indexAlias: readAlias(config.elasticsearch.indexPrefix),
        datasourceUid: opts.datasourceUid,
        alertsDatasourceUid: opts.alertsDatasourceUid,
        prometheusUid: opts.prometheusUid,
        consoleUrl: opts.consoleUrl.replace(/\/+$/, ''),
      });
      for (const file of written) process.stdout.write(`${file}\n`);
    });
  return command;
}
