// `voc alerts detect` as users run it: a CSV series and a rule in, one JSON line per
// transition out; bad rules and bad series refused with exit code 2, naming the field or
// the line.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'voc-alerts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const detect = (args: string[], input?: string) => {
  const res = spawnSync(process.execPath, ['bin/voc.mjs', 'alerts', 'detect', ...args], { cwd: root, encoding: 'utf8', ...(input !== undefined ? { input } : {}) });
  return { status: res.status, err: res.stderr, lines: res.stdout.split('\n').filter(Boolean) };
};

/** Daily complaints, steady at 20 ± 2 for five weeks, then 60 on one day; timestamps as a spreadsheet writes them. */
function dailyCsv(): string {
  const rows = ['timestamp,value'];
  for (let d = 0; d < 36; d++) {
    const day = new Date(Date.UTC(2015, 1, 1 + d)).toISOString().slice(0, 10);
    rows.push(`${day} 00:00:00,${d === 33 ? 60 : 20 + ((d * 7) % 5) - 2}`);
  }
  return `${rows.join('\n')}\n`;
}

describe('voc alerts detect', { timeout: 30_000 }, () => {
  it('prints the firing and the resolution of a spike as JSON lines', () => {
    const file = join(dir, 'daily.csv');
    writeFileSync(file, dailyCsv());
    const r = detect(['--series', file, '--rule', '{"type":"spike","direction":"up"}']);
    expect(r.status, r.err).toBe(0);
    const out = r.lines.map((l) => JSON.parse(l));
    expect(out.map((t) => [t.state, t.at])).toEqual([
      ['firing', '2015-03-06T00:00:00.000Z'],
      ['resolved', '2015-03-08T00:00:00.000Z'],
    ]);
    expect(out[0]).toMatchObject({ value: 60, baseline: expect.any(Number), score: expect.any(Number), reason: expect.stringMatching(/^spike: count 60 in 1d against a usual/) });
    expect(r.err).toMatch(/36 buckets of 1d, \d+ judged, 1 fired/);
  });

  it('reads the rule from a file and the series from stdin, and prints every evaluation on request', () => {
    const ruleFile = join(dir, 'rule.json');
    writeFileSync(ruleFile, JSON.stringify({ type: 'threshold', value: 50 }));
    const r = detect(['--series', '-', '--rule', ruleFile, '--evaluations'], dailyCsv());
    expect(r.status, r.err).toBe(0);
    expect(r.lines).toHaveLength(36);
    expect(JSON.parse(r.lines[33]!)).toMatchObject({ t: '2015-03-06T00:00:00.000Z', breach: true, value: 60 });
  });

  it.each([
    [['--rule', '{"type":"spike","direction":"up"}'], /required option '--series <file>' not specified/],
    [['--series', 'x.csv', '--rule', '{"type":"spike"}'], /--rule: direction: direction is up, down or both/],
    [['--series', 'x.csv', '--rule', '{"type":'], /--rule: not valid JSON/],
    [['--series', 'x.csv', '--rule', 'missing-rule.json'], /--rule missing-rule.json: cannot read it \(ENOENT\)/],
    [['--series', 'missing.csv', '--rule', '{"type":"flatline"}'], /--series missing.csv: cannot read it \(ENOENT\)/],
  ])('%j is refused with exit code 2', (args, message) => {
    const r = detect(args);
    expect(r.status).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.lines).toEqual([]);
  });

  it('names the line of a bad row, and asks for the volume of a mean', () => {
    const bad = detect(['--series', '-', '--rule', '{"type":"flatline"}'], 'timestamp,value\n2015-02-01,3\n2015-02-02,lots\n');
    expect(bad.status).toBe(2);
    expect(bad.err).toMatch(/--series -: line 3: value "lots" is not a number/);
    const noVolume = detect(['--series', '-', '--rule', '{"type":"floor","metric":"nps"}'], 'timestamp,value\n2015-02-01,30\n2015-02-02,-5\n');
    expect(noVolume.status).toBe(2);
    expect(noVolume.err).toMatch(/metric nps needs a volume column/);
  });
});
