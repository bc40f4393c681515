import { describe, expect, it } from 'vitest';
import { createTextAnalyzer } from '../../core/text/text-analyzer.ts';
import { createKeyphraseExtractor } from './keyphrases.ts';

const analyzer = createTextAnalyzer();
const extractor = createKeyphraseExtractor({ analyzer });

describe('keyphrases, English', () => {
  it('finds noun-ish phrases of 1–3 words as written, lower-cased, pairs first', () => {
    expect(extractor.extract('The Battery Life is terrible and customer service never replied.', 'en')).toEqual(['battery life', 'customer service']);
  });

  it('skips stop words, generic words and sentiment words', () => {
    expect(extractor.extract('Great product, really good, love it! Thanks so much', 'en')).toEqual([]);
  });

  it('keeps past-tense words at the start of a phrase only', () => {
    expect(extractor.extract('The cracked screen protector; the package arrived', 'en')).toEqual(['cracked screen protector', 'package']);
  });

  it('takes the word after a pronoun, modal or "to" for a verb', () => {
    expect(extractor.extract('I need to exchange the jacket', 'en')).toEqual(['jacket']);
  });

  it('skips handles, hashtags, addresses and lone -ing verbs', () => {
    expect(extractor.extract('@ShopCo your checkout page keeps crashing https://t.co/x1 #fail', 'en')).toEqual(['checkout page']);
    expect(extractor.extract('Free shipping', 'en')).toEqual(['free shipping']);
  });

  it('writes a phrase with single spaces whatever joined its words', () => {
    expect(extractor.extract('Battery\tlife and screen\u00a0 brightness, zipper  pull', 'en')).toEqual(['battery life', 'screen brightness', 'zipper pull']);
  });

  it('does not join words across punctuation', () => {
    expect(extractor.extract('Hotel room, front desk staff', 'en')).toEqual(['hotel room', 'front desk staff']);
  });

  it('returns at most five, a repeated phrase first, and no part of a chosen phrase', () => {
    const text = 'Battery life. Screen brightness. Delivery box. Zipper pull. Sleeve length. Price tag. Battery life again, battery.';
    const phrases = extractor.extract(text, 'en');
    expect(phrases).toHaveLength(5);
    expect(phrases[0]).toBe('battery life');
    expect(phrases).not.toContain('battery');
  });

  it('gives the same result from precomputed analyzer tokens, deterministically', () => {
    const text = 'Wrong size jacket, slow refund process and a rude courier.';
    const first = extractor.extract(text, 'en');
    expect(extractor.extract(text, 'en', analyzer.tokens(text))).toEqual(first);
    expect(extractor.extract(text, 'en')).toEqual(first);
  });
});

describe('keyphrases, Chinese', () => {
  it('keeps multi-character words and compounds with aspect nouns', () => {
    expect(extractor.extract('客服态度很差，物流速度也慢，验证码一直收不到。', 'zh')).toEqual(['客服态度', '物流速度', '验证码']);
  });

  it('skips function, generic, predicate and negated words and single characters', () => {
    expect(extractor.extract('非常好，很满意，太慢了，打不开', 'zh')).toEqual([]);
  });

  it('works from precomputed tokens too', () => {
    const text = '这个酒店的早餐太差了，房间隔音也不好';
    expect(extractor.extract(text, 'zh', analyzer.tokens(text))).toEqual(extractor.extract(text, 'zh'));
    expect(extractor.extract(text, 'zh')).toContain('房间隔音');
  });
});

describe('keyphrases, other languages', () => {
  it('gives none: the word lists are English and Chinese', () => {
    expect(extractor.extract('Die Lieferung war sehr langsam', 'other')).toEqual([]);
  });
});
