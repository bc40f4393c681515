// Reading and replaying the dead-letter topic (`voc dlq list|replay`).
//
// read: every dead letter up to the topic's end when called, with its dlq-* headers, by a
// throwaway consumer group that commits nothing (and is deleted after).
// replay: publishes a dead letter's original bytes, key and headers (minus the dlq-* ones)
// to the raw topic it came from, then records that in `<prefix>.dlq-replays` under its
// dead-letter partition and offset, so asking again replays nothing twice. A crash between
// publishing and recording replays that one again on the next run, which is harmless: the
// feedback id is derived from the message, so the document is overwritten, not duplicated.
// A replayed message that fails again becomes a new dead letter (a new offset).
import { randomBytes } from 'node:crypto';
import type { Client } from '@elastic/elasticsearch';
import { Partitioners, type Kafka } from 'kafkajs';
import { createRecordsIndex } from '../../core/elasticsearch/elasticsearch.client.ts';

export type DeadLetterRecord = {
  partition: number;
  offset: string;
  at: string;
  reason: string;
  step: string;
  detail: string;
  source: { topic: string; partition: number; offset: string };
  key: Buffer | null;
  value: Buffer | null;
  headers: Record<string, string>;
};

export type DeadLetterFilter = { reason?: string; step?: string };

export function dlqReplaysIndex(indexPrefix: string): string {
  return `${indexPrefix}.dlq-replays`;
}

const header = (h: Record<string, string>, name: string) => h[name] ?? '';

export async function readDeadLetters(kafka: Kafka, topic: string, filter: DeadLetterFilter = {}): Promise<DeadLetterRecord[]> {
  const admin = kafka.admin();
  await admin.connect();
  const groupId = `voc-dlq-reader-${randomBytes(4).toString('hex')}`;
  try {
    const ends = new Map((await admin.fetchTopicOffsets(topic)).filter((p) => Number(p.high) > Number(p.low)).map((p) => [p.partition, Number(p.high)]));
    if (ends.size === 0) return [];
    const found: DeadLetterRecord[] = [];
    const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false });
    await consumer.connect();
    try {
      await consumer.subscribe({ topics: [topic], fromBeginning: true });
      await new Promise<void>((resolve, reject) => {
        const done = () => [...ends.values()].every((end) => end <= 0);
        consumer
          .run({
            autoCommit: false,
            eachMessage: async ({ partition, message }) => {
              const end = ends.get(partition);
              if (end === undefined || Number(message.offset) >= end) return;
              const headers = Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, Array.isArray(v) ? String(v[0]) : String(v ?? '')]));
              found.push({
                partition,
                offset: message.offset,
                at: header(headers, 'dlq-at') || new Date(Number(message.timestamp)).toISOString(),
                reason: header(headers, 'dlq-reason'),
                step: header(headers, 'dlq-step'),
                detail: header(headers, 'dlq-detail'),
                source: { topic: header(headers, 'dlq-source-topic'), partition: Number(header(headers, 'dlq-source-partition')), offset: header(headers, 'dlq-source-offset') },
                key: message.key,
                value: message.value,
                headers,
              });
              if (Number(message.offset) >= end - 1) ends.set(partition, 0);
              if (done()) resolve();
            },
          })
          .catch(reject);
      });
    } finally {
      await consumer.disconnect();
    }
    return found
      .filter((d) => (filter.reason === undefined || d.reason === filter.reason) && (filter.step === undefined || d.step === filter.step))
      .sort((a, b) => a.at.localeCompare(b.at) || a.partition - b.partition || Number(a.offset) - Number(b.offset));
  } finally {
    await admin.deleteGroups([groupId]).catch(() => undefined);
    await admin.disconnect();
  }
}

export type ReplayReport = { replayed: number; alreadyReplayed: number; unknownSource: number };

export async function replayDeadLetters(deps: { kafka: Kafka; client: Client; indexPrefix: string; letters: DeadLetterRecord[]; dryRun?: boolean; topicOk: (topic: string) => boolean }): Promise<ReplayReport> {
  const index = dlqReplaysIndex(deps.indexPrefix);
  await createRecordsIndex(deps.client, index, { partition: { type: 'integer' }, offset: { type: 'keyword' }, reason: { type: 'keyword' }, topic: { type: 'keyword' }, replayedAt: { type: 'date' } });
  const id = (d: DeadLetterRecord) => `${d.partition}:${d.offset}`;
  const seen = new Set<string>();
  for (let i = 0; i < deps.letters.length; i += 1000) {
    const res = await deps.client.mget({ index, ids: deps.letters.slice(i, i + 1000).map(id), _source: false });
    for (const d of res.docs) if ('found' in d && d.found) seen.add(d._id);
  }
  const report: ReplayReport = { replayed: 0, alreadyReplayed: 0, unknownSource: 0 };
  const todo = deps.letters.filter((d) => {
    if (seen.has(id(d))) return (report.alreadyReplayed += 1), false;
    if (!deps.topicOk(d.source.topic)) return (report.unknownSource += 1), false;
    return true;
  });
  if (deps.dryRun || todo.length === 0) return { ...report, replayed: deps.dryRun ? todo.length : 0 };
  const producer = deps.kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  try {
    for (let i = 0; i < todo.length; i += 500) {
      const chunk = todo.slice(i, i + 500);
      for (const d of chunk) {
        const headers = Object.fromEntries(Object.entries(d.headers).filter(([k]) => !k.startsWith('dlq-')));
        await producer.send({ topic: d.source.topic, acks: -1, messages: [{ key: d.key, value: d.value, headers: { ...headers, 'voc-replayed-from': `dlq/${id(d)}` } }] });
      }
      const now = new Date().toISOString();
      await deps.client.bulk({ refresh: 'wait_for', operations: chunk.flatMap((d) => [{ index: { _index: index, _id: id(d) } }, { partition: d.partition, offset: d.offset, reason: d.reason, topic: d.source.topic, replayedAt: now }]) });
      report.replayed += chunk.length;
    }
  } finally {
    await producer.disconnect();
  }
  return report;
}
