// The PII detectors, in the order they claim text: a span taken by an earlier detector
// cannot be taken by a later one. E-mail first (its local part may be all digits), then
// IP addresses, then the checksummed digit runs (resident IDs before cards: an ID is
// more specific than a Luhn pass), and phones last, because their patterns are the
// loosest and would otherwise eat part of an ID or a card.
//
// Patterns run on width-folded text (fold-width.ts), so they only ever see ASCII digits,
// "+", "(", ")", "-" and spaces around numbers. Edges are explicit lookarounds instead of
// \b: Chinese has no spaces, so an item may sit directly between Han characters or
// full-width punctuation, but never glued to Latin letters, digits or "#" (order refs).
import type { PiiKind } from '../../core/feedback/insight.types.ts';
import { hasResidentIdCue, isValidOldResidentId, isValidResidentId } from './cn-resident-id.ts';
import { findEmails } from './find-emails.ts';
import { Hint } from './pii-hints.ts';
import { isPlausibleCardNumber } from './payment-card.ts';

export type Detector = {
  kind: PiiKind;
  /** piiHints() bit without which this detector cannot match */
  hint: number;
  /** Calls `found` with each validated item's [start, end) in the folded text. */
  find(folded: string, found: (start: number, end: number) => void): void;
};

/**
 * A detector from a global regex and a final check (checksums, dates, digit counts).
 * With `shrink`, a match the check rejects is retried without its last group, because a
 * greedy pattern may have taken a number that follows ("4111 1111 1111 1111 2 items").
 * The regex object is shared between calls; that is safe because finding is synchronous.
 */
function regexDetector(
  kind: PiiKind,
  hint: number,
  pattern: RegExp,
  accept: (match: string, start: number, folded: string) => boolean,
  shrink = false,
): Detector {
  return {
    kind,
    hint,
    find(folded, found) {
      pattern.lastIndex = 0;
      for (let m = pattern.exec(folded); m !== null; m = pattern.exec(folded)) {
        let candidate = m[0];
        for (;;) {
          if (accept(candidate, m.index, folded)) {
            found(m.index, m.index + candidate.length);
            break;
          }
          const cut = shrink ? lastGroupStart(candidate) : -1;
          if (cut <= 0) break;
          candidate = candidate.slice(0, cut);
        }
      }
    },
  };
}

/** Where the separator before the last digit group is, or -1. */
function lastGroupStart(s: string): number {
  let i = s.length - 1;
  while (i >= 0 && s.charCodeAt(i) >= 0x30 && s.charCodeAt(i) <= 0x39) i--;
  while (i > 0 && ' .-'.includes(s[i - 1]!)) i--; // "1234 - 5678": drop the whole gap
  return i > 0 && ' .-'.includes(s[i]!) ? i : -1;
}

// ---- digit-led items (IDs, cards, phones) ----

// Not glued to a word, an order "#", a "+" (then the item is the "+" number) or another
// number: "\d." before means a decimal, "\d-" that this would be the tail of a longer
// dash-grouped number. After "\d " a new item may start: lists such as
// "13800138000 13900139000" are common, and the cost is that the tail of a space-grouped
// number that is not a card (a mistyped card number) may be read as a phone.
const NUM_START = String.raw`(?<![0-9A-Za-z_#+])(?<!\d[.-])`;
// Not followed by more of a word or number; "13800138000." ends a sentence, "….5" does not.
const NUM_END = String.raw`(?![0-9A-Za-z_])(?!\.\d)`;

const digitsOf = (s: string): string => s.replace(/\D/g, '');

const RESIDENT_ID = new RegExp(
  NUM_START +
    '(?:' +
    String.raw`[1-9]\d{5}([ -]?)\d{8}\1\d{3}[\dXx]` + // 18: area, YYYYMMDD, sequence+check; "6 8 4" grouping allowed
    '|' +
    String.raw`[1-9]\d{14}` + // 15: first-generation
    ')' +
    NUM_END,
  'g',
);

const CARD = new RegExp(
  NUM_START +
    '(?:' +
    [
      String.raw`\d{13,19}`,
      String.raw`\d{4}([ -])\d{4}\1\d{4}\1\d{1,4}(?:\1\d{1,3})?`, // 4-4-4-4, 4-4-4-4-3, 4-4-4-1
      String.raw`\d{4}([ -])\d{6}\2\d{4,5}`, // Amex 4-6-5, Diners 4-6-4
    ].join('|') +
    ')' +
    NUM_END,
  'g',
);

// Alternatives run most specific first: at one start position the first that matches
// wins, so "+1 415 555 0134" is read as NANP before the catch-all "+" form.
const PHONE = new RegExp(
  NUM_START +
    '(?:' +
    [
      // Chinese mobile: 1[3-9] + 9 digits, 3-4-4 grouping optional, +86 / 0086 / (+86) optional.
      // This is the only bare digit run accepted as a phone.
      String.raw`(?:\(?(?:\+|00)86\)?[ -]?)?1[3-9]\d(?:[ -]?\d{4}){2}`,
      // North American: (415) 555-0134, 415-555-0134, 415.555.0134, +1 415 555 0134.
      // Area code and exchange start with 2–9; separators are required.
      String.raw`(?:\+?1[ .-]?)?(?:\([2-9]\d\d\)[ .-]?|[2-9]\d\d[ .-])[2-9]\d\d[ .-]\d{4}`,
      // Trunk-prefixed national numbers with a separated area code: 010-12345678,
      // (021) 1234 5678, 020 7946 0958, 0755-1234-5678.
      String.raw`(?:\(0\d{1,4}\)[ -]?|0\d{1,4}[ -])(?:\d{7,8}|\d{3,4}[ -]\d{3,4})`,
      // Anything else with a "+" country code: +44 20 7946 0958, +44 (0)20 …, +8613800138000.
      String.raw`\+[1-9]\d{0,3}(?:[ .-]?(?:\(\d{1,4}\)|\d{1,5})){1,6}`,
    ].join('|') +
    ')' +
    NUM_END,
  'g',
);

function acceptResidentId(match: string, start: number, folded: string): boolean {
  const id = match.replace(/[ -]/g, '');
  if (id.length === 18) return isValidResidentId(id);
  return isValidOldResidentId(id) && hasResidentIdCue(folded, start);
}

function acceptPhone(match: string): boolean {
  // E.164 allows 15 digits at most; without a "+" the patterns above need ≥ 10 anyway,
  // and a "+" number shorter than 8 digits is more likely "+5 stars" than a phone.
  const n = digitsOf(match).length;
  return n <= 15 && n >= (match.startsWith('+') ? 8 : 10);
}

// ---- IP addresses ----

const OCTET = String.raw`(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)`;
const IPV4_BODY = `${OCTET}(?:\\.${OCTET}){3}`;
// A letter or dot before, or ".digit" after, means a longer dotted thing: v1.2.3.4, 1.2.3.4.5.
const IPV4 = new RegExp(String.raw`(?<![0-9A-Za-z_.])` + IPV4_BODY + String.raw`(?![0-9A-Za-z_]|\.\d)`, 'g');

const H = '[0-9A-Fa-f]{1,4}';
// Every RFC 4291 text form: full, each position of "::", and IPv4 in the last 32 bits.
const IPV6_FORMS = [
  `(?:${H}:){7}${H}`,
  `(?:${H}:){6}${IPV4_BODY}`,
  `(?:${H}:){1,4}:${IPV4_BODY}`,
  `::(?:[Ff]{4}(?::0{1,4})?:)?${IPV4_BODY}`,
  `(?:${H}:){1,6}:${H}`,
  `(?:${H}:){1,5}(?::${H}){1,2}`,
  `(?:${H}:){1,4}(?::${H}){1,3}`,
  `(?:${H}:){1,3}(?::${H}){1,4}`,
  `(?:${H}:){1,2}(?::${H}){1,5}`,
  `${H}:(?::${H}){1,6}`,
  `:(?::${H}){1,7}`,
  `(?:${H}:){1,7}:`,
];
// Times (12:30:45) match none of the forms: without "::" an address needs eight groups.
const IPV6 = new RegExp(
  String.raw`(?<![0-9A-Za-z_:.])(?:` + IPV6_FORMS.join('|') + String.raw`)(?![0-9A-Za-z_]|[:.][0-9A-Za-z])`,
  'g',
);

// "dead::beef" and C++'s "a::b" are words, not addresses; real ones carry a digit.
const hasDigit = (s: string): boolean => /\d/.test(s);

const always = (): boolean => true;

export const DETECTORS: readonly Detector[] = [
  { kind: 'email', hint: Hint.email, find: findEmails },
  regexDetector('ip', Hint.ipv6, IPV6, hasDigit),
  regexDetector('ip', Hint.ipv4, IPV4, always),
  regexDetector('cn_id', Hint.cnId, RESIDENT_ID, acceptResidentId),
  regexDetector('card', Hint.card, CARD, (m) => isPlausibleCardNumber(digitsOf(m)), true),
  regexDetector('phone', Hint.phone, PHONE, acceptPhone, true),
];
