// Entry of the `voc` command line: one program, one subcommand per job.
import { Command, CommanderError } from 'commander';
import { EXIT_USAGE } from './exit-codes.ts';
import { ConfigError } from '../core/config/config.ts';
import { cliConfig, cliLogger } from './context.ts';
import { configCommand, initCommand, schemaCommand } from './admin.command.ts';
import { demoCommand } from './demo.command.ts';
import { serveCommand } from './serve.command.ts';
import { tagCommand } from './tag.command.ts';
import { trainCommand } from './train.command.ts';
import { trendsCommand } from './trends.command.ts';
import { alertsCommand } from './alerts.command.ts';
import { keysCommand } from './keys.command.ts';
import { customersCommand } from './customers.command.ts';
import { dlqCommand } from './dlq.command.ts';
import { openApiCommand } from './openapi.command.ts';
import { openPublisher } from './runtime.ts';
import { stackCommand } from '../stack/stack.command.ts';
import { importCommand } from '../ingest/import/import.command.ts';
import { dashboardsCommand } from '../dashboards/dashboards.command.ts';

function debugEnabled(): boolean {
  try {
    return cliConfig().logLevel === 'debug';
  } catch {
    return false;
  }
}

const program = new Command('voc')
  .description('voc: a voice-of-customer pipeline. Feedback flows through Kafka, is tagged by processors and indexed in Elasticsearch.')
  .version('0.1.0')
  .showHelpAfterError()
  .addCommand(demoCommand())
  .addCommand(serveCommand())
  .addCommand(tagCommand())
  .addCommand(trainCommand())
  .addCommand(trendsCommand())
  .addCommand(alertsCommand())
  .addCommand(keysCommand())
  .addCommand(customersCommand())
  .addCommand(dlqCommand())
  .addCommand(importCommand({ loadConfig: cliConfig, createLogger: cliLogger, openPublisher }))
  .addCommand(stackCommand({ loadConfig: cliConfig, createLogger: cliLogger }))
  .addCommand(initCommand())
  .addCommand(dashboardsCommand({ loadConfig: cliConfig }))
  .addCommand(schemaCommand())
  .addCommand(openApiCommand())
  .addCommand(configCommand());

/** Usage errors (unknown option, missing argument, invalid value) exit with 2 in every command; commander's own default is 1. */
function usageExitsWith2(command: Command): void {
  command.exitOverride((error) => {
    throw error.exitCode === 1 ? new CommanderError(EXIT_USAGE, error.code, error.message) : error;
  });
  for (const sub of command.commands) usageExitsWith2(sub);
}
usageExitsWith2(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) process.exit(error.exitCode);
  if (error instanceof ConfigError) {
    process.stderr.write(`voc: ${error.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`voc: ${(error as Error).message}\n`);
  if (debugEnabled()) process.stderr.write(`${(error as Error).stack}\n`);
  process.exit(1);
}
