// The made-up business the demo data is about: eight products of an online shop that sells
// electronics and runs a food-delivery service, its customer segments, and how each kind of
// feedback source behaves (channels, sentiment mix). Product ids are the same in both
// languages; only names and the words customers use for a product differ.
import type { Scale, Source } from '../../core/feedback/feedback.schema.ts';

export type Lang = 'en' | 'zh';
export type Sentiment = 'negative' | 'neutral' | 'positive';
export type Locale = 'en-US' | 'en-GB' | 'zh-CN';
export type ProductKind = 'device' | 'appliance' | 'apparel' | 'food' | 'app' | 'membership';
type Bilingual<T> = { en: T; zh: T };

export type Product = {
  id: string;
  kind: ProductKind;
  tier: 'budget' | 'mid' | 'premium';
  name: Bilingual<string>;
  /** How customers refer to it mid-sentence ("my watch"); singular, so verbs agree. */
  refs: Bilingual<readonly string[]>;
  parts: Bilingual<readonly string[]>;
  /** What people praise; never the battery, which is also a complaint theme. */
  features: Bilingual<readonly string[]>;
  versions: readonly string[];
  /** The version an incident on this product ships in. */
  faultyVersion: string;
  popularity: number;
  /** Typical order value in US dollars. */
  price: readonly [number, number];
  handle: Bilingual<string>;
};

const none: Bilingual<readonly string[]> = { en: [], zh: [] };

export const products: readonly Product[] = [
  {
    id: 'nimbus-x2', kind: 'device', tier: 'premium', popularity: 12, price: [499, 899],
    name: { en: 'Nimbus X2 Phone', zh: '云帆X2手机' },
    refs: { en: ['the Nimbus X2', 'my phone', 'the phone', 'my new X2'], zh: ['云帆X2', '这台手机', '手机', '新买的X2'] },
    parts: { en: ['screen', 'power button', 'camera lens', 'back glass', 'SIM tray'], zh: ['屏幕', '电源键', '摄像头', '后盖', '卡托'] },
    features: { en: ['camera', 'display', 'speaker', 'face unlock'], zh: ['拍照', '屏幕', '扬声器', '面部解锁'] },
    versions: ['4.0.3', '4.1.0', '4.1.2'], faultyVersion: '4.2.0',
    handle: { en: 'NimbusSupport', zh: '云帆手机官方' },
  },
  {
    id: 'aurora-buds', kind: 'device', tier: 'mid', popularity: 14, price: [89, 149],
    name: { en: 'Aurora Buds Pro', zh: '极光降噪耳机Pro' },
    refs: { en: ['this pair of Aurora Buds', 'my pair of earbuds', 'the pair I bought'], zh: ['极光耳机', '这副耳机', '耳机', '新耳机'] },
    parts: { en: ['charging case', 'left earbud', 'case hinge', 'ear tip'], zh: ['充电盒', '左耳', '充电盒合页', '耳塞套'] },
    features: { en: ['noise cancelling', 'sound quality', 'fit', 'call quality'], zh: ['降噪', '音质', '佩戴感', '通话质量'] },
    versions: ['1.8.0', '1.9.2'], faultyVersion: '1.9.3',
    handle: { en: 'AuroraAudio', zh: '极光音频' },
  },
  {
    id: 'pulse-watch', kind: 'device', tier: 'mid', popularity: 12, price: [149, 249],
    name: { en: 'Pulse Watch 3', zh: '脉动智能手表3' },
    refs: { en: ['the Pulse Watch', 'my watch', 'the watch', 'my Pulse 3'], zh: ['脉动手表', '这块手表', '手表', '新买的手表'] },
    parts: { en: ['strap', 'crown', 'screen', 'charging pins'], zh: ['表带', '表冠', '屏幕', '充电触点'] },
    features: { en: ['heart-rate tracking', 'display', 'sleep tracking', 'step counter'], zh: ['心率监测', '屏幕', '睡眠监测', '计步'] },
    versions: ['2.2.0', '2.2.5', '2.3.0'], faultyVersion: '2.3.1',
    handle: { en: 'PulseWearables', zh: '脉动穿戴' },
  },
  {
    id: 'brewmate-kettle', kind: 'appliance', tier: 'budget', popularity: 8, price: [39, 79],
    name: { en: 'BrewMate Smart Kettle', zh: '沸点智能恒温水壶' },
    refs: { en: ['the BrewMate kettle', 'my kettle', 'the kettle'], zh: ['恒温水壶', '这个水壶', '水壶'] },
    parts: { en: ['lid', 'handle', 'base', 'temperature dial'], zh: ['壶盖', '把手', '底座', '温控旋钮'] },
    features: { en: ['temperature control', 'design', 'boil speed'], zh: ['控温', '外观', '烧水速度'] },
    versions: ['1.0.3', '1.1.0'], faultyVersion: '1.2.0',
    handle: { en: 'BrewMateHome', zh: '沸点家电' },
  },
  {
    id: 'trailrunner-shoes', kind: 'apparel', tier: 'mid', popularity: 10, price: [79, 139],
    name: { en: 'TrailRunner GTX Shoes', zh: '山径越野跑鞋' },
    refs: { en: ['the TrailRunner GTX', 'my new pair', 'this pair', 'the pair I got'], zh: ['山径跑鞋', '这双鞋', '鞋子', '新买的跑鞋'] },
    parts: { en: ['sole', 'heel', 'stitching', 'insole', 'toe cap'], zh: ['鞋底', '鞋跟', '缝线', '鞋垫', '鞋头'] },
    features: { en: ['grip', 'cushioning', 'look', 'weight'], zh: ['抓地力', '缓震', '颜值', '重量'] },
    versions: ['SS25', 'AW25'], faultyVersion: 'AW25-B',
    handle: { en: 'TrailRunnerGear', zh: '山径户外' },
  },
  {
    id: 'quickbite-meals', kind: 'food', tier: 'budget', popularity: 20, price: [12, 45],
    name: { en: 'QuickBite Delivery', zh: '快食外卖' },
    refs: { en: ['my QuickBite order', 'the food', 'my order', 'tonight\'s order'], zh: ['快食外卖', '这单外卖', '外卖', '今天的外卖'] },
    parts: none,
    features: { en: ['portion size', 'menu choice', 'delivery speed'], zh: ['分量', '菜品选择', '配送速度'] },
    versions: ['menu 2025.1', 'menu 2025.2'], faultyVersion: 'menu 2025.3',
    handle: { en: 'QuickBiteHelp', zh: '快食外卖官方' },
  },
  {
    id: 'shopeasy-app', kind: 'app', tier: 'budget', popularity: 14, price: [15, 120],
    name: { en: 'ShopEasy App', zh: '易购App' },
    refs: { en: ['the ShopEasy app', 'the app', 'your app'], zh: ['易购App', '这个App', 'App'] },
    parts: none,
    features: { en: ['search', 'tracking page', 'new design'], zh: ['搜索', '物流跟踪', '新界面'] },
    versions: ['5.3.0', '5.4.1', '5.4.2'], faultyVersion: '5.5.0',
    handle: { en: 'ShopEasy', zh: '易购官方' },
  },
  {
    id: 'plus-membership', kind: 'membership', tier: 'premium', popularity: 6, price: [9, 99],
    name: { en: 'Plus Membership', zh: 'Plus会员' },
    refs: { en: ['my Plus membership', 'the membership', 'Plus'], zh: ['Plus会员', '这个会员', '会员'] },
    parts: none,
    features: { en: ['free delivery', 'member prices', 'early access to sales'], zh: ['免运费', '会员价', '优先抢购'] },
    versions: ['monthly plan', 'annual plan'], faultyVersion: 'annual plan 2025',
    handle: { en: 'ShopEasy', zh: '易购官方' },
  },
];

export function productById(id: string): Product | undefined {
  return products.find((p) => p.id === id);
}

export type Segment = 'vip' | 'premium' | 'standard' | 'new';

/** Few VIPs worth a lot, a long tail of standard and new customers. */
export const segments: ReadonlyArray<{ segment: Segment; weight: number; lifetimeValue: readonly [number, number] }> = [
  { segment: 'vip', weight: 3, lifetimeValue: [6_000, 60_000] },
  { segment: 'premium', weight: 14, lifetimeValue: [1_500, 6_000] },
  { segment: 'standard', weight: 58, lifetimeValue: [150, 1_500] },
  { segment: 'new', weight: 25, lifetimeValue: [0, 150] },
];

/** Who writes when: utcOffset places their day; share of English speakers by locale. */
export const populations: ReadonlyArray<{ locale: Locale; lang: Lang; utcOffset: number; englishShare: number; customers: number }> = [
  { locale: 'en-US', lang: 'en', utcOffset: -5, englishShare: 0.65, customers: 6_000 },
  { locale: 'en-GB', lang: 'en', utcOffset: 0, englishShare: 0.35, customers: 3_000 },
  { locale: 'zh-CN', lang: 'zh', utcOffset: 8, englishShare: 0, customers: 8_000 },
];

type Weighted<T> = ReadonlyArray<readonly [T, number]>;

export type SourceProfile = {
  weight: number;
  /** Negative, neutral, positive: complaints are rarely happy, reviews often are. */
  sentiment: Weighted<Sentiment>;
  channels: Bilingual<Weighted<string>>;
};

// Overall mix comes out near 35% positive, 20% neutral, 45% negative (before any incident).
export const sourceProfiles: Record<Source, SourceProfile> = {
  review: {
    weight: 30,
    sentiment: [['negative', 30], ['neutral', 18], ['positive', 52]],
    channels: { en: [['web', 6], ['amazon', 4]], zh: [['tmall', 4], ['jd', 4], ['web', 1]] },
  },
  survey: {
    weight: 22,
    sentiment: [['negative', 30], ['neutral', 25], ['positive', 45]],
    channels: { en: [['email', 5], ['in-app', 3], ['sms', 2]], zh: [['in-app', 4], ['sms', 3], ['wechat', 3]] },
  },
  complaint: {
    weight: 13,
    sentiment: [['negative', 95], ['neutral', 5], ['positive', 0]],
    channels: { en: [['email', 5], ['web', 3], ['phone', 2]], zh: [['phone', 4], ['web', 3], ['email', 1], ['wechat', 2]] },
  },
  support: {
    weight: 20,
    sentiment: [['negative', 55], ['neutral', 30], ['positive', 15]],
    channels: { en: [['chat', 5], ['email', 3], ['phone', 3]], zh: [['chat', 5], ['phone', 3], ['wechat', 3]] },
  },
  social: {
    weight: 15,
    sentiment: [['negative', 43], ['neutral', 15], ['positive', 42]],
    channels: {
      en: [['twitter', 5], ['facebook', 2], ['reddit', 2], ['instagram', 1]],
      zh: [['weibo', 5], ['xiaohongshu', 3], ['wechat', 2], ['douyin', 1]],
    },
  },
};

/** Meals, the app and the membership are reviewed in app stores, not on shop pages. */
export const appReviewChannels: Bilingual<Weighted<string>> = {
  en: [['app-store', 5], ['google-play', 5]],
  zh: [['app-store', 5], ['huawei-appgallery', 3], ['xiaomi-store', 2]],
};

/** During an incident people complain loudly and publicly, and rarely wait for a survey. */
export const incidentSources: Weighted<Source> = [['complaint', 25], ['support', 25], ['social', 28], ['review', 18], ['survey', 4]];

export const surveyScales: Weighted<Scale> = [['nps', 70], ['csat', 20], ['ces', 10]];
