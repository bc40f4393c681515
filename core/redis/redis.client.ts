// Every Redis connection voc opens, ioredis clients and bull queues alike, is made here so
// that TLS settings reach all of them. bull parses REDIS_URL itself and ignores its scheme:
// given a rediss:// URL alone, its three connections would speak plaintext. So `tls` is
// always passed explicitly, derived from the URL, with REDIS_CA_FILE's CA when there is one.
// Credentials stay in the URL, where both libraries read them.
import Bull from 'bull';
import { Redis, type RedisOptions } from 'ioredis';
import type { RedisConfig } from '../config/config.ts';

type RedisConnection = Pick<RedisConfig, 'url' | 'ca'>;
/** Queue settings a caller may choose; the connection and the key prefix come from the config. */
export type QueueSettings = Omit<Bull.QueueOptions, 'redis' | 'prefix'> & { redis?: RedisOptions };

/** TLS options for a rediss:// URL (certificates always verified), undefined for redis://. */
export function redisTlsOptions(config: RedisConnection): RedisOptions['tls'] {
  if (new URL(config.url).protocol !== 'rediss:') return undefined;
  // Node trusts `ca` instead of its public CAs; without it, the public CAs.
  return config.ca ? { ca: config.ca } : {};
}

/** ioredis options for a configuration: the caller's tuning plus TLS, which it cannot override. */
export function redisOptions(config: RedisConnection, tuning: RedisOptions = {}): RedisOptions {
  const tls = redisTlsOptions(config);
  return tls ? { ...tuning, tls } : { ...tuning };
}

/** bull queue options: voc's key prefix, the caller's settings, and the connection's TLS. */
export function queueOptions(config: RedisConfig, settings: QueueSettings = {}): Bull.QueueOptions {
  return { prefix: config.queuePrefix, ...settings, redis: redisOptions(config, settings.redis) };
}

export function createRedis(config: RedisConnection, tuning: RedisOptions = {}): Redis {
  return new Redis(config.url, redisOptions(config, tuning));
}

export function createQueue<T = unknown>(name: string, config: RedisConfig, settings: QueueSettings = {}): Bull.Queue<T> {
  return new Bull<T>(name, config.url, queueOptions(config, settings));
}
