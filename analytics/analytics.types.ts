// What every analytics query needs: the Elasticsearch client, the read alias over the
// monthly feedback indices, the analyzer the processor indexed text with, and the issues
// of the active taxonomy (their kinds and labels; cached by the caller). And the two ways
// analytics reads the index beyond a single search: several searches in one round trip,
// and the newest items matching each of several clauses (for verbatims).
import type { Client } from '@elastic/elasticsearch';
import type { estypes } from '@elastic/elasticsearch';
import { RetriableError } from '../core/errors.ts';
import { tolerant } from '../core/elasticsearch/elasticsearch.client.ts';
import type { FeedbackDocument } from '../core/feedback/feedback-document.ts';
import type { IssueInfo } from '../core/feedback/insight.types.ts';
import { filterQuery, type FilterParams } from '../core/query/feedback-filter.ts';
import type { TextAnalyzer } from '../core/text/text-analyzer.ts';

export type AnalyticsDeps = { client: Client; index: string; analyzer: TextAnalyzer; issues: () => Promise<IssueInfo[]> };

// Every search of the feedback alias tolerates a deployment with no monthly index yet.
export { tolerant };

/**
 * Runs the searches in one msearch, answering each in place; an absent search (a question
 * that does not arise) is not sent and gets no answer. A failed search fails the whole,
 * retriable when Elasticsearch was overloaded or down.
 */
export async function multiSearch<T = unknown>(deps: AnalyticsDeps, bodies: ReadonlyArray<object | undefined>): Promise<Array<estypes.SearchResponse<T> | undefined>> {
  const sent = bodies.filter((b) => b !== undefined);
  if (sent.length === 0) return bodies.map(() => undefined);
  const { responses } = await deps.client.msearch<T>({ searches: sent.flatMap((body) => [{ index: deps.index, ...tolerant }, body]) as never });
  const answers = responses.map((r) => {
    if (!('error' in r)) return r as estypes.SearchResponse<T>;
    const message = `Elasticsearch refused a search (${r.status}): ${r.error.reason ?? r.error.type}`;
    throw r.status === 429 || r.status >= 500 ? new RetriableError(message) : new Error(message);
  });
  let next = 0;
  return bodies.map((b) => (b === undefined ? undefined : answers[next++]));
}

/** Searches for the newest `size` items under the filters and `within` that match each clause, one per clause (to send beside other searches). */
export function newestMatchingRequests(deps: AnalyticsDeps, filters: FilterParams, within: readonly object[], clauses: readonly object[], size: number): object[] {
  return clauses.map((clause) => ({
    size,
    query: filterQuery(filters, deps.analyzer, [...within, clause]).query,
    sort: [{ createdAt: 'desc' }],
    _source: { excludes: ['search'] },
  }));
}

/** The stored documents of a search sent by newestMatchingRequests. */
export function readDocuments(response: estypes.SearchResponse<unknown> | undefined): FeedbackDocument[] {
  return (response?.hits.hits ?? []).flatMap((h) => (h._source ? [h._source as FeedbackDocument] : []));
}

/** The newest `size` items under the filters and `within` that match each clause, one list per clause. */
export async function newestMatching(deps: AnalyticsDeps, filters: FilterParams, within: readonly object[], clauses: readonly object[], size: number): Promise<FeedbackDocument[][]> {
  const responses = await multiSearch<FeedbackDocument>(deps, newestMatchingRequests(deps, filters, within, clauses, size));
  return responses.map(readDocuments);
}
