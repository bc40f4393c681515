// Read side of the feedback API: search with filters, facets, sorting, pagination and
// highlights, and reading one item by id. Handlers decode, call Elasticsearch, map.
import type { Client } from '@elastic/elasticsearch';
import express from 'express';
import type { FeedbackDocument } from '../core/feedback/feedback-document.ts';
import { HttpProblem, problem } from '../core/http/problem.ts';
import { readAlias } from '../core/names.ts';
import type { TextAnalyzer } from '../core/text/text-analyzer.ts';
import { highlight } from './highlight.ts';
import { callElasticsearch, parseParams } from './route-helpers.ts';
import { buildSearchRequest, facetFields, searchParamsSchema } from './search-query.ts';
import { allow } from '../core/http/access.ts';
import { describedRouter, type DescribedRouter, type Operation } from '../core/http/operation.ts';

type Hit = { _id: string; _score?: number | null; _source?: FeedbackDocument };

function view(hit: Hit) {
  const { search: _search, origin: _origin, ...doc } = hit._source ?? ({} as FeedbackDocument);
  return doc;
}

export const feedbackReadOperations: Operation[] = [
  {
    id: 'searchFeedback',
    method: 'get',
    path: '/v1/feedback/search',
    tag: 'Feedback',
    summary: 'Search feedback with filters, facets, sorting and highlights',
    description:
      '`q` is analysed into words like the documents (English and Chinese), never query syntax. Sort defaults to `relevance` with `q`, `newest` without; page × pageSize may not exceed 10,000.',
    permission: 'feedback:read',
    query: searchParamsSchema,
    ok: {
      status: 200,
      description:
        '`{ total, page, pageSize, pages, query, items, facets, links }`: items with `highlights` (HTML-escaped fragments of the original text, `<em>` around matches), the top 20 values of every facet under the current filters, and `links.next` / `links.prev`',
    },
  },
  {
    id: 'getFeedback',
    method: 'get',
    path: '/v1/feedback/:id',
    tag: 'Feedback',
    summary: 'One stored feedback item',
    permission: 'feedback:read',
    params: { id: 'the feedback id: 32 hexadecimal characters' },
    ok: { status: 200, description: 'the item as stored, with its language, sentiment, issues, keyphrases and survey figures' },
    errors: [400],
  },
];

export function createFeedbackReadRouter(deps: { client: Client; indexPrefix: string; analyzer: TextAnalyzer }): DescribedRouter {
  const router = express.Router();
  const index = readAlias(deps.indexPrefix);

  router.get('/v1/feedback/search', allow('feedback:read'), async (req, res) => {
    const p = parseParams(searchParamsSchema, req.query, 'invalid-search', 'Invalid search parameters');
    const { terms, hanRuns, request } = buildSearchRequest(p, deps.analyzer);
    const result = await callElasticsearch(() =>
      deps.client.search<FeedbackDocument>({ index, ignore_unavailable: true, allow_no_indices: true, ...request }),
    );
    const total = typeof result.hits.total === 'number' ? result.hits.total : (result.hits.total?.value ?? 0);
    const aggs = (result.aggregations ?? {}) as Record<string, { buckets?: Array<{ key: string | number; doc_count: number }> }>;
    const facets = Object.fromEntries(
      Object.keys(facetFields).map((k) => [k, (aggs[k]?.buckets ?? []).map((b) => ({ value: String(b.key), count: b.doc_count }))]),
    );
    const pages = Math.ceil(total / p.pageSize);
    const link = (page: number) => {
      const q = new URLSearchParams(req.query as Record<string, string>);
      q.set('page', String(page));
      return `${req.baseUrl}${req.path}?${q}`;
    };
    res.json({
      total,
      page: p.page,
      pageSize: p.pageSize,
      pages,
      query: { text: p.q ?? null, terms, hanRuns },
      items: result.hits.hits.map((hit) => ({
        ...view(hit as Hit),
        score: hit._score ?? null,
        highlights: highlight(hit._source?.text ?? '', { terms, hanRuns }, deps.analyzer),
      })),
      facets,
      links: { next: p.page < pages && p.page * p.pageSize < 10_000 ? link(p.page + 1) : null, prev: p.page > 1 ? link(p.page - 1) : null },
    });
  });

  router.get('/v1/feedback/:id', allow('feedback:read'), async (req, res) => {
    const id = req.params.id;
    if (!/^[a-f0-9]{32}$/.test(id)) {
      throw new HttpProblem(problem(400, 'invalid-id', 'Invalid feedback id', { detail: 'a feedback id is 32 hexadecimal characters' }));
    }
    const result = await callElasticsearch(() =>
      deps.client.search<FeedbackDocument>({ index, ignore_unavailable: true, allow_no_indices: true, query: { ids: { values: [id] } }, size: 1 }),
    );
    const hit = result.hits.hits[0];
    if (!hit) throw new HttpProblem(problem(404, 'not-found', 'No such feedback', { detail: `no feedback with id ${id} has been indexed` }));
    res.json(view(hit as Hit));
  });

  return describedRouter(router, feedbackReadOperations);
}
