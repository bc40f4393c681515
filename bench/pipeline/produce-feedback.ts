// The drain's input: N generated feedback items validated as POST /v1/feedback validates
// them and published by the ingest publisher itself (same topics, key, JSON value and
// headers as the API's, acks=all, idempotent), 1,000 per publish as the largest request
// would be. Returns the ids published, for the id-set audit after each drain. The time
// includes generating the items.
import type { Config } from '../../core/config/config.ts';
import { parseFeedback, type Feedback } from '../../core/feedback/feedback.schema.ts';
import type { Logger } from '../../core/observability/logger.ts';
import { openPublisher } from '../../cli/runtime.ts';
import { createFeedbackGenerator } from '../../demo/generator/feedback-generator.ts';

export type Produced = { ids: string[]; seconds: number; bytes: number };

/** Generated live feedback (the last hour, no incident), each item valid feedback v1. */
export function createLiveFeed(o: { seed: number; sourceIdPrefix: string }): (count: number) => Feedback[] {
  const end = Date.now();
  const generator = createFeedbackGenerator({ seed: o.seed, start: new Date(end - 3_600_000), end: new Date(end), incident: null, sourceIdPrefix: o.sourceIdPrefix });
  return (count) =>
    Array.from({ length: count }, () => {
      const parsed = parseFeedback(generator.next().feedback);
      if (!parsed.ok) throw new Error(`the generator made invalid feedback: ${JSON.stringify(parsed.problems)}`);
      return parsed.feedback;
    });
}

export async function produceFeedback(config: Config, logger: Logger, o: { count: number; seed: number; sourceIdPrefix: string }, progress: (done: number) => void): Promise<Produced> {
  const publisher = await openPublisher(config, logger);
  const feed = createLiveFeed(o);
  const ids: string[] = [];
  let bytes = 0;
  const started = performance.now();
  try {
    for (let made = 0; made < o.count; ) {
      const batch = feed(Math.min(1000, o.count - made));
      for (const f of batch) bytes += Buffer.byteLength(JSON.stringify(f));
      for (const p of await publisher.publish(batch, 'api')) ids.push(p.id);
      made += batch.length;
      progress(made);
    }
  } finally {
    await publisher.close();
  }
  const unique = new Set(ids).size;
  if (unique !== ids.length) throw new Error(`the generated items have ${ids.length - unique} repeated ids`);
  return { ids, seconds: (performance.now() - started) / 1000, bytes };
}
