// The requests the benchmark sends: for each analytics endpoint, a stream of URLs whose
// parameters vary the way dashboard users vary them (a week, a month or a quarter, in
// Shanghai, New York or UTC; sometimes a product, segment or language filter; splits and
// metrics of every kind). Drawn from a seeded generator, so two runs send the same mix.
import { products } from '../../demo/generator/catalog.ts';
import { createRandom, type Random } from '../../demo/generator/random.ts';

export const endpointNames = ['trends', 'issuesTop', 'drivers', 'emergingThemes', 'customer', 'segmentsCompare'] as const;
export type EndpointName = (typeof endpointNames)[number];

export const endpointPaths: Record<EndpointName, string> = {
  trends: 'GET /v1/trends',
  issuesTop: 'GET /v1/issues/top',
  drivers: 'GET /v1/drivers',
  emergingThemes: 'GET /v1/themes/emerging',
  customer: 'GET /v1/customers/:id',
  segmentsCompare: 'GET /v1/segments/compare',
};

const zones = ['Asia/Shanghai', 'America/New_York', 'UTC'] as const;
const periods = [7, 30, 90] as const;
const metrics = ['count', 'customers', 'negativeShare', 'meanSentiment', 'nps', 'csat', 'valueAtRisk'] as const;
const splits = [undefined, 'product', 'issue', 'segment'] as const;
const segmentValues = ['vip', 'premium', 'standard', 'new'] as const;

/** The calendar date of `now` in `tz`, as YYYY-MM-DD. */
function dateIn(now: number, tz: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

function minusDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d - days)).toISOString().slice(0, 10);
}

/** A period of whole days ending today in the zone: to is a plain date, so that day is included. */
function period(rng: Random, now: number): Record<string, string> {
  const tz = rng.pick(zones);
  const to = dateIn(now, tz);
  return { from: minusDays(to, rng.pick(periods) - 1), to, tz };
}

/** Half the requests unfiltered, the rest by one product, segment or language. */
function filter(rng: Random): Record<string, string> {
  const roll = rng.float();
  if (roll < 0.5) return {};
  if (roll < 0.7) return { product: rng.pick(products).id };
  if (roll < 0.85) return { segment: rng.pick(segmentValues) };
  return { language: rng.pick(['en', 'zh']) };
}

const url = (path: string, params: Record<string, string>) => `${path}?${new URLSearchParams(params).toString()}`;

export type RequestMix = Record<EndpointName, () => string>;

/** `customers`: ids that exist in the index; `now` is read anew for every request. */
export function createRequestMix(opts: { seed: number; customers: readonly string[]; now?: () => number }): RequestMix {
  const rng = createRandom(opts.seed);
  const now = opts.now ?? Date.now;
  if (opts.customers.length === 0) throw new Error('the request mix needs at least one customer id');
  return {
    trends: () => {
      const split = rng.pick(splits);
      return url('/v1/trends', { metric: rng.pick(metrics), ...(split ? { split } : {}), interval: 'auto', ...period(rng, now()), ...filter(rng) });
    },
    issuesTop: () => url('/v1/issues/top', { ...period(rng, now()), ...(rng.chance(0.3) ? { rank: 'valueAtRisk' } : {}), ...filter(rng) }),
    drivers: () => url('/v1/drivers', { outcome: rng.pick(['nps', 'sentiment', 'csat']), ...period(rng, now()), ...filter(rng) }),
    emergingThemes: () => url('/v1/themes/emerging', { recentDays: '7', baselineDays: '28', tz: rng.pick(zones), ...(rng.chance(0.25) ? { language: rng.pick(['en', 'zh']) } : {}) }),
    customer: () => url(`/v1/customers/${encodeURIComponent(rng.pick(opts.customers))}`, { tz: rng.pick(zones) }),
    segmentsCompare: () => url('/v1/segments/compare', { segments: 'vip,premium,standard', ...period(rng, now()), ...(rng.chance(0.3) ? { product: rng.pick(products).id } : {}) }),
  };
}
