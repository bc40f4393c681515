// The web console's pure parts: every language has every text of the English reference
// (same shape, same parameters), highlights are read as text and never as HTML, evidence
// spans cut the text where they should, the CSV export quotes and defuses cells, figures
// are written in each metric's unit, and "similar complaints" asks for the same problems.
import { describe, expect, it } from 'vitest';
import { searchCsv, toCsv } from '../console/src/csv.ts';
import { dayEnd, dayStart, formatters } from '../console/src/format.ts';
import { parseHighlighted, segments } from '../console/src/highlight.ts';
import { en } from '../console/src/i18n/en.ts';
import { zh } from '../console/src/i18n/zh.ts';
import { similarParams } from '../console/src/similar.ts';
import type { SearchItem } from '../console/src/api/types.ts';

type Shape = string | { fn: number } | { [k: string]: Shape };
function shape(v: unknown): Shape {
  if (typeof v === 'string') return 'string';
  if (typeof v === 'function') return { fn: v.length };
  return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, shape(x)]));
}

describe('console text', () => {
  it('gives Chinese every entry of the English reference, with the same parameters', () => {
    expect(shape(zh)).toEqual(shape(en));
  });

  it('has Chinese text where Chinese is shown', () => {
    expect(zh.nav.search).toBe('搜索');
    expect(zh.errors.rateLimited(5)).toContain('5');
    const untranslated = Object.entries(zh.nav).filter(([k, v]) => v === (en.nav as Record<string, string>)[k]);
    expect(untranslated).toEqual([]);
  });
});

describe('highlights', () => {
  it('reads <em> as marks and everything else as text, entities decoded once', () => {
    expect(parseHighlighted('the <em>battery</em> &amp; &lt;script&gt;x&lt;/script&gt; &amp;lt;')).toEqual([
      { text: 'the ', mark: false },
      { text: 'battery', mark: true },
      { text: ' & <script>x</script> &lt;', mark: false },
    ]);
    expect(parseHighlighted('<b>not a tag we read</b>')).toEqual([{ text: '<b>not a tag we read</b>', mark: false }]);
    expect(parseHighlighted('电池<em>掉电</em>特别快')).toEqual([
      { text: '电池', mark: false },
      { text: '掉电', mark: true },
      { text: '特别快', mark: false },
    ]);
  });

  it('cuts a text at every evidence span, overlapping spans included', () => {
    const text = 'late delivery and a broken box';
    expect(segments(text, [{ start: 0, end: 13, key: 'delivery.late' }, { start: 20, end: 30, key: 'delivery.damaged' }, { start: 5, end: 13, key: 'x' }])).toEqual([
      { text: 'late ', start: 0, keys: ['delivery.late'] },
      { text: 'delivery', start: 5, keys: ['delivery.late', 'x'] },
      { text: ' and a ', start: 13, keys: [] },
      { text: 'broken box', start: 20, keys: ['delivery.damaged'] },
    ]);
    expect(segments('abc', [{ start: 2, end: 99, key: 'k' }, { start: 5, end: 4, key: 'bad' }]).map((s) => s.text)).toEqual(['ab', 'c']);
    expect(segments('', [])).toEqual([]);
  });
});

describe('CSV export', () => {
  it('quotes separators, quotes and line breaks, and defuses formulas', () => {
    expect(toCsv([['a,b', 'say "hi"', 'two\nlines', '=HYPERLINK("x")', '-1', 42, null, ['x', 'y']]])).toBe('"a,b","say ""hi""","two\nlines","\'=HYPERLINK(""x"")",\'-1,42,,x; y\r\n');
  });

  it('writes one row per item under the header', () => {
    const item = { id: 'f1', createdAt: '2026-11-01T08:00:00Z', source: 'review', text: '电池不耐用，很失望。', language: 'zh', sentiment: { score: -0.6, label: 'negative' }, issues: [{ id: 'product_quality.battery' }], highlights: [], score: null } as unknown as SearchItem;
    const lines = searchCsv([item]).trimEnd().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]!.split(',')[0]).toBe('id');
    expect(lines[1]).toContain('product_quality.battery');
    expect(lines[1]).toContain('电池不耐用，很失望。');
  });
});

describe('figures', () => {
  const f = formatters('en', 'UTC');
  it('writes each metric in its own unit', () => {
    expect(f.metric('count', 12345)).toBe('12,345');
    expect(f.metric('negativeShare', 0.2345)).toBe('23.5%');
    expect(f.metric('meanSentiment', 0.1)).toBe('+0.10');
    expect(f.metric('nps', -12.345)).toBe('-12.3');
    expect(f.metric('nps', null)).toBe('–');
    expect(f.metricChange('negativeShare', 0.05)).toBe('+5.0 pp');
  });
  it('writes dates in the reader’s zone and language', () => {
    expect(formatters('en', 'Asia/Shanghai').date('2026-11-04T20:00:00Z')).toBe('Nov 5, 2026');
    expect(formatters('zh', 'America/New_York').date('2026-11-04T02:00:00Z')).toBe('2026年11月3日');
  });
  it('turns local dates into the instants the search takes', () => {
    expect(Date.parse(dayEnd('2026-11-07')!) - Date.parse(dayStart('2026-11-07')!)).toBe(86_400_000 - 1);
    expect(dayStart('7 Nov')).toBeUndefined();
  });
});

describe('similar complaints', () => {
  it('asks for negative feedback about the same problems, else the same key phrases, else the product', () => {
    const issues = [
      { id: 'delivery.late', kind: 'problem' },
      { id: 'praise.staff', kind: 'praise' },
    ] as never;
    expect(similarParams({ id: 'a', issues })).toEqual({ sentiment: 'negative', similar: 'a', issue: 'delivery.late' });
    expect(similarParams({ id: 'b', issues: [], keyphrases: ['charging port', 'firmware'] })).toEqual({ sentiment: 'negative', similar: 'b', keyphrase: 'charging port,firmware' });
    expect(similarParams({ id: 'c', product: { name: 'Aurora Phone' } })).toEqual({ sentiment: 'negative', similar: 'c', productName: 'Aurora Phone' });
  });
});
