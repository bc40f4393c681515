import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { configVariables, envSchema } from './config.schema.ts';
import { ConfigError, loadConfig } from './config.ts';
import { hasOpenssl, makeTestCertificates } from './test-certificates.fixture.ts';

/** The variables a ConfigError names, sorted, or [] when the environment is valid. */
function problemsOf(env: Record<string, string>): Array<{ variable: string; message: string }> {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.problems;
  }
}
const variablesOf = (env: Record<string, string>) => problemsOf(env).map((p) => p.variable).sort();

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

describe('connection security', () => {
  const certs = hasOpenssl ? makeTestCertificates() : undefined;
  afterAll(() => certs && rmSync(certs.dir, { recursive: true, force: true }));
  // Valid CA files need openssl; the combination rules are checked before any file is read.
  const caFile = certs?.caFile ?? '/nonexistent/ca.pem';
  const kafka = { KAFKA_BROKERS: 'k1:9093' };

  it('is off by default: no TLS, no SASL, no CA', () => {
    const c = loadConfig({});
    expect(c.kafka).toMatchObject({ tls: false, ca: undefined, sasl: undefined });
    expect(c.elasticsearch.ca).toBeUndefined();
    expect(c.redis.ca).toBeUndefined();
  });

  it.skipIf(!hasOpenssl)('reads each CA file once, at load, into the slice of its connection (skipped without openssl, which makes the test certificates)', () => {
    const c = loadConfig({
      ...kafka,
      KAFKA_TLS: 'true',
      KAFKA_CA_FILE: caFile,
      ELASTICSEARCH_URL: 'https://es.internal:9200',
      ELASTICSEARCH_CA_FILE: caFile,
      REDIS_URL: 'rediss://:secret@redis.internal:6380',
      REDIS_CA_FILE: caFile,
    });
    expect(c.kafka).toMatchObject({ tls: true, ca: certs!.ca });
    expect(c.elasticsearch.ca).toBe(certs!.ca);
    expect(c.redis.ca).toBe(certs!.ca);
    expect(loadConfig({ ELASTICSEARCH_URL: 'HTTPS://es.internal:9200', ELASTICSEARCH_CA_FILE: caFile }).elasticsearch.ca).toBe(certs!.ca);
  });

  it('takes a SASL mechanism in either case, with its user and password', () => {
    for (const mechanism of ['plain', 'SCRAM-SHA-256', 'scram-sha-512']) {
      const c = loadConfig({ ...kafka, KAFKA_TLS: 'true', KAFKA_SASL_MECHANISM: mechanism, KAFKA_SASL_USERNAME: 'voc', KAFKA_SASL_PASSWORD: 'pw' });
      expect(c.kafka.sasl).toEqual({ mechanism: mechanism.toLowerCase(), username: 'voc', password: 'pw' });
    }
    // SCRAM over plaintext is a legitimate setup (the password never crosses the wire).
    expect(loadConfig({ ...kafka, KAFKA_SASL_MECHANISM: 'scram-sha-256', KAFKA_SASL_USERNAME: 'voc', KAFKA_SASL_PASSWORD: 'pw' }).kafka.tls).toBe(false);
  });

  it('names the variable of each incomplete or contradictory combination', () => {
    expect(variablesOf({ ...kafka, KAFKA_SASL_MECHANISM: 'plain' })).toEqual(['KAFKA_SASL_PASSWORD', 'KAFKA_SASL_USERNAME']);
    expect(variablesOf({ ...kafka, KAFKA_SASL_MECHANISM: 'scram-sha-512', KAFKA_SASL_USERNAME: 'voc' })).toEqual(['KAFKA_SASL_PASSWORD']);
    expect(variablesOf({ ...kafka, KAFKA_SASL_USERNAME: 'voc', KAFKA_SASL_PASSWORD: 'pw' })).toEqual(['KAFKA_SASL_MECHANISM']);
    expect(variablesOf({ ...kafka, KAFKA_SASL_MECHANISM: 'gssapi', KAFKA_SASL_USERNAME: 'voc', KAFKA_SASL_PASSWORD: 'pw' })).toEqual(['KAFKA_SASL_MECHANISM']);
    expect(variablesOf({ ...kafka, KAFKA_CA_FILE: caFile })).toEqual(['KAFKA_CA_FILE']);
    expect(variablesOf({ KAFKA_TLS: 'true' })).toEqual(['KAFKA_TLS']);
    expect(variablesOf({ KAFKA_SASL_MECHANISM: 'plain', KAFKA_SASL_USERNAME: 'voc', KAFKA_SASL_PASSWORD: 'pw' })).toEqual(['KAFKA_SASL_MECHANISM']);
    expect(variablesOf({ ...kafka, KAFKA_TLS: 'maybe' })).toEqual(['KAFKA_TLS']);

    expect(variablesOf({ ELASTICSEARCH_CA_FILE: caFile })).toEqual(['ELASTICSEARCH_CA_FILE']);
    expect(variablesOf({ ELASTICSEARCH_URL: 'http://es.internal:9200', ELASTICSEARCH_CA_FILE: caFile })).toEqual(['ELASTICSEARCH_CA_FILE']);
    expect(variablesOf({ ELASTICSEARCH_PASSWORD: 'pw' })).toEqual(['ELASTICSEARCH_USERNAME']);
    expect(variablesOf({ ELASTICSEARCH_USERNAME: 'voc' })).toEqual(['ELASTICSEARCH_PASSWORD']);
    expect(variablesOf({ ELASTICSEARCH_API_KEY: 'key', ELASTICSEARCH_USERNAME: 'voc', ELASTICSEARCH_PASSWORD: 'pw' })).toEqual(['ELASTICSEARCH_API_KEY']);

    expect(variablesOf({ REDIS_CA_FILE: caFile })).toEqual(['REDIS_CA_FILE']);
    expect(variablesOf({ REDIS_URL: 'redis://redis.internal:6379', REDIS_CA_FILE: caFile })).toEqual(['REDIS_CA_FILE']);
  });

  it('says what to do in the message, next to the variable', () => {
    const message = (env: Record<string, string>) => problemsOf(env)[0]!.message;
    expect(message({ ELASTICSEARCH_URL: 'http://es.internal:9200', ELASTICSEARCH_CA_FILE: caFile })).toMatch(/https ELASTICSEARCH_URL/);
    expect(message({ ...kafka, KAFKA_CA_FILE: caFile })).toMatch(/KAFKA_TLS=true/);
    expect(message({ KAFKA_TLS: 'true' })).toMatch(/KAFKA_BROKERS/);
    expect(message({ ...kafka, KAFKA_SASL_PASSWORD: 'pw' })).toMatch(/plain, scram-sha-256 or scram-sha-512/);
    expect(message({ REDIS_URL: 'redis://r:6379', REDIS_CA_FILE: caFile })).toMatch(/rediss:\/\//);
    try {
      loadConfig({ ELASTICSEARCH_PASSWORD: 'pw' });
      expect.unreachable('loadConfig should have thrown');
    } catch (error) {
      expect((error as Error).message).toContain('ELASTICSEARCH_USERNAME: required when ELASTICSEARCH_PASSWORD is set');
    }
  });

  it('reports every unreadable CA file in one error, naming its variable and path', () => {
    const problems = problemsOf({
      ...kafka,
      KAFKA_TLS: 'true',
      KAFKA_CA_FILE: '/nonexistent/kafka-ca.pem',
      ELASTICSEARCH_URL: 'https://es.internal:9200',
      ELASTICSEARCH_CA_FILE: '/nonexistent/es-ca.pem',
      REDIS_URL: 'rediss://redis.internal:6380',
      REDIS_CA_FILE: '/nonexistent/redis-ca.pem',
    });
    expect(problems).toEqual([
      { variable: 'KAFKA_CA_FILE', message: 'cannot read /nonexistent/kafka-ca.pem: no such file' },
      { variable: 'ELASTICSEARCH_CA_FILE', message: 'cannot read /nonexistent/es-ca.pem: no such file' },
      { variable: 'REDIS_CA_FILE', message: 'cannot read /nonexistent/redis-ca.pem: no such file' },
    ]);
  });
});
