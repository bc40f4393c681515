// The alert rule model: what a CX lead writes, validated, with every field but `type`
// (and `direction` for a spike, `metric` where a type allows several) defaulted to a value
// chosen for real feedback streams. The same schema serves the offline detector
// (`voc alerts detect`) and, later, the rules API, so both refuse the same input with the
// same words.
import { z } from 'zod';
import { dimensions, filterParamsShape } from '../core/query/feedback-filter.ts';
import { isTimeZone } from '../core/trends/time-buckets.ts';

/** How a metric behaves under test: counted events, money, a share of responses, or a mean of responses. */
export type MetricKind = 'count' | 'amount' | 'share' | 'mean';

export const alertMetrics = ['count', 'customers', 'valueAtRisk', 'negativeShare', 'csat', 'meanSentiment', 'nps', 'ces', 'meanRating'] as const;
export type AlertMetric = (typeof alertMetrics)[number];

type MetricTraits = {
  kind: MetricKind;
  /** The value of a share that means "all" (negativeShare is 0–1, CSAT 0–100). */
  scale?: number;
  /** The smallest change worth an alert (spike and drop), in the metric's own units. */
  minDelta?: number;
  /** A floor rule's default: below this the metric is bad news on its own. */
  floor?: number;
  /** Range of one response, for the spread guard of means. */
  range?: number;
};

export const metricTraits: Record<AlertMetric, MetricTraits> = {
  count: { kind: 'count' },
  customers: { kind: 'count' },
  valueAtRisk: { kind: 'amount' },
  negativeShare: { kind: 'share', scale: 1, minDelta: 0.1 },
  csat: { kind: 'share', scale: 100, minDelta: 10, floor: 70 },
  meanSentiment: { kind: 'mean', minDelta: 0.15, floor: 0, range: 2 },
  nps: { kind: 'mean', minDelta: 10, floor: 0, range: 200 },
  ces: { kind: 'mean', minDelta: 0.5, range: 6 },
  meanRating: { kind: 'mean', minDelta: 0.4, floor: 3, range: 4 },
};

const UNITS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 };

/** "90s", "15m", "1h", "28d", "2w" → milliseconds; "0" is zero. */
export function parseDuration(text: string): number | undefined {
  if (text === '0') return 0;
  const m = /^(\d+)(s|m|h|d|w)$/.exec(text);
  return m ? Number(m[1]) * UNITS[m[2]!]! : undefined;
}

const duration = (what: string) =>
  z
    .string()
    .refine((s) => parseDuration(s) !== undefined, { error: `${what} is a duration such as "0", "15m", "1h", "28d" or "2w"` })
    .transform((s) => parseDuration(s)!);

const positive = (what: string) => z.number({ error: `${what} is a number` }).positive(`${what} is above 0`);

export const notifyChannels = ['webhook', 'slack', 'dingtalk', 'wecom'] as const;
export type NotifyChannel = (typeof notifyChannels)[number];

const notifyTarget = z
  .object({
    /** webhook: voc's JSON; slack, dingtalk, wecom: those services' incoming-webhook payloads. */
    channel: z.enum(notifyChannels, { error: `channel is one of ${notifyChannels.join(', ')}` }),
    url: z.url({ protocol: /^https?$/, error: 'url is an http(s) URL' }).max(2000),
    /** Language of the message text. */
    language: z.enum(['en', 'zh']).default('en'),
    /** Which transitions are sent. */
    on: z.array(z.enum(['firing', 'resolved'])).min(1).default(['firing', 'resolved']),
    /** Collect transitions and send one message per period of this length instead of one each (e.g. "1h"). */
    digest: duration('digest').refine((ms) => ms === 0 || ms >= 60_000, { error: 'digest is at least 1m' }).default(0),
  })
  .strict();
export type NotifyTarget = z.infer<typeof notifyTarget>;
/** A rule's `notify` (and DEFECT_NOTIFY): up to 10 targets. */
export const notifyTargets = z.array(notifyTarget).max(10);

const common = {
  id: z.string().min(1).max(100).optional(),
  name: z.string().min(1).max(200).optional(),
  /** The trends filters: which feedback the rule watches. */
  filters: z.object(filterParamsShape).partial().strict().default({}),
  /** One alert per value of this dimension (per product, version, store). */
  groupBy: z.enum(dimensions, { error: `groupBy is one of ${dimensions.join(', ')}` }).optional(),
  severity: z.enum(['critical', 'high', 'medium', 'low']).default('medium'),
  owner: z.string().min(1).max(200).optional(),
  timeZone: z.string().refine(isTimeZone, { error: 'timeZone is an IANA time zone such as Asia/Shanghai' }).default('UTC'),
  /** The span each evaluation looks at; default: one evaluation interval (six hours for emerging terms). */
  window: duration('window').optional(),
  /** How often the rule is evaluated when scheduled (offline, each row of the series is one evaluation). */
  every: duration('every')
    .refine((ms) => ms >= 60_000, { error: 'every is at least 1m' })
    .default(parseDuration('15m')!),
  /** How long the condition must hold before the alert fires. */
  for: duration('for').default(0),
  /** How long the condition must be clear before a firing alert resolves; default: two evaluation intervals. */
  clearFor: duration('clearFor').optional(),
  /** Where transitions are sent (none: recorded and logged only). */
  notify: notifyTargets.default([]),
  /** After an alert resolves, a new firing of the same group within this is recorded but not sent. */
  cooldown: duration('cooldown').default(0),
  /** While a group keeps firing, a reminder is sent every this long (0: never). */
  reAlert: duration('reAlert').default(0),
  /** History the baseline is drawn from. */
  baseline: duration('baseline').default(parseDuration('28d')!),
  /**
   * A change is called when the test's p-value is below this. Default: the window's share
   * of two years (5.7e-5 for an hour, 1.4e-3 for a day), so that a steady stream raises
   * about one false alarm in two years per series whatever the window; see effectiveAlpha.
   */
  alpha: z.number().gt(0).lt(0.5).optional(),
};

const countGuards = {
  /** Spikes up need at least this many events in the window (1 → 3 is not an incident). */
  minCount: z.number().int().min(1).default(5),
  /** And at least this multiple of the baseline. */
  minRatio: z.number().gt(1).default(1.5),
};

const volumeGuard = {
  /** Shares and means are tested only on at least this many responses in the window. */
  minVolume: z.number().int().min(1).default(30),
};

const metric = <T extends readonly [AlertMetric, ...AlertMetric[]]>(allowed: T, fallback?: T[number]) => {
  const e = z.enum(allowed, { error: `metric is one of ${allowed.join(', ')}` });
  return fallback === undefined ? e : e.default(fallback as never);
};

const floorMetrics = ['nps', 'meanSentiment', 'csat', 'meanRating'] as const;

export const ruleSchema = z.discriminatedUnion(
  'type',
  [
    z.object({ type: z.literal('threshold'), metric: metric(alertMetrics, 'count'), op: z.enum(['above', 'below']).default('above'), value: z.number({ error: 'value (the threshold) is a number' }), ...common, ...volumeGuard }).strict(),
    z.object({ type: z.literal('spike'), metric: metric(alertMetrics, 'count'), direction: z.enum(['up', 'down', 'both'], { error: 'direction is up, down or both' }), ...common, ...countGuards, ...volumeGuard, minDelta: positive('minDelta').optional() }).strict(),
    z.object({ type: z.literal('floor'), metric: metric(floorMetrics), value: z.number().optional(), ...common, ...volumeGuard }).strict(),
    z.object({ type: z.literal('drop'), metric: metric(floorMetrics), amount: positive('amount').optional(), ...common, ...volumeGuard }).strict(),
    z.object({ type: z.literal('flatline'), ...common }).strict(),
    z.object({ type: z.literal('emerging'), ...common, minCount: z.number().int().min(1).default(5), minRatio: z.number().gt(1).default(3) }).strict(),
  ],
  { error: 'type is one of threshold, spike, floor, drop, flatline, emerging' },
);

export type Rule = z.infer<typeof ruleSchema>;
export type RuleType = Rule['type'];
export const ruleTypes = ['threshold', 'spike', 'floor', 'drop', 'flatline', 'emerging'] as const satisfies readonly RuleType[];

const TWO_YEARS = 2 * 365 * 86_400_000;

/** The rule's alpha, or the window's share of two years (between 1e-6 and 0.01). */
export function effectiveAlpha(rule: Pick<Rule, 'alpha'>, windowMs: number): number {
  return rule.alpha ?? Math.min(0.01, Math.max(1e-6, windowMs / TWO_YEARS));
}

/**
 * Distinct customers (and value at risk, which counts each customer once) do not add up
 * across intervals: a customer in two of a window's intervals would count twice. A rule on
 * them looks at one interval: a longer window is refused when the rule is saved.
 */
export function windowProblem(rule: Rule): RuleProblem | undefined {
  const metric = ruleMetric(rule);
  if ((metric === 'customers' || metric === 'valueAtRisk') && rule.window !== undefined && rule.window !== rule.every) {
    return { path: 'window', message: `a ${metric} rule looks at one evaluation interval (every): summed over several, a customer in two of them would count twice; leave window out or make it equal to every` };
  }
  return undefined;
}

/** The window a rule looks at when it names none: one evaluation interval; six hours for emerging terms, whose mentions are few. */
export function defaultWindow(rule: Pick<Rule, 'type' | 'window'>, interval: number): number {
  return rule.window ?? (rule.type === 'emerging' ? Math.max(interval, 6 * 3_600_000) : interval);
}

/** The metric a rule watches (flatline and emerging count items). */
export function ruleMetric(rule: Rule): AlertMetric {
  return 'metric' in rule ? rule.metric : 'count';
}

export type RuleProblem = { path: string; message: string };

/** Validates a parsed JSON rule: the rule with its defaults, or every problem with its path. */
export function parseRule(input: unknown): { rule: Rule } | { problems: RuleProblem[] } {
  const r = ruleSchema.safeParse(input);
  if (r.success) return { rule: r.data };
  return { problems: r.error.issues.map((i) => ({ path: i.path.join('.') || '(rule)', message: i.message })) };
}

const DURATION_FIELDS = ['window', 'every', 'for', 'clearFor', 'baseline', 'cooldown', 'reAlert'] as const;

/** A rule with its defaults as people write rules: durations as text ("15m"), not milliseconds. */
export function describeRule(rule: Rule): Record<string, unknown> {
  const out: Record<string, unknown> = { ...rule };
  for (const f of DURATION_FIELDS) {
    const ms = (rule as Record<string, unknown>)[f];
    if (typeof ms === 'number') out[f] = formatDuration(ms);
  }
  return out;
}

function formatDuration(ms: number): string {
  if (ms === 0) return '0';
  for (const [u, size] of [['d', UNITS.d!], ['h', UNITS.h!], ['m', UNITS.m!], ['s', UNITS.s!]] as const) if (ms % size === 0) return `${ms / size}${u}`;
  return `${ms}ms`;
}
