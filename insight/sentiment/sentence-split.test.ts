import { describe, expect, it } from 'vitest';
import { splitSentences } from './sentence-split.ts';

const pieces = (text: string) => splitSentences(text).map(({ start, end }) => text.slice(start, end));

describe('sentence split', () => {
  it('splits English on . ! ? … and keeps the terminators with their sentence', () => {
    expect(pieces('Great crew! Flight was late… Why?? Never again.')).toEqual(['Great crew!', 'Flight was late…', 'Why??', 'Never again.']);
  });

  it('splits Chinese on 。！？； and line breaks', () => {
    expect(pieces('味道不错。送餐太慢！还会再来吗？\n下次试试；别的')).toEqual(['味道不错。', '送餐太慢！', '还会再来吗？', '下次试试；', '别的']);
  });

  it('splits Chinese sentences written with an ASCII full stop', () => {
    expect(pieces('会非常麻烦.建议用别的路线.房间简单.')).toEqual(['会非常麻烦.', '建议用别的路线.', '房间简单.']);
  });

  it('does not split decimals, abbreviations, domains or links', () => {
    expect(pieces('It cost 3.5 dollars in the U.S. and vuelos24.es said so. See http://t.co/abc ok')).toEqual([
      'It cost 3.5 dollars in the U.S. and vuelos24.es said so.',
      'See http://t.co/abc ok',
    ]);
  });

  it('returns offsets into the original text, trimmed of surrounding space', () => {
    const text = '  Love it.   Hate the zip!  ';
    const spans = splitSentences(text);
    expect(spans).toEqual([
      { start: 2, end: 10 },
      { start: 13, end: 26 },
    ]);
  });

  it('keeps closing quotes with the sentence and drops punctuation-only runs', () => {
    expect(pieces('He said "never again." ... Fine')).toEqual(['He said "never again."', 'Fine']);
  });

  it('keeps emoji and emoticon sentences', () => {
    expect(pieces('Landed. :) 😍')).toEqual(['Landed.', ':) 😍']);
  });

  it('handles empty and blank text', () => {
    expect(splitSentences('')).toEqual([]);
    expect(splitSentences('   \n ')).toEqual([]);
  });
});
