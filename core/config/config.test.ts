import { describe, expect, it } from 'vitest';
import { configVariables, envSchema } from './config.schema.ts';
import { ConfigError, loadConfig } from './config.ts';

describe('config', () => {
  it('has sensible defaults that point at the local stack', () => {
    const c = loadConfig({});
    expect(c.kafka).toMatchObject({ external: false, brokers: ['127.0.0.1:9092'], topicPrefix: 'voc' });
    expect(c.elasticsearch).toMatchObject({ external: false, url: 'http://127.0.0.1:9200', indexPrefix: 'voc-feedback' });
    expect(c.redis).toMatchObject({ external: false, url: 'redis://127.0.0.1:6379' });
    expect(c.api.port).toBe(8080);
    expect(c.roles).toEqual(['api', 'processor', 'scheduler']);
  });

  it('uses servers given by the environment and marks them external', () => {
    const c = loadConfig({ KAFKA_BROKERS: 'k1:9092, k2:9092', ELASTICSEARCH_URL: 'https://es.example:9243', REDIS_URL: 'redis://r:6380' });
    expect(c.kafka).toMatchObject({ external: true, brokers: ['k1:9092', 'k2:9092'] });
    expect(c.elasticsearch).toMatchObject({ external: true, url: 'https://es.example:9243' });
    expect(c.redis.external).toBe(true);
  });

  it('names every invalid variable in one error', () => {
    try {
      loadConfig({ KAFKA_BROKERS: 'no-port', API_PORT: 'eighty', VOC_ROLES: 'api,cook', ELASTICSEARCH_URL: 'ftp://x' });
      expect.unreachable('loadConfig should have thrown');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const vars = (error as ConfigError).problems.map((p) => p.variable).sort();
      expect(vars).toEqual(['API_PORT', 'ELASTICSEARCH_URL', 'KAFKA_BROKERS', 'VOC_ROLES']);
      expect((error as Error).message).toContain('KAFKA_BROKERS');
    }
  });

  it('documents every variable it reads', () => {
    expect(Object.keys(configVariables).sort()).toEqual(Object.keys(envSchema.shape).sort());
  });
});
