// The benchmark's own corner of shared servers: random topic, index, consumer-group and
// queue prefixes, so that a run never reads or overwrites anyone else's data, and the
// removal of everything under those prefixes afterwards (cli/runtime.ts removeInfrastructure).
import { randomBytes } from 'node:crypto';
import { isolatedPrefixes, removeInfrastructure } from '../../cli/runtime.ts';
import { loadConfig, type Config } from '../../core/config/config.ts';
import { indexPattern } from '../../core/names.ts';
import type { Logger } from '../../core/observability/logger.ts';

/** `env` is the caller's environment (server addresses, credentials); the prefixes always win. */
export function benchConfig(env: Record<string, string | undefined>, logLevel: string, reuse?: string, kind = 'trends'): { id: string; config: Config } {
  const id = reuse ?? `${kind}-${randomBytes(4).toString('hex')}`;
  const config = loadConfig({
    ...env,
    LOG_LEVEL: logLevel,
    ...isolatedPrefixes(id),
    API_PORT: '0',
    METRICS_DEFAULT: 'false',
    // The benchmarks measure the API and the pipeline, not the per-key rate limit.
    API_RATE_LIMIT: '1000000',
  });
  return { id, config };
}

/** What exists under the run's prefixes, for the --keep message. */
export function describeResources(config: Config): string {
  return `indices ${indexPattern(config.elasticsearch.indexPrefix)} (alias ${config.elasticsearch.indexPrefix}), topics ${config.kafka.topicPrefix}.feedback.*, Redis keys ${config.redis.queuePrefix}:*`;
}

export async function removeBenchResources(config: Config, logger: Logger): Promise<void> {
  await removeInfrastructure(config, logger);
}
