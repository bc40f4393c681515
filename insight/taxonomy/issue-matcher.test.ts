import { describe, expect, it } from 'vitest';
import { createTextAnalyzer } from '../../core/text/text-analyzer.ts';
import { createIssueMatcher } from './issue-matcher.ts';
import { parseTaxonomy } from './taxonomy.schema.ts';

const analyzer = createTextAnalyzer();

const taxonomy = parseTaxonomy({
  id: 'test',
  version: 7,
  name: 'Test',
  categories: [
    {
      id: 'delivery',
      label: { en: 'Delivery', zh: '物流' },
      issues: [
        {
          id: 'late',
          label: { en: 'Late delivery', zh: '配送延迟' },
          patterns: {
            en: ['delay*', '=late', 'still (has|have|) <not> arrived', 'took * (days|weeks) to (arrive|come)', '(delivery|parcel) (was|is) =late'],
            zh: ['慢', '还没到', '等了*天', '(物流|快递)*2慢'],
          },
          exclude: { en: ['=late checkout'], zh: ['慢慢'] },
        },
        {
          id: 'lost',
          label: { en: 'Lost parcel', zh: '丢件' },
          patterns: { en: ['<not> received (my|the) (parcel|order)', 'lost (parcel|package)'], zh: ['没收到', '丢件'] },
        },
      ],
    },
    {
      id: 'product',
      label: { en: 'Product' },
      issues: [
        { id: 'broken', label: { en: 'Broken' }, patterns: { en: ['broken', 'stopped working', '<not> working'], zh: ['坏了', 'APP闪退'] } },
        { id: 'battery', label: { en: 'Battery', zh: '电池' }, patterns: { en: ['battery (dies|drains) (after|within) <num> (hours|minutes)', 'use* the battery'] } },
      ],
    },
    {
      id: 'praise',
      kind: 'praise',
      label: { en: 'Praise', zh: '表扬' },
      issues: [{ id: 'helpful', label: { en: 'Helpful', zh: '热情' }, patterns: { en: ['helpful'], zh: ['热情'] } }],
    },
  ],
});

const matcher = createIssueMatcher(taxonomy, { analyzer });
const ids = (text: string, language: 'en' | 'zh' | 'other' = 'en') => matcher.match(text, language).map((t) => t.id);

describe('issue matcher, English', () => {
  it('names its taxonomy version', () => {
    expect(matcher.version).toBe('test@7');
  });

  it('matches words by stem and prefixes as written', () => {
    expect(ids('The parcel was delayed again')).toEqual(['delivery.late']);
    expect(ids('Delays, delays, DELAYS')).toEqual(['delivery.late']);
    expect(ids('It arrived late')).toEqual(['delivery.late']);
  });

  it('matches =words exactly, not by stem', () => {
    expect(ids("I've been ordering a lot lately")).toEqual([]);
  });

  it('matches gaps, alternatives and numbers', () => {
    expect(ids('It took three whole weeks to arrive')).toEqual(['delivery.late']);
    expect(ids('It took weeks to come')).toEqual(['delivery.late']);
    expect(ids('The battery dies after 2 hours')).toEqual(['product.battery']);
    expect(ids('The battery dies after two hours')).toEqual(['product.battery']);
    expect(ids('It took five days, then two more, then finally it arrived')).toEqual([]);
  });

  it('does not count a match after a negator, unless the pattern says the negation', () => {
    expect(ids('The delivery was not late at all')).toEqual([]);
    expect(ids("There wasn't any delay")).toEqual([]);
    expect(ids('Never had a delay with them')).toEqual([]);
    expect(ids('It is not working')).toEqual(['product.broken']);
    expect(ids('It still has not arrived')).toEqual(['delivery.late']);
    expect(ids("It still hasn't arrived")).toEqual(['delivery.late']);
    expect(ids("I haven't received my parcel")).toEqual(['delivery.lost']);
  });

  it('keeps negation within its clause and ignores "not only"', () => {
    expect(ids('Not happy, the parcel was late')).toEqual(['delivery.late']);
    expect(ids('Not only late but also broken')).toEqual(['delivery.late', 'product.broken']);
    expect(ids('No wonder it broke, it arrived broken')).toEqual(['product.broken']);
  });

  it('never lets a gap skip over a negator', () => {
    expect(ids('It took no days to arrive')).toEqual([]);
  });

  it('keeps the words of a phrase within one clause', () => {
    expect(ids('The delivery was, honestly, late')).toEqual(['delivery.late']); // "=late" alone still matches
    expect(matcher.match('The delivery was, honestly, late', 'en')[0]!.evidence).toBe('late');
    expect(ids('It stopped. Working from home now')).toEqual([]);
  });

  it('applies exclusions to the matches they overlap', () => {
    expect(ids('We asked for a late checkout')).toEqual([]);
    expect(ids('Late checkout was refused and the parcel was late')).toEqual(['delivery.late']);
  });

  it('matches an inflection only up to 4 letters longer than the pattern word', () => {
    // Porter stems "used"/"uses" to "us", a stop word: such pattern words match as written.
    expect(ids('They used the battery')).toEqual(['product.battery']);
    expect(ids('Give us the battery')).toEqual([]);
  });

  it('gives evidence that is the matched span of the text', () => {
    const text = 'Honestly?! My parcel — it still hasn’t arrived, and the app is broken.';
    const tags = matcher.match(text, 'en');
    expect(tags.map((t) => t.id).sort()).toEqual(['delivery.late', 'product.broken']);
    for (const tag of tags) expect(text.slice(tag.start, tag.end)).toBe(tag.evidence);
    expect(tags.find((t) => t.id === 'delivery.late')!.evidence).toBe('still hasn’t arrived');
  });

  it('tags several issues and sorts them by confidence', () => {
    const tags = matcher.match('The delivery was late, it is broken, and it stopped working', 'en');
    expect(tags.map((t) => t.id)).toEqual(['product.broken', 'delivery.late']);
    expect(tags[0]!.confidence).toBeGreaterThan(tags[1]!.confidence);
    expect(tags[0]).toMatchObject({ parent: 'product', label: 'Broken' });
  });

  it('calibrates confidence: one word weak, a phrase stronger, several patterns strongest', () => {
    const one = matcher.match('so broken', 'en')[0]!.confidence;
    const phrase = matcher.match('it stopped working', 'en')[0]!.confidence;
    const several = matcher.match('It stopped working, now it is broken and not working', 'en')[0]!.confidence;
    expect(one).toBeGreaterThanOrEqual(0.5);
    expect(one).toBeLessThanOrEqual(0.6);
    expect(phrase).toBeGreaterThan(one);
    expect(several).toBeGreaterThan(phrase);
    expect(several).toBeGreaterThanOrEqual(0.85);
    expect(several).toBeLessThanOrEqual(0.99);
  });

  it('counts repeats of one pattern once', () => {
    expect(matcher.match('broken broken broken', 'en')[0]!.confidence).toBe(matcher.match('broken', 'en')[0]!.confidence);
  });

  it('gives the same tags from precomputed analyzer tokens', () => {
    const text = 'The parcel still has not arrived and my order is broken';
    expect(matcher.match(text, 'en', analyzer.tokens(text))).toEqual(matcher.match(text, 'en'));
  });

  it('returns nothing for text without issues', () => {
    expect(matcher.match('', 'en')).toEqual([]);
    expect(matcher.match('Thanks, all good.', 'en')).toEqual([]);
  });
});

describe('issue matcher, Chinese', () => {
  it('matches substrings next to punctuation, with labels in Chinese', () => {
    const text = '快递太慢了！！还没到，差评。';
    const tags = matcher.match(text, 'zh');
    expect(tags).toHaveLength(1);
    expect(tags[0]).toMatchObject({ id: 'delivery.late', label: '配送延迟', parent: 'delivery' });
    for (const tag of tags) expect(text.slice(tag.start, tag.end)).toBe(tag.evidence);
  });

  it('falls back to the English label when the taxonomy has no Chinese one', () => {
    expect(matcher.match('手机坏了', 'zh')[0]).toMatchObject({ id: 'product.broken', label: 'Broken' });
  });

  it('matches gaps within a clause only', () => {
    expect(ids('等了整整三天', 'zh')).toEqual(['delivery.late']);
    expect(ids('等了，三天', 'zh')).toEqual([]);
  });

  it('does not count a match right after 不/没/没有/无/未 unless the pattern has it', () => {
    expect(ids('物流不慢', 'zh')).toEqual([]);
    expect(ids('快递一点都不慢', 'zh')).toEqual([]);
    expect(ids('快递没有那么慢', 'zh')).toEqual([]);
    expect(ids('快递不慢', 'zh')).toEqual([]); // the gap of "(物流|快递)*2慢" never skips 不
    expect(ids('一直没收到', 'zh')).toEqual(['delivery.lost']);
  });

  it('knows compounds that start with a negator but do not negate', () => {
    expect(ids('东西不错，不过物流太慢', 'zh')).toEqual(['delivery.late']);
    expect(ids('不过慢了点', 'zh')).toEqual(['delivery.late']);
  });

  it('applies Chinese exclusions', () => {
    expect(ids('慢慢来', 'zh')).toEqual([]);
  });

  it('matches Latin letters in Chinese patterns case-insensitively', () => {
    expect(ids('app闪退了', 'zh')).toEqual(['product.broken']);
    expect(ids('App闪退了', 'zh')).toEqual(['product.broken']);
  });

  it('tags several issues with evidence offsets', () => {
    const text = '客服很热情，但是快递丢件了，而且坏了';
    const tags = matcher.match(text, 'zh');
    expect(tags.map((t) => t.id).sort()).toEqual(['delivery.lost', 'praise.helpful', 'product.broken']);
    for (const tag of tags) expect(text.slice(tag.start, tag.end)).toBe(tag.evidence);
  });

  it('weighs one character less than a phrase', () => {
    const one = matcher.match('慢', 'zh')[0]!.confidence;
    const three = matcher.match('还没到', 'zh')[0]!.confidence;
    expect(one).toBeLessThan(0.55);
    expect(three).toBeGreaterThan(one);
  });
});

describe('issue matcher, other languages', () => {
  it('runs both pattern sets and labels in English', () => {
    const tags = matcher.match('Das Paket: delayed. 还没到', 'other');
    expect(tags.map((t) => t.id)).toEqual(['delivery.late']);
    expect(tags[0]!.label).toBe('Late delivery');
  });
});
