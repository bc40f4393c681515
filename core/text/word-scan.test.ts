import { describe, expect, it } from 'vitest';
import { randomTexts } from './random-texts.fixture.ts';
import { createTextAnalyzer } from './text-analyzer.ts';
import { nextWord, WORD, type WordSpan } from './word-scan.ts';

const scanned = (text: string) => {
  const out: Array<[number, number, boolean]> = [];
  const span: WordSpan = { start: 0, end: 0, han: false };
  for (let at = 0; nextWord(text, at, span); at = span.end) out.push([span.start, span.end, span.han]);
  return out;
};
const matched = (text: string) => [...text.matchAll(WORD)].map((m): [number, number, boolean] => [m.index, m.index + m[0].length, /^\p{Script=Han}/u.test(m[0])]);

const texts = [
  'The deliveries were NOT delivered on time!!',
  "It hasn’t arrived; I've waited 3 weeks (tracking: none). Rock'n'roll, o'clock, students' 'quoted'",
  'Café app 闪退了 again, 验证码收不到。APP总是卡顿',
  'e-mail, co-worker, 2x faster, 10% off, $50, naïve façade, x² Ⅻ ٣١',
  'combining e\u0301 and \u0301alone, 𝐁old 𝟙 𠀀𠀁 emoji 😀👍🏽 lone \uD800 and \uDC00 surrogates',
  '々〇 ⺀ 〡 ㍿ ﬁ ﬀ ＡＢＣ ｱｲｳ ℃',
  '',
];

describe('word scan', () => {
  it.each(texts)('finds exactly what WORD matches in %j', (text) => {
    expect(scanned(text)).toEqual(matched(text));
  });

  it('agrees with WORD on random text over letters, marks, digits, apostrophes, Han and surrogates', () => {
    const alphabet = [..."aZ9'’-_ .,éßΩж٣Ⅻ漢々", '\u0301', '\uD800', '\uDC00', '𠀀', '𝐀', '😀', '\u200D'];
    for (const text of randomTexts(alphabet, { count: 5000, maxPieces: 12, seed: 7 })) {
      expect(scanned(text), JSON.stringify(text)).toEqual(matched(text));
    }
  });

  it('gives each word outside Han runs the term the analyzer gives it alone', () => {
    const analyzer = createTextAnalyzer();
    for (const text of texts) {
      const alone = matched(text)
        .filter(([, , han]) => !han)
        .map(([start, end]) => ({ term: analyzer.tokens(text.slice(start, end))[0]!.term, start, end }));
      const inText = analyzer.tokens(text).filter((t) => t.script !== 'han').map(({ term, start, end }) => ({ term, start, end }));
      expect(inText).toEqual(alone);
    }
  });
});
