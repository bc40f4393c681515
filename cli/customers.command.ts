// `voc customers forget <id>`: the right to be forgotten (see forget-customer.ts). Prints
// what was removed; the audit log records the customer's pseudonym and the counts.
import { userInfo } from 'node:os';
import { Command } from 'commander';
import type { Config } from '../core/config/config.ts';
import { createElasticsearchClient } from '../core/elasticsearch/elasticsearch.client.ts';
import { cliConfig } from './context.ts';
import { forgetCustomer } from './forget-customer.ts';

export function customersCommand(deps: { loadConfig?: () => Config } = {}): Command {
  const load = deps.loadConfig ?? cliConfig;
  const customers = new Command('customers').description("customers' data");
  customers
    .command('forget')
    .description("delete one customer's feedback everywhere voc stores it in Elasticsearch (feedback, corrections, alert explanations and contacts)")
    .argument('<id>', 'the customer id as it was sent (an e-mail address or phone number used as id is found through its pseudonym)')
    .option('--json', 'print the report as JSON')
    .addHelpText('after', '\nKafka keeps raw and dead-letter messages until their retention ends (7 days by default); snapshots keep what they hold.')
    .action(async (id: string, opts: { json?: boolean }) => {
      const config = load();
      const es = createElasticsearchClient(config.elasticsearch);
      try {
        const report = await forgetCustomer(es, config.elasticsearch.indexPrefix, id, { keyId: 'cli', name: `voc customers (${userInfo().username})` });
        if (opts.json) process.stdout.write(`${JSON.stringify(report)}\n`);
        else process.stdout.write(`forgot customer ${report.pseudonym}: ${report.feedback} feedback items, ${report.labels} corrections, ${report.alerts} alerts and ${report.flags} defect flags rewritten\n`);
      } finally {
        await es.close();
      }
    });
  return customers;
}
