// The customers' own words beside every figure: a few representative items for an issue
// or a theme, redacted as stored, with the evidence marked. "Representative" here means:
// among the period's most recent items that carry it, those where the match is most
// certain, of a readable length (40–400 characters), alternating languages when both
// occur, so that a Chinese complaint is heard beside an English one.
import type { FeedbackDocument } from '../core/feedback/feedback-document.ts';
import { escapeHtml as escape } from '../core/text/escape-html.ts';

export type Verbatim = {
  id: string;
  createdAt: string;
  source: string;
  language: string;
  /** The redacted text, HTML-escaped, with the evidence in <em>. */
  highlighted: string;
  text: string;
  sentiment: string;
  segment?: string;
  lifetimeValue?: number;
  product?: string;
};


/** The text with the given spans wrapped in <em>, everything HTML-escaped. */
export function markSpans(text: string, spans: ReadonlyArray<{ start: number; end: number }>): string {
  const sorted = [...spans].filter((s) => s.start < s.end && s.end <= text.length).sort((a, b) => a.start - b.start);
  let out = '';
  let cursor = 0;
  for (const s of sorted) {
    if (s.start < cursor) continue;
    out += `${escape(text.slice(cursor, s.start))}<em>${escape(text.slice(s.start, s.end))}</em>`;
    cursor = s.end;
  }
  return out + escape(text.slice(cursor));
}

export function toVerbatim(doc: FeedbackDocument, spans: ReadonlyArray<{ start: number; end: number }>): Verbatim {
  return {
    id: doc.id,
    createdAt: doc.createdAt,
    source: doc.source,
    language: doc.language,
    highlighted: markSpans(doc.text, spans),
    text: doc.text,
    sentiment: doc.sentiment.label,
    ...(doc.customer?.segment ? { segment: doc.customer.segment } : {}),
    ...(doc.customer?.lifetimeValue !== undefined ? { lifetimeValue: doc.customer.lifetimeValue } : {}),
    ...(doc.product?.name ?? doc.product?.id ? { product: doc.product?.name ?? doc.product?.id } : {}),
  };
}

/** Picks `count` of the candidates: most certain first, readable length preferred, languages alternating. */
export function pickRepresentative<T extends { doc: FeedbackDocument; certainty: number }>(candidates: readonly T[], count: number): T[] {
  const readable = (d: FeedbackDocument) => (d.text.length >= 40 && d.text.length <= 400 ? 1 : 0);
  const ranked = [...candidates].sort((a, b) => readable(b.doc) - readable(a.doc) || b.certainty - a.certainty || b.doc.createdAt.localeCompare(a.doc.createdAt));
  const byLanguage = new Map<string, T[]>();
  for (const c of ranked) {
    const list = byLanguage.get(c.doc.language);
    if (list) list.push(c);
    else byLanguage.set(c.doc.language, [c]);
  }
  const queues = [...byLanguage.values()];
  const out: T[] = [];
  for (let round = 0; out.length < count && queues.some((q) => q.length > round); round++) {
    for (const q of queues) if (q[round] && out.length < count) out.push(q[round]!);
  }
  return out;
}
