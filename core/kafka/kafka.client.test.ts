import { logLevel, type KafkaConfig as KafkaJsConfig } from 'kafkajs';
import { describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../config/config.ts';
import { createLogger } from '../observability/logger.ts';
import { createKafka, kafkaLogLevel, kafkaSecurityOptions } from './kafka.client.ts';

// Records what createKafka hands to kafkajs; the client itself is real and never connects here.
const constructed = vi.hoisted(() => [] as KafkaJsConfig[]);
vi.mock('kafkajs', async (importOriginal) => {
  const real = await importOriginal<typeof import('kafkajs')>();
  class RecordedKafka extends real.Kafka {
    constructor(config: KafkaJsConfig) {
      constructed.push(config);
      super(config);
    }
  }
  return { ...real, Kafka: RecordedKafka };
});

describe('kafkajs log levels', () => {
  it('keeps the retriable broker answers kafkajs retries itself out of error logs', () => {
    // What a consumer group logs while its coordinator is first elected.
    expect(kafkaLogLevel(logLevel.ERROR, 'Response GroupCoordinator(key: 10, version: 2)', { error: 'The group coordinator is not available' })).toBe('debug');
    expect(kafkaLogLevel(logLevel.ERROR, 'Response JoinGroup(key: 11, version: 5)', { error: 'This is not the correct coordinator for this group' })).toBe('debug');
    expect(kafkaLogLevel(logLevel.ERROR, 'Response Heartbeat(key: 12, version: 3)', { error: 'The group is rebalancing, so a rejoin is needed' })).toBe('debug');
    expect(kafkaLogLevel(logLevel.WARN, 'The group is rebalancing, re-joining', { groupId: 'g' })).toBe('info');
  });

  it('keeps real failures at their level', () => {
    expect(kafkaLogLevel(logLevel.ERROR, 'Response CreateTopics(key: 19, version: 3)', { error: 'Not authorized to access topics: [Topic authorization failed]' })).toBe('error');
    expect(kafkaLogLevel(logLevel.ERROR, 'Crash: KafkaJSNumberOfRetriesExceeded', { error: 'The group coordinator is not available' })).toBe('error');
    expect(kafkaLogLevel(logLevel.WARN, 'Connection timeout', {})).toBe('warn');
  });

  it('turns join and leave chatter into debug', () => {
    expect(kafkaLogLevel(logLevel.INFO, 'Consumer has joined the group', {})).toBe('debug');
  });
});

describe('kafkajs security options', () => {
  const none = { tls: false, ca: undefined, sasl: undefined };

  it('are plaintext without authentication by default', () => {
    expect(kafkaSecurityOptions(none)).toEqual({});
  });

  it('verify the brokers against the public CAs, or against KAFKA_CA_FILE', () => {
    expect(kafkaSecurityOptions({ ...none, tls: true })).toEqual({ ssl: true });
    expect(kafkaSecurityOptions({ ...none, tls: true, ca: 'PEM' })).toEqual({ ssl: { ca: ['PEM'] } });
    // A CA alone turns nothing on; the config refuses KAFKA_CA_FILE without KAFKA_TLS.
    expect(kafkaSecurityOptions({ ...none, ca: 'PEM' })).toEqual({});
  });

  it('authenticate with each SASL mechanism, over TLS or not', () => {
    for (const mechanism of ['plain', 'scram-sha-256', 'scram-sha-512'] as const) {
      const sasl = { mechanism, username: 'voc', password: 'pw' };
      expect(kafkaSecurityOptions({ ...none, sasl })).toEqual({ sasl });
      expect(kafkaSecurityOptions({ tls: true, ca: 'PEM', sasl })).toEqual({ ssl: { ca: ['PEM'] }, sasl });
    }
  });

  it('reach the Kafka client createKafka builds from the environment', () => {
    const config = loadConfig({ KAFKA_BROKERS: 'k1:9093', KAFKA_TLS: 'true', KAFKA_SASL_MECHANISM: 'SCRAM-SHA-512', KAFKA_SASL_USERNAME: 'voc', KAFKA_SASL_PASSWORD: 'pw' });
    createKafka(config.kafka, createLogger({ level: 'silent' }));
    expect(constructed.at(-1)).toMatchObject({ brokers: ['k1:9093'], ssl: true, sasl: { mechanism: 'scram-sha-512', username: 'voc', password: 'pw' } });
    createKafka(loadConfig({}).kafka, createLogger({ level: 'silent' }));
    expect(constructed.at(-1)).not.toHaveProperty('ssl');
    expect(constructed.at(-1)).not.toHaveProperty('sasl');
  });
});
