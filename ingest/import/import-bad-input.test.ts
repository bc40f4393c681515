// Generated bad files (fast-check) through the import, from the bytes on disk to what would
// be published: broken CSV quoting, rows in Latin-1 among UTF-8 ones, BOMs (UTF-8, UTF-16),
// JSON lines that are malformed, too deep, not UTF-8 or carry lone surrogates and prototype
// keys. Whatever the file, the run completes, every row is accounted for, a good row is
// imported exactly as written and a bad one is rejected with its row and field.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { feedbackId } from '../../core/feedback/feedback-id.ts';
import type { Feedback } from '../../core/feedback/feedback.schema.ts';
import { parseConstants, parseFieldMap } from './field-mapping.ts';
import { importFile, type ImportSummary } from './import-file.ts';
import type { RejectEntry } from './reject-file.ts';
import type { ImportFormat } from './record-sources.ts';

let dir: string;
let runs = 0;
const tried = { csv: 0, jsonl: 0 };
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'voc-import-bad-input-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  console.log(`bad input: voc import (files through importFile): ${tried.csv} CSV and ${tried.jsonl} JSONL files tried`);
});

async function run(content: Buffer, format: ImportFormat, map: string[]): Promise<{ summary: ImportSummary; published: Feedback[]; rejects: RejectEntry[] }> {
  const file = join(dir, `f${++runs}.${format}`);
  await writeFile(file, content);
  const published: Feedback[] = [];
  const summary = await importFile(
    { file, format, map: parseFieldMap(map), constants: parseConstants([], 'review'), rejectsPath: `${file}.rejects.jsonl`, batchSize: 7, dryRun: false },
    {
      publisher: { publish: async (items) => (published.push(...items), items.map((f) => ({ id: feedbackId(f), source: f.source, topic: 't' }))) },
      progress: { start() {}, update() {}, stop() {} },
      logger: pino({ level: 'silent' }),
    },
  );
  const text = await readFile(`${file}.rejects.jsonl`, 'utf8').catch(() => '');
  return { summary, published, rejects: text.split('\n').filter(Boolean).map((l) => JSON.parse(l)) };
}

function expectAccounted({ summary, published, rejects }: Awaited<ReturnType<typeof run>>): void {
  expect(summary.outcome, summary.message).toBe('complete');
  expect(summary.rowsRead).toBe(summary.valid + summary.rejected + summary.duplicates);
  expect(published).toHaveLength(summary.accepted);
  expect(rejects).toHaveLength(summary.rejected);
  for (const r of rejects) {
    expect(Number.isInteger(r.row) && r.row >= 1 && r.row <= summary.rowsRead, JSON.stringify(r)).toBe(true);
    expect(r.problems.length).toBeGreaterThan(0);
    for (const p of r.problems) expect(p.path.length > 0 && p.message.length > 0, JSON.stringify(p)).toBe(true);
  }
}

const cellText = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }).filter((s) => s.trim().length > 0);
const latin1Text = fc.stringMatching(/^[a-z ]{0,8}[éèüßñçøå][a-z ]{0,8}$/);
const quoted = (s: string) => `"${s.replaceAll('"', '""')}"`;

describe('voc import of CSV', () => {
  it('imports UTF-8 rows exactly and rejects rows in another encoding, naming row and column, whatever the BOM', { timeout: 30_000 }, async () => {
    const row = fc.oneof({ weight: 3, arbitrary: cellText.map((text) => ({ text, latin1: false })) }, latin1Text.map((text) => ({ text, latin1: true })));
    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 20 }), fc.constantFrom('none', 'utf-8', 'utf-16le'), async (rows, bom) => {
        tried.csv++;
        // UTF-16 is one encoding for the whole file: no Latin-1 rows in it.
        const utf16 = bom === 'utf-16le';
        const lines = rows.map(({ text, latin1 }, i) => ({ bytes: Buffer.from(`r${i},${quoted(text)}\r\n`, latin1 && !utf16 ? 'latin1' : 'utf8'), text, bad: latin1 && !utf16 }));
        const body = Buffer.concat([Buffer.from('id,Review Text\r\n'), ...lines.map((l) => l.bytes)]);
        const content = utf16 ? Buffer.from(`\uFEFF${body.toString('utf8')}`, 'utf16le') : bom === 'utf-8' ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]) : body;
        const result = await run(content, 'csv', ['text="Review Text",sourceId=id']);
        expectAccounted(result);
        expect(result.published.map((f) => f.text)).toEqual(lines.filter((l) => !l.bad).map((l) => l.text.trim()));
        expect(result.rejects.map((r) => r.row)).toEqual(lines.flatMap((l, i) => (l.bad ? [i + 1] : [])));
        for (const r of result.rejects) expect(r.problems[0]!.message).toContain('"Review Text": not UTF-8');
      }),
      // A case that failed: in UTF-16 the bytes of "∀⬀" hold a quote across two characters.
      { numRuns: 150, examples: [[[{ text: '∀⬀', latin1: false }, { text: 'ñ', latin1: true }], 'utf-16le']] },
    );
  });

  it('survives broken quoting: every row accounted for, none lost without a reason', { timeout: 30_000 }, async () => {
    const cell = fc.oneof(cellText.map(quoted), fc.stringMatching(/^[a-z"\r\n, ]{0,12}$/), fc.constantFrom('"unclosed', 'a"b', '"a""', '"a"b"', '"""', '\\"', '"\n"'));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(cell, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 15 }), async (rows) => {
        tried.csv++;
        const csv = ['id,text', ...rows.map((cells, i) => [`r${i}`, ...cells].join(','))].join('\n');
        expectAccounted(await run(Buffer.from(csv), 'csv', ['text=text,sourceId=id']));
      }),
      { numRuns: 200 },
    );
  });
});

type Line = { bytes: Buffer; text?: string; field?: string };
const good = (text: string, i: number): Line => ({ bytes: Buffer.from(JSON.stringify({ source: 'review', sourceId: `j${i}`, text })), text: text.trim() });
const jsonLine = fc.oneof(
  { weight: 4, arbitrary: cellText.map((text) => (i: number) => good(text, i)) },
  latin1Text.map((text) => (i: number) => ({ bytes: Buffer.from(JSON.stringify({ source: 'review', sourceId: `j${i}`, text }), 'latin1'), field: '(row)' })),
  fc.constantFrom('{"source":"review","text":', '{"text": broken}', '[1,2]', '"just a string"', "{'text':'x'}", '{"a":1,}').map((raw) => () => ({ bytes: Buffer.from(raw), field: '(row)' })),
  fc.integer({ min: 65, max: 100_000 }).map((depth) => (i: number) => ({ bytes: Buffer.from(`{"source":"review","sourceId":"j${i}","text":"x","attributes":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}`), field: '(row)' })),
  fc.constantFrom('\\ud800', 'a\\udfff', '\\udc00b').map((s) => (i: number) => ({ bytes: Buffer.from(`{"source":"review","sourceId":"j${i}","text":"${s}"}`), field: 'text' })),
  fc.constantFrom('__proto__', 'constructor', 'prototype').map((key) => (i: number) => ({ bytes: Buffer.from(`{"source":"review","sourceId":"j${i}","text":"x",${JSON.stringify(key)}:{"polluted":true}}`), field: key })),
  fc.constantFrom('createdAt', 'rating').map((field) => (i: number) => ({ bytes: Buffer.from(JSON.stringify({ source: 'review', sourceId: `j${i}`, text: '', [field]: field === 'createdAt' ? '0001-01-01T00:00:00Z' : 9 })), field })),
);

describe('voc import of JSON lines', () => {
  it('imports good lines exactly and rejects each bad one with its row and field', { timeout: 30_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(jsonLine, { minLength: 1, maxLength: 12 }), fc.constantFrom('none', 'utf-8', 'utf-16le'), fc.constantFrom('\n', '\r\n'), async (makers, bom, eol) => {
        tried.jsonl++;
        const utf16 = bom === 'utf-16le';
        // Latin-1 lines cannot be in a UTF-16 file: those are left out there.
        const lines: Line[] = makers.map((make, i) => make(i)).filter((l) => !(utf16 && l.field === '(row)' && !isUtf8Line(l.bytes)));
        const body = Buffer.concat(lines.flatMap((l) => [l.bytes, Buffer.from(eol)]));
        const content = utf16 ? Buffer.from(`\uFEFF${body.toString('utf8')}`, 'utf16le') : bom === 'utf-8' ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]) : body;
        const result = await run(content, 'jsonl', []);
        expectAccounted(result);
        expect(result.published.map((f) => f.text)).toEqual(lines.filter((l) => l.text !== undefined).map((l) => l.text));
        const expected = lines.flatMap((l, i) => (l.field ? [{ row: i + 1, field: l.field }] : []));
        expect(result.rejects.map((r) => r.row)).toEqual(expected.map((e) => e.row));
        result.rejects.forEach((r, k) => {
          const { field } = expected[k]!;
          expect(r.problems.some((p) => p.path === field || p.message.includes(field)), `${field} in ${JSON.stringify(r.problems)}`).toBe(true);
        });
        expect(Object.keys(Object.prototype)).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });

  it('refuses a UTF-16 big-endian file as a usage error', { timeout: 30_000 }, async () => {
    const file = join(dir, 'be.jsonl');
    await writeFile(file, Buffer.from(`\uFEFF{"source":"review","text":"x"}\n`, 'utf16le').swap16());
    await expect(run(await readFile(file), 'jsonl', [])).rejects.toThrow(/UTF-16 big-endian/);
  });
});

function isUtf8Line(bytes: Buffer): boolean {
  return Buffer.from(bytes.toString('utf8')).equals(bytes);
}
