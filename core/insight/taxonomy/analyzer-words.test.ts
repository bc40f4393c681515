import { describe, expect, it } from 'vitest';
import { createTextAnalyzer } from '../../text/text-analyzer.ts';
import { HAN, WORD } from './analyzer-words.ts';

const analyzer = createTextAnalyzer();

// Readers that walk WORD themselves must see the analyzer's own tokens, or tagging and
// search would disagree.
const texts = [
  'The deliveries were NOT delivered on time!!',
  "It hasn’t arrived; I've waited 3 weeks (tracking: none).",
  'Café app 闪退了 again, 验证码收不到。APP总是卡顿',
  'e-mail, co-worker, 2x faster, 10% off, $50, naïve façade',
  '',
];

describe('analyzer words', () => {
  it.each(texts)('splits %j exactly as the analyzer does, outside Han runs', (text) => {
    const walked = [...text.matchAll(WORD)]
      .filter((m) => !HAN.test(m[0]))
      .map((m) => ({ term: analyzer.tokens(m[0])[0]!.term, start: m.index, end: m.index + m[0].length }));
    const tokens = analyzer.tokens(text).filter((t) => t.script !== 'han').map(({ term, start, end }) => ({ term, start, end }));
    expect(walked).toEqual(tokens);
  });
});
