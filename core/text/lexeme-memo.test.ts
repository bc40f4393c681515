import { describe, expect, it } from 'vitest';
import { createLexemeMemo } from './lexeme-memo.ts';
import type { Lexeme } from './text-analyzer.ts';

const lexeme = (id: number, surface: string): Lexeme => ({ id, surface, term: surface.toLowerCase(), script: 'latin', stop: false });

describe('lexeme memo', () => {
  it('derives once per lexeme', () => {
    let calls = 0;
    const memo = createLexemeMemo((l) => (calls++, l.term.length));
    const a = lexeme(3, 'Late');
    expect(memo(a)).toBe(4);
    expect(memo(a)).toBe(4);
    expect(calls).toBe(1);
  });

  it('derives again for another lexeme that reuses an id', () => {
    const memo = createLexemeMemo((l) => l.term);
    expect(memo(lexeme(0, 'Refund'))).toBe('refund');
    expect(memo(lexeme(0, 'Delay'))).toBe('delay');
  });
});
