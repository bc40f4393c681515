import { describe, expect, it } from 'vitest';
import { randomTexts } from '../../core/text/random-texts.fixture.ts';
import { nextToken, TOKEN, type TokenSpan } from './english-token-scan.ts';

const scanned = (s: string) => {
  const out: Array<[number, number, number]> = [];
  const span: TokenSpan = { kind: 0, start: 0, end: 0 };
  for (let at = 0; nextToken(s, at, span); at = span.end) out.push([span.kind, span.start, span.end]);
  return out;
};
const matched = (s: string) =>
  [...s.matchAll(TOKEN)].map((m): [number, number, number] => [m[1] !== undefined ? 3 : m[2] !== undefined ? 4 : m[3] !== undefined ? 1 : m[4] !== undefined ? 2 : 0, m.index, m.index + m[0].length]);

const texts = [
  '@united why is my flight delayed AGAIN?! #worstflightever http://t.co/x1 www.example.com',
  "Sooo goood :D :) <3 </3 :'( :'-( ;) ;_; T_T xD XP orz QAQ D: >:( >.< -_- ^_^ ^^ ^o^ (^_^) (: ):",
  'well-made, see-through — not bad - really; (mostly) fine: ok',
  '😍😍 👍🏽 👨‍👩‍👧 ❤️ ©',
  'naïve café’s students\' e\u0301 𝐁old 闪退了 app闪退',
  'http:// x, https://, www. y, @ z, # tag, #1, xDs, boxD, borz, orzo, Dx:',
  '',
];

describe('English token scan', () => {
  it.each(texts)('finds exactly what TOKEN matches in %j', (text) => {
    expect(scanned(text)).toEqual(matched(text));
  });

  it('agrees with TOKEN on random text over links, handles, emoji, emoticon and word pieces', () => {
    const pieces = [..."aZxXTDQo3_'’-#@.,;:()—–=<>/\\|*^ é漢\u0301", 'http://', 'www.', 'orz', 'QAQ', '😀', '👍🏽', '\u200D', '\uFE0F', '\uD800', '𝐀', ' - '];
    for (const text of randomTexts(pieces, { count: 5000, maxPieces: 10, seed: 11 })) {
      expect(scanned(text), JSON.stringify(text)).toEqual(matched(text));
    }
  });
});
