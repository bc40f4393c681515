import { rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ElasticsearchConfig } from '../config/config.ts';
import { hasOpenssl, makeTestCertificates, type TestCertificates } from '../config/test-certificates.fixture.ts';
import { createElasticsearchClient, elasticsearchClientOptions } from './elasticsearch.client.ts';

const base: ElasticsearchConfig = {
  external: true,
  url: 'https://es.internal:9200',
  username: undefined,
  password: undefined,
  apiKey: undefined,
  ca: undefined,
  indexPrefix: 'voc-feedback',
  shards: 1,
  replicas: 0,
  refreshInterval: '1s',
};

describe('Elasticsearch client options', () => {
  it('connect without credentials or TLS settings by default', () => {
    expect(elasticsearchClientOptions(base)).toMatchObject({ node: base.url, auth: undefined, tls: undefined, requestTimeout: 30_000, maxRetries: 1 });
  });

  it('authenticate with the API key or with user and password', () => {
    expect(elasticsearchClientOptions({ ...base, apiKey: 'a2V5' }).auth).toEqual({ apiKey: 'a2V5' });
    expect(elasticsearchClientOptions({ ...base, username: 'voc', password: 'pw' }).auth).toEqual({ username: 'voc', password: 'pw' });
  });

  it('trust the configured CA, and never turn verification off', () => {
    const options = elasticsearchClientOptions({ ...base, ca: '-----BEGIN CERTIFICATE-----…' });
    expect(options.tls).toEqual({ ca: '-----BEGIN CERTIFICATE-----…' });
    expect(options.tls).not.toHaveProperty('rejectUnauthorized');
  });

  it('take the caller’s timeout and retries', () => {
    expect(elasticsearchClientOptions(base, { requestTimeoutMs: 2000, maxRetries: 0 })).toMatchObject({ requestTimeout: 2000, maxRetries: 0 });
  });
});

// The real client over real TLS, against a stand-in that answers `GET /` as Elasticsearch
// does: what reaches the wire, not just what the options say.
describe.skipIf(!hasOpenssl)('Elasticsearch client over TLS with a private CA (skipped without openssl, which makes the test certificates)', () => {
  let certs: TestCertificates;
  let server: Server;
  let url: string;
  const authorizations: Array<string | undefined> = [];

  beforeAll(async () => {
    certs = makeTestCertificates();
    server = createServer({ cert: certs.cert, key: certs.key }, (req, res) => {
      authorizations.push(req.headers.authorization);
      res.writeHead(200, { 'content-type': 'application/json', 'x-elastic-product': 'Elasticsearch' });
      res.end(JSON.stringify({ name: 'stand-in', cluster_name: 'voc', version: { number: '8.19.21' }, tagline: 'You Know, for Search' }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `https://localhost:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    if (certs) rmSync(certs.dir, { recursive: true, force: true });
  });

  it('connects when ELASTICSEARCH_CA_FILE names the CA, sending the credentials', async () => {
    const client = createElasticsearchClient({ ...base, url, ca: certs.ca, username: 'elastic', password: 'pw' }, { maxRetries: 0 });
    try {
      expect((await client.info()).cluster_name).toBe('voc');
      expect(authorizations.at(-1)).toBe(`Basic ${Buffer.from('elastic:pw').toString('base64')}`);
    } finally {
      await client.close();
    }
  });

  it('refuses the server when the CA is not given', async () => {
    const client = createElasticsearchClient({ ...base, url }, { maxRetries: 0, requestTimeoutMs: 5000 });
    try {
      await expect(client.info()).rejects.toThrow(/self-signed certificate|unable to (get|verify)/i);
    } finally {
      await client.close();
    }
  });
});
