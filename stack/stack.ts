// The local stack: Kafka, Elasticsearch and Redis on 127.0.0.1 without Docker, for
// `voc stack`, the demo and the integration tests' global setup. Services the user points
// elsewhere (KAFKA_BROKERS, ELASTICSEARCH_URL, REDIS_URL) are only health-checked.
// `up` is idempotent and starts what is missing in parallel; `down` stops only what `up`
// started. Downloads, data, logs and pid files live under STACK_DIR.
import { pino, type Logger } from 'pino';
import type { Config } from '../core/config/config.ts';
import { createElasticsearchService } from './elasticsearch.service.ts';
import { findJdk, type Jdk } from './java.ts';
import { createKafkaService } from './kafka.service.ts';
import { createRedisService } from './redis.service.ts';
import { serviceNames, type ServiceDriver, type ServiceName } from './service.ts';
import { describeService, ensureRunning, stopIfOurs, type ServiceState } from './service-lifecycle.ts';
import { stackPaths } from './stack-paths.ts';
import { StackError } from './stack-error.ts';

export type { ServiceName } from './service.ts';
export type { ServiceState } from './service-lifecycle.ts';
export { StackError } from './stack-error.ts';
export { serviceNames };

export type StackEndpoints = { kafkaBrokers: string[]; elasticsearchUrl: string; redisUrl: string };

function createStack(config: Config, logger: Logger) {
  const paths = stackPaths(config.stack);
  let jdk: Jdk | undefined;
  const ctx = {
    config,
    paths,
    logger,
    // JAVA_HOME describes the machine, not voc, so it is read here rather than in core/config.
    jdk: () => (jdk ??= findJdk({ configured: config.stack.javaHome, envJavaHome: process.env.JAVA_HOME })),
  };
  const drivers: Record<ServiceName, ServiceDriver> = {
    kafka: createKafkaService(ctx),
    elasticsearch: createElasticsearchService(ctx),
    redis: createRedisService(ctx),
  };
  const lifecycle = { paths, logger, timeoutS: config.stack.startTimeoutS };
  return { ctx, drivers, lifecycle };
}

export function endpointsOf(config: Config): StackEndpoints {
  return {
    kafkaBrokers: config.kafka.brokers,
    elasticsearchUrl: config.elasticsearch.url,
    redisUrl: config.redis.url,
  };
}

/** Runs one task per service in parallel and reports every failure, not just the first. */
async function forEachService<T>(names: readonly ServiceName[], task: (name: ServiceName) => Promise<T>): Promise<T[]> {
  const results = await Promise.allSettled(names.map(task));
  const failures = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
  if (failures.length === 1) throw failures[0];
  if (failures.length > 1) {
    throw new StackError(failures.map((f) => (f instanceof Error ? f.message : String(f))).join('\n\n'));
  }
  return results.map((r) => (r as PromiseFulfilledResult<T>).value);
}

export async function stackUp(
  config: Config,
  opts: { logger: Logger },
): Promise<{ endpoints: StackEndpoints; services: ServiceState[]; started: ServiceName[] }> {
  const { drivers, lifecycle } = createStack(config, opts.logger);
  const begun = Date.now();
  const results = await forEachService(serviceNames, (name) => ensureRunning(drivers[name], lifecycle));
  const started = results.filter((r) => r.started).map((r) => r.state.name);
  opts.logger.info({ started, ms: Date.now() - begun }, 'stack is up');
  return { endpoints: endpointsOf(config), services: results.map((r) => r.state), started };
}

/** Stops what `up` started (all services, or `only` these); returns the names stopped. */
export async function stackDown(config: Config, opts: { logger: Logger; only?: ServiceName[] }): Promise<ServiceName[]> {
  const { drivers, lifecycle } = createStack(config, opts.logger);
  const names = opts.only ?? serviceNames;
  const stopped = await forEachService(names, async (name) => ((await stopIfOurs(drivers[name], lifecycle)) ? name : undefined));
  return stopped.filter((n): n is ServiceName => n !== undefined);
}

export async function stackStatus(config: Config, opts: { logger?: Logger } = {}): Promise<ServiceState[]> {
  const { drivers, lifecycle } = createStack(config, opts.logger ?? pino({ level: 'silent' }));
  return Promise.all(serviceNames.map((name) => describeService(drivers[name], lifecycle)));
}

/** Downloads and installs everything `up` needs without starting anything (CI cache warm-up). */
export async function stackFetch(config: Config, opts: { logger: Logger }): Promise<void> {
  const { ctx, drivers } = createStack(config, opts.logger);
  const local = serviceNames.filter((name) => !drivers[name].external);
  if (local.includes('kafka') || local.includes('elasticsearch')) {
    const jdk = ctx.jdk();
    opts.logger.info({ javaHome: jdk.home, version: jdk.version }, 'JDK for Kafka and Elasticsearch');
  }
  const begun = Date.now();
  await forEachService(local, (name) => drivers[name].fetch());
  opts.logger.info({ services: local, ms: Date.now() - begun }, 'stack fetched');
}

/** Starts one service (or reuses it) and waits until it is healthy; for fault-injection tests. */
export async function startService(config: Config, name: ServiceName, opts: { logger: Logger }): Promise<void> {
  const { drivers, lifecycle } = createStack(config, opts.logger);
  await ensureRunning(drivers[name], lifecycle);
}

/** Stops one service that `up` started; refuses external services and servers that are not ours. */
export async function stopService(config: Config, name: ServiceName, opts: { logger: Logger }): Promise<void> {
  const { drivers, lifecycle } = createStack(config, opts.logger);
  const driver = drivers[name];
  if (driver.external) throw new StackError(`${name} is external (${driver.url}); voc stack does not stop it`, name);
  if (await stopIfOurs(driver, lifecycle)) return;
  const state = await describeService(driver, lifecycle);
  if (state.state === 'running') {
    throw new StackError(`${name} on ${driver.url} was not started by voc stack; not stopping it`, name);
  }
  opts.logger.info({ service: name }, 'not running; nothing to stop');
}

/** The file holding the server's console output and voc's fetch/install notes. */
export function serviceLogPath(config: Config, name: ServiceName): string {
  return stackPaths(config.stack).logFile(name);
}
