// A series as the detectors take it: regular buckets of (time, value, volume), sorted,
// without gaps. Read from a plain CSV (`timestamp,value[,volume]`) for offline use, where
// the interval is inferred (the commonest step between rows) and every row must sit on
// that grid. A bucket the CSV lacks is zero for counted metrics (no row, nothing
// happened) and empty for shares and means (no responses to average).
import { parse } from 'csv-parse/sync';

export type Bucket = {
  /** Start of the bucket, epoch milliseconds. */
  t: number;
  /** The metric in the bucket; null where there is nothing to average. */
  value: number | null;
  /** Items or responses behind the value (needed by shares and means). */
  volume?: number;
};

export type Series = { interval: number; buckets: Bucket[] };

export class SeriesError extends Error {
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(line === undefined ? message : `line ${line}: ${message}`);
    this.name = 'SeriesError';
  }
}

/**
 * A timestamp as exports write them: ISO 8601 with or without an offset (none reads as
 * UTC, so `2015-02-26 21:42:53` is 21:42:53Z), or epoch milliseconds.
 */
export function parseTimestamp(text: string): number | undefined {
  const s = text.trim();
  if (/^-?\d{1,15}$/.test(s)) return Number(s);
  const m = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?))?\s*(Z|[+-]\d{2}:?\d{2})?$/i.exec(s);
  if (!m) return undefined;
  const offset = m[3] ? (m[3].toUpperCase() === 'Z' ? 'Z' : m[3].length === 5 ? `${m[3].slice(0, 3)}:${m[3].slice(3)}` : m[3]) : 'Z';
  const ms = Date.parse(`${m[1]}T${m[2] ?? '00:00'}${offset}`);
  // Date.parse rolls 2015-02-30 over into March: a date must be one of the calendar's.
  const [y, mo, d] = m[1]!.split('-').map(Number) as [number, number, number];
  const day = new Date(Date.UTC(y, mo - 1, d));
  if (day.getUTCMonth() !== mo - 1 || day.getUTCDate() !== d) return undefined;
  return Number.isNaN(ms) ? undefined : ms;
}

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/** The regular step of sorted times: the commonest difference between neighbours. */
export function inferInterval(times: readonly number[]): number {
  if (times.length < 2) throw new SeriesError('a series needs at least two rows to show its interval');
  const counts = new Map<number, number>();
  for (let i = 1; i < times.length; i++) {
    const d = times[i]! - times[i - 1]!;
    counts.set(d, (counts.get(d) ?? 0) + 1);
  }
  let best = 0;
  let bestCount = 0;
  for (const [d, c] of counts) if (c > bestCount || (c === bestCount && d < best)) [best, bestCount] = [d, c];
  return best;
}

type Row = { line: number; t: number; value: number | null; volume?: number };

/** The regular series of rows, gaps filled: 0 for counted metrics, null for averaged ones. */
export function regularise(rows: readonly Row[], opts: { counted: boolean; interval?: number }): Series {
  const sorted = [...rows].sort((a, b) => a.t - b.t);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]!.t === sorted[i - 1]!.t) throw new SeriesError(`timestamp ${new Date(sorted[i]!.t).toISOString()} appears twice (also on line ${sorted[i - 1]!.line})`, sorted[i]!.line);
  }
  const interval = opts.interval ?? inferInterval(sorted.map((r) => r.t));
  if (interval <= 0) throw new SeriesError('the interval between rows must be positive');
  const start = sorted[0]!.t;
  for (const r of sorted) {
    const off = (r.t - start) % interval;
    if (off !== 0) {
      const step = gcd(interval, Math.abs(off));
      throw new SeriesError(`timestamp ${new Date(r.t).toISOString()} is off the ${formatInterval(interval)} grid the other rows keep (by ${formatInterval(off)}); bucket the data at one interval first (or the interval may be ${formatInterval(step)})`, r.line);
    }
  }
  const byTime = new Map(sorted.map((r) => [r.t, r]));
  const buckets: Bucket[] = [];
  for (let t = start; t <= sorted.at(-1)!.t; t += interval) {
    const r = byTime.get(t);
    if (r) buckets.push({ t, value: r.value, ...(r.volume !== undefined ? { volume: r.volume } : {}) });
    else buckets.push(opts.counted ? { t, value: 0, volume: 0 } : { t, value: null, volume: 0 });
  }
  return { interval, buckets };
}

export function formatInterval(ms: number): string {
  const units: Array<[string, number]> = [['d', 86_400_000], ['h', 3_600_000], ['m', 60_000], ['s', 1000]];
  for (const [u, size] of units) if (ms % size === 0) return `${ms / size}${u}`;
  return `${ms}ms`;
}

const MAX_ROWS = 1_000_000;

/** Parses `timestamp,value[,volume]` CSV text (a header row is required). */
export function parseSeriesCsv(text: string, opts: { counted: boolean }): Series {
  let records: string[][];
  try {
    records = parse(text, { skip_empty_lines: true, trim: true, relax_column_count: false });
  } catch (error) {
    throw new SeriesError(`not valid CSV: ${(error as Error).message}`);
  }
  const header = records[0]?.map((h) => h.toLowerCase());
  if (!header || header[0] !== 'timestamp' || header[1] !== 'value' || (header.length > 2 && header[2] !== 'volume') || header.length > 3) {
    throw new SeriesError('the header must be "timestamp,value" or "timestamp,value,volume"', 1);
  }
  if (records.length - 1 > MAX_ROWS) throw new SeriesError(`at most ${MAX_ROWS.toLocaleString('en')} rows`);
  const rows: Row[] = records.slice(1).map((rec, k) => {
    const line = k + 2;
    const t = parseTimestamp(rec[0] ?? '');
    if (t === undefined) throw new SeriesError(`timestamp "${rec[0]}" is neither ISO 8601 (2015-02-26T21:42:53Z, or without offset as UTC) nor epoch milliseconds`, line);
    const rawValue = rec[1] ?? '';
    const value = rawValue === '' ? null : Number(rawValue);
    if (value !== null && !Number.isFinite(value)) throw new SeriesError(`value "${rawValue}" is not a number`, line);
    if (value === null && opts.counted) throw new SeriesError('value is empty; a counted metric needs a number (0 when nothing happened)', line);
    let volume: number | undefined;
    if (header.length === 3) {
      volume = Number(rec[2]);
      if (rec[2] === '' || !Number.isFinite(volume) || volume < 0) throw new SeriesError(`volume "${rec[2]}" is not a count ≥ 0`, line);
    }
    return { line, t, value, ...(volume !== undefined ? { volume } : {}) };
  });
  if (rows.length === 0) throw new SeriesError('the series has a header but no rows');
  return regularise(rows, opts);
}
