// The text analyzer's word pattern, for the English matcher and the keyphrase extractor,
// which walk a text's words themselves with a per-word cache of what they need (one map
// lookup per word instead of building Token objects). The analyzer analyses each WORD
// match on its own, so asking it about one match gives exactly its token for that word.
// WORD must stay the analyzer's pattern; analyzer-words.test.ts checks that it does.

/** Global: use with matchAll, or exec from lastIndex 0. HAN: a WORD match that is a Han run. */
export { HAN, WORD } from '../../text/text-analyzer.ts';
