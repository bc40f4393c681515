// The local Redis (bull queues): Debian's redis-server, installed with apt-get when missing
// and we are root, run in the foreground on our own port and data directory, so the
// distribution's own service (if any) is neither used nor disturbed. Append-only file on,
// RDB snapshots off: queue state survives a restart without periodic fork pauses.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { ensureCommand } from './debian-packages.ts';
import { probeRedis } from './health.ts';
import { appendNote } from './log-file.ts';
import { spawnDetached } from './process-control.ts';
import type { ServiceContext, ServiceDriver } from './service.ts';

export function redisServerArgs(o: { port: number; dataDir: string }): string[] {
  return [
    '--port', String(o.port),
    '--bind', '127.0.0.1',
    '--dir', o.dataDir,
    '--appendonly', 'yes',
    '--save', '',
    '--daemonize', 'no',
  ];
}

/** "Redis server v=7.0.15 sha=00000000:0 malloc=jemalloc-5.3.0 bits=64 build=…" → "7.0.15". */
export function parseRedisVersion(text: string): string | undefined {
  return /\bv=(\d+\.\d+\.\d+)/.exec(text)?.[1];
}

export function createRedisService(ctx: ServiceContext): ServiceDriver {
  const { config, paths, logger } = ctx;
  const log = logger.child({ service: 'redis' });
  const logFile = paths.logFile('redis');
  const dataDir = paths.dataDir('redis');

  function install(): Promise<string> {
    mkdirSync(paths.logsDir('redis'), { recursive: true });
    return ensureCommand({ command: 'redis-server', debianPackage: 'redis-server', service: 'redis', logFile, logger: log });
  }

  async function start() {
    const redisServer = await install();
    mkdirSync(dataDir, { recursive: true });
    const version = parseRedisVersion(spawnSync(redisServer, ['--version'], { encoding: 'utf8' }).stdout ?? '') ?? 'unknown';
    appendNote(logFile, `starting Redis ${version} on 127.0.0.1:${config.stack.redisPort}`);
    const pid = await spawnDetached({
      command: redisServer,
      args: redisServerArgs({ port: config.stack.redisPort, dataDir }),
      cwd: dataDir,
      logFile,
    });
    return { pid, version };
  }

  return {
    name: 'redis',
    url: config.redis.url,
    port: config.stack.redisPort,
    extraPorts: [],
    processMarker: 'redis-server',
    external: config.redis.external,
    fetch: async () => void (await install()),
    start,
    probe: () => probeRedis(config.redis),
  };
}
