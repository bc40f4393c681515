// Emerging themes: words (English stems, Chinese words) and keyphrases that occur in more
// of the recent window's items than the baseline window's rate would lead one to expect.
//
// Candidates come from Elasticsearch's significant_terms (keyphrases) and significant_text
// (the analysed text, over a sample of the recent items) against the index as a whole;
// then every candidate is counted exactly in both windows. Duplicate texts are
// not filtered out: an incident often arrives as many near-identical messages. For each: f of N_f
// recent items and b of N_b baseline items carry it; the rise is tested like issue changes
// (exact conditional test of two Poisson rates, Benjamini–Hochberg across candidates), and
//   score = log₂ of the lower end of the 95% interval of the rate ratio (recent ÷ baseline)
// so a theme ranks high only if it is more frequent now even in the least favourable
// reading of the data. A theme needs at least `minSupport` recent items, and must be
// significant with score > 0 to be listed. `new` marks themes absent from the baseline.
import { filterQuery, type FilterParams } from '../core/query/feedback-filter.ts';
import { periodFilter } from '../core/trends/metric-query.ts';
import { formatInZone } from '../core/trends/time-buckets.ts';
import { newestMatching, tolerant, type AnalyticsDeps } from './analytics.types.ts';
import { ALPHA, callChanges, MIN_EVENTS } from './statistics.ts';
import { pickRepresentative, toVerbatim, type Verbatim } from './verbatims.ts';

export type ThemesQuery = {
  filters: FilterParams;
  /** Recent window [from, to); the baseline is [baselineFrom, from). */
  from: number;
  to: number;
  baselineFrom: number;
  timeZone: string;
  minSupport: number;
  limit: number;
  verbatims: number;
};

export type Theme = {
  /** The indexed term (an English stem or a Chinese word) or the keyphrase. */
  term: string;
  kind: 'term' | 'keyphrase';
  /** How customers wrote it, from the examples. */
  display: string;
  recent: number;
  baseline: number;
  rateRatio: number | null;
  interval: [number, number | null] | null;
  p: number;
  q: number;
  score: number;
  new: boolean;
  verbatims: Verbatim[];
};

export type ThemesResult = {
  recent: { from: string; to: string; items: number };
  baseline: { from: string; to: string; items: number };
  minSupport: number;
  method: string;
  themes: Theme[];
};

export const THEMES_METHOD =
  'candidates by significant_terms/significant_text against the whole index, then exact counts in both windows; exact conditional test of two Poisson rates, ' +
  `Benjamini–Hochberg at ${ALPHA}, at least ${MIN_EVENTS} items in both windows together; score = log2 of the lower 95% bound of the rate ratio; at least minSupport recent items`;

const CANDIDATES = 60;
/** Items per shard whose text significant_text reads again; only candidates come from it. */
const SAMPLE = 500;

/** Terms that say nothing as themes: numbers, single Latin letters, lone Chinese characters. */
function meaningful(term: string): boolean {
  if (/^\d+$/.test(term)) return false;
  if (/^\p{Script=Han}+$/u.test(term)) return term.length >= 2;
  return term.length >= 3;
}

type SigBuckets = { buckets: Array<{ key: string; doc_count: number }> };

export async function emergingThemes(deps: AnalyticsDeps, q: ThemesQuery): Promise<ThemesResult> {
  const recentRange = periodFilter({ from: q.from, to: q.to });
  const baselineRange = periodFilter({ from: q.baselineFrom, to: q.from });
  const recent = filterQuery(q.filters, deps.analyzer, [recentRange]).query;
  const first = await deps.client.search({
    index: deps.index,
    ...tolerant,
    size: 0,
    track_total_hits: true,
    query: recent,
    aggs: {
      // Against the whole index's term statistics (no background filter, which would count
      // every candidate again over the baseline): candidates only; the exact counts follow.
      keyphrases: { significant_terms: { field: 'keyphrases', size: CANDIDATES, min_doc_count: q.minSupport } },
      sample: {
        sampler: { shard_size: SAMPLE },
        aggs: { text: { significant_text: { field: 'search.text', size: CANDIDATES, min_doc_count: Math.min(q.minSupport, 3) } } },
      },
    } as never,
  });
  const aggs = first.aggregations as unknown as { keyphrases: SigBuckets; sample: { text: SigBuckets } };
  const candidates = [
    ...aggs.keyphrases.buckets.map((b) => ({ term: String(b.key), kind: 'keyphrase' as const })),
    ...aggs.sample.text.buckets.map((b) => ({ term: String(b.key), kind: 'term' as const })),
  ].filter((c) => meaningful(c.term));
  const clause = (c: (typeof candidates)[number]) => (c.kind === 'keyphrase' ? { term: { keyphrases: c.term } } : { term: { 'search.text': c.term } });
  const filters = Object.fromEntries(candidates.map((c, i) => [String(i), clause(c)]));
  const counts = await deps.client.search({
    index: deps.index,
    ...tolerant,
    size: 0,
    query: filterQuery(q.filters, deps.analyzer, [periodFilter({ from: q.baselineFrom, to: q.to })]).query,
    aggs: {
      // Elasticsearch refuses an empty `filters`: with no candidate (an empty index) only the window sizes are asked.
      recent: { filter: recentRange, ...(candidates.length ? { aggs: { c: { filters: { filters } } } } : {}) },
      baseline: { filter: baselineRange, ...(candidates.length ? { aggs: { c: { filters: { filters } } } } : {}) },
    },
  });
  type Window = { doc_count: number; c: { buckets: Record<string, { doc_count: number }> } };
  const w = counts.aggregations as unknown as { recent: Window; baseline: Window };
  const nf = w.recent.doc_count;
  const nb = w.baseline.doc_count;
  const rows = candidates.map((c, i) => ({ ...c, f: w.recent.c.buckets[String(i)]?.doc_count ?? 0, b: w.baseline.c.buckets[String(i)]?.doc_count ?? 0 }));
  const calls = callChanges(rows.map((r) => ({ before: r.b, now: r.f })), nb, nf);
  const themes = rows
    .map((r, i) => ({ r, call: calls[i]!, score: calls[i]!.interval ? Math.log2(Math.max(calls[i]!.interval![0], Number.MIN_VALUE)) : -Infinity }))
    .filter(({ r, call, score }) => r.f >= q.minSupport && call.significant && call.direction === 'up' && score > 0)
    .sort((a, b) => b.score - a.score || b.r.f - a.r.f)
    .slice(0, q.limit)
    .map(({ r, call, score }): Theme => ({
      term: r.term,
      kind: r.kind,
      display: r.term,
      recent: r.f,
      baseline: r.b,
      rateRatio: call.rateRatio,
      interval: call.interval,
      p: call.p!,
      q: call.q!,
      score,
      new: r.b === 0,
      verbatims: [],
    }));
  if (themes.length && q.verbatims > 0) await attachExamples(deps, q, themes, recentRange);
  return {
    recent: { from: formatInZone(q.from, q.timeZone), to: formatInZone(q.to, q.timeZone), items: nf },
    baseline: { from: formatInZone(q.baselineFrom, q.timeZone), to: formatInZone(q.from, q.timeZone), items: nb },
    minSupport: q.minSupport,
    method: THEMES_METHOD,
    themes,
  };
}

/** Where a theme occurs in a text: the tokens with that term, or the keyphrase's occurrences. */
function spansOf(theme: Theme, text: string, deps: AnalyticsDeps): Array<{ start: number; end: number }> {
  if (theme.kind === 'term') return deps.analyzer.tokens(text).filter((t) => t.term === theme.term);
  const spans: Array<{ start: number; end: number }> = [];
  const lower = text.toLowerCase();
  for (let at = lower.indexOf(theme.term); at !== -1; at = lower.indexOf(theme.term, at + theme.term.length)) spans.push({ start: at, end: at + theme.term.length });
  return spans;
}

async function attachExamples(deps: AnalyticsDeps, q: ThemesQuery, themes: Theme[], recentRange: object): Promise<void> {
  const clauses = themes.map((t) => (t.kind === 'keyphrase' ? { term: { keyphrases: t.term } } : { term: { 'search.text': t.term } }));
  const found = await newestMatching(deps, q.filters, [recentRange], clauses, 10);
  themes.forEach((theme, i) => {
    const candidates = found[i]!.flatMap((doc) => {
      const spans = spansOf(theme, doc.text, deps);
      return spans.length ? [{ doc, spans, certainty: spans.length }] : [];
    });
    // The most frequent spelling among the examples, for people who cannot read stems.
    const spellings = new Map<string, number>();
    for (const c of candidates) for (const s of c.spans) {
      const written = c.doc.text.slice(s.start, s.end).toLowerCase();
      spellings.set(written, (spellings.get(written) ?? 0) + 1);
    }
    theme.display = [...spellings].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? theme.term;
    theme.verbatims = pickRepresentative(candidates, q.verbatims).map((c) => toVerbatim(c.doc, c.spans));
  });
}
