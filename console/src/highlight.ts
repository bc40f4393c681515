// Marked-up text without innerHTML. The API sends highlights as HTML-escaped text with
// <em> around matches; this reads exactly that (any other tag stays text) into parts the
// page renders as text nodes. Pure: the tests import it.
export type Part = { text: string; mark: boolean };

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#x27': "'", apos: "'" };
const unescape = (s: string) => s.replace(/&(amp|lt|gt|quot|#39|#x27|apos);/g, (_m, e: string) => entities[e]!);

export function parseHighlighted(html: string): Part[] {
  const parts: Part[] = [];
  let mark = false;
  for (const piece of html.split(/(<\/?em>)/)) {
    if (piece === '<em>') mark = true;
    else if (piece === '</em>') mark = false;
    else if (piece) parts.push({ text: unescape(piece), mark });
  }
  return parts;
}

export type Span = { start: number; end: number; key: string };
export type Segment = { text: string; start: number; keys: string[] };

/**
 * The text cut at every span's edges, each piece with the keys of the spans covering it
 * (spans may overlap). Offsets are UTF-16 indices, as the processor records them; spans
 * out of range are clipped.
 */
export function segments(text: string, spans: readonly Span[]): Segment[] {
  const valid = spans.map((s) => ({ ...s, start: Math.max(0, Math.min(s.start, text.length)), end: Math.max(0, Math.min(s.end, text.length)) })).filter((s) => s.end > s.start);
  const cuts = [...new Set([0, text.length, ...valid.flatMap((s) => [s.start, s.end])])].sort((a, b) => a - b);
  const out: Segment[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const [a, b] = [cuts[i]!, cuts[i + 1]!];
    out.push({ text: text.slice(a, b), start: a, keys: valid.filter((s) => s.start <= a && s.end >= b).map((s) => s.key) });
  }
  return out;
}
