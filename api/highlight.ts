// Highlights in the customer's own words: the text is tokenised with the analyzer that
// built the index, tokens whose term the query contains are wrapped in <em>, and short
// fragments around them are returned. Everything else is HTML-escaped.
import type { TextAnalyzer } from '../core/text/text-analyzer.ts';
import { escapeHtml as escape } from '../core/text/escape-html.ts';


type Span = { start: number; end: number };

function hanSpans(text: string, runs: readonly string[]): Span[] {
  const spans: Span[] = [];
  for (const run of runs) {
    for (let at = text.indexOf(run); at !== -1; at = text.indexOf(run, at + run.length)) spans.push({ start: at, end: at + run.length });
  }
  return spans;
}

export function highlight(
  text: string,
  query: { terms: readonly string[]; hanRuns: readonly string[] },
  analyzer: TextAnalyzer,
  opts = { fragments: 3, context: 60 },
): string[] {
  if (query.terms.length === 0 && query.hanRuns.length === 0) return [];
  const wanted = new Set(query.terms);
  const latin = query.terms.length ? analyzer.tokens(text).filter((t) => t.script !== 'han' && wanted.has(t.term)) : [];
  const hits = [...latin, ...hanSpans(text, query.hanRuns)].sort((a, b) => a.start - b.start);
  const fragments: string[] = [];
  let i = 0;
  while (i < hits.length && fragments.length < opts.fragments) {
    const start = Math.max(0, hits[i]!.start - opts.context);
    let end = Math.min(text.length, hits[i]!.end + opts.context);
    let out = start > 0 ? '…' : '';
    let cursor = start;
    while (i < hits.length && hits[i]!.start < end) {
      const h = hits[i]!;
      if (h.start < cursor) {
        i++;
        continue;
      }
      out += escape(text.slice(cursor, h.start)) + '<em>' + escape(text.slice(h.start, h.end)) + '</em>';
      cursor = h.end;
      end = Math.min(text.length, Math.max(end, h.end + opts.context / 2));
      i++;
    }
    out += escape(text.slice(cursor, end)) + (end < text.length ? '…' : '');
    fragments.push(out);
  }
  return fragments;
}
