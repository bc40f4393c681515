import { describe, expect, it } from 'vitest';
import { createTextAnalyzer } from './text-analyzer.ts';

const analyzer = createTextAnalyzer();

describe('text analyzer', () => {
  it('stems English words and drops stop words but keeps negators', () => {
    expect(analyzer.terms('The deliveries were NOT delivered on time')).toEqual(['deliveri', 'not', 'deliv', 'time']);
  });

  it('segments Chinese and drops particles', () => {
    const terms = analyzer.terms('快递太慢了，充电口坏了');
    expect(terms).toContain('快递');
    expect(terms).toContain('充电');
    expect(terms).not.toContain('了');
  });

  it('keeps offsets into the original text for both scripts', () => {
    const text = 'Café app 闪退了 again';
    for (const t of analyzer.tokens(text)) {
      const original = text.slice(t.start, t.end);
      expect(original.length).toBeGreaterThan(0);
      if (t.script === 'han') expect(original).toBe(t.term);
    }
    expect(analyzer.tokens(text).map((t) => t.term)).toContain('cafe');
  });

  it('analyses a query the same way as a document', () => {
    const doc = analyzer.terms('Refunds are still missing after two weeks');
    for (const term of analyzer.terms('refund missing')) expect(doc).toContain(term);
  });
});

describe('mixed scripts', () => {
  it('splits Latin words from the Chinese around them', () => {
    const tokens = analyzer.tokens('这个app闪退了');
    expect(tokens.map((t) => [t.term, t.script])).toEqual([
      ['这个', 'han'],
      ['app', 'latin'],
      ['闪退', 'han'],
      ['了', 'han'],
    ]);
  });
});

describe('Han bigrams', () => {
  it('are the same from the text and from its tokens', () => {
    for (const text of ['快递太慢了，充电口坏了', '这个app闪退了!! 𠀀𠀁好 々', '好', 'no Chinese here', '']) {
      expect(analyzer.hanBigramsOf(text, analyzer.tokens(text))).toEqual(analyzer.hanBigrams(text));
    }
    expect(analyzer.hanBigrams('充电口 好')).toEqual(['充电', '电口', '好']);
  });
});
