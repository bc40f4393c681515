// A metric spec: metric + filters + optional split + time range + interval + time zone.
// This is the one question every trend view, the top issues, the CLI and (next) the alert
// rules ask of the index. `trendParamsSchema` reads it from query parameters with errors
// that name the parameter; `resolveSpec` fills the defaults.
import { z } from 'zod';
import { checkFilterValues, dimensions, filterParamsShape, type Dimension, type FilterParams } from '../query/feedback-filter.ts';
import { metricNames, type MetricName } from './metrics.ts';
import { autoInterval, bucketCount, intervals, isTimeZone, MAX_BUCKETS, parseBound, zonedToInstant, zoneOffsetMs, type Interval } from './time-buckets.ts';

export type MetricSpec = {
  metric: MetricName;
  filters: FilterParams;
  /** Series per value of a dimension: the `top` values by item count, and the rest as "other". */
  split?: { dimension: Dimension; top: number };
  /** [from, to) in epoch milliseconds. */
  from: number;
  to: number;
  interval: Interval;
  timeZone: string;
};

export const DEFAULT_DAYS = 30;
const MINUTE = 60_000;
export const MAX_SPLIT = 20;

const boundHint = 'an ISO 8601 date (2026-11-01) or date-time with offset (2026-11-01T08:00:00+08:00)';
const bound = (name: string) => z.string().refine((s) => parseBound(s, 'UTC') !== undefined, `${name} is not ${boundHint}`);

/** The parameters that say which items and which time: shared by every trends endpoint. */
export const periodParamsShape = {
  ...filterParamsShape,
  from: bound('from').optional().describe(`start of the period: ${boundHint}`),
  to: bound('to').optional().describe(`end of the period (a plain date includes that day): ${boundHint}`),
  tz: z
    .string()
    .default('UTC')
    .superRefine((tz, ctx) => {
      if (!isTimeZone(tz)) ctx.addIssue({ code: 'custom', message: `unknown time zone "${tz}"; use an IANA name such as Asia/Shanghai, America/New_York or UTC` });
    })
    .describe('IANA time zone whose days, weeks and months the period and buckets follow'),
};

export const trendParamsSchema = z
  .strictObject({
    ...periodParamsShape,
    metric: z.enum(metricNames, { error: `metric is one of ${metricNames.join(', ')}` }).default('count'),
    split: z.enum(dimensions, { error: `split is one of ${dimensions.join(', ')}` }).optional(),
    top: z.coerce.number().int().min(1).max(MAX_SPLIT, `top is at most ${MAX_SPLIT}`).default(5),
    interval: z.enum(['auto', ...intervals], { error: `interval is auto or one of ${intervals.join(', ')}` }).default('auto'),
  })
  .superRefine((p, ctx) => {
    checkFilterValues(p, ctx);
    checkPeriod(p, ctx);
    if (p.metric === 'valueShare' && !p.split) ctx.addIssue({ code: 'custom', path: ['split'], message: 'valueShare is a share of a split: give split as well' });
  });
export type TrendParams = z.infer<typeof trendParamsSchema>;

type PeriodParams = { from?: string; to?: string; tz: string };

/** Checks that from comes before to (as a superRefine; each bound's own form is checked by its field). */
export function checkPeriod(p: PeriodParams, ctx: z.RefinementCtx): void {
  if (p.from === undefined || p.to === undefined) return;
  const period = resolvePeriod(p, Date.now());
  if (period.from >= period.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'to must be later than from' });
}

/**
 * The period [from, to): a plain-date `to` includes that whole day (to=2026-11-30 ends at
 * the start of 1 December in the zone). Without `to`, the period ends at the next whole minute; without `from`,
 * it starts at the beginning of the day DEFAULT_DAYS − 1 days before its end, so that the
 * default covers 30 calendar days of the zone, today included.
 */
export function resolvePeriod(p: PeriodParams, now: number): { from: number; to: number } {
  // The next whole minute rather than this millisecond: the same question asked again
  // within the minute is the same request, which Elasticsearch's request cache can answer.
  const to = p.to === undefined ? Math.ceil(now / MINUTE) * MINUTE : /^\d{4}-\d{2}-\d{2}$/.test(p.to) ? startOfNextDay(p.to, p.tz) : parseBound(p.to, p.tz)!;
  if (p.from !== undefined) return { from: parseBound(p.from, p.tz)!, to };
  const local = new Date(to - 1 + zoneOffsetMs(to - 1, p.tz));
  const from = zonedToInstant(local.getUTCFullYear(), local.getUTCMonth() + 1, local.getUTCDate() - (DEFAULT_DAYS - 1), p.tz);
  return { from, to };
}

/** The end of a plain date's day: the start of the next local day (23 or 25 hours later across DST). */
function startOfNextDay(date: string, tz: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return zonedToInstant(y, m, d + 1, tz);
}

export class SpecError extends Error {
  override readonly name = 'SpecError';
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}

/** The spec of validated parameters, with `auto` resolved; throws SpecError when the range needs too many buckets. */
export function resolveSpec(p: TrendParams, now = Date.now()): MetricSpec {
  const { from, to } = resolvePeriod(p, now);
  const interval = p.interval === 'auto' ? autoInterval(from, to) : p.interval;
  if (bucketCount(from, to, interval) > MAX_BUCKETS) {
    throw new SpecError('interval', `${interval} buckets over this range would be more than ${MAX_BUCKETS}; choose a wider interval or a shorter range`);
  }
  return {
    metric: p.metric,
    filters: filtersOf(p),
    ...(p.split ? { split: { dimension: p.split, top: p.top } } : {}),
    from,
    to,
    interval,
    timeZone: p.tz,
  };
}

/** Just the filter parameters of a parsed parameter object. */
export function filtersOf(p: FilterParams & Record<string, unknown>): FilterParams {
  const out: FilterParams = {};
  for (const key of Object.keys(filterParamsShape) as Array<keyof FilterParams>) {
    if (p[key] !== undefined) (out as Record<string, unknown>)[key] = p[key];
  }
  return out;
}

/** The period of equal length right before the spec's, for comparisons. */
export function previousPeriod(spec: MetricSpec): MetricSpec {
  const length = spec.to - spec.from;
  return { ...spec, from: spec.from - length, to: spec.from };
}
