// Sentence boundaries for both languages, as offsets into the original text so that the
// per-sentence sentiment can highlight the customer's own words. A boundary is a run of
// . ! ? … 。 ！ ？ ； or a line break; the run (and closing quotes after it) stays with the
// sentence it ends. A lone "." between letters or digits is not a boundary: "3.5",
// "U.S.", "t.co/x" and "vuelos24.es" are not sentence ends.
export type SentenceSpan = { start: number; end: number };

const TERMINATORS = new Set(['.', '!', '?', '…', '。', '！', '？', '；', '\n', '\r']);
const CLOSERS = new Set(['"', "'", '”', '’', ')', '）', '」', '』', '】', ']']);

function isWordChar(c: string | undefined): boolean {
  return c !== undefined && /[\p{L}\p{N}]/u.test(c);
}

/** True when the span holds something to score: a letter, a digit or a symbol such as an emoji. */
function hasContent(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    // Cheap ASCII path: letters and digits; anything outside ASCII (Han, emoji) counts too.
    if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c > 127) return true;
  }
  // Emoticons such as ":)" are all punctuation and still carry sentiment.
  return /[:;=][-o^']?[)(\]\[dDpP/\\|]|<\/?3/.test(text.slice(start, end));
}

export function splitSentences(text: string): SentenceSpan[] {
  const spans: SentenceSpan[] = [];
  let start = 0;
  let i = 0;
  const n = text.length;
  const push = (s: number, e: number) => {
    while (s < e && /\s/.test(text[s]!)) s++;
    while (e > s && /\s/.test(text[e - 1]!)) e--;
    if (e > s && hasContent(text, s, e)) spans.push({ start: s, end: e });
  };
  while (i < n) {
    const c = text[i]!;
    if (!TERMINATORS.has(c)) {
      i++;
      continue;
    }
    let j = i;
    while (j < n && TERMINATORS.has(text[j]!)) j++;
    if (c === '.' && j === i + 1 && isWordChar(text[i - 1]) && isWordChar(text[j])) {
      i = j;
      continue;
    }
    while (j < n && CLOSERS.has(text[j]!)) j++;
    push(start, j);
    start = j;
    i = j;
  }
  push(start, n);
  return spans;
}
