// The text analyzer's tokens, with each word's term remembered. Porter stemming costs
// about 2 µs a word, which alone would take an English text far over the matcher's
// budget, while customers use a small vocabulary over and over. Terms come from the
// analyzer itself (one word at a time), so tagging and search still see the same stems;
// cached-tokenizer.test.ts checks that the output equals analyzer.tokens(text).
// WORD must stay the analyzer's word pattern: the analyzer analyses each match alone.
// The English matcher walks WORD itself, with its own per-word cache, for the same reason.
import type { TextAnalyzer, Token } from '../../text/text-analyzer.ts';

/** The analyzer's word pattern (global: use with matchAll or exec from lastIndex 0). */
export const WORD = /\p{Script=Han}+|[\p{L}\p{M}\p{N}]+(?:['’][\p{L}]+)*/gu;
/** A WORD match that is a Han run, which the analyzer segments with jieba. */
export const HAN = /^\p{Script=Han}/u;

export type Tokenizer = {
  /** analyzer.tokens(text); with `han: false` Han runs are skipped (no jieba call). */
  tokens(text: string, options?: { han?: boolean }): Token[];
};

export function createCachedTokenizer(analyzer: TextAnalyzer, options: { maxWords?: number } = {}): Tokenizer {
  const maxWords = options.maxWords ?? 50_000;
  const words = new Map<string, Token>();

  function word(w: string): Token | undefined {
    let t = words.get(w);
    if (t === undefined) {
      t = analyzer.tokens(w)[0];
      if (!t) return undefined;
      // Bounded by forgetting everything: cheap, and a busy vocabulary refills in moments.
      if (words.size >= maxWords) words.clear();
      words.set(w, t);
    }
    return t;
  }

  return {
    tokens(text, opts) {
      const out: Token[] = [];
      const han = opts?.han ?? true;
      for (const m of text.matchAll(WORD)) {
        const run = m[0];
        const start = m.index;
        if (HAN.test(run)) {
          if (!han) continue;
          for (const t of analyzer.tokens(run)) out.push({ term: t.term, start: start + t.start, end: start + t.end, script: t.script });
        } else {
          const t = word(run);
          if (t) out.push({ term: t.term, start, end: start + run.length, script: t.script });
        }
      }
      return out;
    },
  };
}
