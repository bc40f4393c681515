// Turns validated search parameters into an Elasticsearch request: the shared feedback
// filters (core/query), a createdAt range, sorting, paging and a facet count per filter.
import { z } from 'zod';
import { checkFilterValues, filterFields, filterParamsShape, filterQuery, type FilterParam } from '../core/query/feedback-filter.ts';
import type { TextAnalyzer } from '../core/text/text-analyzer.ts';

/** Facet parameter → document field: every filter has its facet. */
export const facetFields = filterFields;
export type FacetParam = FilterParam;

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
    ...filterParamsShape,
    from: z.iso.datetime({ offset: true }).or(z.iso.date()).optional().describe('earliest createdAt'),
    to: z.iso.datetime({ offset: true }).or(z.iso.date()).optional().describe('latest createdAt'),
    sort: z.enum(Object.keys(sorts) as [keyof typeof sorts, ...Array<keyof typeof sorts>]).optional(),
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(100, 'pageSize is at most 100').default(20),
  })
  .superRefine((p, ctx) => {
    if (p.page * p.pageSize > MAX_WINDOW) {
      ctx.addIssue({ code: 'custom', path: ['page'], message: `page × pageSize may not exceed ${MAX_WINDOW}; narrow the filters or the date range` });
    }
    checkFilterValues(p, ctx);
  });
export type SearchParams = z.infer<typeof searchParamsSchema>;

export function buildSearchRequest(p: SearchParams, analyzer: TextAnalyzer) {
  const range = p.from || p.to ? [{ range: { createdAt: { ...(p.from ? { gte: p.from } : {}), ...(p.to ? { lte: p.to } : {}) } } }] : [];
  const { query, text } = filterQuery(p, analyzer, range);
  const sort = sorts[p.sort ?? (query.bool.must.length ? 'relevance' : 'newest')];
  return {
    terms: text.terms,
    hanRuns: text.hanRuns,
    request: {
      query,
      sort: sort as never,
      from: (p.page - 1) * p.pageSize,
      size: p.pageSize,
      track_total_hits: true,
      _source: { excludes: ['search'] },
      aggs: Object.fromEntries(Object.entries(facetFields).map(([param, field]) => [param, { terms: { field, size: 20 } }])),
    },
  };
}
