import { expect, it } from 'vitest';
import { formatEndpoints, formatStatusTable } from './stack.command.ts';

it('prints one row per service with ownership and pid', () => {
  const table = formatStatusTable([
    { name: 'kafka', state: 'running', ours: true, pid: 42, url: '127.0.0.1:9092', version: '4.4.0' },
    { name: 'elasticsearch', state: 'external', ours: false, url: 'http://es:9200' },
    { name: 'redis', state: 'stopped', ours: false, url: 'redis://127.0.0.1:6379', detail: 'port 6379 is taken' },
  ]);
  const lines = table.trimEnd().split('\n');
  expect(lines[0]).toMatch(/^SERVICE\s+STATE\s+URL\s+VERSION$/);
  expect(lines[1]).toMatch(/^kafka\s+running \(ours, pid 42\)\s+127\.0\.0\.1:9092\s+4\.4\.0$/);
  expect(lines[2]).toMatch(/^elasticsearch\s+external\s+http:\/\/es:9200$/);
  expect(lines[3]).toMatch(/^redis\s+stopped\s+redis:\/\/127\.0\.0\.1:6379$/);
  expect(lines[4]).toBe('  redis: port 6379 is taken');
});

it('prints the variables that point other tools at the servers', () => {
  const text = formatEndpoints({ kafkaBrokers: ['127.0.0.1:9092'], elasticsearchUrl: 'http://127.0.0.1:9200', redisUrl: 'redis://127.0.0.1:6379' });
  expect(text).toContain('export KAFKA_BROKERS=127.0.0.1:9092\n');
  expect(text).toContain('export ELASTICSEARCH_URL=http://127.0.0.1:9200\n');
  expect(text).toContain('export REDIS_URL=redis://127.0.0.1:6379\n');
});
