// What every analytics query needs: the Elasticsearch client, the read alias over the
// monthly feedback indices, the analyzer the processor indexed text with, and the issues
// of the active taxonomy (their kinds and labels; cached by the caller).
import type { Client } from '@elastic/elasticsearch';
import type { IssueInfo } from '../core/feedback/insight.types.ts';
import type { TextAnalyzer } from '../core/text/text-analyzer.ts';

export type AnalyticsDeps = { client: Client; index: string; analyzer: TextAnalyzer; issues: () => Promise<IssueInfo[]> };

/** Every search of the feedback alias tolerates a deployment with no monthly index yet. */
export const tolerant = { ignore_unavailable: true, allow_no_indices: true } as const;
