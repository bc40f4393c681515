// Is something listening, and is it the server we expect, ready for voc? Each probe speaks
// the server's own protocol, so a port held by a stranger is told apart from a healthy
// server, and never throws: it answers { healthy: false, reason } instead.
// waitForHealthy turns a probe into a bounded wait whose failure message names the
// service, the port and the tail of its log.
import { createConnection } from 'node:net';
import { Redis } from 'ioredis';
import { Kafka, logLevel } from 'kafkajs';
import type { ElasticsearchConfig } from '../core/config/config.ts';
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

export async function probeKafka(brokers: string[]): Promise<Probe> {
  const admin = new Kafka({
    clientId: 'voc-stack-probe',
    brokers,
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

type EsAuth = Partial<Pick<ElasticsearchConfig, 'username' | 'password' | 'apiKey'>>;

export function elasticsearchHeaders(auth: EsAuth): Record<string, string> {
  if (auth.apiKey) return { authorization: `ApiKey ${auth.apiKey}` };
  if (auth.username) {
    const basic = Buffer.from(`${auth.username}:${auth.password ?? ''}`).toString('base64');
    return { authorization: `Basic ${basic}` };
  }
  return {};
}

/** Uses cluster health, not `GET /`: the integ-test distribution answers 405 there. */
export async function probeElasticsearch(url: string, auth: EsAuth = {}): Promise<Probe> {
  try {
    const response = await fetch(new URL('/_cluster/health?wait_for_status=yellow&timeout=1s', url), {
      headers: elasticsearchHeaders(auth),
      signal: AbortSignal.timeout(5000),
    });
    const body = (await response.json().catch(() => undefined)) as { status?: string } | undefined;
    if (response.status === 200 && (body?.status === 'green' || body?.status === 'yellow')) return { healthy: true };
    if (body?.status) return { healthy: false, reason: `cluster status ${body.status}` };
    return { healthy: false, reason: `HTTP ${response.status} from /_cluster/health` };
  } catch (error) {
    const cause = (error as { cause?: unknown }).cause;
    return { healthy: false, reason: reasonOf(cause ?? error) };
  }
}

export async function probeRedis(url: string): Promise<Probe> {
  const client = new Redis(url, {
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
