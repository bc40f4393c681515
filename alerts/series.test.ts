// Reading a series from CSV: timestamps as exports write them, the interval inferred,
// gaps filled by the metric's kind, and every refusal naming its line.
import { describe, expect, it } from 'vitest';
import { inferInterval, parseSeriesCsv, parseTimestamp, SeriesError } from './series.ts';

const H = 3_600_000;

describe('parseTimestamp', () => {
  it.each([
    ['2015-02-26 21:42:53', Date.UTC(2015, 1, 26, 21, 42, 53)],
    ['2015-02-26T21:42:53', Date.UTC(2015, 1, 26, 21, 42, 53)],
    ['2015-02-26T21:42:53Z', Date.UTC(2015, 1, 26, 21, 42, 53)],
    ['2015-02-26 21:42:53 -0800', Date.UTC(2015, 1, 27, 5, 42, 53)],
    ['2015-02-26T21:42:53+08:00', Date.UTC(2015, 1, 26, 13, 42, 53)],
    ['2015-02-26T21:42', Date.UTC(2015, 1, 26, 21, 42)],
    ['2015-02-26', Date.UTC(2015, 1, 26)],
    ['1424986973000', 1424986973000],
  ])('%s', (text, ms) => expect(parseTimestamp(text)).toBe(ms));

  it.each(['yesterday', '26/02/2015', '2015-02-30T00:00:00Z', ''])('refuses %j', (text) => expect(parseTimestamp(text)).toBeUndefined());
});

describe('parseSeriesCsv', () => {
  it('infers the interval from the commonest step and fills gaps: zero for counts, empty for means', () => {
    const csv = 'timestamp,value,volume\n2026-11-01T00:00:00Z,4,4\n2026-11-01T01:00:00Z,5,5\n2026-11-01T03:00:00Z,2,2\n2026-11-01T04:00:00Z,1,1\n';
    const counted = parseSeriesCsv(csv, { counted: true });
    expect(counted.interval).toBe(H);
    expect(counted.buckets.map((b) => b.value)).toEqual([4, 5, 0, 2, 1]);
    const averaged = parseSeriesCsv(csv, { counted: false });
    expect(averaged.buckets[2]).toEqual({ t: Date.UTC(2026, 10, 1, 2), value: null, volume: 0 });
  });

  it('sorts rows and reads epoch milliseconds', () => {
    const s = parseSeriesCsv(`timestamp,value\n${2 * H},3\n0,1\n${H},2\n`, { counted: true });
    expect(s.buckets.map((b) => [b.t, b.value])).toEqual([[0, 1], [H, 2], [2 * H, 3]]);
  });

  it.each([
    ['time,count\n2026-11-01,1\n2026-11-02,2\n', /line 1: the header must be "timestamp,value"/],
    ['timestamp,value\n2026-11-01,1\nlast tuesday,2\n', /line 3: timestamp "last tuesday" is neither ISO 8601/],
    ['timestamp,value\n2026-11-01,1\n2026-11-02,many\n', /line 3: value "many" is not a number/],
    ['timestamp,value\n2026-11-01,1\n2026-11-02,\n', /line 3: value is empty; a counted metric needs a number/],
    ['timestamp,value,volume\n2026-11-01,1,-2\n2026-11-02,1,3\n', /line 2: volume "-2" is not a count/],
    ['timestamp,value\n2026-11-01T00:00:00Z,1\n2026-11-01T01:00:00Z,1\n2026-11-01T02:00:00Z,1\n2026-11-01T02:30:00Z,1\n', /line 5: timestamp 2026-11-01T02:30:00.000Z is off the 1h grid/],
    ['timestamp,value\n2026-11-01,1\n2026-11-01,2\n', /line 3: timestamp 2026-11-01T00:00:00.000Z appears twice \(also on line 2\)/],
    ['timestamp,value\n2026-11-01,1\n', /at least two rows/],
    ['timestamp,value\n', /no rows/],
  ])('refuses %j', (csv, message) => {
    expect(() => parseSeriesCsv(csv, { counted: true })).toThrow(SeriesError);
    expect(() => parseSeriesCsv(csv, { counted: true })).toThrow(message);
  });

  it('infers the smallest of equally common steps', () => {
    expect(inferInterval([0, 2, 4, 5, 6, 10])).toBe(1);
  });
});
