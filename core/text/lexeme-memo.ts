// What a reader of tokens derives from a word (its pattern-walk facts, its keyphrase
// role), worked out once per distinct word and found again by array index on the
// lexeme's id: no string hashing per token, which is most of what per-word maps cost.
// Ids are reused after the analyzer resets its memory, so an entry counts only for the
// very lexeme it was derived from. Memory stays bounded by the analyzer's lexeme limit.
// Lexemes that are not kept (id -1) are derived afresh each time.
import type { Lexeme } from './text-analyzer.ts';

export type LexemeMemo<T> = (lexeme: Lexeme) => T;

export function createLexemeMemo<T>(derive: (lexeme: Lexeme) => T): LexemeMemo<T> {
  const owners: Array<Lexeme | undefined> = [];
  const values: Array<T | undefined> = [];
  return (lexeme) => {
    const id = lexeme.id;
    if (owners[id] === lexeme) return values[id] as T;
    const value = derive(lexeme);
    if (id < 0) return value;
    // Grown one slot at a time, so the arrays stay packed and fast to index.
    while (owners.length <= id) {
      owners.push(undefined);
      values.push(undefined);
    }
    owners[id] = lexeme;
    values[id] = value;
    return value;
  };
}
