// Creates voc's topics if missing. Raw topics are keyed by feedback id, so a re-sent item
// lands in the same partition as the first copy and ordering per item holds.
import type { Kafka } from 'kafkajs';
import type { KafkaConfig } from '../config/config.ts';
import { deadLetterTopic, rawTopics } from '../names.ts';

export async function ensureTopics(kafka: Kafka, config: Pick<KafkaConfig, 'topicPrefix' | 'rawPartitions' | 'replicationFactor'>): Promise<string[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const wanted = [
      ...rawTopics(config.topicPrefix).map((topic) => ({ topic, numPartitions: config.rawPartitions })),
      { topic: deadLetterTopic(config.topicPrefix), numPartitions: 1 },
    ];
    const missing = wanted.filter((t) => !existing.has(t.topic));
    if (missing.length > 0) {
      await admin.createTopics({
        topics: missing.map((t) => ({ ...t, replicationFactor: config.replicationFactor })),
        waitForLeaders: true,
      });
    }
    return missing.map((t) => t.topic);
  } finally {
    await admin.disconnect();
  }
}
