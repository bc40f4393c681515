// Is something listening, and is it the server we expect, ready for voc? Each probe speaks
// the server's own protocol with voc's own connection settings (TLS, SASL, credentials), so
// a port held by a stranger is told apart from a healthy server and a secured external
// server is judged as voc will reach it; it never throws: it answers { healthy: false, reason }.
// waitForHealthy turns a probe into a bounded wait whose failure message names the
// service, the port and the tail of its log.
import { createConnection } from 'node:net';
import { Client } from '@elastic/elasticsearch';
import { Kafka, logLevel } from 'kafkajs';
import type { ElasticsearchConfig, KafkaConfig, RedisConfig } from '../core/config/config.ts';
import { elasticsearchClientOptions } from '../core/elasticsearch/elasticsearch.client.ts';
import { kafkaSecurityOptions } from '../core/kafka/kafka.client.ts';
import { createRedis } from '../core/redis/redis.client.ts';
import { describeTail } from './log-file.ts';
import { isAlive } from './process-control.ts';
import type { ServiceName } from './service-name.ts';
import type { Probe } from './service.ts';
import { StackError } from './stack-error.ts';

export function isPortOpen(port: number, host = '127.0.0.1', timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host });
    const done = (open: boolean) => {
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

const reasonOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Kafka answers with a registered broker and an active controller (with the configured TLS and SASL). */
export async function probeKafka(config: KafkaConfig): Promise<Probe> {
  const admin = new Kafka({
    clientId: 'voc-stack-probe',
    brokers: config.brokers,
    ...kafkaSecurityOptions(config),
    logLevel: logLevel.NOTHING,
    connectionTimeout: 1500,
    requestTimeout: 3000,
    retry: { retries: 0 },
  }).admin();
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    if (cluster.brokers.length === 0) return { healthy: false, reason: 'no broker registered yet' };
    if (cluster.controller === null || cluster.controller < 0) return { healthy: false, reason: 'no active controller yet' };
    return { healthy: true };
  } catch (error) {
    return { healthy: false, reason: reasonOf(error) };
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

/**
 * Cluster health (not `GET /`: the integ-test distribution answers 405 there), asked with the
 * same client options as voc's own: credentials, and the CA of an https URL.
 */
export async function probeElasticsearch(config: ElasticsearchConfig): Promise<Probe> {
  const client = new Client(elasticsearchClientOptions(config, { requestTimeoutMs: 5000, maxRetries: 0 }));
  try {
    const health = await client.cluster.health({ wait_for_status: 'yellow', timeout: '1s' });
    if (health.status === 'green' || health.status === 'yellow') return { healthy: true };
    return { healthy: false, reason: `cluster status ${health.status}` };
  } catch (error) {
    const e = error as { meta?: { statusCode?: number; body?: { status?: string } }; cause?: unknown };
    if (e.meta?.body?.status) return { healthy: false, reason: `cluster status ${e.meta.body.status}` };
    if (e.meta?.statusCode) return { healthy: false, reason: `HTTP ${e.meta.statusCode} from /_cluster/health` };
    return { healthy: false, reason: reasonOf(e.cause ?? error) };
  } finally {
    await client.close();
  }
}

/** PING answered, over TLS for a rediss:// URL. */
export async function probeRedis(config: Pick<RedisConfig, 'url' | 'ca'>): Promise<Probe> {
  const client = createRedis(config, {
    lazyConnect: true,
    connectTimeout: 1500,
    // A stranger may accept the connection and never answer.
    commandTimeout: 2000,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    const pong = await client.ping();
    return pong === 'PONG' ? { healthy: true } : { healthy: false, reason: `PING answered ${pong}` };
  } catch (error) {
    return { healthy: false, reason: reasonOf(error) };
  } finally {
    client.disconnect();
  }
}

export type WaitOptions = {
  service: ServiceName;
  port: number;
  probe: () => Promise<Probe>;
  timeoutS: number;
  /** Included in the failure message. */
  logFile?: string;
  /** How the failure message names the server; defaults to 127.0.0.1:<port>. */
  where?: string;
  /** The server we started: stop waiting as soon as it exits. */
  pid?: number;
  intervalMs?: number;
};

export async function waitForHealthy(opts: WaitOptions): Promise<void> {
  const deadline = Date.now() + opts.timeoutS * 1000;
  const where = opts.where ?? `127.0.0.1:${opts.port}`;
  let last: Probe = { healthy: false, reason: 'not checked yet' };
  for (;;) {
    last = await opts.probe();
    if (last.healthy) return;
    if (opts.pid !== undefined && !isAlive(opts.pid)) {
      throw failure(opts, `exited (pid ${opts.pid}) before becoming healthy on ${where}`);
    }
    if (Date.now() >= deadline) {
      throw failure(
        opts,
        `was not healthy on ${where} within ${opts.timeoutS}s (STACK_START_TIMEOUT_S); last check: ${last.reason}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, opts.intervalMs ?? 500));
  }
}

function failure(opts: WaitOptions, what: string): StackError {
  const tail = opts.logFile ? '\n' + describeTail(opts.logFile) : '';
  return new StackError(`${opts.service} ${what}${tail}`, opts.service);
}
