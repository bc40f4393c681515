// Turns validated search parameters into an Elasticsearch request. The query text is
// analysed by voc's analyzer (the one the processor indexed with) and matched against the
// whitespace-analysed search fields; every facet is a keyword filter.
import { z } from 'zod';
import { sources } from '../core/feedback/feedback.schema.ts';
import type { TextAnalyzer } from '../core/text/text-analyzer.ts';

const list = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => (Array.isArray(v) ? v : [v]).flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean))
  .pipe(z.array(z.string().max(256)).max(50));

/** Facet parameter → document field. The same list drives filters and facet counts. */
export const facetFields = {
  source: 'source',
  channel: 'channel',
  language: 'language',
  sentiment: 'sentiment.label',
  segment: 'customer.segment',
  customer: 'customer.id',
  product: 'product.id',
  productName: 'product.name',
  version: 'product.version',
  tag: 'tags',
  scale: 'scale',
  nps: 'survey.nps.category',
  locale: 'locale',
  issue: 'issues.id',
  category: 'issues.parent',
  keyphrase: 'keyphrases',
} as const;
export type FacetParam = keyof typeof facetFields;

export const sorts = {
  relevance: [{ _score: 'desc' }, { createdAt: 'desc' }],
  newest: [{ createdAt: 'desc' }],
  oldest: [{ createdAt: 'asc' }],
  'most-negative': [{ 'sentiment.score': 'asc' }, { createdAt: 'desc' }],
  'most-positive': [{ 'sentiment.score': 'desc' }, { createdAt: 'desc' }],
  'highest-value': [{ 'customer.lifetimeValue': { order: 'desc', missing: '_last' } }, { createdAt: 'desc' }],
} as const;

const MAX_WINDOW = 10_000;

export const searchParamsSchema = z
  .strictObject({
    q: z.string().trim().max(500).optional(),
    from: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
    to: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
    minRating: z.coerce.number().int().min(1).max(5).optional(),
    maxRating: z.coerce.number().int().min(1).max(5).optional(),
    sort: z.enum(Object.keys(sorts) as [keyof typeof sorts, ...Array<keyof typeof sorts>]).optional(),
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(100, 'pageSize is at most 100').default(20),
    ...(Object.fromEntries(Object.keys(facetFields).map((k) => [k, list.optional()])) as Record<FacetParam, z.ZodOptional<typeof list>>),
  })
  .superRefine((p, ctx) => {
    if (p.page * p.pageSize > MAX_WINDOW) {
      ctx.addIssue({ code: 'custom', path: ['page'], message: `page × pageSize may not exceed ${MAX_WINDOW}; narrow the filters or the date range` });
    }
    const bad = (p.source ?? []).filter((s) => !(sources as readonly string[]).includes(s));
    if (bad.length) ctx.addIssue({ code: 'custom', path: ['source'], message: `unknown source(s): ${bad.join(', ')}; one of ${sources.join(', ')}` });
  });
export type SearchParams = z.infer<typeof searchParamsSchema>;

export function buildSearchRequest(p: SearchParams, analyzer: TextAnalyzer) {
  // Latin-script words match analysed terms; each run of Chinese characters must occur as
  // a substring, which a phrase of character bigrams expresses exactly.
  const terms = p.q ? analyzer.terms(p.q).filter((t) => !/\p{Script=Han}/u.test(t)) : [];
  const hanRuns = p.q ? analyzer.hanRuns(p.q) : [];
  const filter: object[] = [];
  for (const [param, field] of Object.entries(facetFields) as Array<[FacetParam, string]>) {
    const values = p[param];
    if (values?.length) filter.push({ terms: { [field]: values } });
  }
  if (p.from || p.to) filter.push({ range: { createdAt: { ...(p.from ? { gte: p.from } : {}), ...(p.to ? { lte: p.to } : {}) } } });
  if (p.minRating || p.maxRating) filter.push({ range: { rating: { ...(p.minRating ? { gte: p.minRating } : {}), ...(p.maxRating ? { lte: p.maxRating } : {}) } } });
  const must: object[] = [
    ...(terms.length
      ? [{ multi_match: { query: terms.join(' '), fields: ['search.text', 'search.title^2'], operator: 'and', type: 'cross_fields' } }]
      : []),
    ...hanRuns.map((run) => ({ match_phrase: { 'search.han': analyzer.hanBigrams(run).join(' ') } })),
  ];
  const sort = sorts[p.sort ?? (must.length ? 'relevance' : 'newest')];
  return {
    terms,
    hanRuns,
    request: {
      query: { bool: { must, filter } },
      sort: sort as never,
      from: (p.page - 1) * p.pageSize,
      size: p.pageSize,
      track_total_hits: true,
      _source: { excludes: ['search'] },
      aggs: Object.fromEntries(Object.entries(facetFields).map(([param, field]) => [param, { terms: { field, size: 20 } }])),
    },
  };
}
