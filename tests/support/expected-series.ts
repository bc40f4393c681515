// What a Grafana panel should show, computed from the seeded items: the buckets of a date
// histogram, terms in Elasticsearch's order, a series per group, and the assertions that
// hold a panel's series and figures to them (tests/dashboards.int.test.ts).
import { expect } from 'vitest';

/** A time range: `from` included, `end` excluded (epoch ms). */
export type Range = { from: number; end: number };
/** One series as a panel reads it: its labels and a value per bucket start. */
export type SeriesItem = { labels: Record<string, string>; values: Map<number, number | null> };

/** The buckets a date histogram with these extended bounds has: from the one holding `from` to the one holding `end` − 1. */
export const bucketStarts = (step: number, range: Range) => {
  const first = Math.floor(range.from / step) * step;
  return Array.from({ length: Math.floor((range.end - 1) / step) - first / step + 1 }, (_, i) => first + i * step);
};
export const bucketOf = (iso: string, step: number) => Math.floor(Date.parse(iso) / step) * step;

/** Counts by key, the order Elasticsearch's terms give them: count descending, then key ascending; `size` kept. */
export function topTerms<T>(items: T[], keysOf: (x: T) => string[], size: number): Array<[string, number]> {
  const counts = new Map<string, number>();
  for (const x of items) for (const k of keysOf(x)) counts.set(k, (counts.get(k) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, size);
}

/** A series per key: the value of `figure` over the items of each bucket, every bucket of the range present. */
export function expectedSeries<T>(items: T[], timeOf: (x: T) => string, step: number, groups: Array<[Record<string, string>, (x: T) => boolean]>, figure: (set: T[]) => number | null, range: Range): SeriesItem[] {
  return groups.map(([labels, member]) => ({ labels, values: new Map(bucketStarts(step, range).map((t) => [t, figure(items.filter((x) => member(x) && bucketOf(timeOf(x), step) === t))])) }));
}

/** A series per value of the top terms, `step` apart: the items' count. */
export function countsByTerm<T>(items: T[], field: string, keysOf: (x: T) => string[], size: number, timeOf: (x: T) => string, step: number, range: Range): SeriesItem[] {
  return expectedSeries(items, timeOf, step, topTerms(items, keysOf, size).map(([k]) => [{ [field]: k }, (x: T) => keysOf(x).includes(k)] as [Record<string, string>, (x: T) => boolean]), (set) => set.length, range);
}

/** Same series (by labels), same buckets, same values; no value is NaN or null (Grafana draws neither). */
export function expectSameSeries(actual: SeriesItem[], wanted: SeriesItem[], where: string) {
  const name = (l: Record<string, string>) => JSON.stringify(Object.entries(l).sort());
  expect(actual.map((i) => name(i.labels)).sort(), `${where}: series`).toEqual(wanted.map((i) => name(i.labels)).sort());
  for (const w of wanted) {
    const a = actual.find((i) => name(i.labels) === name(w.labels))!;
    expect([...a.values.keys()], `${where} ${name(w.labels)}: buckets`).toEqual([...w.values.keys()]);
    for (const [t, v] of w.values) expectValue(a.values.get(t) ?? null, v, `${where} ${name(w.labels)} ${new Date(t).toISOString()}`);
  }
}

export function expectValue(actual: number | null, wanted: number | null, where: string) {
  if (wanted === null || Number.isNaN(wanted)) expect(actual === null || Number.isNaN(actual), `${where}: no value, got ${actual}`).toBe(true);
  // Sentiment scores are stored as 32-bit floats; everything else is exact.
  else expect(actual, where).toBeCloseTo(wanted, 4);
}
