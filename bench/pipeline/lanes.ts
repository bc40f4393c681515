// One run of bench:pipeline works in several lanes, each with topics, consumer group,
// indices and queue prefix of its own (`<run id>-<lane>`), so that one phase's documents
// never count in another's figures. A lane carries its parsed config (for this process) and
// the environment its child processes get, which says the same thing to `voc serve`.
// The scale-out lane reads the drain lane's topics (`topicsOf`) with its own group and
// indices, so that both drains consume the very same messages.
import { isolatedPrefixes } from '../../cli/runtime.ts';
import type { Config } from '../../core/config/config.ts';
import type { Logger } from '../../core/observability/logger.ts';
import { benchConfig, removeBenchResources } from '../trends/bench-resources.ts';

export type Lane = { name: string; id: string; config: Config; env: Record<string, string> };

export type LaneSet = {
  lane(name: string, opts?: { topicsOf?: Lane }): Lane;
  /** Every lane made so far, for the --keep message. */
  readonly made: readonly Lane[];
  /** Removes the indices, template, topics, group and queue keys of every lane made. */
  removeAll(logger: Logger): Promise<string[]>;
};

export function createLanes(runId: string, env: Record<string, string | undefined>, logLevel: string): LaneSet {
  const made: Lane[] = [];
  // A metrics port or public URL of the caller's own deployment would clash or mislead here.
  const inherited = Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined && e[0] !== 'METRICS_PORT' && e[0] !== 'API_PUBLIC_URL'));
  return {
    made,
    lane(name, opts = {}) {
      const id = `${runId}-${name}`;
      const base = benchConfig(env, logLevel, id).config;
      const topicPrefix = opts.topicsOf?.config.kafka.topicPrefix ?? base.kafka.topicPrefix;
      const config: Config = { ...base, kafka: { ...base.kafka, topicPrefix } };
      // What benchConfig sets for this process, for the children: the same prefixes, a free
      // API port, no per-key rate limit, no Node.js process metrics.
      const childEnv = {
        ...inherited,
        LOG_LEVEL: logLevel,
        ...isolatedPrefixes(id),
        KAFKA_TOPIC_PREFIX: topicPrefix,
        API_PORT: '0',
        METRICS_DEFAULT: 'false',
        API_RATE_LIMIT: '1000000',
      };
      const lane = { name, id, config, env: childEnv };
      made.push(lane);
      return lane;
    },
    async removeAll(logger) {
      const failures: string[] = [];
      // A lane reading another's topics is removed first: its group must go before the topics do.
      for (const lane of [...made].reverse()) {
        await removeBenchResources(lane.config, logger).catch((error: unknown) => failures.push(`${lane.id}: ${(error as Error).message}`));
      }
      return failures;
    },
  };
}
