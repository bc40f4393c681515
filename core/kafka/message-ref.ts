// A Kafka message as the processor carries it through the pipeline: where it came from
// (for offsets and dead letters) and its original bytes (dead letters keep them as sent).
export type MessageRef = {
  topic: string;
  partition: number;
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
  headers: Record<string, Buffer | string | undefined>;
  timestamp: string;
};
