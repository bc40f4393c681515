// What a reader of tokens derives from a word (its pattern-walk facts, its keyphrase
// role), worked out once per distinct word and found again by array index on the
// lexeme's id: no string hashing per token, which is most of what per-word maps cost.
// Ids are reused after the analyzer resets its memory, so an entry counts only for the
// very lexeme it was derived from. Memory stays bounded by the analyzer's lexeme limit.
import type { Lexeme } from './text-analyzer.ts';

export type LexemeMemo<T> = (lexeme: Lexeme) => T;

// Outside the lookup closure: with the stores inline, V8 (Node 20) kept the closure's
// optimised code and left it again at the first store of every new word, thousands of
// times a second on fresh text.
function keep(slots: unknown[], at: number, lexeme: Lexeme, value: unknown): void {
  // Grown one slot at a time, so the array stays packed and fast to index.
  while (slots.length <= at + 1) slots.push(undefined);
  slots[at] = lexeme;
  slots[at + 1] = value;
}

export function createLexemeMemo<T>(derive: (lexeme: Lexeme) => T): LexemeMemo<T> {
  // Lexeme and value side by side (2·id, 2·id + 1): one memory access finds both.
  const slots: unknown[] = [];
  return (lexeme) => {
    const at = 2 * lexeme.id;
    if (slots[at] === lexeme) return slots[at + 1] as T;
    const value = derive(lexeme);
    keep(slots, at, lexeme, value);
    return value;
  };
}
