// Makes a command available by installing its Debian package when it is missing: the local
// stack runs on plain Debian machines (CI, a fresh VM) where we may be root. Without root
// or apt-get it fails with the command to run. `apt-get update` runs at most once per process.
import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import { appendNote, describeTail } from './log-file.ts';
import { runLogged } from './process-control.ts';
import { createSerialQueue } from './serial-queue.ts';
import { StackError } from './stack-error.ts';
import type { ServiceName } from './service-name.ts';

// PATH is a fact of the machine, not voc configuration; sbin directories are added
// because redis-server and useradd live there on some layouts.
export function findOnPath(command: string, pathVariable: string = process.env.PATH ?? ''): string | undefined {
  const dirs = [...pathVariable.split(':').filter(Boolean), '/usr/local/sbin', '/usr/sbin', '/sbin'];
  for (const dir of dirs) {
    const candidate = path.join(dir, command);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      /* keep looking */
    }
  }
  return undefined;
}

const apt = createSerialQueue();
let updated = false;

export async function ensureCommand(opts: {
  command: string;
  debianPackage: string;
  service: ServiceName;
  logFile: string;
  logger: Logger;
}): Promise<string> {
  const found = findOnPath(opts.command);
  if (found) return found;
  const aptGet = findOnPath('apt-get');
  if (process.getuid?.() !== 0 || !aptGet) {
    throw new StackError(
      `${opts.command} is needed for the local ${opts.service} but is not installed; ` +
        `install it with: sudo apt-get install ${opts.debianPackage}`,
      opts.service,
    );
  }
  return apt(async () => {
    const again = findOnPath(opts.command);
    if (again) return again;
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    if (!updated) {
      opts.logger.info({ logFile: opts.logFile }, 'apt-get update');
      appendNote(opts.logFile, 'apt-get update');
      if ((await runLogged({ command: aptGet, args: ['update'], env, logFile: opts.logFile })) !== 0) {
        throw new StackError(`apt-get update failed\n${describeTail(opts.logFile)}`, opts.service);
      }
      updated = true;
    }
    opts.logger.info({ package: opts.debianPackage, logFile: opts.logFile }, 'apt-get install');
    appendNote(opts.logFile, `apt-get install ${opts.debianPackage}`);
    const args = ['install', '-y', '--no-install-recommends', opts.debianPackage];
    if ((await runLogged({ command: aptGet, args, env, logFile: opts.logFile })) !== 0) {
      throw new StackError(`apt-get install ${opts.debianPackage} failed\n${describeTail(opts.logFile)}`, opts.service);
    }
    const installed = findOnPath(opts.command);
    if (!installed) throw new StackError(`${opts.debianPackage} installed but ${opts.command} is still missing`, opts.service);
    return installed;
  });
}
