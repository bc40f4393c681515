// What the compiled English and Chinese pattern sets report to the issue matcher.

/** One pattern (of one issue, in one language). */
export type Rule = {
  /** index of the issue in the matcher's issue list */
  issue: number;
  /** unique per pattern of an issue: several matches of one pattern count once */
  pattern: number;
  /** an `exclude` pattern: vetoes matches of its issue that it overlaps */
  exclude: boolean;
};

/**
 * A match of a rule in a text: [start, end) offsets into that text, the specificity of
 * the words that matched (see strengthOf) and whether a negator before it denies it.
 */
export type Hit = { rule: Rule; start: number; end: number; strength: number; negated: boolean };

/** Specificity from the weight of the matched words: 1 word → 0.55, 2 → 0.71, 3 → 0.81, 5 → 0.9. */
export function strengthOf(weight: number): number {
  return 0.95 - 0.4 * Math.pow(0.6, weight - 1);
}
