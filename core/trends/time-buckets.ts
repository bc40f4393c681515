// Time for trends: ranges, bucket intervals and time zones. A day or week bucket is a day
// or week of the requested time zone, so a user in Asia/Shanghai and one in
// America/New_York each see their own days; Elasticsearch's date_histogram does the
// bucketing with `time_zone`, and this module turns its keys back into local times.
// Ranges are half-open, [from, to).

export const intervals = ['5m', '15m', 'hour', 'day', 'week', 'month'] as const;
export type Interval = (typeof intervals)[number];

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Nominal length of a bucket, for choosing intervals and counting buckets. */
export const intervalMs: Record<Interval, number> = { '5m': 5 * MINUTE, '15m': 15 * MINUTE, hour: HOUR, day: DAY, week: 7 * DAY, month: 30.44 * DAY };

/** Most buckets a series may have; more is refused with a hint to choose a wider interval. */
export const MAX_BUCKETS = 1000;

/**
 * `interval=auto`: the finest interval that keeps the range within about a hundred
 * buckets (8 hours in 5-minute buckets, a day in quarter hours, 4 days in hours, 100 days
 * in days, 2 years in weeks, longer in months).
 */
export function autoInterval(fromMs: number, toMs: number): Interval {
  const span = toMs - fromMs;
  if (span <= 8 * HOUR) return '5m';
  if (span <= DAY) return '15m';
  if (span <= 4 * DAY) return 'hour';
  if (span <= 100 * DAY) return 'day';
  if (span <= 730 * DAY) return 'week';
  return 'month';
}

/** Parameters of Elasticsearch's date_histogram for an interval. Weeks start on Monday. */
export function histogramInterval(interval: Interval): { fixed_interval: '5m' | '15m' } | { calendar_interval: '1h' | '1d' | '1w' | '1M' } {
  switch (interval) {
    case '5m':
    case '15m':
      return { fixed_interval: interval };
    case 'hour':
      return { calendar_interval: '1h' };
    case 'day':
      return { calendar_interval: '1d' };
    case 'week':
      return { calendar_interval: '1w' };
    case 'month':
      return { calendar_interval: '1M' };
  }
}

export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

const offsetFormats = new Map<string, Intl.DateTimeFormat>();
const partFormats = new Map<string, Intl.DateTimeFormat>();

/** The time zone's offset from UTC at an instant, in milliseconds (Asia/Shanghai: +8 h). */
export function zoneOffsetMs(instantMs: number, tz: string): number {
  let f = offsetFormats.get(tz);
  if (!f) offsetFormats.set(tz, (f = new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: 'longOffset' })));
  const name = f.formatToParts(instantMs).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-])(\d{2}):?(\d{2})?/.exec(name);
  if (!m) return 0;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * HOUR + Number(m[3] ?? 0) * MINUTE);
}

/** The instant at which a local wall-clock time occurs in the zone (the earlier one in a DST overlap). */
export function zonedToInstant(year: number, month: number, day: number, tz: string, hour = 0, minute = 0): number {
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  let instant = wall - zoneOffsetMs(wall, tz);
  // The offset at the guess may differ from the offset at the answer across a DST change.
  const corrected = wall - zoneOffsetMs(instant, tz);
  if (corrected !== instant) instant = Math.min(corrected, instant);
  return instant;
}

/**
 * A range bound: an ISO 8601 instant with its offset, or a plain date meaning the start
 * of that day in the zone. Undefined when the text is neither.
 */
export function parseBound(text: string, tz: string): number | undefined {
  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (date) {
    const [y, m, d] = [Number(date[1]), Number(date[2]), Number(date[3])];
    const check = new Date(Date.UTC(y, m - 1, d));
    if (check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) return undefined;
    return zonedToInstant(y, m, d, tz);
  }
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(text)) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}

/** "2026-11-02T00:00:00+08:00": an instant as the zone's wall-clock time with the offset. */
export function formatInZone(instantMs: number, tz: string): string {
  let f = partFormats.get(tz);
  if (!f) {
    partFormats.set(tz, (f = new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })));
  }
  const parts = Object.fromEntries(f.formatToParts(instantMs).map((p) => [p.type, p.value]));
  const offset = zoneOffsetMs(instantMs, tz);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const hh = String(Math.floor(abs / HOUR)).padStart(2, '0');
  const mm = String(Math.floor((abs % HOUR) / MINUTE)).padStart(2, '0');
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}${offset === 0 ? 'Z' : `${sign}${hh}:${mm}`}`;
}

/** How many buckets of the interval the range needs, at most (for the MAX_BUCKETS guard). */
export function bucketCount(fromMs: number, toMs: number, interval: Interval): number {
  return Math.ceil((toMs - fromMs) / intervalMs[interval]) + 1;
}
