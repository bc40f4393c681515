import { rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RedisConfig } from '../config/config.ts';
import { hasOpenssl, makeTestCertificates, type TestCertificates } from '../config/test-certificates.fixture.ts';
import { createQueue, createRedis, queueOptions, redisOptions, redisTlsOptions } from './redis.client.ts';

const plain: RedisConfig = { external: true, url: 'redis://:secret@redis.internal:6379/2', ca: undefined, queuePrefix: 'voc' };
const tls: RedisConfig = { ...plain, url: 'rediss://:secret@redis.internal:6380/2' };

describe('Redis connection options', () => {
  it('add TLS for rediss:// only, with the configured CA', () => {
    expect(redisTlsOptions(plain)).toBeUndefined();
    expect(redisTlsOptions(tls)).toEqual({});
    expect(redisTlsOptions({ ...tls, ca: 'PEM' })).toEqual({ ca: 'PEM' });
    expect(redisTlsOptions({ ...tls, url: 'REDISS://redis.internal:6380' })).toEqual({});
  });

  it('keep the caller’s tuning, but not a TLS setting that contradicts the URL', () => {
    expect(redisOptions(plain, { maxRetriesPerRequest: 1 })).toEqual({ maxRetriesPerRequest: 1 });
    expect(redisOptions({ ...tls, ca: 'PEM' }, { maxRetriesPerRequest: 1, tls: { rejectUnauthorized: false } })).toEqual({ maxRetriesPerRequest: 1, tls: { ca: 'PEM' } });
  });

  it('give bull queues the key prefix and the TLS settings', () => {
    expect(queueOptions({ ...tls, ca: 'PEM' }, { settings: { lockDuration: 15_000 } })).toEqual({ prefix: 'voc', settings: { lockDuration: 15_000 }, redis: { tls: { ca: 'PEM' } } });
    expect(queueOptions(plain)).toEqual({ prefix: 'voc', redis: {} });
  });

  it('reach ioredis together with the credentials of the URL', () => {
    const redis = createRedis({ ...tls, ca: 'PEM' }, { lazyConnect: true });
    try {
      expect(redis.options).toMatchObject({ host: 'redis.internal', port: 6380, db: 2, password: 'secret', tls: { ca: 'PEM' } });
    } finally {
      redis.disconnect();
    }
  });
});

// Real connections over TLS to a stand-in that speaks just enough of Redis' protocol: PONG
// to PING, OK to anything else (ioredis announces itself with CLIENT SETINFO first). The
// CA reaches the handshake, and bull, which ignores the rediss:// scheme of a URL on its
// own, speaks TLS as well.
describe.skipIf(!hasOpenssl)('Redis connections over TLS with a private CA (skipped without openssl, which makes the test certificates)', () => {
  let certs: TestCertificates;
  let server: Server;
  let config: RedisConfig;
  let handshakes = 0;

  beforeAll(async () => {
    certs = makeTestCertificates();
    server = createServer({ cert: certs.cert, key: certs.key }, (socket) => {
      handshakes++;
      socket.on('data', (data) => {
        for (const [, command] of data.toString().matchAll(/\*\d+\r\n\$\d+\r\n(\w+)/g)) socket.write(command!.toLowerCase() === 'ping' ? '+PONG\r\n' : '+OK\r\n');
      });
      socket.on('error', () => undefined);
    });
    server.on('tlsClientError', () => undefined);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    config = { ...plain, url: `rediss://localhost:${(server.address() as AddressInfo).port}`, ca: certs.ca };
  });

  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    if (certs) rmSync(certs.dir, { recursive: true, force: true });
  });

  const noRetry = { lazyConnect: true, enableReadyCheck: false, maxRetriesPerRequest: 0, retryStrategy: () => null };

  it('connects when REDIS_CA_FILE names the CA', async () => {
    const redis = createRedis(config, noRetry);
    try {
      await redis.connect();
      expect(await redis.ping()).toBe('PONG');
    } finally {
      redis.disconnect();
    }
  });

  it('refuses the server when the CA is not given', async () => {
    const redis = createRedis({ ...config, ca: undefined }, noRetry);
    const errors: Error[] = [];
    redis.on('error', (error: Error) => errors.push(error));
    try {
      await expect(redis.connect()).rejects.toThrow();
      expect(errors[0]?.message).toMatch(/self-signed certificate|unable to (get|verify)/i);
    } finally {
      redis.disconnect();
    }
  });

  it('opens bull’s connections over TLS too', async () => {
    const before = handshakes;
    const queue = createQueue('tls-check', config, { redis: { retryStrategy: () => null } });
    queue.on('error', () => undefined);
    try {
      await expect.poll(() => handshakes - before, { timeout: 5000 }).toBeGreaterThan(0);
      expect(queue.client.options.tls).toEqual({ ca: certs.ca });
    } finally {
      await queue.close(true).catch(() => undefined);
    }
  });
});
