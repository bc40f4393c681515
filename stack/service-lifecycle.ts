// Bringing one service up, down, or reporting on it, whatever kind it is. The rules:
// an external service is only health-checked; a healthy server on the port is reused
// (ours if our record points at it); a stale record is cleaned; a port held by anything
// that is not a healthy instance of the service is an error; and only servers with our
// record are ever stopped.
import type { Logger } from 'pino';
import { isPortOpen, waitForHealthy } from './health.ts';
import { stopProcessGroup } from './process-control.ts';
import { liveRecord, removeRunRecord, writeRunRecord } from './run-record.ts';
import type { ServiceDriver, ServiceName } from './service.ts';
import type { StackPaths } from './stack-paths.ts';
import { StackError } from './stack-error.ts';

export type ServiceState = {
  name: ServiceName;
  state: 'external' | 'running' | 'stopped';
  ours: boolean;
  pid?: number;
  url: string;
  version?: string;
  /** Why a service is not simply running or stopped: still starting, port held by a stranger. */
  detail?: string;
};

type Lifecycle = { paths: StackPaths; logger: Logger; timeoutS: number };

/** The pid file of a server that is gone (or whose pid was recycled) is removed. */
function ourLiveRecord(driver: ServiceDriver, lc: Lifecycle) {
  const found = liveRecord(lc.paths, driver.name, driver.processMarker);
  if (found && !found.live) {
    lc.logger.info({ service: driver.name, pid: found.record.pid }, 'removing stale pid file');
    removeRunRecord(lc.paths, driver.name);
    return undefined;
  }
  return found?.record;
}

export async function ensureRunning(driver: ServiceDriver, lc: Lifecycle): Promise<{ state: ServiceState; started: boolean }> {
  const log = lc.logger.child({ service: driver.name });
  const base = { name: driver.name, url: driver.url };
  const wait = (pid?: number) =>
    waitForHealthy({
      service: driver.name,
      port: driver.port,
      probe: driver.probe,
      timeoutS: lc.timeoutS,
      logFile: lc.paths.logFile(driver.name),
      pid,
    });

  if (driver.external) {
    await waitForHealthy({
      service: driver.name,
      port: driver.port,
      where: `${driver.url} (external)`,
      probe: driver.probe,
      timeoutS: lc.timeoutS,
    });
    log.info({ url: driver.url }, 'external service is healthy');
    return { state: { ...base, state: 'external', ours: false }, started: false };
  }

  const record = ourLiveRecord(driver, lc);
  if (record) {
    if (record.port !== 0 && record.port !== driver.port) {
      throw new StackError(
        `${driver.name} started by voc stack (pid ${record.pid}) listens on port ${record.port}, but port ${driver.port} is ` +
          `configured now; run \`voc stack down --only ${driver.name}\` first`,
        driver.name,
      );
    }
    // Ours and alive: healthy already, or still starting from a previous `up`.
    await wait(record.pid).catch((error: Error) => {
      throw new StackError(`${error.message}\nIt was started earlier by voc stack; try \`voc stack down\`.`, driver.name);
    });
    log.info({ pid: record.pid, url: driver.url }, 'already running (ours)');
    return { state: { ...base, state: 'running', ours: true, pid: record.pid, version: record.version }, started: false };
  }

  if (await isPortOpen(driver.port)) {
    const probe = await driver.probe();
    if (probe.healthy) {
      log.info({ url: driver.url }, 'already running (not started by voc stack; reusing it)');
      return { state: { ...base, state: 'running', ours: false }, started: false };
    }
    throw new StackError(
      `port ${driver.port} on 127.0.0.1 is taken by something that is not a healthy ${driver.name} (${probe.reason}). ` +
        `Stop it, or choose another port with STACK_${driver.name.toUpperCase()}_PORT.`,
      driver.name,
    );
  }
  for (const port of driver.extraPorts) {
    if (await isPortOpen(port)) {
      throw new StackError(`${driver.name} also needs port ${port} on 127.0.0.1, which is taken`, driver.name);
    }
  }

  const begun = Date.now();
  log.info({ port: driver.port }, 'starting');
  const server = await driver.start();
  writeRunRecord(lc.paths, driver.name, {
    pid: server.pid,
    port: driver.port,
    startedAt: new Date().toISOString(),
    version: server.version,
    home: server.home,
  });
  try {
    await wait(server.pid);
  } catch (error) {
    // Leave nothing half-started behind: the next `up` starts from a clean slate.
    await stopProcessGroup(server.pid, { graceMs: 5_000 }).catch(() => undefined);
    removeRunRecord(lc.paths, driver.name);
    throw error;
  }
  log.info({ pid: server.pid, url: driver.url, version: server.version, ms: Date.now() - begun }, 'started');
  const state: ServiceState = { ...base, state: 'running', ours: true, pid: server.pid, version: server.version };
  return { state, started: true };
}

/** Stops the server if we started it; resolves true if something was stopped. */
export async function stopIfOurs(driver: ServiceDriver, lc: Lifecycle): Promise<boolean> {
  if (driver.external) return false;
  const record = ourLiveRecord(driver, lc);
  if (!record) return false;
  const log = lc.logger.child({ service: driver.name });
  const begun = Date.now();
  log.info({ pid: record.pid }, 'stopping');
  const how = await stopProcessGroup(record.pid);
  removeRunRecord(lc.paths, driver.name);
  log.info({ pid: record.pid, how, ms: Date.now() - begun }, 'stopped');
  return how !== 'not-running';
}

export async function describeService(driver: ServiceDriver, lc: Lifecycle): Promise<ServiceState> {
  const base = { name: driver.name, url: driver.url };
  if (driver.external) return { ...base, state: 'external', ours: false };
  const found = liveRecord(lc.paths, driver.name, driver.processMarker);
  const record = found?.live ? found.record : undefined;
  const open = await isPortOpen(driver.port);
  const probe = open ? await driver.probe() : { healthy: false as const, reason: 'port closed' };
  if (record) {
    const detail = probe.healthy ? undefined : `not healthy yet: ${probe.reason}`;
    return { ...base, state: 'running', ours: true, pid: record.pid, version: record.version, detail };
  }
  if (probe.healthy) return { ...base, state: 'running', ours: false };
  const detail = open ? `port ${driver.port} is taken by something that is not ${driver.name}: ${probe.reason}` : undefined;
  return { ...base, state: 'stopped', ours: false, detail };
}
