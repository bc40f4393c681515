// Publishes validated feedback to the raw topics and resolves only after Kafka
// acknowledged every message (acks=all, idempotent producer). Messages are keyed by the
// deterministic feedback id, so a client retrying after an error cannot create a
// duplicate downstream. Sends are split so no request exceeds Kafka's message size limit.
import { Partitioners, type Kafka, type Message, type Producer } from 'kafkajs';
import { UnavailableError } from '../core/errors.ts';
import { feedbackId } from '../core/feedback/feedback-id.ts';
import { FEEDBACK_SCHEMA_VERSION, type Feedback, type Source } from '../core/feedback/feedback.schema.ts';
import type { Metrics } from '../core/observability/metrics.ts';
import type { Logger } from '../core/observability/logger.ts';
import { rawTopic } from '../core/names.ts';

export type PublishedItem = { id: string; source: Source; topic: string };
export type FeedbackPublisher = {
  publish(items: readonly Feedback[], via: 'api' | 'import' | 'demo'): Promise<PublishedItem[]>;
  close(): Promise<void>;
};

// Kafka's default max.message.bytes is 1 MiB per record batch; stay well below it.
const MAX_SEND_BYTES = 768 * 1024;

export function encodeFeedback(feedback: Feedback): Buffer {
  return Buffer.from(JSON.stringify(feedback));
}

export function createFeedbackPublisher(deps: { kafka: Kafka; topicPrefix: string; logger: Logger; metrics?: Metrics }): FeedbackPublisher {
  const log = deps.logger.child({ component: 'publisher' });
  let producer: Producer | undefined;
  let connecting: Promise<Producer> | undefined;

  function connected(): Promise<Producer> {
    if (producer) return Promise.resolve(producer);
    connecting ??= (async () => {
      const p = deps.kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false, createPartitioner: Partitioners.DefaultPartitioner });
      p.on(p.events.DISCONNECT, () => {
        producer = undefined;
      });
      await p.connect();
      producer = p;
      return p;
    })().finally(() => {
      connecting = undefined;
    });
    return connecting;
  }

  return {
    async publish(items, via) {
      const published = items.map((f) => ({ id: feedbackId(f), source: f.source, topic: rawTopic(deps.topicPrefix, f.source) }));
      const chunks: Array<Array<{ topic: string; message: Message }>> = [[]];
      let size = 0;
      items.forEach((f, i) => {
        const value = encodeFeedback(f);
        const { id, topic } = published[i]!;
        if (size + value.length > MAX_SEND_BYTES && chunks.at(-1)!.length > 0) {
          chunks.push([]);
          size = 0;
        }
        size += value.length;
        chunks.at(-1)!.push({
          topic,
          message: { key: id, value, headers: { 'voc-schema': `feedback.v${FEEDBACK_SCHEMA_VERSION}`, 'voc-via': via } },
        });
      });
      try {
        const p = await connected();
        for (const chunk of chunks) {
          const byTopic = new Map<string, Message[]>();
          for (const { topic, message } of chunk) byTopic.set(topic, [...(byTopic.get(topic) ?? []), message]);
          await p.sendBatch({ acks: -1, topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })) });
        }
      } catch (error) {
        log.warn({ err: error, items: items.length }, 'Kafka did not acknowledge the feedback');
        throw new UnavailableError('kafka', `Kafka did not acknowledge the feedback: ${(error as Error).message}`, { cause: error });
      }
      for (const p of published) deps.metrics?.feedbackAccepted.inc({ source: p.source, via });
      return published;
    },
    async close() {
      await (producer ?? (await connecting?.catch(() => undefined)))?.disconnect();
    },
  };
}
