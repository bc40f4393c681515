// Elasticsearch client factory. Retries inside the client stay few and short: the
// processor's sink owns back-off for bulk writes, and the API prefers a quick 503.
// Certificates are always verified: ELASTICSEARCH_CA_FILE adds a private CA, and there
// is deliberately no setting that turns verification off.
import { Client, errors, type ClientOptions } from '@elastic/elasticsearch';
import type { ElasticsearchConfig } from '../config/config.ts';
import { RetriableError, UnavailableError } from '../errors.ts';
import { withRetry, type RetryPolicy } from '../resilience/retry.ts';

export type { Client as ElasticsearchClient };

type ClientTuning = { requestTimeoutMs?: number; maxRetries?: number };

export function createElasticsearchClient(config: ElasticsearchConfig, opts: ClientTuning = {}): Client {
  return new Client(elasticsearchClientOptions(config, opts));
}

/** The client's options for a configuration; pure, so what reaches the client is testable. */
export function elasticsearchClientOptions(config: ElasticsearchConfig, opts: ClientTuning = {}): ClientOptions {
  return {
    node: config.url,
    auth: config.apiKey
      ? { apiKey: config.apiKey }
      : config.username
        ? { username: config.username, password: config.password ?? '' }
        : undefined,
    // Node trusts `ca` instead of its public CAs, so a private CA is all this client trusts.
    tls: config.ca ? { ca: config.ca } : undefined,
    requestTimeout: opts.requestTimeoutMs ?? 30_000,
    maxRetries: opts.maxRetries ?? 1,
  };
}

/** Search options for the monthly feedback indices: a deployment with none of them yet finds nothing instead of failing. */
export const tolerant = { ignore_unavailable: true, allow_no_indices: true } as const;

/** `fn` with its client errors classified (below), retried with back-off while Elasticsearch is unavailable or overloaded. */
export function withElasticsearchRetry<T>(fn: () => Promise<T>, policy: RetryPolicy = { minMs: 500, maxMs: 10_000, retries: 8 }): Promise<T> {
  return withRetry(async () => {
    try {
      return await fn();
    } catch (error) {
      throw classifyElasticsearchError(error);
    }
  }, policy);
}

/** Maps client errors to voc's retriable/non-retriable errors; returns other errors unchanged. */
export function classifyElasticsearchError(error: unknown): unknown {
  if (error instanceof errors.ConnectionError || error instanceof errors.TimeoutError || error instanceof errors.NoLivingConnectionsError) {
    return new UnavailableError('elasticsearch', `Elasticsearch unreachable: ${error.message}`, { cause: error });
  }
  if (error instanceof errors.ResponseError) {
    const status = error.statusCode ?? 0;
    if (status === 429 || status >= 500) {
      return new RetriableError(`Elasticsearch answered ${status}: ${error.message}`, { cause: error });
    }
  }
  return error;
}

/** Creates an index unless it exists; several roles start at once and race to create it. */
export async function createIndexIfMissing(client: Client, request: Parameters<Client['indices']['create']>[0]): Promise<void> {
  try {
    await client.indices.create(request);
  } catch (error) {
    if ((error as { body?: { error?: { type?: string } } }).body?.error?.type !== 'resource_already_exists_exception') throw error;
  }
}

/**
 * voc's own small record indices (keys, audit, rules, labels, taxonomy, secrets, …): one
 * shard, no replica, a strict mapping, so a misspelt field fails instead of growing the mapping.
 */
export async function createRecordsIndex(client: Client, index: string, properties: Record<string, object>): Promise<void> {
  await createIndexIfMissing(client, { index, settings: { number_of_shards: 1, number_of_replicas: 0 }, mappings: { dynamic: 'strict', properties } });
}

export function isRetriableStatus(status: number): boolean {
  return status === 429 || status >= 500;
}
