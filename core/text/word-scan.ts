// The analyzer's words, found without running its regular expression. WORD states what a
// word is; nextWord finds exactly WORD's matches by walking char codes, which is several
// times faster on feedback that is mostly ASCII, and runs on every document. Code points
// beyond ASCII are classified by the same Unicode properties, once each, and remembered.
// word-scan.test.ts holds nextWord to WORD on real and random text.

/**
 * A word: a run of Han characters (segmented further by jieba), or a run of other
 * letters, marks and digits with inner apostrophes. Han characters are letters too, so
 * the second form excludes them: "app闪退了" is "app" then "闪退了".
 */
export const WORD = /\p{Script=Han}+|(?:(?!\p{Script=Han})[\p{L}\p{M}\p{N}])+(?:['’](?:(?!\p{Script=Han})\p{L})+)*/gu;

export type WordSpan = { start: number; end: number; han: boolean };

const KNOWN = 1;
const HAN = 2;
/** a letter, mark or digit that is not Han: WORD's second form */
const WORD_CHAR = 4;
/** a letter that is not Han: what may follow an inner apostrophe */
const LETTER = 8;

const HAN_CHAR = /^\p{Script=Han}$/u;
const WORD_CHAR_RE = /^[\p{L}\p{M}\p{N}]$/u;
const LETTER_RE = /^\p{L}$/u;

function classify(cp: number): number {
  // A lone surrogate is a code point of its own to a /u pattern, and none of these.
  const s = String.fromCodePoint(cp);
  if (HAN_CHAR.test(s)) return KNOWN | HAN;
  return KNOWN | (WORD_CHAR_RE.test(s) ? WORD_CHAR : 0) | (LETTER_RE.test(s) ? LETTER : 0);
}

const bmp = new Uint8Array(0x10000);
for (let c = 0; c < 0x80; c++) bmp[c] = classify(c);
const astral = new Map<number, number>();

function classOf(cp: number): number {
  if (cp < 0x10000) {
    let k = bmp[cp]!;
    if (k === 0) bmp[cp] = k = classify(cp);
    return k;
  }
  let k = astral.get(cp);
  if (k === undefined) astral.set(cp, (k = classify(cp)));
  return k;
}

/** The end of the run of code points from `i` that all have `kind`. */
function runEnd(text: string, i: number, kind: number): number {
  const n = text.length;
  while (i < n) {
    const cp = text.codePointAt(i)!;
    if ((classOf(cp) & kind) === 0) break;
    i += cp > 0xffff ? 2 : 1;
  }
  return i;
}

/**
 * The first WORD match at or after `from`, written into `span`; false when there is none.
 * Walk a text with `for (let at = 0; nextWord(text, at, span); at = span.end)`.
 */
export function nextWord(text: string, from: number, span: WordSpan): boolean {
  const n = text.length;
  let i = from;
  while (i < n) {
    const cp = text.codePointAt(i)!;
    const size = cp > 0xffff ? 2 : 1;
    const kind = classOf(cp);
    if (kind & HAN) {
      span.start = i;
      span.end = runEnd(text, i + size, HAN);
      span.han = true;
      return true;
    }
    if (kind & WORD_CHAR) {
      let end = runEnd(text, i + size, WORD_CHAR);
      // Inner apostrophes: "don't", "rock'n'roll"; only letters may follow one.
      while (end + 1 < n) {
        const c = text.charCodeAt(end);
        if (c !== 0x27 && c !== 0x2019) break;
        const after = runEnd(text, end + 1, LETTER);
        if (after === end + 1) break;
        end = after;
      }
      span.start = i;
      span.end = end;
      span.han = false;
      return true;
    }
    i += size;
  }
  return false;
}
