// Deterministic feedback ids: the same item sent twice (a retry, a re-run import, a
// replayed Kafka message) gets the same id, and Elasticsearch overwrites instead of
// duplicating. With a sourceId the id is (source, sourceId); without one it is the
// content that identifies the item.
import { createHash } from 'node:crypto';
import type { Feedback } from './feedback.schema.ts';

export function feedbackId(f: Pick<Feedback, 'source' | 'sourceId' | 'text' | 'createdAt' | 'customer' | 'channel' | 'product'>): string {
  const parts = f.sourceId
    ? ['v1', f.source, 'sid', f.sourceId]
    : ['v1', f.source, 'content', f.channel ?? '', f.customer?.id ?? '', f.product?.id ?? '', f.createdAt ?? '', f.text];
  // NUL cannot occur in validated strings' boundaries ambiguously: it separates the parts.
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32);
}
