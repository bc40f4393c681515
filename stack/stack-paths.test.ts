import { expect, it } from 'vitest';
import { stackPaths } from './stack-paths.ts';

it('resolves a relative STACK_DIR against the working directory and lays services out by name', () => {
  const p = stackPaths({ dir: '.voc/stack' }, '/repo');
  expect(p.root).toBe('/repo/.voc/stack');
  expect(p.logFile('kafka')).toBe('/repo/.voc/stack/kafka/logs/kafka.out.log');
  expect(p.dataDir('redis')).toBe('/repo/.voc/stack/redis/data');
  expect(p.pidFile('elasticsearch')).toBe('/repo/.voc/stack/run/elasticsearch.pid');
  expect(p.recordFile('elasticsearch')).toBe('/repo/.voc/stack/run/elasticsearch.json');
  expect(stackPaths({ dir: '/abs/stack' }, '/repo').root).toBe('/abs/stack');
});

it('gives each stack directory its own stable fallback under /var/tmp', () => {
  const a = stackPaths({ dir: '.voc/stack' }, '/root/a').fallbackRoot;
  expect(a).toMatch(/^\/var\/tmp\/voc-stack-[0-9a-f]{10}$/);
  expect(stackPaths({ dir: '.voc/stack' }, '/root/a').fallbackRoot).toBe(a);
  expect(stackPaths({ dir: '.voc/stack' }, '/root/b').fallbackRoot).not.toBe(a);
});
