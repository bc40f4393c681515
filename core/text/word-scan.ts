// The analyzer's words, found without running its regular expression. WORD states what a
// word is; nextWord finds exactly WORD's matches by walking char codes, which is several
// times faster on feedback that is mostly ASCII, and runs on every document. Code points
// are classified by the same Unicode properties (char-class.ts).
// word-scan.test.ts holds nextWord to WORD on real and random text.
import { classOf, HAN, LETTER, MARK, NUMBER } from './char-class.ts';

/**
 * A word: a run of Han characters (segmented further by jieba), or a run of other
 * letters, marks and digits with inner apostrophes. Han characters are letters too, so
 * the second form excludes them: "app闪退了" is "app" then "闪退了".
 */
export const WORD = /\p{Script=Han}+|(?:(?!\p{Script=Han})[\p{L}\p{M}\p{N}])+(?:['’](?:(?!\p{Script=Han})\p{L})+)*/gu;

export type WordSpan = { start: number; end: number; han: boolean };

/** WORD's second form: a letter, mark or digit that is not Han. */
const WORD_CHAR = LETTER | MARK | NUMBER;

/** The end of the run of code points from `i` that have one of `kind` and none of `not`. */
function runEnd(text: string, i: number, kind: number, not: number): number {
  const n = text.length;
  while (i < n) {
    const cp = text.codePointAt(i)!;
    const k = classOf(cp);
    if ((k & kind) === 0 || (k & not) !== 0) break;
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
      span.end = runEnd(text, i + size, HAN, 0);
      span.han = true;
      return true;
    }
    if (kind & WORD_CHAR) {
      let end = runEnd(text, i + size, WORD_CHAR, HAN);
      // Inner apostrophes: "don't", "rock'n'roll"; only letters may follow one.
      while (end + 1 < n) {
        const c = text.charCodeAt(end);
        if (c !== 0x27 && c !== 0x2019) break;
        const after = runEnd(text, end + 1, LETTER, HAN);
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
