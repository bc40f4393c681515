// The project's own generator of realistic bilingual customer feedback, for the demo and for
// test fixtures. Contract: every item passes parseFeedback (feedback model v1); a seed gives
// the same items on every run; timestamps follow a daily and weekly rhythm over
// [start, end]; `truth` is the answer key (sentiment, issue themes, language, incident) that
// processors are scored against. All text comes from this folder's own phrase banks.
import type { FeedbackInput, Scale, Source } from '../../core/feedback/feedback.schema.ts';
import {
  appReviewChannels, incidentSources, populations, productById, products, segments, sourceProfiles, surveyScales,
  type Lang, type Locale, type Product, type Sentiment,
} from './catalog.ts';
import { composeText, type PiiKind, type TextPlan } from './compose-text.ts';
import { incidentIssues } from './phrases.incident.ts';
import { createRandom, hashSeed, type Random } from './random.ts';
import { contradicts, nitThemes, pickThemes, themeFits, type ThemeId } from './themes.ts';
import { createTimeline, writersFor, type Timeline } from './timeline.ts';

export type GeneratorOptions = {
  /** Default 1. */
  seed?: number;
  /** Range of `createdAt`. */
  start: Date;
  end: Date;
  /** Share of items in Simplified Chinese; default 0.4. */
  chineseShare?: number;
  /** Omitted: one incident in the last third of the range on a mid-range product. null: none. */
  incident?: { productId: string; start: Date; end: Date; multiplier?: number } | null;
  /** Default 'demo'; vary it to keep sourceIds (and so feedback ids) unique across runs. */
  sourceIdPrefix?: string;
};

export type GeneratedFeedback = {
  feedback: FeedbackInput;
  truth: {
    sentiment: Sentiment;
    issues: ThemeId[];
    language: Lang;
    incident: boolean;
    /** PII-like content put into the text, for scoring redaction. */
    pii: PiiKind[];
  };
};

export type Incident = { productId: string; productName: string; version: string; start: Date; end: Date; multiplier: number };

export type FeedbackGenerator = {
  /** One item at a random moment of the range (not in time order). */
  next(): GeneratedFeedback;
  /** n items spread over the whole range, sorted by createdAt. */
  take(n: number): GeneratedFeedback[];
  readonly incident: Incident | null;
};

type Resolved = { seed: number; start: number; end: number; chineseShare: number; prefix: string; incident: Incident | null };

const HOUR = 3_600_000;
const totalPopularity = products.reduce((sum, p) => sum + p.popularity, 0);

export function createFeedbackGenerator(opts: GeneratorOptions): FeedbackGenerator {
  const o = resolve(opts);
  const rng = createRandom(hashSeed(o.seed, 'items'));
  const timeline = timelineFor(o);
  const writers = writersFor(o.chineseShare);
  const { incident } = o;
  const incidentProduct = incident ? productById(incident.productId) : undefined;
  const extra = incidentExtra(o);
  let counter = 0;

  const itemAt = (t: number): GeneratedFeedback => {
    const weights = timeline.writerWeights(t);
    const writer = rng.weighted(writers.map((w, i) => [w, weights[i] ?? 0] as const));
    const inWindow = incident !== null && t >= incident.start.getTime() && t < incident.end.getTime();
    // Inside the window the incident's extra volume rides on top of the usual mix.
    const faulty = inWindow && rng.chance(extra / (1 + extra)) ? incidentProduct : undefined;
    const ctx = { rng, lang: writer.lang, locale: writer.locale, t };
    const draft = faulty ? incidentDraft(ctx, faulty) : normalDraft(ctx);
    counter += 1;
    return assemble(ctx, draft, `${o.prefix}-${draft.plan.source}-${counter}`, o.seed, faulty !== undefined);
  };

  return {
    next: () => itemAt(timeline.at(rng.float())),
    take(n) {
      return stratified(rng, timeline, n).map(itemAt);
    },
    incident: o.incident,
  };
}

/** n timestamps following the rhythm of `opts`, spread over the range and sorted. */
export function timestampsFor(n: number, opts: GeneratorOptions): Date[] {
  const o = resolve(opts);
  return stratified(createRandom(hashSeed(o.seed, 'timestamps')), timelineFor(o), n).map((t) => new Date(t));
}

function stratified(rng: Random, timeline: Timeline, n: number): number[] {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`take(n) needs a whole number ≥ 0, got ${n}`);
  // One draw per 1/n slice of the cumulative intensity: sorted, and no gaps in the history.
  return Array.from({ length: n }, (_, i) => timeline.at((i + rng.float()) / n));
}

function timelineFor(o: Resolved): Timeline {
  const boost = o.incident ? { start: o.incident.start.getTime(), end: o.incident.end.getTime(), extra: incidentExtra(o) } : null;
  return createTimeline({ start: o.start, end: o.end, writers: writersFor(o.chineseShare), boost });
}

/**
 * An incident multiplies its product's usual volume by `multiplier`. The added volume, as a
 * fraction of all traffic, boosts the timeline in the window and is made of incident items.
 */
function incidentExtra(o: Resolved): number {
  const product = o.incident ? productById(o.incident.productId) : undefined;
  return product && o.incident ? (product.popularity / totalPopularity) * (o.incident.multiplier - 1) : 0;
}

function resolve(opts: GeneratorOptions): Resolved {
  const start = opts.start.getTime();
  const end = opts.end.getTime();
  if (!(end > start)) throw new RangeError('generator needs start < end');
  const chineseShare = opts.chineseShare ?? 0.4;
  if (!(chineseShare >= 0 && chineseShare <= 1)) throw new RangeError('chineseShare must be between 0 and 1');
  const seed = opts.seed ?? 1;
  let incident: Incident | null = null;
  if (opts.incident) {
    const product = productById(opts.incident.productId);
    if (!product) throw new RangeError(`unknown product for incident: ${opts.incident.productId}`);
    const multiplier = opts.incident.multiplier ?? 4;
    if (!(multiplier >= 1)) throw new RangeError('incident multiplier must be at least 1');
    if (!(opts.incident.end.getTime() > opts.incident.start.getTime())) throw new RangeError('incident needs start < end');
    incident = { productId: product.id, productName: product.name.en, version: product.faultyVersion, start: opts.incident.start, end: opts.incident.end, multiplier };
  } else if (opts.incident === undefined) {
    incident = defaultIncident(seed, start, end);
  }
  return { seed, start, end, chineseShare, prefix: opts.sourceIdPrefix ?? 'demo', incident };
}

/** Somewhere in the last third, long enough to see on a dashboard, short enough to be a spike. */
function defaultIncident(seed: number, start: number, end: number): Incident {
  const rng = createRandom(hashSeed(seed, 'incident'));
  const product = rng.pick(products.filter((p) => p.tier === 'mid' && p.kind === 'device'));
  const range = end - start;
  const duration = Math.min(Math.max(range * 0.05, 2 * HOUR), 72 * HOUR, range / 3);
  const from = end - range / 3 + rng.float() * (range / 3 - duration);
  return { productId: product.id, productName: product.name.en, version: product.faultyVersion, start: new Date(from), end: new Date(from + duration), multiplier: 4 };
}

type Ctx = { rng: Random; lang: Lang; locale: Locale; t: number };
type Draft = { plan: TextPlan; issues: ThemeId[] };

// A neutral chat or post is usually a question; a neutral review weighs good against bad.
const neutralShapes: Record<Source, ReadonlyArray<readonly ['inquiry' | 'mixed' | 'generic', number]>> = {
  support: [['inquiry', 7], ['mixed', 2], ['generic', 1]],
  social: [['inquiry', 6], ['mixed', 3], ['generic', 1]],
  complaint: [['inquiry', 5], ['mixed', 5], ['generic', 0]],
  review: [['inquiry', 0], ['mixed', 6], ['generic', 4]],
  survey: [['inquiry', 0], ['mixed', 5], ['generic', 5]],
};

function normalDraft({ rng, lang, locale }: Ctx): Draft {
  const product = rng.weighted(products.map((p) => [p, p.popularity] as const));
  const source = rng.weighted(Object.entries(sourceProfiles).map(([s, p]) => [s as Source, p.weight] as const));
  const sentiment = rng.weighted(sourceProfiles[source].sentiment);
  const kind = product.kind;
  const short = source === 'social' || source === 'survey';
  const plan: TextPlan = { lang, locale, source, sentiment, product, version: rng.pick(product.versions), themes: [] };

  if (sentiment === 'negative') {
    plan.themes = pickThemes(rng, kind, 'negative', !short && rng.chance(0.3) ? 2 : 1);
    if (rng.chance(short ? 0.12 : 0.25)) plan.lead = pickThemes(rng, kind, 'positive', 1, plan.themes)[0];
  } else if (sentiment === 'positive') {
    plan.themes = source === 'support' ? ['service.helpful'] : pickThemes(rng, kind, 'positive', !short && rng.chance(0.45) ? 2 : 1);
    const nits = nitThemes.filter((id) => themeFits(kind, id) && !plan.themes.some((t) => contradicts(t, id)));
    if (nits.length > 0 && rng.chance(0.12)) plan.nit = rng.pick(nits);
  } else {
    const shape = rng.weighted(neutralShapes[source]);
    if (shape === 'inquiry') plan.themes = pickThemes(rng, kind, 'neutral', 1);
    else if (shape === 'mixed') {
      // Good and bad in one breath; either can come first.
      const good = pickThemes(rng, kind, 'positive', 1);
      const bad = pickThemes(rng, kind, 'negative', 1, good);
      const goodFirst = rng.chance(0.5);
      plan.lead = (goodFirst ? good : bad)[0];
      plan.themes = goodFirst ? bad : good;
    }
    if (plan.themes.length === 0) {
      plan.lead = undefined;
      plan.generic = true;
    }
  }
  plan.pii = (sentiment === 'negative' || plan.themes.some((id) => id.startsWith('inquiry.'))) && rng.chance(piiChance[source]);
  const issues = [plan.lead, ...plan.themes, plan.nit].filter((id): id is ThemeId => id !== undefined);
  return { plan, issues };
}

// People leave contact details when they want an answer or a call back, rarely in public.
const piiChance: Record<Source, number> = { complaint: 0.09, support: 0.09, review: 0.015, survey: 0.015, social: 0.005 };

function incidentDraft({ rng, lang, locale }: Ctx, product: Product): Draft {
  const source = rng.weighted(incidentSources);
  const tone = (source === 'social' || source === 'support') && rng.chance(0.2) ? 'neutral' : 'negative';
  const plan: TextPlan = {
    lang, locale, source, sentiment: tone, product, version: product.faultyVersion, themes: [],
    incident: { tone, extra: rng.chance(0.5) },
  };
  // Some also ran into the support queue or want their money back.
  const followUps = (['service.wait', 'billing.refund'] as const).filter((id) => themeFits(product.kind, id));
  if (tone === 'negative' && source !== 'social' && rng.chance(0.25)) plan.themes = [rng.pick(followUps)];
  plan.pii = rng.chance(piiChance[source]);
  return { plan, issues: [...incidentIssues[product.kind], ...plan.themes] };
}

function assemble({ rng, lang, locale, t }: Ctx, { plan, issues }: Draft, sourceId: string, seed: number, incident: boolean): GeneratedFeedback {
  const { text, title, pii } = composeText(rng, plan);
  const { source, sentiment, product } = plan;
  const feedback: FeedbackInput = {
    source,
    sourceId,
    channel: rng.weighted(source === 'review' && inApp(product) ? appReviewChannels[lang] : sourceProfiles[source].channels[lang]),
    text,
    ...(title !== undefined && { title }),
    ...(source === 'review' && { rating: ratingFor(rng, sentiment) }),
    ...(source === 'survey' && surveyAnswer(rng, sentiment)),
    customer: customerFor(rng, seed, locale),
    product: { id: product.id, name: product.name[lang], version: plan.version },
    locale,
    createdAt: new Date(t).toISOString(),
  };
  return { feedback, truth: { sentiment, issues: [...new Set(issues)], language: lang, incident, pii } };
}

const inApp = (p: Product): boolean => p.kind === 'food' || p.kind === 'app' || p.kind === 'membership';

function ratingFor(rng: Random, sentiment: Sentiment): number {
  if (sentiment === 'negative') return rng.weighted([[1, 6], [2, 4]]);
  if (sentiment === 'neutral') return 3;
  return rng.weighted([[4, 4], [5, 6]]);
}

// Score bands per sentiment: NPS detractors 0–6, passives 7–8, promoters 9–10; CES is
// "the company made it easy", 1–7, so higher is better like the others.
const bands: Record<Scale, Record<Sentiment, ReadonlyArray<readonly [number, number]>>> = {
  nps: { negative: [[0, 3], [1, 1], [2, 2], [3, 3], [4, 3], [5, 4], [6, 4]], neutral: [[7, 5], [8, 5]], positive: [[9, 4], [10, 6]] },
  csat: { negative: [[1, 6], [2, 4]], neutral: [[3, 1]], positive: [[4, 4], [5, 6]] },
  ces: { negative: [[1, 3], [2, 4], [3, 3]], neutral: [[4, 5], [5, 5]], positive: [[6, 5], [7, 5]] },
};

function surveyAnswer(rng: Random, sentiment: Sentiment): { score: number; scale: Scale } {
  const scale = rng.weighted(surveyScales);
  return { scale, score: rng.weighted(bands[scale][sentiment]) };
}

/** Repeat customers: a few ids write often; segment and value are fixed per id and seed. */
function customerFor(rng: Random, seed: number, locale: Locale): NonNullable<FeedbackInput['customer']> {
  const pool = populations.find((p) => p.locale === locale)?.customers ?? 1_000;
  const k = Math.floor(pool * rng.float() ** 1.7);
  const own = createRandom(hashSeed(seed, locale, k));
  const s = own.weighted(segments.map((x) => [x, x.weight] as const));
  const [lo, hi] = s.lifetimeValue;
  const lifetimeValue = Math.round((lo + (hi - lo) * own.float() ** 2) * 100) / 100;
  return { id: `cust-${locale.slice(3).toLowerCase()}-${String(k).padStart(5, '0')}`, segment: s.segment, lifetimeValue };
}
