// Complaint history for the alert tests: 35 days of about ten complaints a day for each of
// two products, and 60 for the kettle on the last whole day (yesterday, UTC).
import type { FeedbackInput } from '../../core/feedback/feedback.schema.ts';

export const DAY = 86_400_000;
export const today = Math.floor(Date.now() / DAY) * DAY;
export const yesterday = today - DAY;

export function complaintHistory(tag: string): FeedbackInput[] {
  const items: FeedbackInput[] = [];
  for (let d = 35; d >= 1; d--) {
    const day = today - d * DAY;
    for (const [product, name] of [['kettle-k1', 'Kettle K1'], ['toaster-t2', 'Toaster T2']] as const) {
      const n = product === 'kettle-k1' && day === yesterday ? 60 : 9 + ((d * 7 + name.length) % 4);
      for (let i = 0; i < n; i++) {
        items.push({
          source: 'complaint',
          sourceId: `${tag}-${product}-${d}-${i}`,
          text: product === 'kettle-k1' ? `The kettle leaks from the base (${d}/${i})` : `The toaster burns one side (${d}/${i})`,
          product: { id: product, name },
          createdAt: new Date(day + ((i * 37) % 1440) * 60_000).toISOString(),
        });
      }
    }
  }
  return items;
}
