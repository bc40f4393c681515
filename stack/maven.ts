// Resolves the servers' artifacts with Maven, so mirrors, proxies and ~/.m2 settings of the
// machine apply and repeated fetches are served from the local repository. Runs are
// serialized: Maven 3.8's local repository is not safe for concurrent writers.
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import { ensureCommand } from './debian-packages.ts';
import { appendNote, describeTail } from './log-file.ts';
import { runLogged } from './process-control.ts';
import { createSerialQueue } from './serial-queue.ts';
import type { ServiceName } from './service-name.ts';
import { StackError } from './stack-error.ts';

const serial = createSerialQueue();

/** The pom beside this module that pins a server's version, e.g. stack/kafka/pom.xml. */
export function pomPath(service: 'kafka' | 'elasticsearch'): string {
  return fileURLToPath(new URL(`./${service}/pom.xml`, import.meta.url));
}

export async function runMaven(opts: {
  service: 'kafka' | 'elasticsearch';
  goals: string[];
  logFile: string;
  logger: Logger;
}): Promise<void> {
  const mvn = await ensureCommand({
    command: 'mvn',
    debianPackage: 'maven',
    service: opts.service satisfies ServiceName,
    logFile: opts.logFile,
    logger: opts.logger,
  });
  const args = ['-q', '-B', '-f', pomPath(opts.service), ...opts.goals];
  await serial(async () => {
    const started = Date.now();
    opts.logger.info({ goals: opts.goals[0] }, 'resolving with Maven');
    appendNote(opts.logFile, `mvn ${args.join(' ')}`);
    const code = await runLogged({ command: mvn, args, logFile: opts.logFile });
    if (code !== 0) {
      throw new StackError(`Maven could not fetch ${opts.service} (exit ${code})\n${describeTail(opts.logFile)}`, opts.service);
    }
    opts.logger.info({ ms: Date.now() - started }, 'Maven done');
  });
}
