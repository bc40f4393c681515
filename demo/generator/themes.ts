// Issue themes: what a generated item talks about. Their ids end up in `truth.issues`, the
// answer key against which tagging accuracy is measured, so an id is only listed when a
// sentence about it is actually in the text. Polarity says whether a theme is a problem,
// praise or a plain question; kinds say which products it makes sense for.
import type { ProductKind, Sentiment } from './catalog.ts';
import type { Random } from './random.ts';

export const themeIds = [
  'delivery.late', 'delivery.lost', 'delivery.damaged',
  'billing.double-charge', 'billing.refund',
  'product.defect', 'product.battery', 'product.overheating', 'product.broken-part',
  'fit.size', 'packaging.poor',
  'service.rude', 'service.wait',
  'app.crash', 'app.checkout', 'account.login',
  'price.promotion',
  'food.cold', 'food.wrong-order', 'food.quality',
  'delivery.fast', 'product.praise', 'service.helpful', 'price.value', 'app.smooth', 'food.tasty', 'packaging.good',
  'inquiry.order', 'inquiry.usage', 'inquiry.account', 'inquiry.returns',
] as const;
export type ThemeId = (typeof themeIds)[number];

export type IssueTheme = { id: ThemeId; polarity: Sentiment; kinds: readonly ProductKind[]; weight: number };

const goods: readonly ProductKind[] = ['device', 'appliance', 'apparel'];
const shipped: readonly ProductKind[] = [...goods, 'food'];
const all: readonly ProductKind[] = [...shipped, 'app', 'membership'];

export const issueThemes: readonly IssueTheme[] = [
  { id: 'delivery.late', polarity: 'negative', kinds: shipped, weight: 10 },
  { id: 'delivery.lost', polarity: 'negative', kinds: goods, weight: 4 },
  { id: 'delivery.damaged', polarity: 'negative', kinds: goods, weight: 4 },
  { id: 'billing.double-charge', polarity: 'negative', kinds: all, weight: 3 },
  { id: 'billing.refund', polarity: 'negative', kinds: [...shipped, 'membership'], weight: 6 },
  { id: 'product.defect', polarity: 'negative', kinds: ['device', 'appliance'], weight: 8 },
  { id: 'product.battery', polarity: 'negative', kinds: ['device'], weight: 6 },
  { id: 'product.overheating', polarity: 'negative', kinds: ['device', 'appliance'], weight: 3 },
  { id: 'product.broken-part', polarity: 'negative', kinds: goods, weight: 5 },
  { id: 'fit.size', polarity: 'negative', kinds: ['apparel'], weight: 9 },
  { id: 'packaging.poor', polarity: 'negative', kinds: shipped, weight: 3 },
  { id: 'service.rude', polarity: 'negative', kinds: all, weight: 3 },
  { id: 'service.wait', polarity: 'negative', kinds: all, weight: 5 },
  { id: 'app.crash', polarity: 'negative', kinds: ['app', 'food'], weight: 6 },
  { id: 'app.checkout', polarity: 'negative', kinds: ['app', 'food', 'membership'], weight: 5 },
  { id: 'account.login', polarity: 'negative', kinds: ['app', 'membership'], weight: 6 },
  { id: 'price.promotion', polarity: 'negative', kinds: all, weight: 4 },
  { id: 'food.cold', polarity: 'negative', kinds: ['food'], weight: 7 },
  { id: 'food.wrong-order', polarity: 'negative', kinds: ['food'], weight: 7 },
  { id: 'food.quality', polarity: 'negative', kinds: ['food'], weight: 5 },
  { id: 'delivery.fast', polarity: 'positive', kinds: shipped, weight: 6 },
  { id: 'product.praise', polarity: 'positive', kinds: goods, weight: 10 },
  { id: 'service.helpful', polarity: 'positive', kinds: all, weight: 5 },
  { id: 'price.value', polarity: 'positive', kinds: all, weight: 4 },
  { id: 'app.smooth', polarity: 'positive', kinds: ['app', 'food'], weight: 6 },
  { id: 'food.tasty', polarity: 'positive', kinds: ['food'], weight: 10 },
  { id: 'packaging.good', polarity: 'positive', kinds: goods, weight: 2 },
  { id: 'inquiry.order', polarity: 'neutral', kinds: shipped, weight: 5 },
  { id: 'inquiry.usage', polarity: 'neutral', kinds: ['device', 'appliance'], weight: 4 },
  { id: 'inquiry.account', polarity: 'neutral', kinds: ['app', 'membership'], weight: 4 },
  { id: 'inquiry.returns', polarity: 'neutral', kinds: goods, weight: 3 },
];

/** Small gripes that a happy customer still mentions ("love it, the box was dented though"). */
export const nitThemes: readonly ThemeId[] = ['packaging.poor', 'delivery.late', 'price.promotion', 'fit.size', 'service.wait'];

export function themeFits(kind: ProductKind, id: ThemeId): boolean {
  return issueThemes.some((t) => t.id === id && t.kinds.includes(kind));
}

export function themesFor(kind: ProductKind, polarity: Sentiment): IssueTheme[] {
  return issueThemes.filter((t) => t.polarity === polarity && t.kinds.includes(kind));
}

/**
 * Whether two themes cannot be said of the same order: "arrived early" and "arrived late".
 * Product themes can: "great display, but the battery dies by lunch" is the classic review.
 */
export function contradicts(a: ThemeId, b: ThemeId): boolean {
  const group = (id: ThemeId) => id.slice(0, id.indexOf('.'));
  // A parcel that never came cannot also be praised, pinch or arrive in a flimsy box.
  const unseen = ['delivery', 'product', 'packaging', 'fit', 'food'];
  if ((a === 'delivery.lost' && unseen.includes(group(b))) || (b === 'delivery.lost' && unseen.includes(group(a)))) return true;
  return a === b || (group(a) === group(b) && group(a) !== 'product');
}

/** Up to `count` distinct themes, drawn by weight, none contradicting `avoid` or each other. */
export function pickThemes(rng: Random, kind: ProductKind, polarity: Sentiment, count: number, avoid: readonly ThemeId[] = []): ThemeId[] {
  const picked: ThemeId[] = [];
  for (let i = 0; i < count; i++) {
    const left = themesFor(kind, polarity).filter((t) => ![...picked, ...avoid].some((other) => contradicts(t.id, other)));
    if (left.length === 0) break;
    picked.push(rng.weighted(left.map((t) => [t.id, t.weight] as const)));
  }
  return picked;
}
