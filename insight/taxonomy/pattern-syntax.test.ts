import { describe, expect, it } from 'vitest';
import { parseChinesePattern, parseEnglishPattern, patternProblem } from './pattern-syntax.ts';

describe('English pattern syntax', () => {
  it('reads words, prefixes, exact words, negators, numbers and gaps', () => {
    expect(parseEnglishPattern("still hasn't =Arrived delay* <not> <num> * late *5 days")).toEqual([
      { kind: 'word', text: 'still' },
      { kind: 'word', text: "hasn't" },
      { kind: 'exact', text: 'arrived' },
      { kind: 'prefix', text: 'delay' },
      { kind: 'neg' },
      { kind: 'num' },
      { kind: 'gap', max: 3 },
      { kind: 'word', text: 'late' },
      { kind: 'gap', max: 5 },
      { kind: 'word', text: 'days' },
    ]);
  });

  it('reads alternatives written against words, with phrases, nesting and an empty choice', () => {
    expect(parseEnglishPattern('took (two|a few) (days|weeks)')).toEqual([
      { kind: 'word', text: 'took' },
      { kind: 'group', alternatives: [[{ kind: 'word', text: 'two' }], [{ kind: 'word', text: 'a' }, { kind: 'word', text: 'few' }]] },
      { kind: 'group', alternatives: [[{ kind: 'word', text: 'days' }], [{ kind: 'word', text: 'weeks' }]] },
    ]);
    const nested = parseEnglishPattern('(give (me|us)|refund) now');
    expect(nested[0]).toMatchObject({ kind: 'group', alternatives: [[{ text: 'give' }, { kind: 'group' }], [{ text: 'refund' }]] });
    expect(parseEnglishPattern('(very|) late')[0]).toEqual({ kind: 'group', alternatives: [[{ kind: 'word', text: 'very' }], []] });
  });

  it.each([
    ['still (not', 'unclosed "("'],
    ['not)', 'unmatched ")"'],
    ['a | b', '"|" outside "( )"'],
    ['* late', 'cannot start or end with "*"'],
    ['late (*|)', 'cannot start or end with "*"'],
    ['(very|) (|)', 'leaves the pattern empty'],
    ['de*', 'at least 3 characters'],
    ['<not>', 'needs a word besides <not> and <num>'],
    ['(<not>|never) <num>', 'needs a word besides <not> and <num>'],
    ['late!', 'is not a word'],
    ['<maybe> late', 'the special words are <not> and <num>'],
    ['re-fund*', 'a prefix is letters or digits'],
    ['=two-words', '"=" needs a single word'],
  ])('rejects %j: %s', (pattern, reason) => {
    expect(patternProblem(pattern, 'en')).toContain(reason);
    expect(patternProblem(pattern, 'en')).toContain(`invalid pattern "${pattern}"`);
  });

  it('accepts hyphenated and apostrophe words', () => {
    expect(patternProblem("e-mail didn't arrive", 'en')).toBeUndefined();
  });
});

describe('Chinese pattern syntax', () => {
  it('reads characters, gaps with lengths and alternatives', () => {
    expect(parseChinesePattern('等了*2天')).toEqual([
      { kind: 'char', text: '等' },
      { kind: 'char', text: '了' },
      { kind: 'gap', max: 2 },
      { kind: 'char', text: '天' },
    ]);
    expect(parseChinesePattern('还没(到|收到)')[2]).toEqual({
      kind: 'group',
      alternatives: [[{ kind: 'char', text: '到' }], [{ kind: 'char', text: '收' }, { kind: 'char', text: '到' }]],
    });
  });

  it('lower-cases Latin letters so "APP闪退" matches "app闪退"', () => {
    expect(parseChinesePattern('APP').map((i) => (i as { text: string }).text)).toEqual(['a', 'p', 'p']);
  });

  it.each([
    ['还 没到', 'no spaces'],
    ['*慢', 'cannot start or end with "*"'],
    ['(慢', 'unclosed "("'],
    ['(|)', 'leaves the pattern empty'],
  ])('rejects %j: %s', (pattern, reason) => {
    expect(patternProblem(pattern, 'zh')).toContain(reason);
  });
});
