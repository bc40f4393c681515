import { describe, expect, it } from 'vitest';
import { foldWidth } from './fold-width.ts';
import { DETECTORS } from './pii-detectors.ts';
import { Hint, piiHints } from './pii-hints.ts';

// Texts each detector should (or might) match, in every format the tests elsewhere use.
const CANDIDATES = [
  'a@b.cn', 'ｚｈａｎｇ＠ｅｘａｍｐｌｅ．ｃｏｍ', '+1 415 555 0134', '+44 (0)20 7946 0958', '+8613800138000',
  '(415) 555-0134', '415.555.0134', '020 7946 0958', '010-12345678', '（０２１）１２３４　５６７８',
  '13800138000', '１３８００１３８０００', '138 0013 8000', '0086 138-0013-8000', '4111 1111 1111 1111',
  '3782 822463 10005', '6200000000000005', '110105199003071234', '110105 19900307 1234', '110105491231002',
  '192.168.1.1', '１９２．１６８．１．１', '::1', '2001:db8::1', '::ffff:192.0.2.1', '1:2:3:4:5:6:7:8',
  '1:2:3:4:5:6:1.2.3.4', '电话：13800138000，谢谢', 'IP是10.0.0.1。',
];

describe('piiHints', () => {
  it('is 0 for text with neither a digit nor an "@"', () => {
    expect(piiHints('The delivery was late and the box arrived damaged.')).toBe(0);
    expect(piiHints('快递太慢了，包装还破了！客服态度不错？')).toBe(0);
  });

  it('gives no detector hint for short numbers, dates, times, prices and versions', () => {
    const text = 'Ordered 2026-11-23 at 12:30:45, paid ¥1299 / $1,299.00, app v1.9.3 and 2.3.1, 85%, 3 items, order #1106089';
    expect(piiHints(text) & ~Hint.wide).toBe(0);
    expect(piiHints('2026年11月23日下午3点，价格１２９９元，好评率９８％') & ~Hint.wide).toBe(0);
  });

  it('does not ask for folding for ordinary Chinese punctuation', () => {
    expect(piiHints('电话13800138000，谢谢！') & Hint.wide).toBe(0);
    expect(piiHints('电话１３８００１３８０００') & Hint.wide).toBe(Hint.wide);
  });

  // The contract that makes the shortcut safe: whenever a detector finds something, its
  // hint was set, so skipping a detector without its hint never loses a match; and
  // without the wide hint, detecting on the unfolded text finds the same.
  it('sets the hint of every detector that finds something', () => {
    const spans = (d: (typeof DETECTORS)[number], text: string) => {
      const out: string[] = [];
      d.find(text, (start, end) => out.push(`${start}-${end}`));
      return out;
    };
    for (const text of CANDIDATES) {
      const hints = piiHints(text);
      for (const d of DETECTORS) {
        const found = spans(d, foldWidth(text));
        if (found.length > 0) expect(hints & d.hint, `${d.kind} in ${text}`).toBe(d.hint);
        if (!(hints & Hint.wide)) expect(spans(d, text), `${d.kind} in ${text}`).toEqual(found);
      }
    }
  });
});
