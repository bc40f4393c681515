// Unicode properties of code points, as the analyzer's and the sentiment tokenizer's
// regular expressions use them, read from a table instead of tested with a regex: the
// hand-written scanners that replace those expressions call this for every character.
// Each code point is classified once, by the very property escapes the expressions use,
// so scanner and expression cannot disagree about a character.
export const HAN = 1; // \p{Script=Han}
export const LETTER = 2; // \p{L}
export const MARK = 4; // \p{M}
export const NUMBER = 8; // \p{N}
export const PICTOGRAPHIC = 16; // \p{Extended_Pictographic}
export const EMOJI_MODIFIER = 32; // \p{Emoji_Modifier}
export const SPACE = 64; // \s
const KNOWN = 128;

const tests: Array<[RegExp, number]> = [
  [/^\p{Script=Han}$/u, HAN],
  [/^\p{L}$/u, LETTER],
  [/^\p{M}$/u, MARK],
  [/^\p{N}$/u, NUMBER],
  [/^\p{Extended_Pictographic}$/u, PICTOGRAPHIC],
  [/^\p{Emoji_Modifier}$/u, EMOJI_MODIFIER],
  [/^\s$/u, SPACE],
];

function classify(cp: number): number {
  // A lone surrogate is a code point of its own to a /u pattern, and has none of these.
  const s = String.fromCodePoint(cp);
  let k = KNOWN;
  for (const [test, bit] of tests) if (test.test(s)) k |= bit;
  return k;
}

const bmp = new Uint8Array(0x10000);
for (let c = 0; c < 0x80; c++) bmp[c] = classify(c);
const astral = new Map<number, number>();

/** The property bits of a code point (as from String#codePointAt). */
export function classOf(cp: number): number {
  if (cp < 0x10000) {
    let k = bmp[cp]!;
    if (k === 0) bmp[cp] = k = classify(cp);
    return k;
  }
  let k = astral.get(cp);
  if (k === undefined) astral.set(cp, (k = classify(cp)));
  return k;
}
