// `voc serve`: runs the roles named by --roles (or VOC_ROLES) in this process until
// SIGTERM/SIGINT, then stops them in order: the API first, the processor after it has
// committed what it finished, the scheduler last.
import { Command } from 'commander';
import { cliConfig, cliLogger } from './context.ts';
import { startRoles, type Role } from './runtime.ts';
import { EXIT_FAILED } from './exit-codes.ts';

export function serveCommand(): Command {
  return new Command('serve')
    .description('run voc roles (api, processor, scheduler) in this process until stopped')
    .option('--roles <list>', 'comma list of roles; default: VOC_ROLES or all three')
    .addHelpText('after', '\nExamples:\n  voc serve                      # all roles\n  voc serve --roles processor    # one processor (run several for more throughput)\n')
    .action(async (opts: { roles?: string }) => {
      const config = cliConfig();
      const logger = cliLogger();
      const roles = (opts.roles ? opts.roles.split(',').map((r) => r.trim()) : config.roles) as Role[];
      const unknown = roles.filter((r) => !['api', 'processor', 'scheduler'].includes(r));
      if (unknown.length) throw new Error(`unknown role(s): ${unknown.join(', ')}; use api, processor, scheduler`);
      const running = await startRoles(config, roles, { logger });
      if (running.apiUrl) process.stderr.write(`voc API on ${running.apiUrl}\n`);
      await new Promise<void>((resolve) => {
        const stop = (signal: string) => {
          logger.info({ signal }, 'stopping');
          void running.stop().then(resolve);
        };
        process.once('SIGTERM', () => stop('SIGTERM'));
        process.once('SIGINT', () => stop('SIGINT'));
        // A processor that gave up on a failing chunk: stop everything and exit non-zero, for the supervisor.
        void running.processor?.gaveUp.then(() => {
          process.exitCode = EXIT_FAILED;
          stop('processor gave up');
        });
      });
    });
}
