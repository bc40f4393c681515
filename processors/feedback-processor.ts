// Processes one chunk of raw messages end to end: decode → steps → Elasticsearch sink,
// then dead letters for whatever was refused. It resolves only when every message of the
// chunk is either acknowledged by Elasticsearch or acknowledged on the dead-letter topic;
// only then may the caller commit the chunk's offsets (at-least-once by construction).
import type { FeedbackDocument } from '../core/feedback/feedback-document.ts';
import { sourceOfRawTopic } from '../core/names.ts';
import type { Logger } from '../core/observability/logger.ts';
import type { Metrics } from '../core/observability/metrics.ts';
import type { MessageRef } from '../core/kafka/message-ref.ts';
import { runSteps, type DraftDocument, type Item, type Step } from '../insight/steps/step.ts';
import type { DeadLetter, DeadLetterWriter } from './sink/dead-letter.ts';
import type { ElasticsearchSink } from './sink/elasticsearch.sink.ts';
import { decodeMessage } from './decode-message.ts';
import { redactPii } from '../insight/pii/redact-pii.ts';

export const PIPELINE_VERSION = '1';

export type ChunkResult = { indexed: number; deadLettered: number };

/** The processor's last touch: the derived fields must be there; processedAt and the steps that ran are stamped. */
export function finishDocument(doc: DraftDocument, steps: string[], now: string): FeedbackDocument {
  const { language, sentiment, search, redactions } = doc;
  if (!language || !sentiment || !search || !redactions) throw new Error(`document ${doc.id} left the pipeline incomplete`);
  return { ...doc, language, sentiment, search, redactions, processedAt: now, pipeline: { version: PIPELINE_VERSION, steps } };
}

export function createFeedbackProcessor(deps: {
  topicPrefix: string;
  steps: Step[];
  sink: ElasticsearchSink;
  deadLetters: DeadLetterWriter;
  logger: Logger;
  metrics?: Metrics;
}) {
  const stepNames = deps.steps.map((s) => s.name);

  return {
    async processChunk(refs: readonly MessageRef[], hooks: { signal?: AbortSignal; onWait?: () => Promise<void> } = {}): Promise<ChunkResult> {
      const letters: DeadLetter[] = [];
      const decoded: Item<MessageRef>[] = [];
      for (const ref of refs) {
        const outcome = decodeMessage(ref, sourceOfRawTopic(deps.topicPrefix, ref.topic));
        if (outcome.ok) decoded.push(outcome.item);
        else letters.push({ ref, step: 'decode', reason: outcome.reason, detail: outcome.detail });
      }
      const { ok, rejected } = runSteps(deps.steps, decoded, (step, seconds) => deps.metrics?.stepDuration.observe({ step }, seconds));
      for (const r of rejected) {
        if (r.action === 'dead-letter') letters.push(r);
        else deps.metrics?.processed.inc({ outcome: 'dropped' });
      }
      const now = new Date().toISOString();
      const { failed } = await deps.sink.write(
        ok.map((item) => ({ ref: item.ref, doc: finishDocument(item.doc, stepNames, now) })),
        hooks,
      );
      for (const f of failed) letters.push({ ref: f.ref, step: 'elasticsearch-sink', reason: f.reason, detail: f.detail });
      await deps.deadLetters.write(letters);

      for (const l of letters) {
        deps.metrics?.deadLettered.inc({ step: l.step, reason: l.reason });
        deps.logger.warn(
          // The detail may quote the message (a JSON parser's error does): redacted like any text before a log sees it.
          { step: l.step, reason: l.reason, topic: l.ref.topic, partition: l.ref.partition, offset: l.ref.offset, detail: l.detail === undefined ? undefined : redactPii(l.detail).text },
          'message dead-lettered',
        );
      }
      const indexed = ok.length - failed.length;
      deps.metrics?.processed.inc({ outcome: 'indexed' }, indexed);
      deps.metrics?.processed.inc({ outcome: 'dead_lettered' }, letters.length);
      return { indexed, deadLettered: letters.length };
    },
  };
}
export type FeedbackProcessor = ReturnType<typeof createFeedbackProcessor>;
