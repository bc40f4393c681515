// The step contract of the tagging pipeline: pure steps over a batch of items. A step
// returns one outcome per input item, in order: ok (the item, enriched), dead-letter (bad
// input, with the reason) or drop (deliberately not indexed). Steps never touch Kafka or
// Elasticsearch and never read an item's `ref`: it is whatever the caller needs to find
// the item's origin again (a Kafka message for the processor, a stored document for
// reprocessing), carried through untouched. Only the caller writes dead letters.
import type { FeedbackDocument } from '../../core/feedback/feedback-document.ts';
import type { Token } from '../../core/text/text-analyzer.ts';

type Derived = 'language' | 'sentiment' | 'search' | 'processedAt' | 'pipeline' | 'redactions';
/** A document under construction: the decoded input plus whatever steps added so far. */
export type DraftDocument = Omit<FeedbackDocument, Derived> & Partial<Pick<FeedbackDocument, Derived>>;

/** `tokens`: the analyzer's tokens of doc.text, computed once by the analysis step and reused. */
export type Item<R = unknown> = { ref: R; doc: DraftDocument; tokens?: readonly Token[] };

export type Rejection = { action: 'dead-letter' | 'drop'; reason: string; detail?: string };
export type Outcome<R = unknown> = { ok: true; item: Item<R> } | ({ ok: false } & Rejection);

/** Generic in the ref, so that a step can only pass it on. */
export type Step = { name: string; process<R>(items: readonly Item<R>[]): Outcome<R>[] };

export const ok = <R>(item: Item<R>): Outcome<R> => ({ ok: true, item });
export const deadLetter = <R = never>(reason: string, detail?: string): Outcome<R> => ({ ok: false, action: 'dead-letter', reason, detail });

export type Rejected<R> = Rejection & { ref: R; step: string };

/** Runs the steps in order; an item rejected by one step is not seen by the next. */
export function runSteps<R>(
  steps: readonly Step[],
  items: readonly Item<R>[],
  onStep?: (step: string, seconds: number) => void,
): { ok: Item<R>[]; rejected: Rejected<R>[] } {
  let current: Item<R>[] = [...items];
  const rejected: Rejected<R>[] = [];
  for (const step of steps) {
    const started = performance.now();
    const outcomes = step.process(current);
    if (outcomes.length !== current.length) {
      throw new Error(`step ${step.name} returned ${outcomes.length} outcomes for ${current.length} items`);
    }
    const next: Item<R>[] = [];
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
export function perItemStep(name: string, fn: <R>(item: Item<R>) => Outcome<R>): Step {
  return { name, process: (items) => items.map(fn) };
}
