// How a step hands on an enriched item without touching the one it was given: a shallow
// copy of the document that the step then fills in. Spreading and then assigning costs
// V8 a fraction of an object literal that spreads and overrides in one go
// ({ ...doc, language }), and this runs once per step for every document.
import type { DraftDocument, Item } from './step.ts';

/** A copy of the item's document, the caller's to fill in before `withDoc`. */
export const copyDoc = <R>(item: Item<R>): DraftDocument => ({ ...item.doc });

/** The item with `doc` in place of its document (and everything else as it was). */
export function withDoc<R>(item: Item<R>, doc: DraftDocument): Item<R> {
  const next = { ...item };
  next.doc = doc;
  return next;
}
