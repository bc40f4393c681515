// The filters every reader of the feedback index shares: search, trends, top issues,
// drivers, themes. One list maps each filter parameter to its document field, so that a
// filter means the same thing on every endpoint, and free text is analysed by voc's own
// analyzer, exactly as the processor indexed it.
import { z } from 'zod';
import { sources } from '../feedback/feedback.schema.ts';
import type { TextAnalyzer } from '../text/text-analyzer.ts';

/** Dimensions: what a metric can be split by and filtered on. */
export const dimensionFields = {
  source: 'source',
  channel: 'channel',
  language: 'language',
  product: 'product.id',
  productName: 'product.name',
  version: 'product.version',
  issue: 'issues.id',
  category: 'issues.parent',
  issueKind: 'issues.kind',
  segment: 'customer.segment',
  sentiment: 'sentiment.label',
  keyphrase: 'keyphrases',
  locale: 'locale',
  tag: 'tags',
} as const;
export type Dimension = keyof typeof dimensionFields;
export const dimensions = Object.keys(dimensionFields) as [Dimension, ...Dimension[]];

/**
 * Dimensions of which an item has at most one value (the feedback schema makes them
 * scalars), so that their values partition the items; issues, categories, issue kinds,
 * keyphrases and tags are lists.
 */
export const singleValuedDimensions: ReadonlySet<Dimension> = new Set(['source', 'channel', 'language', 'product', 'productName', 'version', 'segment', 'sentiment', 'locale']);

/** Filter parameter → field: the dimensions plus a few fields worth filtering but not splitting by. */
export const filterFields = {
  ...dimensionFields,
  customer: 'customer.id',
  scale: 'scale',
  nps: 'survey.nps.category',
} as const;
export type FilterParam = keyof typeof filterFields;

/** A comma list or repeated parameter: `?source=review,survey` or `?source=review&source=survey`. */
export const listParam = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => (Array.isArray(v) ? v : [v]).flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean))
  .pipe(z.array(z.string().max(256)).max(50));

// The descriptions are for the API's OpenAPI document.
export const filterParamsShape = {
  q: z.string().trim().max(500).optional().describe('text, analysed into words as the documents are (English and Chinese); never query syntax'),
  minRating: z.coerce.number().int().min(1).max(5).optional().describe('lowest star rating'),
  maxRating: z.coerce.number().int().min(1).max(5).optional().describe('highest star rating'),
  ...(Object.fromEntries(Object.entries(filterFields).map(([k, field]) => [k, listParam.optional().describe(`items with any of these in ${field}`)])) as Record<FilterParam, z.ZodOptional<typeof listParam>>),
};
export type FilterParams = { q?: string; minRating?: number; maxRating?: number } & Partial<Record<FilterParam, string[]>>;

/** Checks that belong to the values rather than the shape; call from a superRefine. */
export function checkFilterValues(p: FilterParams, ctx: z.RefinementCtx): void {
  const bad = (p.source ?? []).filter((s) => !(sources as readonly string[]).includes(s));
  if (bad.length) ctx.addIssue({ code: 'custom', path: ['source'], message: `unknown source(s): ${bad.join(', ')}; one of ${sources.join(', ')}` });
  if (p.minRating && p.maxRating && p.minRating > p.maxRating) ctx.addIssue({ code: 'custom', path: ['minRating'], message: 'minRating is above maxRating' });
}

export type TextMatch = { terms: string[]; hanRuns: string[] };

/** The query text as the index holds it: Latin-script terms and runs of Chinese characters. */
export function analyseQueryText(q: string | undefined, analyzer: TextAnalyzer): TextMatch {
  if (!q) return { terms: [], hanRuns: [] };
  return { terms: analyzer.terms(q).filter((t) => !/\p{Script=Han}/u.test(t)), hanRuns: analyzer.hanRuns(q) };
}

/**
 * The bool query of the filters: keyword filters (any of the listed values), the rating
 * range, and the text, where every Latin-script word must match an analysed term and each
 * run of Chinese characters must occur as a substring (a phrase of character bigrams).
 * `extra` filters (a time range, say) join the keyword filters.
 */
export function filterQuery(p: FilterParams, analyzer: TextAnalyzer, extra: object[] = []): { query: { bool: { must: object[]; filter: object[] } }; text: TextMatch } {
  const text = analyseQueryText(p.q, analyzer);
  const filter: object[] = [...extra];
  for (const [param, field] of Object.entries(filterFields) as Array<[FilterParam, string]>) {
    const values = p[param];
    if (values?.length) filter.push({ terms: { [field]: values } });
  }
  if (p.minRating || p.maxRating) filter.push({ range: { rating: { ...(p.minRating ? { gte: p.minRating } : {}), ...(p.maxRating ? { lte: p.maxRating } : {}) } } });
  const must: object[] = [
    ...(text.terms.length ? [{ multi_match: { query: text.terms.join(' '), fields: ['search.text', 'search.title^2'], operator: 'and', type: 'cross_fields' } }] : []),
    ...text.hanRuns.map((run) => ({ match_phrase: { 'search.han': analyzer.hanBigrams(run).join(' ') } })),
  ];
  return { query: { bool: { must, filter } }, text };
}
