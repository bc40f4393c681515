// Writes refused messages to the dead-letter topic: the original key, value and headers
// untouched, plus dlq-* headers saying why (reason, detail), where (step) and from which
// source topic/partition/offset. Resolves only after Kafka acknowledged (acks=all).
import type { Producer } from 'kafkajs';
import type { MessageRef } from '../../core/kafka/message-ref.ts';

export type DeadLetter = { ref: MessageRef; step: string; reason: string; detail?: string };

export function deadLetterHeaders(d: DeadLetter, now: Date): Record<string, string | Buffer> {
  const original = Object.fromEntries(Object.entries(d.ref.headers).filter((e): e is [string, string | Buffer] => e[1] !== undefined));
  return {
    ...original,
    'dlq-reason': d.reason,
    'dlq-step': d.step,
    'dlq-detail': (d.detail ?? '').slice(0, 2000),
    'dlq-source-topic': d.ref.topic,
    'dlq-source-partition': String(d.ref.partition),
    'dlq-source-offset': d.ref.offset,
    'dlq-at': now.toISOString(),
  };
}

export function createDeadLetterWriter(deps: { producer: Producer; topic: string }) {
  return {
    async write(letters: readonly DeadLetter[]): Promise<void> {
      if (letters.length === 0) return;
      const now = new Date();
      await deps.producer.send({
        topic: deps.topic,
        acks: -1,
        messages: letters.map((d) => ({ key: d.ref.key, value: d.ref.value, headers: deadLetterHeaders(d, now) })),
      });
    },
  };
}
export type DeadLetterWriter = ReturnType<typeof createDeadLetterWriter>;
