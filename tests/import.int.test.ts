// voc import against the real stack: a CSV with a mapping and some bad rows, imported
// twice; every valid row is indexed once, every invalid row is in the reject file.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { spawnVoc } from './support/cli-process.ts';
import { indexedIds, waitFor } from './support/test-env.ts';
import { useTestRoles } from './support/test-roles.ts';


const ctx = useTestRoles(['processor']);

describe('voc import', () => {
  it('imports a mapped CSV, rejects bad rows with reasons, and a re-run adds nothing', async () => {
    const t = ctx.t;
    const dir = mkdtempSync(join(tmpdir(), 'voc-import-'));
    const file = join(dir, 'reviews.csv');
    const rows = ['Review Id,Review Text,Stars,When'];
    for (let i = 0; i < 120; i++) rows.push(`r${i},"Parcel ${i} arrived late, box dented",${(i % 5) + 1},2026-11-0${(i % 9) + 1} 10:00:00 +0100`);
    rows.push('bad1,,3,2026-11-01', 'bad2,"Stars out of range",9,2026-11-01', 'bad3,"Not a date",4,someday');
    writeFileSync(file, rows.join('\n'));
    const args = ['import', file, '--source', 'review', '--map', 'sourceId="Review Id",text="Review Text",rating=Stars,createdAt=When', '--json', '--no-progress'];

    const first = spawnVoc(args, t.env);
    expect((await first.exited).code).toBe(0);
    const summary = JSON.parse(first.stdout());
    expect(summary).toMatchObject({ accepted: 120, rejected: 3 });
    const rejects = readFileSync(`${file}.rejects.jsonl`, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(rejects.map((r) => r.problems[0].path)).toEqual(['text', 'rating', 'createdAt']);

    await waitFor(async () => (await indexedIds(t)).size === 120, { timeoutMs: 20_000, what: '120 imported rows indexed' });
    const again = spawnVoc(args, t.env);
    expect((await again.exited).code).toBe(0);
    await new Promise((r) => setTimeout(r, 2500));
    const ids = await indexedIds(t);
    expect(ids.size).toBe(120);
    expect([...ids.values()].every((n) => n === 1)).toBe(true);
  });
});
