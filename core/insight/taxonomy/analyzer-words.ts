// The text analyzer's word pattern, for the English matcher and the keyphrase extractor,
// which walk a text's words themselves with a per-word cache of what they need (one map
// lookup per word instead of building Token objects). The analyzer analyses each WORD
// match on its own, so asking it about one match gives exactly its token for that word.
// WORD must stay the analyzer's pattern; analyzer-words.test.ts checks that it does.

/** Global: use with matchAll, or exec from lastIndex 0. */
export const WORD = /\p{Script=Han}+|[\p{L}\p{M}\p{N}]+(?:['’][\p{L}]+)*/gu;
/** A WORD match that is a Han run, which the analyzer segments with jieba instead. */
export const HAN = /^\p{Script=Han}/u;
