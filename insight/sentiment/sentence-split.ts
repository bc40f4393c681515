// Sentence boundaries for both languages, as offsets into the original text so that the
// per-sentence sentiment can highlight the customer's own words. A boundary is a run of
// . ! ? … 。 ！ ？ ； or a line break; the run (and closing quotes after it) stays with the
// sentence it ends. A lone "." between Latin letters or digits is not a boundary ("3.5",
// "t.co/x", "vuelos24.es"), nor the last dot of an initialism ("U.S.", "e.g."); between
// Han characters it is (Chinese reviews often end sentences with ".").
// Works on char codes: it runs on every document, before any scoring.
export type SentenceSpan = { start: number; end: number };

const DOT = 0x2e;
function isTerminator(c: number): boolean {
  // . ! ? … 。 ！ ？ ； \n \r
  return c === DOT || c === 0x21 || c === 0x3f || c === 0x2026 || c === 0x3002 || c === 0xff01 || c === 0xff1f || c === 0xff1b || c === 0x0a || c === 0x0d;
}
function isCloser(c: number): boolean {
  // " ' ” ’ ) ） 」 』 】 ]
  return c === 0x22 || c === 0x27 || c === 0x201d || c === 0x2019 || c === 0x29 || c === 0xff09 || c === 0x300d || c === 0x300f || c === 0x3011 || c === 0x5d;
}
function isSpace(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0xa0 || c === 0x3000;
}
/** Letters and digits; anything beyond ASCII (Han, emoji, accented letters) counts as content. */
function isContent(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c > 127 && !isSpace(c) && !isTerminator(c) && !isCloser(c));
}
/** A Latin-script letter or a digit: the dot in "3.5" or "t.co" sits between two; 好.建议 is a sentence end. */
function isWordChar(text: string, i: number): boolean {
  if (i < 0 || i >= text.length) return false;
  const c = text.charCodeAt(i);
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 0xc0 && c < 0x250 && c !== 0xd7 && c !== 0xf7);
}

/** The "." closes an initialism such as "U.S." or "e.g.": a letter preceded by another dot. */
function isInitialism(text: string, dot: number): boolean {
  return dot >= 2 && text.charCodeAt(dot - 2) === DOT && /\p{L}/u.test(text[dot - 1]!);
}

/** True when the span holds something to score: a letter, a digit, a Han character, an emoji. */
function hasContent(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (isContent(text.charCodeAt(i))) return true;
  // Emoticons such as ":)" are all punctuation and still carry sentiment.
  return /[:;=][-o^']?[)(\]\[dDpP/\\|]|<\/?3/.test(text.slice(start, end));
}

/** Adds text[s, e) without its surrounding spaces, if anything is left to score. */
function push(spans: SentenceSpan[], text: string, s: number, e: number): void {
  while (s < e && isSpace(text.charCodeAt(s))) s++;
  while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
  if (e > s && hasContent(text, s, e)) spans.push({ start: s, end: e });
}

export function splitSentences(text: string): SentenceSpan[] {
  const spans: SentenceSpan[] = [];
  const n = text.length;
  let start = 0;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (!isTerminator(c)) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < n && isTerminator(text.charCodeAt(j))) j++;
    if (c === DOT && j === i + 1 && isWordChar(text, i - 1) && (isWordChar(text, j) || isInitialism(text, i))) {
      i = j;
      continue;
    }
    while (j < n && isCloser(text.charCodeAt(j))) j++;
    push(spans, text, start, j);
    start = j;
    i = j;
  }
  push(spans, text, start, n);
  return spans;
}
