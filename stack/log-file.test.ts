import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { describeTail, followFile, tailLines } from './log-file.ts';

const root = mkdtempSync(path.join(tmpdir(), 'voc-log-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const tmp = () => mkdtempSync(path.join(root, 'case-'));

it('returns the last lines, reading across chunk boundaries', () => {
  const file = path.join(tmp(), 'big.log');
  const lines = Array.from({ length: 20_000 }, (_, i) => `line ${i} ${'x'.repeat(20)}`);
  writeFileSync(file, lines.join('\n') + '\n');
  expect(tailLines(file, 3)).toEqual(lines.slice(-3));
  expect(tailLines(file, 5000)).toEqual(lines.slice(-5000));
});

it('copes with a missing file, no trailing newline and short files', () => {
  const dir = tmp();
  expect(tailLines(path.join(dir, 'missing.log'), 5)).toEqual([]);
  writeFileSync(path.join(dir, 'a.log'), 'one\ntwo');
  expect(tailLines(path.join(dir, 'a.log'), 5)).toEqual(['one', 'two']);
  expect(describeTail(path.join(dir, 'missing.log'))).toMatch(/empty or missing/);
  expect(describeTail(path.join(dir, 'a.log'), 1)).toBe(`last 1 lines of ${path.join(dir, 'a.log')}:\n  | two`);
});

it('follows appended text until aborted', async () => {
  const file = path.join(tmp(), 'f.log');
  writeFileSync(file, 'old\n');
  const seen: string[] = [];
  const controller = new AbortController();
  const following = followFile(file, (t) => seen.push(t), { from: 4, signal: controller.signal, intervalMs: 10 });
  appendFileSync(file, 'new\n');
  await new Promise((r) => setTimeout(r, 50));
  controller.abort();
  await following;
  expect(seen.join('')).toBe('new\n');
});
