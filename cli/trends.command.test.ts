// `voc trends` as users run it: usage errors name the option and exit with 2 before any
// server is asked; the table shows each bucket, the period, n, the previous period and
// the change. (Its figures against a real index: tests/analytics.int.test.ts.)
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { TrendResult } from '../analytics/trends.ts';
import { formatValue, renderTrend } from './trends.command.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const trends = (args: string[]) => {
  // An unreachable Elasticsearch: nothing here may get as far as asking it.
  const res = spawnSync(process.execPath, ['bin/voc.mjs', 'trends', ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, ELASTICSEARCH_URL: 'http://127.0.0.1:1' } });
  return { status: res.status, err: res.stderr, out: res.stdout };
};

describe('voc trends usage', { timeout: 30_000 }, () => {
  it.each([
    [['--metric', 'happiness'], /--metric <name>' argument 'happiness' is invalid/],
    [['--tz', 'Mars/Olympus'], /--tz: unknown time zone "Mars\/Olympus"/],
    [['--from', 'last week'], /--from: from is not an ISO 8601 date/],
    [['--filter', 'colour=red'], /--filter colour=red: unknown dimension "colour"/],
    [['--filter', 'source=fax'], /--filter source: unknown source\(s\): fax/],
    [['--interval', '5m', '--from', '2025-01-01', '--to', '2026-01-01'], /--interval: 5m buckets over this range would be more than 1000/],
    [['--metric', 'valueShare'], /--split: valueShare is a share of a split/],
  ])('%j is refused with exit code 2', (args, message) => {
    const r = trends(args);
    expect(r.status).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.out).toBe('');
  });

  it('explains every metric in its help', () => {
    const r = spawnSync(process.execPath, ['bin/voc.mjs', 'trends', '--help'], { cwd: root, encoding: 'utf8' });
    expect(r.status).toBe(0);
    for (const m of ['count', 'negativeShare', 'nps', 'valueAtRisk']) expect(r.stdout).toMatch(new RegExp(`\\n  ${m} +\\S`));
    expect(r.stdout).toContain('voc trends --metric nps --split segment');
  });
});

describe('voc trends table', () => {
  const figure = (value: number | null, n: number) => ({ value, n });
  const series = (key: string, values: Array<number | null>, other?: true) => ({
    key,
    ...(other ? { other } : {}),
    points: values.map((v, i) => ({ t: `2026-11-0${i + 1}T00:00:00+08:00`, ...figure(v, v === null ? 0 : 10) })),
    summary: figure(0.25, 40),
    previous: figure(0.2, 30),
    change: { absolute: 0.05, relative: null },
  });
  const result: TrendResult = {
    metric: 'negativeShare',
    definition: 'share of the items whose sentiment is negative, 0 to 1',
    interval: 'day',
    timeZone: 'Asia/Shanghai',
    from: '2026-11-01T00:00:00+08:00',
    to: '2026-11-03T00:00:00+08:00',
    previous: { from: '2026-10-30T00:00:00+08:00', to: '2026-11-01T00:00:00+08:00' },
    total: series('all', [0.3, null]),
    split: { dimension: 'product', series: [series('nimbus-x2', [0.5, null]), series('other', [0.1, null], true)] },
  };

  it('has a row per bucket and the period, n, previous and change, a column per series', () => {
    const text = renderTrend(result);
    expect(text).toContain('negativeShare by product, 2026-11-01T00:00:00+08:00 → 2026-11-03T00:00:00+08:00 (Asia/Shanghai)');
    const rows = text.split('\n').filter((l) => l.startsWith('│'));
    expect(rows[0]).toMatch(/│ day +│ +nimbus-x2 │ +\(other\) │ +all │/);
    expect(rows[1]).toMatch(/│ 2026-11-01 │ +50\.0% │ +10\.0% │ +30\.0% │/);
    expect(rows[2]).toMatch(/│ 2026-11-02 │ +– │ +– │ +– │/);
    expect(rows.slice(3).map((r) => r.split('│')[1]!.trim())).toEqual(['period', 'n', 'previous', 'change']);
    expect(rows.at(-1)).toContain('+5.0 pts');
  });

  it('writes figures as people read them', () => {
    expect(formatValue('count', 12345)).toBe('12,345');
    expect(formatValue('valueAtRisk', 98765.4, true)).toBe('~98,765');
    expect(formatValue('nps', -12.345)).toBe('-12.3');
    expect(formatValue('meanSentiment', null)).toBe('–');
  });
});
