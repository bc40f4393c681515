import { describe, expect, it } from 'vitest';
import { foldWidth } from './fold-width.ts';

describe('foldWidth', () => {
  it('folds full-width digits, letters and punctuation to ASCII', () => {
    expect(foldWidth('１３８　００１３－８０００')).toBe('138 0013-8000');
    expect(foldWidth('ｚｈａｎｇ＠ｅｘａｍｐｌｅ．ｃｏｍ')).toBe('zhang@example.com');
    expect(foldWidth('（０２１）＋８６')).toBe('(021)+86');
  });

  it('folds look-alike spaces and hyphens', () => {
    expect(foldWidth('138\u00A00013\u20138000\u202F1')).toBe('138 0013-8000 1');
  });

  it('keeps length, so offsets carry over to the original', () => {
    const text = '电话：１３８００１３８０００，邮箱ａ＠ｂ．ｃｎ 😀';
    expect(foldWidth(text)).toHaveLength(text.length);
  });

  it('leaves Han text and other characters alone', () => {
    expect(foldWidth('快递太慢了。“好”')).toBe('快递太慢了。“好”');
  });
});
