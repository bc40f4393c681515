// Feedback fixtures for tests: small, valid by default, varied by index.
import type { FeedbackInput } from '../../core/feedback/feedback.schema.ts';

const english = [
  'The delivery was late again and the box arrived damaged.',
  'Great headphones, the sound is excellent and the battery lasts for days!',
  'The app crashes every time I open the checkout page.',
  'I was charged twice for one order and still have no refund.',
];
const chinese = ['快递太慢了，包装也破了。', '耳机音质非常好，很满意！', '客服态度很差，退款一直没有到账。', '手机充电口坏了，真让人失望。'];

export function makeFeedback(i: number, overrides: Partial<FeedbackInput> = {}): FeedbackInput {
  const zh = i % 3 === 2;
  const texts = zh ? chinese : english;
  return {
    source: (['review', 'survey', 'complaint', 'support', 'social'] as const)[i % 5]!,
    sourceId: `fixture-${i}`,
    channel: zh ? 'wechat' : 'web',
    text: `${texts[i % texts.length]} (#${i})`,
    customer: { id: `c-${i % 17}`, segment: i % 10 === 0 ? 'vip' : 'standard', lifetimeValue: (i % 10) * 150 },
    product: { id: `p-${i % 4}`, name: ['Aurora Phone', 'Breeze Earbuds', 'Comet Watch', 'Drift Speaker'][i % 4]!, version: '1.0' },
    locale: zh ? 'zh-CN' : 'en-US',
    createdAt: new Date(Date.UTC(2026, 10, 1 + (i % 20), 8 + (i % 12))).toISOString(),
    ...(i % 5 === 1 ? { score: i % 11, scale: 'nps' as const } : {}),
    ...overrides,
  };
}
