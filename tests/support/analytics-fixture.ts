// Known feedback for the analytics tests: 12 days around the turn of October and November
// 2026, at hours that fall on either side of midnight in Asia/Shanghai (16:00 UTC) and
// America/New_York (04:00/05:00 UTC), with no item at all from 4 November 16:00 UTC to
// 6 November 05:00 UTC (an empty 5 November in both zones). Four products, three
// segments, twelve customers of known lifetime value, NPS, CSAT and CES responses and
// star ratings. Deterministic: the same items on every run.
import type { FeedbackInput } from '../../core/feedback/feedback.schema.ts';

export const customers = [
  { id: 'c-00', segment: 'vip', lifetimeValue: 8000 },
  { id: 'c-01', segment: 'vip', lifetimeValue: 5000 },
  { id: 'c-02', segment: 'premium', lifetimeValue: 1200 },
  { id: 'c-03', segment: 'premium', lifetimeValue: 900 },
  { id: 'c-04', segment: 'premium', lifetimeValue: 800 },
  ...Array.from({ length: 7 }, (_, k) => ({ id: `c-${String(k + 5).padStart(2, '0')}`, segment: 'standard', lifetimeValue: 50 + 25 * k })),
] as const;

export const products = [
  { id: 'p-alpha', name: 'Alpha Phone', version: '2.1' },
  { id: 'p-beta', name: 'Beta Buds', version: '1.4' },
  { id: 'p-gamma', name: 'Gamma Watch', version: '3.0' },
  { id: 'p-delta', name: 'Delta Speaker', version: '1.0' },
] as const;

const texts = [
  'The delivery was three days late and nobody answered my emails.',
  'The battery drains in two hours, really disappointed.',
  'Great sound quality, very happy with it!',
  'I was charged twice for one order and still have no refund.',
  'The app keeps crashing every time I open the checkout page.',
  'Delivered on Tuesday as expected.',
  'Excellent support agent, solved my problem quickly.',
  '快递太慢了，等了五天还没到，非常失望。',
  '电池不耐用，掉电特别快，很失望。',
  '音质非常好，很满意！',
  '退款到现在还没到账，客服也不回复。',
  '包装完好，物流很快，好评。',
] as const;

/** Hours (UTC) of the day's items: both sides of midnight in New York and in Shanghai. */
const hours = [1, 4.5, 5.5, 9, 13, 15.5, 16.5, 21];

const FIRST_DAY = Date.UTC(2026, 9, 27); // 27 October 2026
export const DAYS = 12;
const gap = { from: Date.UTC(2026, 10, 4, 16), to: Date.UTC(2026, 10, 6, 5) };

export function analyticsFeedback(prefix: string): FeedbackInput[] {
  const items: FeedbackInput[] = [];
  let i = 0;
  for (let day = 0; day < DAYS; day++) {
    // More on later days, so the current period differs from the previous one.
    const perDay = 14 + (day % 4) * 3 + (day >= 6 ? 8 : 0);
    for (let k = 0; k < perDay; k++, i++) {
      const at = FIRST_DAY + day * 86_400_000 + hours[k % hours.length]! * 3_600_000 + (k >> 3) * 60_000;
      if (at >= gap.from && at < gap.to) continue;
      const customer = i % 13 === 12 ? undefined : customers[(i * 7) % customers.length]!;
      const product = products[(i * 3 + day) % products.length]!;
      const text = texts[(i * 5 + day) % texts.length]!;
      const zh = /\p{Script=Han}/u.test(text);
      const survey = i % 4 === 0 ? { scale: 'nps' as const, score: (i * 7) % 11 } : i % 7 === 3 ? { scale: 'csat' as const, score: (i % 5) + 1 } : i % 9 === 5 ? { scale: 'ces' as const, score: (i % 7) + 1 } : undefined;
      items.push({
        source: survey ? 'survey' : i % 3 === 0 ? 'complaint' : 'review',
        sourceId: `${prefix}-${i}`,
        channel: zh ? 'wechat' : 'web',
        text,
        ...(survey ?? {}),
        ...(!survey && i % 3 !== 0 ? { rating: (i % 5) + 1 } : {}),
        ...(customer ? { customer: { ...customer } } : {}),
        product: { ...product },
        locale: zh ? 'zh-CN' : 'en-US',
        createdAt: new Date(at).toISOString(),
        tags: i % 5 === 0 ? ['launch'] : [],
      });
    }
  }
  // A rare issue (1 mention before, 3 now: no claim either way) and a burst (2 before, 30
  // now, all in the last two days: a significant rise).
  const extra = (text: string, day: number, hour: number, n: number) => {
    for (let k = 0; k < n; k++, i++) {
      items.push({
        source: 'complaint',
        sourceId: `${prefix}-${i}`,
        channel: 'web',
        text,
        customer: { ...customers[(k * 5) % customers.length]! },
        product: { ...products[0] },
        locale: 'en-US',
        createdAt: new Date(FIRST_DAY + day * 86_400_000 + (hour + k * 0.2) * 3_600_000).toISOString(),
      });
    }
  };
  extra('We found a cockroach in the bathroom of our room.', 2, 10, 1);
  for (const day of [7, 8, 10]) extra('We found a cockroach in the bathroom of our room.', day, 10, 1);
  extra('It stopped working after two days and will not turn on.', 1, 12, 1);
  extra('It stopped working after two days and will not turn on.', 3, 12, 1);
  extra('It stopped working after two days and will not turn on.', 10, 8, 15);
  extra('It stopped working after two days and will not turn on.', 11, 8, 15);
  return items;
}
