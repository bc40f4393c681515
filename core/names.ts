// Every Kafka topic, Elasticsearch index and bull queue name voc uses, derived from the
// configured prefixes in one place (tests pass random prefixes to isolate themselves).
import { sources, type Source } from './feedback/feedback.schema.ts';

/** Raw topics: one per source. External producers write feedback v1 JSON here directly. */
export function rawTopic(prefix: string, source: Source): string {
  return `${prefix}.feedback.raw.${source}`;
}

export function rawTopics(prefix: string): string[] {
  return sources.map((s) => rawTopic(prefix, s));
}

/** The source a raw topic carries, or undefined for any other topic. */
export function sourceOfRawTopic(prefix: string, topic: string): Source | undefined {
  return sources.find((s) => rawTopic(prefix, s) === topic);
}

/** Dead letters: the original bytes plus dlq-* headers saying why, where and from which step. */
export function deadLetterTopic(prefix: string): string {
  return `${prefix}.feedback.dlq`;
}

/** Read alias over all monthly indices; search and reads go here. */
export function readAlias(indexPrefix: string): string {
  return indexPrefix;
}

export function indexTemplateName(indexPrefix: string): string {
  return `${indexPrefix}-template`;
}

/** Monthly index holding documents created in the month of `date` (UTC). */
export function monthlyIndex(indexPrefix: string, date: Date): string {
  const y = date.getUTCFullYear();
  const m = String(date.getUTCMonth() + 1).padStart(2, '0');
  return `${indexPrefix}-${y}.${m}`;
}

export function indexPattern(indexPrefix: string): string {
  return `${indexPrefix}-*`;
}

/** bull queue names; bull's own `prefix` option (QUEUE_PREFIX) namespaces them in Redis. */
export const queues = { maintenance: 'maintenance', reprocess: 'reprocess', alerts: 'alerts', notifications: 'notifications' } as const;
