// The processing pipeline: pure steps over a batch of items. A step returns one outcome
// per input item, in order: ok (the item, enriched), dead-letter (bad input, with the
// reason) or drop (deliberately not indexed). Steps never touch Kafka or Elasticsearch;
// the runner in feedback-processor.ts does, and only it writes dead letters.
import type { FeedbackDocument } from '../../core/feedback/feedback-document.ts';
import type { Token } from '../../core/text/text-analyzer.ts';

export type MessageRef = {
  topic: string;
  partition: number;
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
  headers: Record<string, Buffer | string | undefined>;
  timestamp: string;
};

type Derived = 'language' | 'sentiment' | 'search' | 'processedAt' | 'pipeline' | 'redactions';
/** A document under construction: the decoded input plus whatever steps added so far. */
export type DraftDocument = Omit<FeedbackDocument, Derived> & Partial<Pick<FeedbackDocument, Derived>>;

/** `tokens`: the analyzer's tokens of doc.text, computed once by the analysis step and reused. */
export type Item = { ref: MessageRef; doc: DraftDocument; tokens?: readonly Token[] };

export type Rejection = { action: 'dead-letter' | 'drop'; reason: string; detail?: string };
export type Outcome = { ok: true; item: Item } | ({ ok: false } & Rejection);

export type Step = { name: string; process(items: readonly Item[]): Outcome[] };

export const ok = (item: Item): Outcome => ({ ok: true, item });
export const deadLetter = (reason: string, detail?: string): Outcome => ({ ok: false, action: 'dead-letter', reason, detail });

export type Rejected = Rejection & { ref: MessageRef; step: string };

/** Runs the steps in order; an item rejected by one step is not seen by the next. */
export function runSteps(
  steps: readonly Step[],
  items: readonly Item[],
  onStep?: (step: string, seconds: number) => void,
): { ok: Item[]; rejected: Rejected[] } {
  let current: Item[] = [...items];
  const rejected: Rejected[] = [];
  for (const step of steps) {
    const started = performance.now();
    const outcomes = step.process(current);
    if (outcomes.length !== current.length) {
      throw new Error(`step ${step.name} returned ${outcomes.length} outcomes for ${current.length} items`);
    }
    const next: Item[] = [];
    outcomes.forEach((o, i) => {
      if (o.ok) next.push(o.item);
      else rejected.push({ action: o.action, reason: o.reason, detail: o.detail, ref: current[i]!.ref, step: step.name });
    });
    onStep?.(step.name, (performance.now() - started) / 1000);
    current = next;
  }
  return { ok: current, rejected };
}

/** Builds a step that handles one item at a time; a thrown error is a bug, not bad input. */
export function perItemStep(name: string, fn: (item: Item) => Outcome): Step {
  return { name, process: (items) => items.map(fn) };
}
