// Shape of a language's phrase bank. Templates are whole sentences with {slot} holes that
// compose-text.ts fills per item; making each language fill the same Record<ThemeId, …>
// means the compiler reports a theme that one language forgot.
import type { Source } from '../../core/feedback/feedback.schema.ts';
import type { ProductKind, Sentiment } from './catalog.ts';
import type { ThemeId } from './themes.ts';

export type SlotName =
  | 'product' | 'part' | 'feature' | 'version' | 'handle' // from the product and the item
  | 'amount' | 'saving' | 'order' | 'email' | 'phone' // made up per item, fake by construction
  | 'delay' | 'item' | 'days' | 'wait' | 'agent' | 'very' | 'time' | 'size' | 'code' | 'usage' | 'battery';

type BySentiment = Partial<Record<Sentiment, readonly string[]>>;
type ByKind<T> = Partial<Record<ProductKind, T>>;

export type ThemePhrases = {
  themes: Record<ThemeId, readonly string[]>;
  /** Replaces a theme's sentences for one kind of product (a refund for a meal is not a return). */
  kindThemes: ByKind<Partial<Record<ThemeId, readonly string[]>>>;
  /** Lukewarm sentences about nothing in particular: neutral items with no issue. */
  generic: readonly string[];
};

export type FramePhrases = {
  /** Salutations of e-mails and chats, put on a line of their own. */
  greetings: readonly string[];
  openers: Record<Source, BySentiment>;
  closers: Record<Source, BySentiment>;
  titles: Record<Sentiment, readonly string[]>;
  /** Joins a clause to one of the opposite polarity: down "great screen, but …", up "late, but at least …". */
  contrast: { down: readonly string[]; up: readonly string[] };
  /** Joins a small gripe onto praise. */
  nit: readonly string[];
  /** Sentences carrying personal-looking data; every value they get is a reserved fake. */
  pii: readonly string[];
  slots: Partial<Record<SlotName, readonly string[]>>;
  kindSlots: ByKind<Partial<Record<SlotName, readonly string[]>>>;
  emoji: Record<Sentiment, readonly string[]>;
  hashtags: Record<Sentiment, readonly string[]>;
};

export type IncidentPhrases = Record<ProductKind, { negative: readonly string[]; extra: readonly string[]; neutral: readonly string[] }>;

export type PhraseBank = ThemePhrases & FramePhrases & { incident: IncidentPhrases };
