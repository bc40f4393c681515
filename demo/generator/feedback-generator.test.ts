import { describe, expect, it } from 'vitest';
import { parseFeedback, scales } from '../../core/feedback/feedback.schema.ts';
import { productById } from './catalog.ts';
import { createFeedbackGenerator, timestampsFor, type GeneratedFeedback, type GeneratorOptions } from './feedback-generator.ts';
import { themeIds } from './themes.ts';

const start = new Date('2025-03-01T00:00:00Z');
const end = new Date('2025-05-01T00:00:00Z');
const base: GeneratorOptions = { seed: 7, start, end };
const HOUR = 3_600_000;

// One large batch shared by the statistical checks; generated once, about a second.
const items = createFeedbackGenerator(base).take(5_000);
const quiet = createFeedbackGenerator({ ...base, incident: null }).take(5_000);
const share = (list: GeneratedFeedback[], pred: (g: GeneratedFeedback) => boolean) => list.filter(pred).length / list.length;
const time = (g: GeneratedFeedback) => Date.parse(g.feedback.createdAt as string);

describe('createFeedbackGenerator', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    const a = createFeedbackGenerator(base);
    const b = createFeedbackGenerator(base);
    expect(a.take(300)).toEqual(b.take(300));
    expect(a.next()).toEqual(b.next());
    expect(createFeedbackGenerator({ ...base, seed: 8 }).take(50)).not.toEqual(createFeedbackGenerator(base).take(50));
  });

  it('produces items that pass parseFeedback', () => {
    const problems = items.flatMap((g) => {
      const r = parseFeedback(g.feedback);
      return r.ok ? [] : [{ feedback: g.feedback, problems: r.problems }];
    });
    expect(problems).toEqual([]);
  });

  it('take(n) spreads sorted timestamps over the whole range; next() stays in range', () => {
    const times = items.map(time);
    expect(times.every((t, i) => t >= start.getTime() && t <= end.getTime() && (i === 0 || t >= (times[i - 1] as number)))).toBe(true);
    expect((times[0] as number) - start.getTime()).toBeLessThan(12 * HOUR);
    expect(end.getTime() - (times[times.length - 1] as number)).toBeLessThan(12 * HOUR);
    const g = createFeedbackGenerator(base);
    for (let i = 0; i < 200; i++) {
      const t = time(g.next());
      expect(t).toBeGreaterThanOrEqual(start.getTime());
      expect(t).toBeLessThanOrEqual(end.getTime());
    }
  });

  it('fills every slot, and names a faulty version only in incident items', () => {
    for (const g of items) {
      expect(g.feedback.text).not.toMatch(/[{}]/);
      const faulty = productById(g.feedback.product?.id ?? '')?.faultyVersion as string;
      if (!g.truth.incident) expect(g.feedback.text).not.toContain(faulty);
      expect(g.feedback.product?.version === faulty).toBe(g.truth.incident);
    }
  });

  it('gives every item a unique sourceId of the form prefix-source-counter', () => {
    expect(new Set(items.map((g) => g.feedback.sourceId)).size).toBe(items.length);
    for (const g of items) expect(g.feedback.sourceId).toMatch(new RegExp(`^demo-${g.feedback.source}-\\d+$`));
    const run = createFeedbackGenerator({ ...base, sourceIdPrefix: 'run42' }).take(3);
    expect(run.every((g) => g.feedback.sourceId?.startsWith('run42-'))).toBe(true);
  });

  it('writes Chinese near chineseShare, with locale and product name in the same language', () => {
    expect(Math.abs(share(items, (g) => g.truth.language === 'zh') - 0.4)).toBeLessThan(0.03);
    for (const g of items) {
      const zh = g.truth.language === 'zh';
      expect(g.feedback.locale === 'zh-CN').toBe(zh);
      expect(/[\u4e00-\u9fff]/.test(g.feedback.text)).toBe(zh);
      expect(g.feedback.product?.name).toBe(productById(g.feedback.product?.id ?? '')?.name[zh ? 'zh' : 'en']);
    }
    const mostlyZh = createFeedbackGenerator({ ...base, chineseShare: 0.8 }).take(2_000);
    expect(Math.abs(share(mostlyZh, (g) => g.truth.language === 'zh') - 0.8)).toBeLessThan(0.04);
    expect(createFeedbackGenerator({ ...base, chineseShare: 0 }).take(500).every((g) => g.truth.language === 'en')).toBe(true);
  });

  it('follows a daily rhythm: Beijing evenings are far busier than Beijing nights', () => {
    const zh = timestampsFor(4_000, { ...base, chineseShare: 1, incident: null });
    const beijingHour = (d: Date) => (d.getUTCHours() + 8) % 24;
    const evening = zh.filter((d) => beijingHour(d) >= 19 && beijingHour(d) < 22).length;
    const night = zh.filter((d) => beijingHour(d) >= 2 && beijingHour(d) < 5).length;
    expect(evening).toBeGreaterThan(night * 6);
  });

  it('keeps sentiment near 35% positive, 20% neutral, 45% negative without an incident', () => {
    expect(Math.abs(share(quiet, (g) => g.truth.sentiment === 'positive') - 0.35)).toBeLessThan(0.05);
    expect(Math.abs(share(quiet, (g) => g.truth.sentiment === 'neutral') - 0.2)).toBeLessThan(0.05);
    expect(Math.abs(share(quiet, (g) => g.truth.sentiment === 'negative') - 0.45)).toBeLessThan(0.05);
    expect(quiet.some((g) => g.truth.incident)).toBe(false);
  });

  it('writes varied texts: at least 80% distinct in 5,000 items', () => {
    expect(new Set(items.map((g) => g.feedback.text)).size / items.length).toBeGreaterThanOrEqual(0.8);
  });

  it('gives survey scores that fit the scale and the sentiment, and reviews a matching rating', () => {
    const bands = { nps: { negative: [0, 6], neutral: [7, 8], positive: [9, 10] }, csat: { negative: [1, 2], neutral: [3, 3], positive: [4, 5] }, ces: { negative: [1, 3], neutral: [4, 5], positive: [6, 7] } } as const;
    const stars = { negative: [1, 2], neutral: [3, 3], positive: [4, 5] } as const;
    const surveys = items.filter((g) => g.feedback.source === 'survey');
    expect(surveys.length).toBeGreaterThan(500);
    for (const { feedback: f, truth } of surveys) {
      expect(f.scale).toBeDefined();
      const scale = f.scale as keyof typeof scales;
      const [lo, hi] = bands[scale][truth.sentiment];
      expect(f.score).toBeGreaterThanOrEqual(Math.max(lo, scales[scale][0]));
      expect(f.score).toBeLessThanOrEqual(Math.min(hi, scales[scale][1]));
    }
    expect(share(surveys, (g) => g.feedback.scale === 'nps')).toBeGreaterThan(0.5);
    const reviews = items.filter((g) => g.feedback.source === 'review');
    for (const { feedback: f, truth } of reviews) {
      const [lo, hi] = stars[truth.sentiment];
      expect(f.rating).toBeGreaterThanOrEqual(lo);
      expect(f.rating).toBeLessThanOrEqual(hi);
    }
    expect(share(reviews, (g) => g.feedback.title !== undefined)).toBeGreaterThan(0.5);
    const others = items.filter((g) => g.feedback.source !== 'review' && g.feedback.source !== 'survey');
    expect(others.every((g) => g.feedback.rating === undefined && g.feedback.score === undefined)).toBe(true);
  });

  it('labels issues with known theme ids, and every negative item has one', () => {
    for (const g of items) for (const id of g.truth.issues) expect(themeIds).toContain(id);
    expect(items.filter((g) => g.truth.sentiment === 'negative').every((g) => g.truth.issues.length > 0)).toBe(true);
    expect(new Set(items.flatMap((g) => g.truth.issues)).size).toBeGreaterThan(25);
  });

  it('skews customers: few VIPs, worth far more than the rest', () => {
    const vip = items.filter((g) => g.feedback.customer?.segment === 'vip');
    const standard = items.filter((g) => g.feedback.customer?.segment === 'standard');
    expect(vip.length / items.length).toBeGreaterThan(0.01);
    expect(vip.length / items.length).toBeLessThan(0.07);
    const mean = (l: GeneratedFeedback[]) => l.reduce((s, g) => s + (g.feedback.customer?.lifetimeValue ?? 0), 0) / l.length;
    expect(mean(vip)).toBeGreaterThan(10 * mean(standard));
    // A customer id keeps its segment across items.
    const seen = new Map<string, string | undefined>();
    for (const { feedback: f } of items) {
      const id = f.customer?.id as string;
      if (seen.has(id)) expect(seen.get(id)).toBe(f.customer?.segment);
      seen.set(id, f.customer?.segment);
    }
  });

  it('puts PII-like content in about 3% of items, using only reserved fake values', () => {
    const withContact = items.filter((g) => g.truth.pii.includes('email') || g.truth.pii.includes('phone'));
    expect(withContact.length / items.length).toBeGreaterThan(0.015);
    expect(withContact.length / items.length).toBeLessThan(0.05);
    for (const g of items) {
      for (const email of g.feedback.text.match(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g) ?? []) expect(email).toMatch(/@example\.(com|org|net)$/);
    }
    const phones = withContact.filter((g) => g.truth.pii.includes('phone')).map((g) => g.feedback.text);
    expect(phones.length).toBeGreaterThan(0);
    for (const text of phones) expect(text).toMatch(/555[ -]01\d\d|7700 900\d{3}|138 ?0013 ?8000/);
  });
});

describe('incidents', () => {
  it('places a default incident in the last third of the range on a mid-range product', () => {
    const { incident } = createFeedbackGenerator(base);
    expect(incident).not.toBeNull();
    const third = (end.getTime() - start.getTime()) / 3;
    expect(incident?.start.getTime()).toBeGreaterThanOrEqual(end.getTime() - third);
    expect(incident?.end.getTime()).toBeLessThanOrEqual(end.getTime());
    expect(productById(incident?.productId ?? '')?.tier).toBe('mid');
    expect(incident?.multiplier).toBe(4);
  });

  it('concentrates mostly negative items on the faulty version inside the window, in both languages', () => {
    const inc = createFeedbackGenerator(base).incident!;
    const flagged = items.filter((g) => g.truth.incident);
    expect(flagged.length).toBeGreaterThan(30);
    for (const g of flagged) {
      expect(time(g)).toBeGreaterThanOrEqual(inc.start.getTime());
      expect(time(g)).toBeLessThan(inc.end.getTime());
      expect(g.feedback.product).toMatchObject({ id: inc.productId, version: inc.version });
      expect(g.truth.issues).toContain('product.defect');
    }
    expect(share(flagged, (g) => g.truth.sentiment === 'negative')).toBeGreaterThan(0.75);
    expect(new Set(flagged.map((g) => g.truth.language))).toEqual(new Set(['en', 'zh']));
    expect(share(flagged, (g) => /charg|充电|充不/.test(g.feedback.text))).toBeGreaterThan(0.9);

    // Items about the product per hour: about ×4 inside the window.
    const about = items.filter((g) => g.feedback.product?.id === inc.productId);
    const inside = about.filter((g) => time(g) >= inc.start.getTime() && time(g) < inc.end.getTime()).length;
    const windowHours = (inc.end.getTime() - inc.start.getTime()) / HOUR;
    const outsideRate = (about.length - inside) / ((end.getTime() - start.getTime()) / HOUR - windowHours);
    expect(inside / windowHours / outsideRate).toBeGreaterThan(2.5);
  });

  it('honours an explicit incident and its multiplier, on any kind of product', () => {
    const incident = { productId: 'quickbite-meals', start: new Date('2025-03-10T00:00:00Z'), end: new Date('2025-03-12T00:00:00Z'), multiplier: 6 };
    const g = createFeedbackGenerator({ ...base, incident, sourceIdPrefix: 'x' });
    expect(g.incident).toMatchObject({ productId: 'quickbite-meals', multiplier: 6, version: 'menu 2025.3' });
    const flagged = g.take(4_000).filter((i) => i.truth.incident);
    expect(flagged.length).toBeGreaterThan(20);
    expect(flagged.every((i) => i.feedback.product?.id === 'quickbite-meals' && i.truth.issues.includes('food.quality'))).toBe(true);
  });

  it('rejects options it cannot honour', () => {
    expect(() => createFeedbackGenerator({ start: end, end: start })).toThrow(RangeError);
    expect(() => createFeedbackGenerator({ ...base, chineseShare: 1.5 })).toThrow(RangeError);
    expect(() => createFeedbackGenerator({ ...base, incident: { productId: 'nope', start, end } })).toThrow(/unknown product/);
  });
});
