// The one description of voc's environment. Every variable the product reads is declared
// here with its default and meaning; `loadConfig` parses `process.env` once at start-up
// and modules receive the typed slice they need. The README's config table and the
// docker-compose test are checked against `configVariables` below.
import { z } from 'zod';

const port = z.coerce.number().int().min(1).max(65535);
const positiveInt = z.coerce.number().int().positive();
// An empty variable counts as unset: `FOO=` in an env file or compose must not be a value.
const blankIsUnset = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v));
const optionalString = blankIsUnset.optional();
const optionalUrl = blankIsUnset.pipe(z.url({ protocol: /^https?$/ }).optional()).optional();
const redisUrl = blankIsUnset.pipe(z.url({ protocol: /^rediss?$/ }).optional()).optional();
const brokerList = blankIsUnset
  .transform((v) => v?.split(',').map((b) => b.trim()).filter(Boolean))
  .pipe(z.array(z.string().regex(/^[^\s:]+:\d{1,5}$/, 'each broker must be host:port')).min(1).optional())
  .optional();
const name = z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'lower-case letters, digits, dot, dash, underscore');
const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');
// Kafka's own documentation writes the mechanisms in upper case, kafkajs in lower case.
const saslMechanism = blankIsUnset
  .transform((v) => v?.toLowerCase())
  .pipe(z.enum(['plain', 'scram-sha-256', 'scram-sha-512']).optional())
  .optional();

/** Raw environment shape: variable name → parser. Descriptions feed `voc config` and the README. */
const envShape = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  VOC_ROLES: z
    .string()
    .default('api,processor,scheduler')
    .transform((v) => v.split(',').map((r) => r.trim()).filter(Boolean))
    .pipe(z.array(z.enum(['api', 'processor', 'scheduler'])).min(1)),

  KAFKA_BROKERS: brokerList,
  KAFKA_CLIENT_ID: name.default('voc'),
  KAFKA_TOPIC_PREFIX: name.default('voc'),
  KAFKA_CONSUMER_GROUP: name.default('voc-processor'),
  KAFKA_RAW_PARTITIONS: positiveInt.default(3),
  KAFKA_REPLICATION_FACTOR: positiveInt.default(1),
  KAFKA_CONNECTION_TIMEOUT_MS: positiveInt.default(3000),
  KAFKA_REQUEST_TIMEOUT_MS: positiveInt.default(10000),
  KAFKA_SESSION_TIMEOUT_MS: z.coerce.number().int().min(6000).default(30000),
  KAFKA_TLS: bool.default(false),
  KAFKA_CA_FILE: optionalString,
  KAFKA_SASL_MECHANISM: saslMechanism,
  KAFKA_SASL_USERNAME: optionalString,
  KAFKA_SASL_PASSWORD: optionalString,

  ELASTICSEARCH_URL: optionalUrl,
  ELASTICSEARCH_USERNAME: optionalString,
  ELASTICSEARCH_PASSWORD: optionalString,
  ELASTICSEARCH_API_KEY: optionalString,
  ELASTICSEARCH_CA_FILE: optionalString,
  ELASTICSEARCH_INDEX_PREFIX: name.default('voc-feedback'),
  ELASTICSEARCH_SHARDS: positiveInt.default(1),
  ELASTICSEARCH_REPLICAS: z.coerce.number().int().min(0).default(0),
  ELASTICSEARCH_REFRESH_INTERVAL: z.string().regex(/^(\d+(ms|s|m)|-1)$/, 'a duration such as 1s, 500ms or 30s (or -1: only explicit refreshes)').default('1s'),

  REDIS_URL: redisUrl,
  REDIS_CA_FILE: optionalString,
  QUEUE_PREFIX: name.default('voc'),

  API_HOST: z.string().trim().min(1).default('127.0.0.1'),
  API_PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  API_PUBLIC_URL: optionalUrl,
  API_RATE_LIMIT: positiveInt.default(1200),
  API_CORS_ORIGINS: blankIsUnset
    .transform((v) => (v ? v.split(',').map((o) => o.trim()).filter(Boolean) : []))
    .pipe(z.array(z.url({ protocol: /^https?$/ }).refine((o) => new URL(o).origin === o, 'an origin is scheme://host[:port], nothing after it')))
    .optional(),
  INGEST_MAX_ITEMS: positiveInt.max(10000).default(1000),
  INGEST_MAX_BODY: z.string().regex(/^\d+(b|kb|mb)$/i, 'a size such as 25mb').default('25mb'),

  PROCESSOR_BATCH_SIZE: positiveInt.max(10000).default(500),
  PROCESSOR_BULK_MAX_BYTES: positiveInt.default(8_000_000),
  PROCESSOR_BULKS_IN_FLIGHT: positiveInt.max(16).default(2),
  PROCESSOR_PARTITIONS_CONCURRENTLY: positiveInt.max(64).default(3),
  PROCESSOR_FETCH_MIN_BYTES: positiveInt.default(65536),
  PROCESSOR_FETCH_MAX_WAIT_MS: positiveInt.max(10000).default(250),
  PROCESSOR_RETRY_MIN_MS: positiveInt.default(200),
  PROCESSOR_RETRY_MAX_MS: positiveInt.default(15000),
  PROCESSOR_REFRESH: z.enum(['false', 'true', 'wait_for']).default('false'),
  PROCESSOR_STALL_S: positiveInt.default(300),
  PROCESSOR_MAX_CHUNK_FAILURES: positiveInt.max(1000).default(5),

  DEFECT_FLAG_THRESHOLD: positiveInt.max(1000).default(1),
  DEFECT_FLAG_WINDOW_DAYS: positiveInt.max(365).default(7),
  DEFECT_NOTIFY: optionalString,
  WEBHOOK_ALLOW_PRIVATE: bool.default(false),

  TAXONOMY_FILE: optionalString,
  TAXONOMY_REFRESH_S: positiveInt.default(30),
  MODEL_FILE: optionalString,

  STACK_DIR: z.string().trim().min(1).default('.voc/stack'),
  STACK_KAFKA_PORT: port.default(9092),
  STACK_KAFKA_CONTROLLER_PORT: port.default(9093),
  STACK_ELASTICSEARCH_PORT: port.default(9200),
  STACK_REDIS_PORT: port.default(6379),
  STACK_JAVA_HOME: optionalString,
  STACK_KAFKA_HEAP: z.string().regex(/^\d+[mg]$/).default('512m'),
  STACK_ELASTICSEARCH_HEAP: z.string().regex(/^\d+[mg]$/).default('1g'),
  STACK_START_TIMEOUT_S: positiveInt.default(120),
  METRICS_DEFAULT: bool.default(true),
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
});

type ParsedEnv = z.infer<typeof envShape>;

/**
 * Rules across variables of one connection, each reported on the variable to change. Only
 * the combination is checked here; whether a CA file can be read is loadConfig's business,
 * so this schema stays free of I/O (the docker-compose test parses environments with it).
 */
function connectionSecurityRules(e: ParsedEnv, ctx: z.RefinementCtx): void {
  const problem = (variable: keyof ParsedEnv, message: string) => ctx.addIssue({ code: 'custom', path: [variable], message });
  // The URLs are valid here; URL lower-cases the scheme however it was written.
  const scheme = (url: string | undefined) => (url ? new URL(url).protocol : undefined);

  if (e.ELASTICSEARCH_CA_FILE !== undefined && scheme(e.ELASTICSEARCH_URL) !== 'https:') {
    problem('ELASTICSEARCH_CA_FILE', e.ELASTICSEARCH_URL ? 'a CA certificate is only used with an https ELASTICSEARCH_URL' : 'a CA certificate needs an https ELASTICSEARCH_URL (the local stack speaks http)');
  }
  if (e.ELASTICSEARCH_PASSWORD !== undefined && e.ELASTICSEARCH_USERNAME === undefined) problem('ELASTICSEARCH_USERNAME', 'required when ELASTICSEARCH_PASSWORD is set');
  if (e.ELASTICSEARCH_USERNAME !== undefined && e.ELASTICSEARCH_PASSWORD === undefined) problem('ELASTICSEARCH_PASSWORD', 'required when ELASTICSEARCH_USERNAME is set');
  // Otherwise one of them would be ignored without a word.
  if (e.ELASTICSEARCH_API_KEY !== undefined && e.ELASTICSEARCH_USERNAME !== undefined) {
    problem('ELASTICSEARCH_API_KEY', 'set either ELASTICSEARCH_API_KEY or ELASTICSEARCH_USERNAME and ELASTICSEARCH_PASSWORD, not both');
  }

  if (e.KAFKA_SASL_MECHANISM !== undefined) {
    if (e.KAFKA_SASL_USERNAME === undefined) problem('KAFKA_SASL_USERNAME', `required with KAFKA_SASL_MECHANISM=${e.KAFKA_SASL_MECHANISM}`);
    if (e.KAFKA_SASL_PASSWORD === undefined) problem('KAFKA_SASL_PASSWORD', `required with KAFKA_SASL_MECHANISM=${e.KAFKA_SASL_MECHANISM}`);
  } else if (e.KAFKA_SASL_USERNAME !== undefined || e.KAFKA_SASL_PASSWORD !== undefined) {
    problem('KAFKA_SASL_MECHANISM', 'required when KAFKA_SASL_USERNAME or KAFKA_SASL_PASSWORD is set: plain, scram-sha-256 or scram-sha-512');
  }
  if (e.KAFKA_CA_FILE !== undefined && !e.KAFKA_TLS) problem('KAFKA_CA_FILE', 'a CA certificate is only used with KAFKA_TLS=true');
  // The local stack's broker has one plaintext listener and no users: a forgotten
  // KAFKA_BROKERS would otherwise show up as a TLS handshake or SASL failure.
  if (e.KAFKA_BROKERS === undefined) {
    if (e.KAFKA_TLS) problem('KAFKA_TLS', 'needs KAFKA_BROKERS: the local stack\'s Kafka has no TLS listener');
    if (e.KAFKA_SASL_MECHANISM !== undefined) problem('KAFKA_SASL_MECHANISM', 'needs KAFKA_BROKERS: the local stack\'s Kafka has no SASL users');
  }

  if (e.REDIS_CA_FILE !== undefined && scheme(e.REDIS_URL) !== 'rediss:') {
    problem('REDIS_CA_FILE', e.REDIS_URL ? 'a CA certificate is only used with a rediss:// REDIS_URL' : 'a CA certificate needs a rediss:// REDIS_URL (the local stack speaks plain redis://)');
  }
}

export const envSchema = envShape.superRefine(connectionSecurityRules);

export type Env = z.input<typeof envSchema>;

/** Human descriptions, one per variable; a unit test keeps this in step with envSchema. */
export const configVariables: Record<keyof z.infer<typeof envSchema>, string> = {
  NODE_ENV: 'development, production or test',
  LOG_LEVEL: 'pino level: fatal, error, warn, info, debug, trace, silent',
  VOC_ROLES: 'roles `voc serve` runs in this process: api, processor, scheduler (comma list)',
  KAFKA_BROKERS: 'host:port list of an existing Kafka; unset: the local stack on STACK_KAFKA_PORT',
  KAFKA_CLIENT_ID: 'Kafka client id',
  KAFKA_TOPIC_PREFIX: 'prefix of every topic name (raw topics, dead letters)',
  KAFKA_CONSUMER_GROUP: 'consumer group of the processors',
  KAFKA_RAW_PARTITIONS: 'partitions of each raw topic when voc creates it',
  KAFKA_REPLICATION_FACTOR: 'replication factor of topics voc creates',
  KAFKA_CONNECTION_TIMEOUT_MS: 'Kafka connection timeout',
  KAFKA_REQUEST_TIMEOUT_MS: 'Kafka request timeout',
  KAFKA_SESSION_TIMEOUT_MS: 'how long the group waits for a silent processor before giving its partitions to another (≥ 6000, the broker minimum)',
  KAFKA_TLS: 'connect to the brokers over TLS, verifying their certificates (public CAs, or KAFKA_CA_FILE); needs KAFKA_BROKERS',
  KAFKA_CA_FILE: 'PEM file of the CA that signed the brokers\' certificates, when not a public one; needs KAFKA_TLS=true',
  KAFKA_SASL_MECHANISM: 'SASL authentication to the brokers: plain, scram-sha-256 or scram-sha-512; needs KAFKA_SASL_USERNAME, KAFKA_SASL_PASSWORD and KAFKA_BROKERS (plain sends the password as is: use it with KAFKA_TLS)',
  KAFKA_SASL_USERNAME: 'SASL user for Kafka',
  KAFKA_SASL_PASSWORD: 'SASL password for Kafka',
  ELASTICSEARCH_URL: 'URL of an existing Elasticsearch; unset: the local stack on STACK_ELASTICSEARCH_PORT',
  ELASTICSEARCH_USERNAME: 'basic-auth user for Elasticsearch',
  ELASTICSEARCH_PASSWORD: 'basic-auth password for Elasticsearch',
  ELASTICSEARCH_API_KEY: 'API key for Elasticsearch (instead of user and password)',
  ELASTICSEARCH_CA_FILE: 'PEM file of the CA that signed the certificate of an https ELASTICSEARCH_URL, when not a public one',
  ELASTICSEARCH_INDEX_PREFIX: 'prefix of the index template, the monthly indices and the read alias',
  ELASTICSEARCH_SHARDS: 'primary shards per monthly index',
  ELASTICSEARCH_REPLICAS: 'replicas per monthly index',
  ELASTICSEARCH_REFRESH_INTERVAL: 'how often indexed feedback becomes searchable (index.refresh_interval of the monthly indices; longer: more indexing throughput, later freshness)',
  REDIS_URL: 'URL of an existing Redis (redis://[user:password@]host:port[/db], rediss:// for TLS); unset: the local stack on STACK_REDIS_PORT',
  REDIS_CA_FILE: 'PEM file of the CA that signed the certificate of a rediss:// REDIS_URL, when not a public one',
  QUEUE_PREFIX: 'prefix of the bull queues in Redis',
  API_HOST: 'address the API listens on',
  API_PORT: 'port the API listens on (0 picks a free one)',
  API_PUBLIC_URL: 'URL printed for users when the API sits behind a proxy',
  API_RATE_LIMIT: 'requests a minute per API key (per address without a valid key), shared by every API process through Redis',
  API_CORS_ORIGINS: 'web origins (scheme://host[:port], comma list) allowed to call the API from a browser; unset: none, cross-origin requests are refused',
  INGEST_MAX_ITEMS: 'largest array accepted by POST /v1/feedback',
  INGEST_MAX_BODY: 'largest request body accepted by POST /v1/feedback',
  PROCESSOR_BATCH_SIZE: 'largest number of messages sent to Elasticsearch in one bulk request',
  PROCESSOR_BULK_MAX_BYTES: 'largest sum of raw message bytes in one bulk request (the indexed documents are about twice as large)',
  PROCESSOR_BULKS_IN_FLIGHT: 'bulk requests of one partition sent to Elasticsearch and not yet acknowledged; the next chunk is tagged meanwhile',
  PROCESSOR_PARTITIONS_CONCURRENTLY: 'raw-topic partitions one processor consumes at the same time',
  PROCESSOR_FETCH_MIN_BYTES: 'bytes of new messages a fetch waits for (up to PROCESSOR_FETCH_MAX_WAIT_MS) before Kafka answers it: larger chunks when feedback trickles in',
  PROCESSOR_FETCH_MAX_WAIT_MS: 'longest a fetch waits for PROCESSOR_FETCH_MIN_BYTES; the delay it can add to freshness when feedback trickles in',
  PROCESSOR_RETRY_MIN_MS: 'first back-off delay after a retriable failure',
  PROCESSOR_RETRY_MAX_MS: 'longest back-off delay between retries',
  PROCESSOR_REFRESH: 'refresh parameter of bulk requests (false in production)',
  PROCESSOR_STALL_S: 'a chunk waiting longer than this to commit (an outage, a write block) makes /readyz fail',
  PROCESSOR_MAX_CHUNK_FAILURES: 'failures of one chunk after which the processor exits non-zero, for its supervisor to restart it',
  DEFECT_FLAG_THRESHOLD: 'flags of one product and issue (POST /v1/defects) that raise a high-severity alert at once',
  DEFECT_FLAG_WINDOW_DAYS: 'how many days back flags of the same product and issue count together',
  DEFECT_NOTIFY: 'where the alert of a pulled cord is sent: a JSON array of notify targets as in an alert rule, e.g. [{"channel":"slack","url":"https://hooks.slack.com/services/…"}]; unset: recorded and shown, not sent',
  WEBHOOK_ALLOW_PRIVATE: 'let alert webhooks post to loopback, private and link-local addresses (receivers inside your own network); default: public addresses only',
  TAXONOMY_FILE: 'YAML issue taxonomy to start from; unset: the shipped taxonomies/default.taxonomy.yaml (one saved through the API wins)',
  TAXONOMY_REFRESH_S: 'how often processors look for a newer taxonomy saved through the API',
  MODEL_FILE: 'model file written by `voc train`; its prediction is stored as `prediction` on every document',
  STACK_DIR: 'where `voc stack` keeps downloads, data and logs',
  STACK_KAFKA_PORT: 'local Kafka listener port',
  STACK_KAFKA_CONTROLLER_PORT: 'local Kafka KRaft controller port',
  STACK_ELASTICSEARCH_PORT: 'local Elasticsearch HTTP port',
  STACK_REDIS_PORT: 'local Redis port',
  STACK_JAVA_HOME: 'JDK for the local Kafka and Elasticsearch; unset: the newest JDK found',
  STACK_KAFKA_HEAP: 'heap of the local Kafka',
  STACK_ELASTICSEARCH_HEAP: 'heap of the local Elasticsearch',
  STACK_START_TIMEOUT_S: 'how long `voc stack up` waits for each server to be healthy',
  METRICS_DEFAULT: 'also export Node.js process metrics on /metrics',
  METRICS_PORT: 'port for /healthz, /readyz and /metrics in processes without the api role (on API_HOST); unset: none',
};
