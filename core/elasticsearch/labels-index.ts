// Corrections made by people: one document per (feedback id, task), the latest wins.
// Kept in their own index (`<prefix>.labels`, outside the monthly pattern) so they
// survive reprocessing and can be exported as training data for `voc train`.
import type { Client } from '@elastic/elasticsearch';
import { createRecordsIndex } from './elasticsearch.client.ts';

export type LabelTask = 'sentiment' | 'issue';
export type LabelRecord = { feedbackId: string; task: LabelTask; label: string; by?: string; note?: string; text: string; language: string; createdAt: string };

export function labelsIndex(indexPrefix: string): string {
  return `${indexPrefix}.labels`;
}

export async function ensureLabelsIndex(client: Client, indexPrefix: string): Promise<void> {
  await createRecordsIndex(client, labelsIndex(indexPrefix), {
        feedbackId: { type: 'keyword' },
        task: { type: 'keyword' },
        label: { type: 'keyword' },
        by: { type: 'keyword' },
        note: { type: 'text', index: false },
        text: { type: 'text', index: false },
        language: { type: 'keyword' },
        createdAt: { type: 'date' },
      });
}

export async function saveLabel(client: Client, indexPrefix: string, record: LabelRecord): Promise<void> {
  await client.index({ index: labelsIndex(indexPrefix), id: `${record.feedbackId}:${record.task}`, document: record, refresh: 'wait_for' });
}

/** Every stored correction of a task, oldest first, as training rows. */
export async function* exportLabels(client: Client, indexPrefix: string, task: LabelTask): AsyncGenerator<LabelRecord> {
  let searchAfter: unknown[] | undefined;
  for (;;) {
    const page = await client.search<LabelRecord>({
      index: labelsIndex(indexPrefix),
      ignore_unavailable: true,
      size: 1000,
      query: { term: { task } },
      sort: [{ createdAt: 'asc' }, { feedbackId: 'asc' }],
      ...(searchAfter ? { search_after: searchAfter as never } : {}),
    });
    for (const hit of page.hits.hits) if (hit._source) yield hit._source;
    if (page.hits.hits.length < 1000) return;
    searchAfter = page.hits.hits.at(-1)!.sort as unknown[];
  }
}
