// A CX lead changes the taxonomy through the API, tries it on recent feedback, saves it
// and reprocesses: stored tags change, while no document is lost or duplicated — with
// live ingestion going on at the same time.
import { describe, expect, it } from 'vitest';
import { makeFeedback } from './support/factories.ts';
import { auth, getJson, indexedIds, postJson, waitFor } from './support/test-env.ts';
import { useTestRoles } from './support/test-roles.ts';

const ctx = useTestRoles(['api', 'processor', 'scheduler'], { TAXONOMY_REFRESH_S: '1' });

async function put(url: string, body: unknown) {
  const res = await fetch(url, { method: 'PUT', headers: { 'content-type': 'application/json', ...auth() }, body: JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
}

describe('taxonomy change and reprocessing', () => {
  it('re-tags stored feedback with a new issue type without losing or duplicating documents', async () => {
    const { t } = ctx;
    const api = ctx.roles.apiUrl!;
    const mentions = Array.from({ length: 40 }, (_, i) => makeFeedback(i, { sourceId: `hover-${i}`, text: `The hoverboard wobbles badly after a week (#${i})`, locale: 'en-US' }));
    const others = Array.from({ length: 160 }, (_, i) => makeFeedback(1000 + i));
    const first = await postJson(`${api}/v1/feedback`, [...mentions, ...others]);
    expect(first.status).toBe(202);
    const ids = new Set<string>(first.body.ids);
    await waitFor(async () => (await indexedIds(t)).size === ids.size, { timeoutMs: 20_000, what: 'first batch indexed' });

    const current = await getJson(`${api}/v1/taxonomy`);
    expect(current.body.source).toBe('file');
    const taxonomy = structuredClone(current.body.taxonomy);
    taxonomy.categories[0].issues.push({ id: 'wobble', label: { en: 'Wobbling', zh: '晃动' }, patterns: { en: ['wobble*'], zh: ['晃'] } });
    const categoryId = taxonomy.categories[0].id;

    const invalid = await put(`${api}/v1/taxonomy`, { ...taxonomy, categories: [{ ...taxonomy.categories[0], issues: [{ id: 'Bad Id', patterns: {} }] }] });
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining([expect.stringContaining('categories[0].issues[0]')]));

    const preview = await postJson(`${api}/v1/taxonomy/dry-run`, { taxonomy, last: 500 });
    expect(preview.status).toBe(200);
    const wobble = preview.body.totals.find((x: { issue: string }) => x.issue === `${categoryId}.wobble`);
    expect(wobble).toMatchObject({ before: 0, after: 40, added: 40 });

    const saved = await put(`${api}/v1/taxonomy`, taxonomy);
    expect(saved.status).toBe(200);
    expect(saved.body.version).toBe(`${taxonomy.id}@${taxonomy.version + 1}`);

    const job = await postJson(`${api}/v1/reprocess`, {});
    expect(job.status).toBe(202);
    // Live ingestion continues while the job runs.
    const live = await postJson(`${api}/v1/feedback`, Array.from({ length: 50 }, (_, i) => makeFeedback(5000 + i)));
    for (const id of live.body.ids) ids.add(id);
    const done = await waitFor(async () => {
      const r = await getJson(`${api}/v1/reprocess/${encodeURIComponent(job.body.jobId)}`);
      return r.body.state === 'completed' ? r.body : r.body.state === 'failed' ? Promise.reject(new Error(r.body.failedReason)) : undefined;
    }, { timeoutMs: 60_000, intervalMs: 300, what: 'the reprocess job to complete' });
    expect(done.progress.processed).toBeGreaterThanOrEqual(200);

    await waitFor(async () => (await indexedIds(t)).size === ids.size, { timeoutMs: 20_000, what: 'live items indexed' });
    const stored = await indexedIds(t);
    expect([...stored.values()].every((n) => n === 1)).toBe(true);
    expect(new Set(stored.keys())).toEqual(ids);

    const tagged = await getJson(`${api}/v1/feedback/search?q=hoverboard&pageSize=100`);
    expect(tagged.body.total).toBe(40);
    for (const item of tagged.body.items) {
      expect(item.issues.map((i: { id: string }) => i.id)).toContain(`${categoryId}.wobble`);
      expect(item.taxonomyVersion).toBe(saved.body.version);
    }
    // Asked again after it finished (say, after a new model), it runs again instead of
    // returning the finished run; with nothing left to re-tag it ends at once.
    const again = await postJson(`${api}/v1/reprocess`, {});
    expect(again.status).toBe(202);
    expect(Date.parse(again.body.requestedAt)).toBeGreaterThan(Date.parse(job.body.requestedAt));
    const rerun = await waitFor(async () => {
      const r = await getJson(`${api}/v1/reprocess/${encodeURIComponent(again.body.jobId)}`);
      return r.body.state === 'completed' ? r.body : undefined;
    }, { timeoutMs: 30_000, intervalMs: 300, what: 'the second run to complete' });
    expect(rerun.requestedAt).toBe(again.body.requestedAt);
    expect(rerun.progress.updated ?? 0).toBe(0);
  });
});
