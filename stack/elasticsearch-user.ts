// Elasticsearch refuses to run as root. When we are root, it runs as the system user
// `voc-stack` (created on first use), its directories are handed to that user, and they
// are placed where that user can reach them: under the stack directory when it can
// traverse it, otherwise (a clone under /root, say) under /var/tmp/voc-stack-<hash>.
// The process is spawned with that uid directly rather than through su/runuser, which
// would start a new session and hide the server from our process-group stop.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import { findOnPath } from './debian-packages.ts';
import type { StackPaths } from './stack-paths.ts';
import { StackError } from './stack-error.ts';

export const STACK_USER = 'voc-stack';

export type RunAs = { user: string; uid: number; gid: number };

/** Where Elasticsearch's home, config, data and logs live, and whom it runs as. */
export type ElasticsearchPlacement = { root: string; runAs: RunAs | undefined };

export function lookupUser(user: string): RunAs | undefined {
  const result = spawnSync('getent', ['passwd', user], { encoding: 'utf8' });
  const fields = result.status === 0 ? result.stdout.trim().split(':') : [];
  if (fields.length < 4) return undefined;
  return { user, uid: Number(fields[2]), gid: Number(fields[3]) };
}

export function ensureSystemUser(user: string, logger: Logger): RunAs {
  const existing = lookupUser(user);
  if (existing) return existing;
  const useradd = findOnPath('useradd');
  if (!useradd) throw new StackError(`cannot create user ${user} for Elasticsearch: useradd not found`, 'elasticsearch');
  const nologin = findOnPath('nologin') ?? '/bin/false';
  logger.info({ user }, 'creating system user for Elasticsearch (it refuses to run as root)');
  const result = spawnSync(useradd, ['--system', '--no-create-home', '--user-group', '--shell', nologin, user], {
    encoding: 'utf8',
  });
  const created = lookupUser(user);
  if (!created) {
    throw new StackError(`useradd ${user} failed: ${result.stderr?.trim() || `exit ${result.status}`}`, 'elasticsearch');
  }
  return created;
}

/** True if `runAs` can reach and list `dir` (every parent must be traversable too). */
export function canTraverse(dir: string, runAs: RunAs): boolean {
  const result = spawnSync('test', ['-x', dir, '-a', '-r', dir], { uid: runAs.uid, gid: runAs.gid });
  return result.status === 0;
}

export function placeElasticsearch(paths: StackPaths, logger: Logger): ElasticsearchPlacement {
  const preferred = paths.serviceDir('elasticsearch');
  mkdirSync(preferred, { recursive: true });
  if (process.getuid?.() !== 0) return { root: preferred, runAs: undefined };
  const runAs = ensureSystemUser(STACK_USER, logger);
  if (canTraverse(preferred, runAs)) return { root: preferred, runAs };
  const fallback = path.join(paths.fallbackRoot, 'elasticsearch');
  logger.warn(
    { user: runAs.user, denied: preferred, using: fallback },
    `user ${runAs.user} cannot traverse the stack directory; Elasticsearch home, data and logs go to ${fallback}`,
  );
  mkdirSync(fallback, { recursive: true });
  return { root: fallback, runAs };
}

/** Hands the tree to the server's user; cheap enough to repeat on every start. */
export function chownTree(dir: string, runAs: RunAs): void {
  const result = spawnSync('chown', ['-R', `${runAs.uid}:${runAs.gid}`, dir], { encoding: 'utf8' });
  if (result.status !== 0) {
    throw new StackError(`chown -R ${runAs.user} ${dir} failed: ${result.stderr?.trim()}`, 'elasticsearch');
  }
}
