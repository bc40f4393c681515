// Where the local stack keeps things. Everything lives under config.stack.dir (resolved
// against the working directory, git-ignored): downloads, per-service data and logs, and
// run/<service>.{pid,json} records of the processes `voc stack` started. The one exception
// is Elasticsearch's home when its unprivileged user cannot reach this directory (see
// elasticsearch-user.ts); its console log still lands here.
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { StackConfig } from '../core/config/config.ts';
import type { ServiceName } from './service-name.ts';

export type StackPaths = {
  root: string;
  downloads: string;
  run: string;
  serviceDir: (name: ServiceName) => string;
  logsDir: (name: ServiceName) => string;
  dataDir: (name: ServiceName) => string;
  /** stdout+stderr of the server, plus voc's own fetch/install notes. */
  logFile: (name: ServiceName) => string;
  pidFile: (name: ServiceName) => string;
  recordFile: (name: ServiceName) => string;
  /** Used for Elasticsearch when its user cannot traverse `root` (e.g. a clone under /root). */
  fallbackRoot: string;
};

export function stackPaths(stack: Pick<StackConfig, 'dir'>, cwd: string = process.cwd()): StackPaths {
  const root = path.resolve(cwd, stack.dir);
  const serviceDir = (name: ServiceName) => path.join(root, name);
  const run = path.join(root, 'run');
  // A short hash keeps two checkouts on one machine from sharing a fallback directory.
  const hash = createHash('sha256').update(root).digest('hex').slice(0, 10);
  return {
    root,
    downloads: path.join(root, 'downloads'),
    run,
    serviceDir,
    logsDir: (name) => path.join(serviceDir(name), 'logs'),
    dataDir: (name) => path.join(serviceDir(name), 'data'),
    logFile: (name) => path.join(serviceDir(name), 'logs', `${name}.out.log`),
    pidFile: (name) => path.join(run, `${name}.pid`),
    recordFile: (name) => path.join(run, `${name}.json`),
    fallbackRoot: path.join('/var/tmp', `voc-stack-${hash}`),
  };
}
