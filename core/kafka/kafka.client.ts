// kafkajs factory: one Kafka instance per process, logging through pino, with retry
// settings chosen by the caller (the API wants a quick 503, the processor patience).
// TLS always verifies the brokers' certificates; there is no setting to skip that.
import { createRequire } from 'node:module';
import { Kafka, logLevel, type KafkaConfig as KafkaJsConfig, type LogEntry, type RetryOptions, type SASLOptions } from 'kafkajs';
import type { KafkaConfig } from '../config/config.ts';
import type { Logger } from '../observability/logger.ts';

// kafkajs' table of broker error codes (not re-exported by its entry point).
const { errorCodes } = createRequire(import.meta.url)('kafkajs/src/protocol/error.js') as { errorCodes: Array<{ message: string; retriable: boolean }> };
const retriable = new Set(errorCodes.filter((e) => e.retriable).map((e) => e.message));
/** A heartbeat's answer while the group rebalances (kafkajs marks it not retriable and rejoins). */
const REBALANCING = 'The group is rebalancing, so a rejoin is needed';

const levels: Record<number, 'error' | 'warn' | 'info' | 'debug'> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
};

/**
 * The pino level of a kafkajs log entry. Join/leave chatter is debug. kafkajs logs every
 * error answer of a broker at error level, including the retriable ones it then retries
 * itself (a group coordinator still being elected when a consumer group first forms): those
 * are debug too, like the heartbeat answers of a group that rebalances (kafkajs rejoins);
 * if the retries run out, the failure surfaces from the call that made them.
 */
export function kafkaLogLevel(level: number, message: string, extra: Record<string, unknown>): 'error' | 'warn' | 'info' | 'debug' {
  const pinoLevel = levels[level] ?? 'info';
  if (pinoLevel === 'info') return 'debug';
  // Producers that must answer quickly do not retry forever (voc's ids make a client's retry safe).
  if (message.startsWith('Limiting retries for the idempotent producer')) return 'debug';
  if (message.startsWith('Response ') && typeof extra.error === 'string' && (retriable.has(extra.error) || extra.error === REBALANCING)) return 'debug';
  // A member joining or leaving makes every other one rejoin: routine, not a fault.
  if (message === 'The group is rebalancing, re-joining') return 'info';
  return pinoLevel;
}

export function createKafka(config: KafkaConfig, logger: Logger, opts: { retry?: RetryOptions; clientId?: string } = {}): Kafka {
  const log = logger.child({ component: 'kafkajs' });
  const kafkaConfig: KafkaJsConfig = {
    clientId: opts.clientId ?? config.clientId,
    brokers: config.brokers,
    ...kafkaSecurityOptions(config),
    connectionTimeout: config.connectionTimeoutMs,
    requestTimeout: config.requestTimeoutMs,
    retry: opts.retry ?? { initialRetryTime: 300, retries: 8, maxRetryTime: 10_000 },
    logLevel: logLevel.INFO,
    logCreator:
      () =>
      ({ level, log: entry }: LogEntry) => {
        const { message, ...rest } = entry;
        log[kafkaLogLevel(level, message, rest)]({ ...rest, timestamp: undefined, logger: undefined }, message);
      },
  };
  return new Kafka(kafkaConfig);
}

/** kafkajs' `ssl` and `sasl` options for a configuration; pure, so they are testable without a broker. */
export function kafkaSecurityOptions(config: Pick<KafkaConfig, 'tls' | 'ca' | 'sasl'>): { ssl?: KafkaJsConfig['ssl']; sasl?: SASLOptions } {
  const options: { ssl?: KafkaJsConfig['ssl']; sasl?: SASLOptions } = {};
  // `true` is Node's defaults: the public CAs; `ca` replaces them with a private one.
  if (config.tls) options.ssl = config.ca ? { ca: [config.ca] } : true;
  if (config.sasl) options.sasl = { mechanism: config.sasl.mechanism, username: config.sasl.username, password: config.sasl.password };
  return options;
}
