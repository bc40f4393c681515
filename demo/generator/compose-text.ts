// Turns a text plan (themes, optional contrast clause, incident story) into the words of one
// item: theme sentences with their slots filled, framed by an opener and closer that fit the
// source, then styled like the channel (lower case, typos and hashtags on social media).
// The plan decides what an item is about; this module only decides how it is said.
import type { Source } from '../../core/feedback/feedback.schema.ts';
import type { Lang, Locale, Product, Sentiment } from './catalog.ts';
import { fakeEmail, fakePhone, money, orderNumber } from './fake-contacts.ts';
import { framesEn } from './frames.en.ts';
import { framesZh } from './frames.zh.ts';
import type { PhraseBank, SlotName } from './phrase-bank.ts';
import { incidentEn, incidentZh } from './phrases.incident.ts';
import { themePhrasesEn } from './phrases.en.ts';
import { themePhrasesZh } from './phrases.zh.ts';
import type { Random } from './random.ts';
import { issueThemes, type ThemeId } from './themes.ts';

const banks: Record<Lang, PhraseBank> = {
  en: { ...themePhrasesEn, ...framesEn, incident: incidentEn },
  zh: { ...themePhrasesZh, ...framesZh, incident: incidentZh },
};

export type PiiKind = 'email' | 'phone' | 'order';

export type TextPlan = {
  lang: Lang;
  locale: Locale;
  source: Source;
  sentiment: Sentiment;
  product: Product;
  version: string;
  themes: readonly ThemeId[];
  /** A clause of the opposite polarity put before the first body sentence, joined by "but". */
  lead?: ThemeId;
  /** A small gripe appended to praise. */
  nit?: ThemeId;
  generic?: boolean;
  incident?: { tone: 'negative' | 'neutral'; extra: boolean };
  pii?: boolean;
};

export type ComposedText = { text: string; title?: string; pii: PiiKind[] };

// How often each source frames its text: chats and e-mails greet, reviews often have a title.
const framing: Record<Source, { greeting: number; opener: number; closer: number; emoji: number; title: number }> = {
  review: { greeting: 0, opener: 0.35, closer: 0.55, emoji: 0.12, title: 0.75 },
  survey: { greeting: 0, opener: 0.2, closer: 0.35, emoji: 0.03, title: 0 },
  complaint: { greeting: 0.4, opener: 0.7, closer: 0.8, emoji: 0, title: 0 },
  support: { greeting: 0.75, opener: 0.45, closer: 0.6, emoji: 0.03, title: 0 },
  social: { greeting: 0, opener: 0.35, closer: 0.4, emoji: 0.45, title: 0 },
};

export function composeText(rng: Random, plan: TextPlan): ComposedText {
  const bank = banks[plan.lang];
  const en = plan.lang === 'en';
  const kind = plan.product.kind;
  const pii = new Set<PiiKind>();
  const frame = framing[plan.source];

  const render = (template: string, continuation = false): string => {
    // A continuation follows "but"/"only gripe:", so it starts in lower case, except "I".
    const t = en && continuation && !/^(\{|I\b)/.test(template) ? template.charAt(0).toLowerCase() + template.slice(1) : template;
    const filled = t.replace(/\{(\w+)\}/g, (_, slot: string) => slotValue(rng, bank, plan, slot as SlotName, pii));
    if (!en) return filled;
    const capitalised = filled.replace(/([.!?]\s+)([a-z])/g, (_, gap: string, c: string) => gap + c.toUpperCase());
    return continuation ? capitalised : capitalised.charAt(0).toUpperCase() + capitalised.slice(1);
  };
  const themeTemplate = (id: ThemeId): string => rng.pick(bank.kindThemes[kind]?.[id] ?? bank.themes[id]);
  const clip = (s: string): string => s.replace(/[.!?。！？]+$/u, '');

  const body: string[] = [];
  if (plan.incident) {
    const story = bank.incident[kind];
    body.push(rng.pick(plan.incident.tone === 'neutral' ? story.neutral : story.negative));
    if (plan.incident.extra) body.push(rng.pick(story.extra));
  }
  for (const id of plan.themes) body.push(themeTemplate(id));
  if (plan.generic) body.push(rng.pick(bank.generic));
  if (body.length === 0) throw new Error('a text plan needs at least one theme, a generic line or an incident');

  const sentences = body.map((t, i) =>
    i === 0 && plan.lead ? clip(render(themeTemplate(plan.lead))) + rng.pick(bank.contrast[leadDirection(plan.lead)]) + render(t, true) : render(t),
  );
  if (plan.nit) {
    const last = sentences.length - 1;
    sentences[last] = clip(sentences[last] as string) + rng.pick(bank.nit) + render(themeTemplate(plan.nit), true);
  }

  // Neutral openers of chats and posts ask something ("quick q:"), so they only frame questions;
  // openers about months of use make no sense for a meal.
  const asking = plan.themes.some((id) => id.startsWith('inquiry.')) || plan.incident?.tone === 'neutral';
  const framed = asking || plan.sentiment !== 'neutral' || (plan.source !== 'social' && plan.source !== 'support');
  const usable = (list: readonly string[] | undefined) =>
    framed ? (list ?? []).filter((t) => kind !== 'food' || !t.includes('{usage}')) : [];
  const openers = usable(bank.openers[plan.source][plan.sentiment]);
  const closers = usable(bank.closers[plan.source][plan.sentiment]);
  if (openers.length > 0 && rng.chance(frame.opener)) sentences.unshift(render(rng.pick(openers)));
  if (plan.pii) sentences.push(render(rng.pick(bank.pii)));
  if (closers.length > 0 && rng.chance(frame.closer)) sentences.push(render(rng.pick(closers)));

  let text = sentences.join(en ? ' ' : '');
  if (rng.chance(frame.greeting)) text = rng.pick(bank.greetings) + (en ? '\n' : '') + text;
  if (plan.source === 'social') text = socialStyle(rng, text, plan, bank);
  if (rng.chance(frame.emoji)) {
    const emoji = rng.pick(bank.emoji[plan.sentiment]);
    text += (en ? ' ' : '') + (rng.chance(0.25) ? emoji.repeat(rng.int(2, 3)) : emoji);
  }
  const title = rng.chance(frame.title) ? rng.pick(bank.titles[plan.sentiment]) : undefined;
  return { text, ...(title !== undefined && { title }), pii: [...pii] };
}

/** Praise first turns down ("but"); a complaint first turns up ("on the plus side"). */
function leadDirection(lead: ThemeId): 'down' | 'up' {
  return issueThemes.find((t) => t.id === lead)?.polarity === 'negative' ? 'up' : 'down';
}

function slotValue(rng: Random, bank: PhraseBank, plan: TextPlan, slot: SlotName, pii: Set<PiiKind>): string {
  const { product, lang, locale } = plan;
  const from = (values: readonly string[] | undefined): string => {
    if (!values || values.length === 0) throw new Error(`no values for slot {${slot}} (${lang}, ${product.kind})`);
    return rng.pick(values);
  };
  switch (slot) {
    case 'product': return from(product.refs[lang]);
    case 'part': return from(product.parts[lang]);
    case 'feature': return from(product.features[lang]);
    case 'version': return plan.version;
    case 'handle': return product.handle[lang];
    case 'amount': return money(rng, locale, product);
    case 'saving': return money(rng, locale, product, 0.1 + rng.float() * 0.15);
    case 'order': pii.add('order'); return orderNumber(rng, lang);
    case 'email': pii.add('email'); return fakeEmail(rng, lang);
    case 'phone': pii.add('phone'); return fakePhone(rng, locale);
    default: return from(bank.kindSlots[product.kind]?.[slot] ?? bank.slots[slot]);
  }
}

/** How people post: lower case, a typo or two, txt-speak, an @mention and a hashtag. */
function socialStyle(rng: Random, text: string, plan: TextPlan, bank: PhraseBank): string {
  let out = text;
  const handle = `@${plan.product.handle[plan.lang]}`;
  if (plan.lang === 'en') {
    if (rng.chance(0.5)) out = out.toLowerCase();
    if (rng.chance(0.3)) out = out.replace(/\byou\b/gi, 'u').replace(/\bplease\b/gi, 'pls').replace(/\bbecause\b/gi, 'bc');
    if (rng.chance(0.3)) for (let i = rng.int(1, 2); i > 0; i--) out = typo(rng, out);
    if (!out.includes('@') && rng.chance(0.35)) out = `${handle} ${out}`;
    if (rng.chance(0.3)) out = `${out} ${rng.pick(bank.hashtags[plan.sentiment])}`;
  } else {
    if (rng.chance(0.35)) out = rng.pick(bank.hashtags[plan.sentiment]) + out;
    if (rng.chance(0.25)) out = `${out} ${handle}`;
  }
  return out;
}

/** One slip of the thumb in a longer word: two letters swapped, one dropped or doubled. */
function typo(rng: Random, text: string): string {
  const words = text.split(' ');
  const candidates = words.flatMap((w, i) => (/^[a-z]{5,}[,.!?]?$/i.test(w) ? [i] : []));
  if (candidates.length === 0) return text;
  const index = rng.pick(candidates);
  const word = words[index] as string;
  const letters = word.replace(/[,.!?]$/, '');
  const tail = word.slice(letters.length);
  const at = rng.int(1, letters.length - 2);
  const changed = [
    () => letters.slice(0, at) + letters.charAt(at + 1) + letters.charAt(at) + letters.slice(at + 2),
    () => letters.slice(0, at) + letters.slice(at + 1),
    () => letters.slice(0, at) + letters.charAt(at) + letters.slice(at),
  ][rng.int(0, 2)] as () => string;
  words[index] = changed() + tail;
  return words.join(' ');
}
