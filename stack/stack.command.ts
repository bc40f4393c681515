// `voc stack up|down|status|logs|fetch`: the local Kafka, Elasticsearch and Redis from the
// command line. Data (endpoints, tables, log lines) goes to stdout; progress logs go to the
// logger (stderr), so `voc stack status --json | jq` stays clean.
import { statSync } from 'node:fs';
import { Argument, Command, InvalidArgumentError, Option } from 'commander';
import type { Logger } from 'pino';
import type { Config } from '../core/config/config.ts';
import { followFile, tailLines } from './log-file.ts';
import {
  serviceLogPath,
  serviceNames,
  stackDown,
  stackFetch,
  stackStatus,
  stackUp,
  type ServiceName,
  type ServiceState,
  type StackEndpoints,
} from './stack.ts';

type Deps = { loadConfig: () => Config; createLogger: () => Logger };

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a whole number');
  return n;
}

function stateLabel(s: ServiceState): string {
  if (s.state === 'external') return 'external';
  if (s.state === 'stopped') return 'stopped';
  return s.ours ? `running (ours, pid ${s.pid})` : 'running (not ours)';
}

export function formatStatusTable(services: ServiceState[]): string {
  const rows = [
    ['SERVICE', 'STATE', 'URL', 'VERSION'],
    ...services.map((s) => [s.name, stateLabel(s), s.url, s.version ?? '']),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const lines = rows.map((r) => r.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd());
  for (const s of services) if (s.detail) lines.push(`  ${s.name}: ${s.detail}`);
  return lines.join('\n') + '\n';
}

export function formatEndpoints(endpoints: StackEndpoints): string {
  return (
    `\nTo point other tools (or another checkout) at these servers:\n` +
    `  export KAFKA_BROKERS=${endpoints.kafkaBrokers.join(',')}\n` +
    `  export ELASTICSEARCH_URL=${endpoints.elasticsearchUrl}\n` +
    `  export REDIS_URL=${endpoints.redisUrl}\n` +
    `(With these set, voc treats the servers as external: \`voc stack down\` will not stop them.)\n`
  );
}

export function stackCommand(deps: Deps): Command {
  const stack = new Command('stack').description(
    'run a local Kafka, Elasticsearch and Redis on 127.0.0.1 without Docker (downloads, data and logs in STACK_DIR); ' +
      'services named by KAFKA_BROKERS, ELASTICSEARCH_URL or REDIS_URL are external: only checked, never started or stopped',
  );

  stack
    .command('up')
    .description(
      'start whatever is not already running and wait until all three are healthy (idempotent: healthy servers are reused); ' +
        'the first run downloads Kafka and Elasticsearch with Maven and may install redis-server with apt-get',
    )
    .option('--json', 'print the result as JSON')
    .action(async (opts: { json?: boolean }) => {
      const result = await stackUp(deps.loadConfig(), { logger: deps.createLogger() });
      if (opts.json) return void process.stdout.write(JSON.stringify(result, null, 2) + '\n');
      process.stdout.write(formatStatusTable(result.services));
      process.stdout.write(`started now: ${result.started.join(', ') || 'nothing'}\n`);
      process.stdout.write(formatEndpoints(result.endpoints));
    });

  stack
    .command('down')
    .description('stop the servers that `voc stack up` started (SIGTERM, SIGKILL after 20 s); never touches others; data is kept')
    .addOption(new Option('--only <services...>', 'stop only these').choices(serviceNames))
    .action(async (opts: { only?: ServiceName[] }) => {
      const stopped = await stackDown(deps.loadConfig(), { logger: deps.createLogger(), only: opts.only });
      process.stdout.write(`stopped: ${stopped.join(', ') || 'nothing (no server started by voc stack was running)'}\n`);
    });

  stack
    .command('status')
    .description('show each service: external, running (ours, with pid), running (not ours) or stopped, with its URL')
    .option('--json', 'print as JSON')
    .action(async (opts: { json?: boolean }) => {
      const services = await stackStatus(deps.loadConfig());
      process.stdout.write(opts.json ? JSON.stringify(services, null, 2) + '\n' : formatStatusTable(services));
    });

  stack
    .command('logs')
    .description("print the end of a server's log (its console output plus voc's fetch and install notes)")
    .addArgument(new Argument('<service>', 'which server').choices(serviceNames))
    .option('-n, --lines <count>', 'how many lines from the end', positiveInt, 50)
    .option('-f, --follow', 'keep printing new lines until interrupted')
    .action(async (service: ServiceName, opts: { lines: number; follow?: boolean }) => {
      const file = serviceLogPath(deps.loadConfig(), service);
      const tail = tailLines(file, opts.lines);
      if (tail.length === 0 && !opts.follow) process.stderr.write(`no log yet at ${file}\n`);
      if (tail.length > 0) process.stdout.write(tail.join('\n') + '\n');
      if (!opts.follow) return;
      const controller = new AbortController();
      process.once('SIGINT', () => controller.abort());
      let from = 0;
      try {
        from = statSync(file).size;
      } catch {
        /* not created yet: follow from its start */
      }
      await followFile(file, (text) => process.stdout.write(text), { from, signal: controller.signal });
    });

  stack
    .command('fetch')
    .description('download and install everything `up` needs (Kafka jars, the Elasticsearch distribution, redis-server) without starting anything; warms CI caches')
    .action(async () => {
      await stackFetch(deps.loadConfig(), { logger: deps.createLogger() });
      process.stdout.write('stack fetched\n');
    });

  return stack;
}
