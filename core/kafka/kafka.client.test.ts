import { logLevel } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { kafkaLogLevel } from './kafka.client.ts';

describe('kafkajs log levels', () => {
  it('keeps the retriable broker answers kafkajs retries itself out of error logs', () => {
    // What a consumer group logs while its coordinator is first elected.
    expect(kafkaLogLevel(logLevel.ERROR, 'Response GroupCoordinator(key: 10, version: 2)', { error: 'The group coordinator is not available' })).toBe('debug');
    expect(kafkaLogLevel(logLevel.ERROR, 'Response JoinGroup(key: 11, version: 5)', { error: 'This is not the correct coordinator for this group' })).toBe('debug');
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
