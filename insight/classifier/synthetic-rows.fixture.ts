// Labelled rows made up for the classifier's tests: each label has its own topic words,
// mixed with words every label uses, so a classifier that learns anything separates them.
// Seeded, so every run sees the same rows. `noise` swaps that share of labels at random.
import type { LabelledText } from './classifier.types.ts';
import { seededRandom } from './seeded-random.ts';

export const topics: Record<string, string[]> = {
  delivery: ['parcel', 'courier', 'shipping', 'arrived', 'tracking', 'package', 'delayed'],
  billing: ['invoice', 'charged', 'refund', 'payment', 'price', 'overcharged', 'receipt'],
  app: ['crash', 'login', 'screen', 'update', 'button', 'password', 'freezes'],
};
const common = ['the', 'my', 'was', 'today', 'again', 'please', 'really', 'order', 'help', 'still', 'week'];

export function syntheticRows(perLabel: number, opts: { seed?: number; noise?: number } = {}): LabelledText[] {
  const random = seededRandom(opts.seed ?? 7);
  const pick = (words: string[]) => words[Math.floor(random() * words.length)]!;
  const labels = Object.keys(topics);
  const rows: LabelledText[] = [];
  for (let i = 0; i < perLabel; i++) {
    for (const label of labels) {
      const words = [pick(common), pick(topics[label]!), pick(common), pick(topics[label]!), pick(common)];
      const noisy = random() < (opts.noise ?? 0);
      rows.push({ text: words.join(' '), label: noisy ? pick(labels) : label });
    }
  }
  return rows;
}
