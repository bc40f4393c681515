import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImportUsageError } from './import-usage-error.ts';
import { detectFormat, readRows, type ImportFormat, type SourceRow } from './record-sources.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'voc-record-sources-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function rowsOf(name: string, content: string | Buffer, format: ImportFormat, onHeader?: (columns: string[]) => void): Promise<SourceRow[]> {
  const file = join(dir, name);
  await writeFile(file, content);
  const rows: SourceRow[] = [];
  for await (const row of readRows(file, format, { onHeader })) rows.push(row);
  return rows;
}

describe('detectFormat', () => {
  it('goes by the extension unless told', () => {
    expect(detectFormat('a/reviews.CSV')).toBe('csv');
    expect(detectFormat('x.jsonl')).toBe('jsonl');
    expect(detectFormat('x.ndjson')).toBe('jsonl');
    expect(detectFormat('x.txt', 'csv')).toBe('csv');
    expect(() => detectFormat('x.txt')).toThrow(ImportUsageError);
  });
});

describe('CSV rows', () => {
  it('strips a BOM, keeps quoted newlines and commas, and numbers rows and lines', async () => {
    let header: string[] = [];
    const csv = '\uFEFFid,Review Text\n1,"Two\nlines, one cell"\n\n2,"He said ""hi"""\n3,last';
    const rows = await rowsOf('bom.csv', csv, 'csv', (columns) => (header = columns));
    expect(header).toEqual(['id', 'Review Text']);
    expect(rows.map((r) => (r.ok ? [r.row, r.line, r.record] : r))).toEqual([
      [1, 2, { id: '1', 'Review Text': 'Two\nlines, one cell' }],
      [2, 5, { id: '2', 'Review Text': 'He said "hi"' }],
      [3, 6, { id: '3', 'Review Text': 'last' }],
    ]);
    expect(rows.at(-1)!.byteOffset).toBe(Buffer.byteLength(csv));
    expect(rows[0]!.byteOffset).toBeLessThan(rows[1]!.byteOffset);
  });

  it('keeps a stray quote inside an unquoted cell', async () => {
    const rows = await rowsOf('quote.csv', 'text\na 5" screen\n', 'csv');
    expect(rows).toMatchObject([{ ok: true, record: { text: 'a 5" screen' } }]);
  });

  it('turns a row with the wrong number of cells into a bad row, in its place', async () => {
    const rows = await rowsOf('count.csv', 'a,b\n1,2\n3,4,5\n6\n7,8\n', 'csv');
    expect(rows.map((r) => [r.row, r.line, r.ok])).toEqual([
      [1, 2, true],
      [2, 3, false],
      [3, 4, false],
      [4, 5, true],
    ]);
    expect(rows[1]).toMatchObject({ ok: false, message: 'the row has 3 cells but the header has 2 columns', raw: '3,4,5' });
    expect(rows[2]).toMatchObject({ ok: false, message: 'the row has 1 cells but the header has 2 columns' });
  });

  it('reports an unclosed quote as a bad row after the good ones', async () => {
    const rows = await rowsOf('unclosed.csv', 'a,b\n1,ok\n2,"never closed\n3,x\n', 'csv');
    expect(rows.map((r) => [r.row, r.ok])).toEqual([
      [1, true],
      [2, false],
    ]);
    expect(rows[1]).toMatchObject({ ok: false, line: 3, message: expect.stringMatching(/Quote Not Closed/) });
  });

  it('stops with the error thrown by onHeader', async () => {
    const file = join(dir, 'header.csv');
    await writeFile(file, 'a,b\n1,2\n');
    const read = async () => {
      for await (const _ of readRows(file, 'csv', { onHeader: () => { throw new ImportUsageError('bad header'); } }));
    };
    await expect(read()).rejects.toThrow(ImportUsageError);
  });

  it('yields nothing for an empty file', async () => {
    expect(await rowsOf('empty.csv', '', 'csv')).toEqual([]);
  });

  it('can be left early', async () => {
    const file = join(dir, 'many.csv');
    await writeFile(file, `text\n${'row\n'.repeat(100_000)}`);
    let count = 0;
    for await (const _ of readRows(file, 'csv')) if (++count === 3) break;
    expect(count).toBe(3);
  });
});

describe('JSONL rows', () => {
  it('rejects a bad line with its line number and goes on', async () => {
    const jsonl = '\uFEFF{"text":"a"}\n\n{"text": broken\n[1,2]\r\n{"text":"b"}\n';
    const rows = await rowsOf('items.jsonl', jsonl, 'jsonl');
    expect(rows.map((r) => [r.row, r.line, r.ok])).toEqual([
      [1, 1, true],
      [2, 3, false],
      [3, 4, false],
      [4, 5, true],
    ]);
    expect(rows[0]).toMatchObject({ record: { text: 'a' } });
    expect(rows[1]).toMatchObject({ message: expect.stringMatching(/^not valid JSON/), raw: '{"text": broken' });
    expect(rows[2]).toMatchObject({ message: 'expected a JSON object, got an array' });
    expect(rows[3]).toMatchObject({ record: { text: 'b' } });
  });
});
