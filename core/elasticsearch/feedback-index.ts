// The feedback index layout: one composable template over `<prefix>-*` monthly indices,
// all behind the read alias `<prefix>`. Text is analysed by voc (see core/text) and
// indexed into whitespace fields, so no analysis plugin, script or ingest pipeline is
// needed on the cluster. Creating the template and indices is idempotent.
import type { Client } from '@elastic/elasticsearch';
import { createIndexIfMissing } from './elasticsearch.client.ts';
import { indexPattern, indexTemplateName, monthlyIndex, readAlias } from '../names.ts';

const keyword = { type: 'keyword', ignore_above: 512 } as const;
/**
 * A keyword that analytics aggregates by terms over many values (customers, issues,
 * aspects, keyphrases): its global ordinals are built when a refresh makes new documents
 * searchable, not by the first search after it. On the month being written, a refresh
 * comes every second, and a search that rebuilt the customer ids' ordinals (17,000 values
 * in a month of the benchmark) waited tens of milliseconds for it.
 */
const aggregatedKeyword = { ...keyword, eager_global_ordinals: true } as const;

export const feedbackMappings = {
  dynamic: 'strict',
  properties: {
    id: { type: 'keyword' },
    source: keyword,
    sourceId: keyword,
    channel: keyword,
    text: { type: 'text', index: false },
    title: { type: 'text', index: false },
    rating: { type: 'byte' },
    score: { type: 'byte' },
    scale: keyword,
    customer: { properties: { id: aggregatedKeyword, key: { type: 'long' }, segment: keyword, lifetimeValue: { type: 'double' } } },
    product: { properties: { id: keyword, name: keyword, version: keyword } },
    locale: keyword,
    createdAt: { type: 'date' },
    receivedAt: { type: 'date' },
    processedAt: { type: 'date' },
    tags: keyword,
    attributes: { type: 'object', enabled: false },
    language: keyword,
    sentiment: {
      properties: {
        score: { type: 'float' },
        label: keyword,
        sentences: { type: 'object', enabled: false },
      },
    },
    redactions: { properties: { email: { type: 'short' }, phone: { type: 'short' }, card: { type: 'short' }, cn_id: { type: 'short' }, ip: { type: 'short' } } },
    issues: {
      properties: {
        id: aggregatedKeyword,
        parent: keyword,
        kind: keyword,
        label: keyword,
        confidence: { type: 'float' },
        evidence: { type: 'text', index: false },
        start: { type: 'integer', index: false },
        end: { type: 'integer', index: false },
        sentiment: { properties: { score: { type: 'float' }, label: keyword } },
      },
    },
    aspects: aggregatedKeyword,
    keyphrases: aggregatedKeyword,
    prediction: { properties: { label: keyword, confidence: { type: 'float' } } },
    taxonomyVersion: keyword,
    modelVersion: keyword,
    survey: {
      properties: {
        scale: keyword,
        nps: { properties: { category: keyword, contribution: { type: 'short' } } },
        csatSatisfied: { type: 'byte' },
      },
    },
    search: {
      properties: {
        text: { type: 'text', analyzer: 'whitespace', similarity: 'BM25' },
        title: { type: 'text', analyzer: 'whitespace' },
        han: { type: 'text', analyzer: 'whitespace' },
      },
    },
    pipeline: { properties: { version: keyword, steps: keyword } },
    origin: { properties: { topic: keyword, partition: { type: 'integer' }, offset: keyword } },
  },
} as const;

/** `refreshInterval`: how often new documents become searchable (Elasticsearch's index.refresh_interval; default 1s). */
export type IndexOptions = { indexPrefix: string; shards: number; replicas: number; refreshInterval?: string };

export async function ensureFeedbackIndexTemplate(client: Client, opts: IndexOptions): Promise<void> {
  await client.indices.putIndexTemplate({
    name: indexTemplateName(opts.indexPrefix),
    index_patterns: [indexPattern(opts.indexPrefix)],
    priority: 200,
    template: {
      settings: { number_of_shards: opts.shards, number_of_replicas: opts.replicas, refresh_interval: opts.refreshInterval ?? '1s' },
      mappings: feedbackMappings as never,
      aliases: { [readAlias(opts.indexPrefix)]: {} },
    },
    _meta: { description: 'voc feedback, monthly indices', version: 1 },
  });
}

/** Creates the monthly index for `date` if missing (the template adds mappings and alias). */
export async function ensureMonthlyIndex(client: Client, opts: IndexOptions, date: Date): Promise<string> {
  const index = monthlyIndex(opts.indexPrefix, date);
  await createIndexIfMissing(client, { index });
  return index;
}

/**
 * Existing monthly indices keep the mappings they were created with; a newer voc adds
 * fields (mappings are strict, so an unmapped field would refuse every document). New
 * fields are added in place; a changed field type cannot be, and fails here, loudly.
 */
export async function updateExistingMappings(client: Client, opts: IndexOptions): Promise<void> {
  await client.indices.putMapping({
    index: indexPattern(opts.indexPrefix),
    allow_no_indices: true,
    ignore_unavailable: true,
    dynamic: feedbackMappings.dynamic,
    properties: feedbackMappings.properties as never,
  });
}

/** Existing monthly indices take a changed refresh interval too (a dynamic setting). */
export async function updateExistingSettings(client: Client, opts: IndexOptions): Promise<void> {
  await client.indices.putSettings({
    index: indexPattern(opts.indexPrefix),
    allow_no_indices: true,
    ignore_unavailable: true,
    settings: { refresh_interval: opts.refreshInterval ?? '1s' },
  });
}

/** Template plus this month's and next month's indices, so the read alias always exists. */
export async function ensureFeedbackIndices(client: Client, opts: IndexOptions, now = new Date()): Promise<string[]> {
  await ensureFeedbackIndexTemplate(client, opts);
  await updateExistingMappings(client, opts);
  await updateExistingSettings(client, opts);
  const next = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
  return [await ensureMonthlyIndex(client, opts, now), await ensureMonthlyIndex(client, opts, next)];
}
