import { describe, expect, it } from 'vitest';
import { createTextAnalyzer } from '../core/text/text-analyzer.ts';
import { highlight } from './highlight.ts';
import { buildSearchRequest, searchParamsSchema } from './search-query.ts';

const analyzer = createTextAnalyzer();

describe('search parameters', () => {
  it('accept lists as commas or repeats and apply defaults', () => {
    const p = searchParamsSchema.parse({ source: 'review,survey', language: ['en', 'zh'] });
    expect(p).toMatchObject({ source: ['review', 'survey'], language: ['en', 'zh'], page: 1, pageSize: 20 });
  });

  it('refuse unknown parameters, oversized pages and windows past 10,000', () => {
    expect(searchParamsSchema.safeParse({ colour: 'red' }).success).toBe(false);
    expect(searchParamsSchema.safeParse({ pageSize: '101' }).success).toBe(false);
    expect(searchParamsSchema.safeParse({ page: '101', pageSize: '100' }).success).toBe(false);
    expect(searchParamsSchema.safeParse({ page: '100', pageSize: '100' }).success).toBe(true);
  });
});

describe('search request', () => {
  it('analyses the query like the indexer and filters every facet', () => {
    const p = searchParamsSchema.parse({ q: 'Refunds missing 充电口', segment: 'vip', from: '2026-11-01', nps: 'detractor' });
    const { terms, hanRuns, request } = buildSearchRequest(p, analyzer);
    expect(terms).toEqual(['refund', 'miss']);
    expect(hanRuns).toEqual(['充电口']);
    const json = JSON.stringify(request.query);
    expect(json).toContain('"search.han":"充电 电口"');
    expect(json).toContain('{"terms":{"customer.segment":["vip"]}}');
    expect(json).toContain('{"terms":{"survey.nps.category":["detractor"]}}');
    expect(json).toContain('"gte":"2026-11-01"');
    expect(request.sort).toEqual([{ _score: 'desc' }, { createdAt: 'desc' }]);
  });

  it('sorts newest first without a query and pages with from/size', () => {
    const { request } = buildSearchRequest(searchParamsSchema.parse({ page: '3', pageSize: '10' }), analyzer);
    expect(request.sort).toEqual([{ createdAt: 'desc' }]);
    expect([request.from, request.size]).toEqual([20, 10]);
  });
});

describe('highlight', () => {
  it('marks the customer’s own words, escaping the rest', () => {
    const [fragment] = highlight('Refunds <never> arrived; refund requested twice', { terms: ['refund'], hanRuns: [] }, analyzer);
    expect(fragment).toBe('<em>Refunds</em> &#60;never&#62; arrived; <em>refund</em> requested twice');
  });

  it('marks Chinese substrings and cuts long texts into fragments', () => {
    const text = `${'好'.repeat(100)}充电口坏了${'好'.repeat(100)}`;
    const [fragment] = highlight(text, { terms: [], hanRuns: ['充电口'] }, analyzer);
    expect(fragment).toContain('<em>充电口</em>坏了');
    expect(fragment!.startsWith('…')).toBe(true);
    expect(fragment!.endsWith('…')).toBe(true);
  });

  it('returns nothing without a query', () => {
    expect(highlight('anything', { terms: [], hanRuns: [] }, analyzer)).toEqual([]);
  });
});
