// `voc dashboards build [--out DIR]`: regenerates the Grafana dashboards as JSON. The read
// alias comes from the configuration; the datasource uid is the one the provisioning file
// gives Grafana, so the committed JSON (dashboards/json) is built with the defaults.
import { Command } from 'commander';
import type { Config } from '../core/config/config.ts';
import { readAlias } from '../core/names.ts';
import { DATASOURCE_UID, DEFAULT_OUT_DIR, writeDashboards } from './build-dashboards.ts';

export function dashboardsCommand(deps: { loadConfig: () => Config }): Command {
  const command = new Command('dashboards').description('Grafana dashboards as code');
  command
    .command('build')
    .description(`write the dashboards as Grafana JSON (commit ${DEFAULT_OUT_DIR}: Grafana is provisioned from it)`)
    .option('--out <dir>', 'directory to write the JSON files to', DEFAULT_OUT_DIR)
    .option('--datasource-uid <uid>', 'uid of the Elasticsearch datasource in Grafana', DATASOURCE_UID)
    .action(async (opts: { out: string; datasourceUid: string }) => {
      const config = deps.loadConfig();
      const written = await writeDashboards(opts.out, {
        indexAlias: readAlias(config.elasticsearch.indexPrefix),
        datasourceUid: opts.datasourceUid,
      });
      for (const file of written) process.stdout.write(`${file}\n`);
    });
  return command;
}
