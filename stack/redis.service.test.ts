import { expect, it } from 'vitest';
import { parseRedisVersion, redisServerArgs } from './redis.service.ts';

it('runs redis-server in the foreground on loopback, append-only, without RDB snapshots', () => {
  expect(redisServerArgs({ port: 6379, dataDir: '/s/redis/data' })).toEqual([
    '--port', '6379',
    '--bind', '127.0.0.1',
    '--dir', '/s/redis/data',
    '--appendonly', 'yes',
    '--save', '',
    '--daemonize', 'no',
  ]);
});

it('reads the version from `redis-server --version`', () => {
  expect(parseRedisVersion('Redis server v=7.0.15 sha=00000000:0 malloc=jemalloc-5.3.0 bits=64 build=1')).toBe('7.0.15');
  expect(parseRedisVersion('garbage')).toBeUndefined();
});
