// Turns a raw Kafka message into a pipeline item: JSON, feedback model v1, the feedback
// id, and the times voc knows. The message's topic decides the source when the payload
// has none; a payload claiming another source is refused rather than silently re-routed.
import { feedbackId } from '../core/feedback/feedback-id.ts';
import { parseFeedback } from '../core/feedback/feedback.schema.ts';
import type { Source } from '../core/feedback/feedback.schema.ts';
import type { MessageRef } from '../core/kafka/message-ref.ts';
import { deadLetter, ok, type Outcome } from '../insight/steps/step.ts';

export function decodeMessage(ref: MessageRef, topicSource: Source | undefined): Outcome<MessageRef> {
  if (!ref.value || ref.value.length === 0) return deadLetter('empty-message', 'the message has no value');
  let payload: unknown;
  try {
    payload = JSON.parse(ref.value.toString('utf8'));
  } catch (error) {
    return deadLetter('invalid-json', (error as Error).message);
  }
  if (payload && typeof payload === 'object' && !Array.isArray(payload) && topicSource) {
    const claimed = (payload as { source?: unknown }).source;
    if (claimed === undefined) payload = { ...payload, source: topicSource };
    else if (claimed !== topicSource) return deadLetter('source-mismatch', `source "${String(claimed)}" sent to the ${topicSource} topic`);
  }
  const parsed = parseFeedback(payload);
  if (!parsed.ok) return deadLetter('invalid-feedback', parsed.problems.map((p) => `${p.path}: ${p.message}`).join('; '));
  const receivedAt = new Date(Number(ref.timestamp)).toISOString();
  const f = parsed.feedback;
  return ok({
    ref,
    doc: {
      ...f,
      id: feedbackId(f),
      createdAt: f.createdAt ? new Date(f.createdAt).toISOString() : receivedAt,
      receivedAt,
      origin: { topic: ref.topic, partition: ref.partition, offset: ref.offset },
    },
  });
}
