// kafkajs factory: one Kafka instance per process, logging through pino, with retry
// settings chosen by the caller (the API wants a quick 503, the processor patience).
import { Kafka, logLevel, type KafkaConfig as KafkaJsConfig, type LogEntry, type RetryOptions } from 'kafkajs';
import type { KafkaConfig } from '../config/config.ts';
import type { Logger } from '../observability/logger.ts';

const levels: Record<number, 'error' | 'warn' | 'info' | 'debug'> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
};

export function createKafka(config: KafkaConfig, logger: Logger, opts: { retry?: RetryOptions; clientId?: string } = {}): Kafka {
  const log = logger.child({ component: 'kafkajs' });
  const kafkaConfig: KafkaJsConfig = {
    clientId: opts.clientId ?? config.clientId,
    brokers: config.brokers,
    connectionTimeout: config.connectionTimeoutMs,
    requestTimeout: config.requestTimeoutMs,
    retry: opts.retry ?? { initialRetryTime: 300, retries: 8, maxRetryTime: 10_000 },
    // kafkajs logs INFO lines for every join/leave; keep them at debug to make logs readable.
    logLevel: logLevel.INFO,
    logCreator:
      () =>
      ({ level, log: entry }: LogEntry) => {
        const { message, ...rest } = entry;
        let pinoLevel = levels[level] ?? 'info';
        // Join/leave chatter, and the notice that producers which must answer quickly do not
        // retry forever (voc's ids make a client's retry safe), are not worth a warning.
        if (pinoLevel === 'info' || message.startsWith('Limiting retries for the idempotent producer')) pinoLevel = 'debug';
        log[pinoLevel]({ ...rest, timestamp: undefined, logger: undefined }, message);
      },
  };
  return new Kafka(kafkaConfig);
}
