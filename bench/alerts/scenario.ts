// The live alert benchmark's history: six weeks of the demo's generated feedback (daily
// and weekly rhythm, quiet nights, English and Chinese, eight products), ending at the
// last whole hour, with incidents of each rule type at known times in the last two weeks:
//   spike:    a product's complaints (the generator's incident items) +3× (small) or +8×
//             (large) its usual hourly volume for 3 hours, on four products;
//   flatline: no feedback at all from the busiest channel for 3 daytime hours, twice;
//   emerging: a product melting, in English ("melts") and in Chinese ("融化"), words the
//             generator never uses, 3 (small) or 8 (large) mentions an hour for 6 hours;
//   drop:     on two days, a share of the day's NPS responses (50% small, 80% large)
//             turned into detractors (score 0–3).
import type { FeedbackInput } from '../../core/feedback/feedback.schema.ts';
import { products } from '../../demo/generator/catalog.ts';
import { createFeedbackGenerator } from '../../demo/generator/feedback-generator.ts';
import { createRandom } from '../../demo/generator/random.ts';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

export type RuleKey = 'spike' | 'flatline' | 'emerging-en' | 'emerging-zh' | 'drop';
export type LiveIncident = { rule: RuleKey; group: string | null; start: number; end: number; size: 'small' | 'large' };
export type Scenario = { items: FeedbackInput[]; incidents: LiveIncident[]; evalFrom: number; end: number };

/** The rules the benchmark saves, one per incident family (all else defaulted). */
export const benchRules: Record<RuleKey, Record<string, unknown>> = {
  spike: { type: 'spike', direction: 'up', groupBy: 'product', every: '1h', name: 'bench: complaints surge per product' },
  flatline: { type: 'flatline', groupBy: 'channel', every: '1h', name: 'bench: a channel falls silent' },
  'emerging-en': { type: 'emerging', every: '1h', filters: { q: 'melts' }, name: 'bench: melting (en)' },
  'emerging-zh': { type: 'emerging', every: '1h', filters: { q: '融化' }, name: 'bench: melting (zh)' },
  drop: { type: 'drop', metric: 'nps', every: '1d', name: 'bench: NPS drop' },
};

export function buildScenario(opts: { end: number; days: number; evalDays: number; perHour: number; seed: number; prefix: string }): Scenario {
  const start = opts.end - opts.days * DAY;
  const evalFrom = opts.end - opts.evalDays * DAY;
  const rng = createRandom(opts.seed);
  const background = createFeedbackGenerator({ seed: opts.seed, start: new Date(start), end: new Date(opts.end), incident: null, sourceIdPrefix: `${opts.prefix}-bg` })
    .take(Math.round(opts.days * 24 * opts.perHour))
    .map((g) => g.feedback);
  const incidents: LiveIncident[] = [];
  const extra: FeedbackInput[] = [];
  // Incident starts: daytime hours (UTC 08–15) of distinct days of the evaluated span.
  const days = Array.from({ length: opts.evalDays - 1 }, (_, i) => evalFrom + (i + 1) * DAY);
  const takeDay = () => days.splice(Math.floor(rng.float() * days.length), 1)[0]!;
  const daytime = (day: number) => day + (8 + Math.floor(rng.float() * 8)) * HOUR;

  const busy = [...products].sort((a, b) => b.popularity - a.popularity).slice(0, 4);
  busy.forEach((p, k) => {
    const s = daytime(takeDay());
    const size = k % 2 === 0 ? 'small' : 'large';
    const usual = background.filter((f) => f.product?.id === p.id).length / (opts.days * 24);
    const wanted = Math.max(6, Math.round(usual * (size === 'small' ? 3 : 8))) * 3;
    const gen = createFeedbackGenerator({ seed: opts.seed + 100 + k, start: new Date(s), end: new Date(s + 3 * HOUR), incident: { productId: p.id, start: new Date(s), end: new Date(s + 3 * HOUR), multiplier: 20 }, sourceIdPrefix: `${opts.prefix}-spike-${k}` });
    const got: FeedbackInput[] = [];
    for (let tries = 0; got.length < wanted && tries < wanted * 50; tries++) {
      const g = gen.next();
      if (g.truth.incident) got.push(g.feedback);
    }
    extra.push(...got);
    incidents.push({ rule: 'spike', group: p.id, start: s, end: s + 3 * HOUR, size });
  });

  const perChannel = new Map<string, number>();
  for (const f of background) if (f.channel) perChannel.set(f.channel, (perChannel.get(f.channel) ?? 0) + 1);
  const silent = [...perChannel].sort((a, b) => b[1] - a[1])[0]![0];
  const silences: Array<[number, number]> = [];
  for (let k = 0; k < 2; k++) {
    const s = daytime(takeDay());
    silences.push([s, s + 3 * HOUR]);
    incidents.push({ rule: 'flatline', group: silent, start: s, end: s + 3 * HOUR, size: k === 0 ? 'small' : 'large' });
  }

  const melt = { en: ['My {p} melts near the charger', 'The casing of my {p} melts when it gets warm', '{p} melts, this is dangerous'], zh: ['{p}的外壳融化了', '充电时{p}融化变形', '{p}居然融化了，太危险'] };
  (['en', 'zh'] as const).forEach((lang, k) => {
    const p = products[(k * 3 + 1) % products.length]!;
    const s = daytime(takeDay());
    const size = k === 0 ? 'small' : 'large';
    const perHour = size === 'small' ? 3 : 8;
    for (let h = 0; h < 6; h++) {
      for (let i = 0; i < perHour; i++) {
        const text = melt[lang][(h + i) % 3]!.replace('{p}', p.name[lang]);
        extra.push({ source: 'complaint', sourceId: `${opts.prefix}-melt-${lang}-${h}-${i}`, channel: lang === 'en' ? 'email' : 'phone', text, product: { id: p.id, name: p.name[lang] }, locale: lang === 'en' ? 'en-US' : 'zh-CN', createdAt: new Date(s + h * HOUR + i * (HOUR / perHour)).toISOString() });
      }
    }
    incidents.push({ rule: lang === 'en' ? 'emerging-en' : 'emerging-zh', group: null, start: s, end: s + 6 * HOUR, size });
  });

  const npsDays: Array<[number, number]> = [];
  for (let k = 0; k < 2; k++) {
    const d = takeDay();
    npsDays.push([d, k === 0 ? 0.5 : 0.8]);
    incidents.push({ rule: 'drop', group: null, start: d, end: d + DAY, size: k === 0 ? 'small' : 'large' });
  }

  const items = [...background, ...extra].flatMap((f) => {
    const t = Date.parse(f.createdAt!);
    if (f.channel === silent && silences.some(([a, b]) => t >= a && t < b)) return [];
    const hit = npsDays.find(([d]) => t >= d && t < d + DAY);
    if (hit && f.scale === 'nps' && rng.float() < hit[1]) return [{ ...f, score: Math.floor(rng.float() * 4) }];
    return [f];
  });
  return { items, incidents: incidents.sort((a, b) => a.start - b.start), evalFrom, end: opts.end };
}
