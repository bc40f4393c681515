// The sentiment tokenizer's tokens, found without running its regular expression. TOKEN
// states them; nextToken finds exactly TOKEN's matches, alternative by alternative in
// TOKEN's order at each position, by char codes and the same Unicode properties
// (core/text/char-class.ts). Every sentence of every English text goes through it, and
// the expression's match arrays were a good share of the pipeline's garbage.
// english-token-scan.test.ts holds nextToken to TOKEN on real and random text.
import { classOf, EMOJI_MODIFIER, LETTER, MARK, PICTOGRAPHIC, SPACE } from '../../core/text/char-class.ts';
import { EMOJI_OR_EMOTICON } from './emoji.lexicon.ts';

// Emoji and emoticons before words so ":D" is not read as the word "D".
export const TOKEN = new RegExp(
  `(?:https?://|www\\.)\\S+|@\\w+|${EMOJI_OR_EMOTICON.source}|(#?[\\p{L}][\\p{L}\\p{M}'’]*(?:-[\\p{L}]+)*)|([,;:()—–]|\\s-\\s)`,
  'gu',
);

/** A link or @handle: matched, so that its letters are no words, and dropped. */
export const SKIPPED = 0;
export const WORD = 1;
export const CLAUSE = 2;
export const EMOJI = 3;
export const EMOTICON = 4;

export type TokenSpan = { kind: number; start: number; end: number };

/** \w, the ASCII word characters \b is about. */
function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}
const codeAt = (s: string, i: number) => (i < s.length ? s.charCodeAt(i) : -1);
const isSpaceAt = (s: string, i: number) => i < s.length && (classOf(s.charCodeAt(i)) & SPACE) !== 0;
const has = (chars: string, c: number) => c >= 0 && chars.includes(String.fromCharCode(c));
const boundaryBefore = (s: string, i: number) => i === 0 || !isWordChar(s.charCodeAt(i - 1));
const boundaryAfter = (s: string, i: number) => i >= s.length || !isWordChar(s.charCodeAt(i));

/** End of the code points from `i` that have one of the property bits `kind` (or are apostrophes, with `apostrophes`). */
function runEnd(s: string, i: number, kind: number, apostrophes: boolean): number {
  while (i < s.length) {
    const cp = s.codePointAt(i)!;
    if ((classOf(cp) & kind) === 0 && !(apostrophes && (cp === 0x27 || cp === 0x2019))) break;
    i += cp > 0xffff ? 2 : 1;
  }
  return i;
}

/** The characters an emoticon of emoji.lexicon.ts starts with: < : ; = ( ) x X ^ T - > D Q o */
const EMOTICON_START = new Uint8Array(128);
for (const c of '<:;=()xX^T->DQo') EMOTICON_START[c.charCodeAt(0)] = 1;

/** End of an emoticon of emoji.lexicon.ts starting at p, tried in the pattern's order, or -1. */
function emoticonEnd(s: string, p: number, c: number): number {
  if (c >= 128 || EMOTICON_START[c] === 0) return -1;
  const c1 = codeAt(s, p + 1);
  const c2 = codeAt(s, p + 2);
  if (c === 0x3c /* < */) {
    let q = p + 1;
    if (codeAt(s, q) === 0x2f /* / */ && codeAt(s, q + 1) === 0x33) q++;
    if (codeAt(s, q) === 0x33 /* 3 */) {
      while (codeAt(s, q) === 0x33) q++;
      return q;
    }
  }
  if (has(':;=', c)) {
    const closers = ")(][dDpP/\\|*3>";
    if (has("-o'", c1) && has(closers, c2)) return p + 3;
    if (has(closers, c1)) return p + 2;
    if (c1 === 0x27 /* ' */) {
      if (c2 === 0x28) return p + 3;
      if (c2 === 0x2d && codeAt(s, p + 3) === 0x28) return p + 4;
    }
  }
  if (c === 0x28 /* ( */ && c1 === 0x3a) return p + 2;
  if (c === 0x29 /* ) */ && c1 === 0x3a) return p + 2;
  if (has('xX', c) && has('DP', c1) && boundaryAfter(s, p + 2)) return p + 2;
  if (c === 0x5e /* ^ */) {
    if (c1 === 0x5e) return p + 2;
    if (c1 === 0x5f && c2 === 0x5e) return p + 3;
    if (c1 === 0x6f && c2 === 0x5e) return p + 3;
  }
  if (s.startsWith('(^_^)', p)) return p + 5;
  if (c === 0x54 /* T */ && has('._', c1) && c2 === 0x54) return p + 3;
  if (s.startsWith(';_;', p)) return p + 3;
  if (c === 0x2d /* - */ && has('_.', c1) && c2 === 0x2d) return p + 3;
  if (c === 0x3e /* > */) {
    if (has('._', c1) && c2 === 0x3c) return p + 3;
    if (c1 === 0x3a) {
      if (c2 === 0x28) return p + 3;
      if (c2 === 0x2d && codeAt(s, p + 3) === 0x28) return p + 4;
    }
  }
  if (c === 0x44 /* D */ && c1 === 0x3a && boundaryBefore(s, p)) return p + 2;
  if (s.startsWith('QAQ', p)) return p + 3;
  if (c === 0x6f /* o */ && s.startsWith('orz', p) && boundaryBefore(s, p) && boundaryAfter(s, p + 3)) return p + 3;
  return -1;
}

/** TOKEN's alternatives at p, in order: the match's kind and end, or false. */
function matchAt(s: string, p: number, out: TokenSpan): boolean {
  const c = s.charCodeAt(p);
  out.start = p;
  if (c === 0x20) {
    // Most positions are spaces, and \s-\s is the only alternative a space can start.
    if (codeAt(s, p + 1) !== 0x2d || !isSpaceAt(s, p + 2)) return false;
    out.kind = CLAUSE;
    out.end = p + 3;
    return true;
  }
  // (?:https?://|www\.)\S+
  let link = -1;
  if (c === 0x68 /* h */) link = s.startsWith('https://', p) ? p + 8 : s.startsWith('http://', p) ? p + 7 : -1;
  else if (c === 0x77 /* w */ && s.startsWith('www.', p)) link = p + 4;
  if (link >= 0 && link < s.length && !isSpaceAt(s, link)) {
    let e = link;
    while (e < s.length && !isSpaceAt(s, e)) e++;
    out.kind = SKIPPED;
    out.end = e;
    return true;
  }
  // @\w+
  if (c === 0x40 && isWordChar(codeAt(s, p + 1))) {
    let e = p + 1;
    while (isWordChar(codeAt(s, e))) e++;
    out.kind = SKIPPED;
    out.end = e;
    return true;
  }
  const cp = s.codePointAt(p)!;
  const kind = classOf(cp);
  if (kind & PICTOGRAPHIC) {
    // \p{Extended_Pictographic}(?:\uFE0F|\p{Emoji_Modifier}|\u200D\p{Extended_Pictographic})*
    let e = p + (cp > 0xffff ? 2 : 1);
    while (e < s.length) {
      const next = s.codePointAt(e)!;
      if (next === 0xfe0f || classOf(next) & EMOJI_MODIFIER) e += next > 0xffff ? 2 : 1;
      else if (next === 0x200d && e + 1 < s.length && classOf(s.codePointAt(e + 1)!) & PICTOGRAPHIC) e += 1 + (s.codePointAt(e + 1)! > 0xffff ? 2 : 1);
      else break;
    }
    out.kind = EMOJI;
    out.end = e;
    return true;
  }
  const emoticon = emoticonEnd(s, p, c);
  if (emoticon >= 0) {
    out.kind = EMOTICON;
    out.end = emoticon;
    return true;
  }
  // #?[\p{L}][\p{L}\p{M}'’]*(?:-[\p{L}]+)*
  let first = p;
  if (c === 0x23 /* # */ && p + 1 < s.length && classOf(s.codePointAt(p + 1)!) & LETTER) first = p + 1;
  const head = first === p ? cp : s.codePointAt(first)!;
  if (first !== p || kind & LETTER) {
    let e = runEnd(s, first + (head > 0xffff ? 2 : 1), LETTER | MARK, true);
    while (codeAt(s, e) === 0x2d /* - */) {
      const after = runEnd(s, e + 1, LETTER, false);
      if (after === e + 1) break;
      e = after;
    }
    out.kind = WORD;
    out.end = e;
    return true;
  }
  // [,;:()—–]|\s-\s
  if (c === 0x2c || c === 0x3b || c === 0x3a || c === 0x28 || c === 0x29 || c === 0x2014 || c === 0x2013) {
    out.kind = CLAUSE;
    out.end = p + 1;
    return true;
  }
  if (kind & SPACE && codeAt(s, p + 1) === 0x2d && isSpaceAt(s, p + 2)) {
    out.kind = CLAUSE;
    out.end = p + 3;
    return true;
  }
  return false;
}

/**
 * The first TOKEN match at or after `from`, written into `out`; false when there is none.
 * Walk a sentence with `for (let at = 0; nextToken(s, at, out); at = out.end)`.
 */
export function nextToken(s: string, from: number, out: TokenSpan): boolean {
  for (let p = from; p < s.length; p += s.codePointAt(p)! > 0xffff ? 2 : 1) if (matchAt(s, p, out)) return true;
  return false;
}
