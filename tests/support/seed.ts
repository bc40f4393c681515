// Seeding through the real path: POST /v1/feedback in batches, then wait until every
// accepted id is indexed, and read the stored documents back as the processor wrote them.
import type { FeedbackDocument } from '../../core/feedback/feedback-document.ts';
import type { FeedbackInput } from '../../core/feedback/feedback.schema.ts';
import { createElasticsearchClient } from '../../core/elasticsearch/elasticsearch.client.ts';
import { readAlias } from '../../core/names.ts';
import { indexedIds, postJson, waitFor, type TestEnv } from './test-env.ts';

export async function seedThroughPipeline(t: TestEnv, apiUrl: string, items: readonly FeedbackInput[]): Promise<FeedbackDocument[]> {
  const ids: string[] = [];
  for (let i = 0; i < items.length; i += 200) {
    const r = await postJson(`${apiUrl}/v1/feedback`, items.slice(i, i + 200));
    if (r.status !== 202) throw new Error(`seeding refused (${r.status}): ${JSON.stringify(r.body).slice(0, 500)}`);
    ids.push(...(r.body.ids as string[]));
  }
  const wanted = [...new Set(ids)];
  await waitFor(
    async () => {
      const indexed = await indexedIds(t);
      return wanted.every((id) => indexed.has(id));
    },
    { timeoutMs: 60_000, intervalMs: 300, what: `${wanted.length} seeded items indexed` },
  );
  const es = createElasticsearchClient(t.config.elasticsearch);
  try {
    const docs: FeedbackDocument[] = [];
    for (let i = 0; i < wanted.length; i += 5000) {
      const chunk = wanted.slice(i, i + 5000);
      const res = await es.search<FeedbackDocument>({ index: readAlias(t.config.elasticsearch.indexPrefix), size: chunk.length, query: { ids: { values: chunk } } });
      for (const h of res.hits.hits) docs.push(h._source!);
    }
    return docs;
  } finally {
    await es.close();
  }
}
