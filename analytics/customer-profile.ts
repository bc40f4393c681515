// One customer's lifetime with the company, as their feedback tells it: every item in
// time order (redacted text, sentiment, issues), a monthly sentiment trajectory, their
// current segment and lifetime value, the complaints still open, and whether they are at
// risk. voc holds no case status, so "open" is read from the feedback itself: a negative
// complaint or support contact of the last 30 days that no later, non-negative feedback
// from the same customer has followed. "At risk": a high-value customer (lifetime value
// at or above the 80th percentile of the past year's feedback, or a vip segment) with
// negative feedback in the last 30 days.
import type { FeedbackDocument } from '../core/feedback/feedback-document.ts';
import { formatInZone } from '../core/trends/time-buckets.ts';
import { tolerant, type AnalyticsDeps } from './analytics.types.ts';

export const OPEN_DAYS = 30;
export const HIGH_VALUE_PERCENTILE = 80;
export const HIGH_VALUE_SEGMENTS = ['vip'];
const DAY = 86_400_000;
const PAGE = 1000;
/** A profile lists at most this many items (the newest); `total` says how many there are. */
export const MAX_ITEMS = 5000;

export type ProfileItem = Pick<FeedbackDocument, 'id' | 'createdAt' | 'source' | 'channel' | 'text' | 'title' | 'rating' | 'score' | 'scale' | 'language' | 'product'> & {
  sentiment: { score: number; label: string };
  issues: Array<{ id: string; kind: string; label: string }>;
};

export type CustomerProfile = {
  id: string;
  segment: string | null;
  lifetimeValue: number | null;
  firstSeen: string;
  lastSeen: string;
  total: number;
  bySource: Record<string, number>;
  sentiment: { meanScore: number; negative: number; neutral: number; positive: number };
  trajectory: Array<{ month: string; items: number; meanSentiment: number }>;
  openComplaints: ProfileItem[];
  atRisk: { value: boolean; reasons: string[]; highValueThreshold: number | null };
  items: ProfileItem[];
};

const view = (d: FeedbackDocument): ProfileItem => ({
  id: d.id,
  createdAt: d.createdAt,
  source: d.source,
  ...(d.channel ? { channel: d.channel } : {}),
  text: d.text,
  ...(d.title ? { title: d.title } : {}),
  ...(d.rating !== undefined ? { rating: d.rating } : {}),
  ...(d.score !== undefined ? { score: d.score, scale: d.scale } : {}),
  language: d.language,
  ...(d.product ? { product: d.product } : {}),
  sentiment: { score: d.sentiment.score, label: d.sentiment.label },
  issues: (d.issues ?? []).map((t) => ({ id: t.id, kind: t.kind, label: t.label })),
});

/** Undefined when no feedback of that customer is indexed. */
export async function customerProfile(deps: AnalyticsDeps, id: string, opts: { timeZone: string; now?: number }): Promise<CustomerProfile | undefined> {
  const now = opts.now ?? Date.now();
  // Asked beside the customer's items rather than after them (one round trip less).
  const thresholdAnswer = highValueThreshold(deps);
  thresholdAnswer.catch(() => undefined); // awaited below; this only keeps an early failure from going unhandled
  const docs: FeedbackDocument[] = [];
  let after: unknown[] | undefined;
  let total = 0;
  // Newest first, so that the cap keeps the recent history.
  for (;;) {
    const page = await deps.client.search<FeedbackDocument>({
      index: deps.index,
      ...tolerant,
      size: PAGE,
      track_total_hits: true,
      query: { term: { 'customer.id': id } },
      sort: [{ createdAt: 'desc' }, { id: 'asc' }],
      _source: { excludes: ['search'] },
      ...(after ? { search_after: after as never } : {}),
    });
    total = typeof page.hits.total === 'number' ? page.hits.total : (page.hits.total?.value ?? 0);
    for (const h of page.hits.hits) if (h._source) docs.push(h._source);
    if (page.hits.hits.length < PAGE || docs.length >= MAX_ITEMS) break;
    after = page.hits.hits.at(-1)!.sort as unknown[];
  }
  if (docs.length === 0) return undefined;

  // Newest first, as fetched: the latest segment and value are the first found.
  const segment = docs.find((d) => d.customer?.segment)?.customer?.segment ?? null;
  const lifetimeValue = docs.find((d) => d.customer?.lifetimeValue !== undefined)?.customer?.lifetimeValue ?? null;
  docs.reverse();
  const bySource: Record<string, number> = {};
  const labels = { negative: 0, neutral: 0, positive: 0 };
  const months = new Map<string, { items: number; sum: number }>();
  for (const d of docs) {
    bySource[d.source] = (bySource[d.source] ?? 0) + 1;
    labels[d.sentiment.label]++;
    const month = formatInZone(Date.parse(d.createdAt), opts.timeZone).slice(0, 7);
    const m = months.get(month) ?? { items: 0, sum: 0 };
    m.items++;
    m.sum += d.sentiment.score;
    months.set(month, m);
  }

  const recentFrom = now - OPEN_DAYS * DAY;
  // Only what came after the customer's last non-negative feedback can still be open.
  let answered = docs.length - 1;
  while (answered >= 0 && docs[answered]!.sentiment.label === 'negative') answered--;
  const openComplaints = docs
    .slice(answered + 1)
    .filter((d) => (d.source === 'complaint' || d.source === 'support') && Date.parse(d.createdAt) >= recentFrom);
  const recentlyNegative = docs.some((d) => d.sentiment.label === 'negative' && Date.parse(d.createdAt) >= recentFrom);
  const threshold = await thresholdAnswer;
  const highValue = (lifetimeValue !== null && threshold !== null && lifetimeValue >= threshold) || (segment !== null && HIGH_VALUE_SEGMENTS.includes(segment));
  const reasons = [
    ...(highValue ? [segment !== null && HIGH_VALUE_SEGMENTS.includes(segment) ? `segment ${segment}` : `lifetime value ${lifetimeValue} ≥ ${threshold?.toFixed(0)} (top ${100 - HIGH_VALUE_PERCENTILE}%)`] : []),
    ...(recentlyNegative ? [`negative feedback in the last ${OPEN_DAYS} days`] : []),
  ];
  return {
    id,
    segment,
    lifetimeValue,
    firstSeen: docs[0]!.createdAt,
    lastSeen: docs.at(-1)!.createdAt,
    total,
    bySource,
    sentiment: { meanScore: docs.reduce((s, d) => s + d.sentiment.score, 0) / docs.length, ...labels },
    trajectory: [...months].map(([month, m]) => ({ month, items: m.items, meanSentiment: m.sum / m.items })),
    openComplaints: openComplaints.map(view),
    atRisk: { value: highValue && recentlyNegative, reasons, highValueThreshold: threshold },
    items: docs.map(view),
  };
}

async function highValueThreshold(deps: AnalyticsDeps): Promise<number | null> {
  const res = await deps.client.search({
    index: deps.index,
    ...tolerant,
    size: 0,
    // Rounded to the day, so that Elasticsearch's request cache answers it for the rest of the day.
    query: { range: { createdAt: { gte: 'now-365d/d' } } },
    aggs: { ltv: { percentiles: { field: 'customer.lifetimeValue', percents: [HIGH_VALUE_PERCENTILE] } } },
  });
  const values = (res.aggregations as unknown as { ltv: { values: Record<string, number | null> } }).ltv.values;
  return Object.values(values)[0] ?? null;
}
