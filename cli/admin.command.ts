// Small administrative commands: `voc init` (topics, index template, indices),
// `voc schema` (feedback model v1 as JSON Schema) and `voc config` (the variables).
import { Command } from 'commander';
import { configVariables, envSchema } from '../core/config/config.schema.ts';
import { feedbackJsonSchema } from '../core/feedback/feedback.schema.ts';
import { deadLetterTopic, rawTopics, readAlias } from '../core/names.ts';
import { cliConfig, cliLogger } from './context.ts';
import { initInfrastructure } from './runtime.ts';

export function initCommand(): Command {
  return new Command('init')
    .description('create the Kafka topics, the Elasticsearch index template and indices if missing, then exit (idempotent)')
    .action(async () => {
      const config = cliConfig();
      const result = await initInfrastructure(config, cliLogger());
      process.stdout.write(
        `topics: ${[...rawTopics(config.kafka.topicPrefix), deadLetterTopic(config.kafka.topicPrefix)].join(', ')}\n` +
          `created now: ${result.createdTopics.length ? result.createdTopics.join(', ') : 'none'}\n` +
          `read alias: ${readAlias(config.elasticsearch.indexPrefix)} over ${result.indices.join(', ')}\n`,
      );
    });
}

export function schemaCommand(): Command {
  return new Command('schema')
    .description('print feedback model v1 as JSON Schema (what POST /v1/feedback and the raw topics accept)')
    .action(() => {
      process.stdout.write(`${JSON.stringify(feedbackJsonSchema(), null, 2)}\n`);
    });
}

export function configCommand(): Command {
  return new Command('config')
    .description('list every configuration variable with its default and meaning; --check validates the current environment')
    .option('--check', 'parse the current environment and report problems (exit 2 when invalid)')
    .option('--markdown', 'print the table as Markdown (as in the README)')
    .action((opts: { check?: boolean; markdown?: boolean }) => {
      if (opts.check) {
        cliConfig();
        process.stdout.write('configuration is valid\n');
        return;
      }
      const rows = Object.entries(configVariables).map(([name, meaning]) => {
        const shape = envSchema.shape[name as keyof typeof envSchema.shape];
        const parsed = shape.safeParse(undefined);
        const value = parsed.success ? parsed.data : undefined;
        const def = value === undefined ? '(unset)' : Array.isArray(value) ? value.join(',') : String(value);
        return { name, def, meaning };
      });
      if (opts.markdown) {
        process.stdout.write('| variable | default | meaning |\n| --- | --- | --- |\n');
        for (const r of rows) process.stdout.write(`| \`${r.name}\` | \`${r.def}\` | ${r.meaning} |\n`);
        return;
      }
      const width = Math.max(...rows.map((r) => r.name.length));
      for (const r of rows) process.stdout.write(`${r.name.padEnd(width)}  ${r.def.padEnd(28)}  ${r.meaning}\n`);
    });
}
