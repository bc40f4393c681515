// English patterns compiled once into one graph of stems: the first words of all patterns
// sit in maps at a shared root, so a text costs a map lookup per token, and a walk only
// where some pattern starts. A match stays within one clause (no , ; . ! ? between words).
// A pattern word matches the text's words with its stem that are at most 4 letters longer
// than itself: "delay" finds "delays", "delayed", but "response" not "responsibility",
// nor "organ" "organization" (Porter stems them alike). A pattern word whose stem is a
// function word ("used" → "us", "one" → "on") matches only as written.
// A negator up to 3 words before a match, in the same clause, marks the match as negated
// ("not late", "never had a delay"); a gap that passes over a negator only counts for
// patterns that say negation themselves ("<not> * working").
import { createLexemeMemo } from '../../core/text/lexeme-memo.ts';
import type { TextAnalyzer, Token } from '../../core/text/text-analyzer.ts';
import { englishStopwords } from '../../core/text/natural.ts';
import { buildGraph, mergeGraphs, type MergedNode } from './pattern-graph.ts';
import { NUMBER_WORDS, parseEnglishPattern, type EnglishItem } from './pattern-syntax.ts';
import { strengthOf, type Hit, type Rule } from './pattern.types.ts';

type Element =
  /** `len`: the longest pattern word with this stem */
  | { kind: 'stem'; term: string; len: number }
  | { kind: 'prefix'; text: string }
  | { kind: 'exact'; text: string }
  | { kind: 'neg' }
  | { kind: 'num' };

/**
 * An edge as walked: where it leads, what its word weighs, whether it says negation and
 * how long a text word may be to match it.
 */
type Next = { to: Node; weight: number; negates: boolean; maxLength: number };
type Node = {
  /** keyed by stem id and exact-word id (see `Word`) */
  stems: Map<number, Next> | undefined;
  exact: Map<number, Next> | undefined;
  /** keyed by the prefix's first 3 characters, then checked in full */
  prefixes: Map<string, Array<{ text: string; next: Next }>> | undefined;
  neg: Next | undefined;
  num: Next | undefined;
  gaps: Array<{ max: number; to: Node }> | undefined;
  /** patterns that have matched when the walk reaches this node */
  ends: Rule[] | undefined;
};

// Negators as written; their stems are taken from the analyzer at compile time.
const NEGATOR_WORDS = ['not', 'no', 'never', 'without', 'cannot', 'nor', 'nothing', 'none', 'nobody', 'neither', 'dont', 'didnt', 'doesnt', 'isnt', 'wasnt', 'arent', 'werent', 'cant', 'wont', 'couldnt', 'wouldnt', 'shouldnt', 'havent', 'hasnt', 'hadnt', 'aint'];
// "not only late", "no wonder it broke": the negator does not negate what follows.
const NOT_NEGATING_NEXT = ['only', 'just', 'sure', 'matter', 'wonder', 'doubt'];
const NEGATION_WINDOW = 3;
// Porter stems some words to a function word: "used" → "us", "one" → "on", "ate" → "at",
// "canned" → "can". A pattern word with such a stem matches only as written.
const FUNCTION_WORDS = new Set(['us', 'on', 'at', 'can', 'so', 'as', 'in', 'it', 'an', 'or', 'by', 'to', 'up', 'do', 'be', 'no', 'we', 'he', 'me', 'my', 'of', 'if', 'off', 'out', 'all', 'any', 'her', 'his', 'our', 'who', 'how']);
const STEM_SLACK = 4;

const CLAUSE_BREAK = new Set([...'.!?;\n。！？；…,:()"“”，、：（）'].map((c) => c.charCodeAt(0)));

export type EnglishPatternSet = {
  scan(text: string, tokens?: readonly Token[]): Hit[];
};

export function compileEnglishPatterns(entries: Array<{ rule: Rule; pattern: string }>, analyzer: TextAnalyzer): EnglishPatternSet {
  const termCache = new Map<string, string[]>();
  const termsOf = (word: string) => {
    let terms = termCache.get(word);
    if (!terms) termCache.set(word, (terms = analyzer.tokens(word).map((t) => t.term)));
    return terms;
  };
  const negators = new Set(NEGATOR_WORDS.flatMap(termsOf));
  const notNegatingNext = new Set(NOT_NEGATING_NEXT.flatMap(termsOf));
  const stopwords = new Set(englishStopwords.flatMap(termsOf)); // as stems
  const stopwordsAsWritten = new Set(englishStopwords);
  const numberWords = new Set(NUMBER_WORDS);
  const isNegator = (term: string) => negators.has(term) || term.endsWith("n't");

  const elementsOf = (item: EnglishItem): Element[] | { gap: number } => {
    switch (item.kind) {
      case 'gap':
        return { gap: item.max };
      case 'word': {
        // A hyphenated word is several tokens to the analyzer ("e-mail" → e, mail).
        const lower = item.text.toLowerCase().replace(/’/g, "'");
        const terms = termsOf(item.text);
        if (terms.length === 1 && terms[0] !== lower && FUNCTION_WORDS.has(terms[0]!)) return [{ kind: 'exact', text: lower }];
        return lower.split(/-/).flatMap((part) => termsOf(part).map((term) => ({ kind: 'stem' as const, term, len: part.length })));
      }
      case 'prefix':
      case 'exact':
        return [{ kind: item.kind, text: item.text }];
      default:
        return [{ kind: item.kind }];
    }
  };
  const nextOf = (e: Element, to: Node): Next => {
    const word = e.kind === 'stem' ? e.term : e.kind === 'exact' ? e.text : undefined;
    const weak = e.kind === 'neg' || e.kind === 'num' || (word !== undefined && (stopwords.has(word) || stopwordsAsWritten.has(word)));
    const maxLength = e.kind === 'stem' ? e.len + STEM_SLACK : Infinity;
    return { to, weight: weak ? 0.5 : 1, negates: e.kind === 'neg' || (word !== undefined && isNegator(word)), maxLength };
  };

  const labelOf = (e: Element) => (e.kind === 'stem' ? `s:${e.term}` : e.kind === 'exact' ? `e:${e.text}` : e.kind === 'prefix' ? `p:${e.text}` : e.kind);
  const merged = mergeGraphs(
    entries.map(({ rule, pattern }) => buildGraph(parseEnglishPattern(pattern), elementsOf, rule)),
    labelOf,
    (a, b) => (a.kind === 'stem' && b.kind === 'stem' ? { ...a, len: Math.max(a.len, b.len) } : a),
  );
  // Every stem and exact word of the graph gets a number, and a text word carries the
  // number of its own: most words have none and skip the edge lookups altogether, and
  // the others look up a small integer instead of hashing a string at every node.
  const stemIds = new Map<string, number>();
  const exactIds = new Map<string, number>();
  const prefixHeads = new Set<string>();
  const idOf = (ids: Map<string, number>, key: string) => {
    let id = ids.get(key);
    if (id === undefined) ids.set(key, (id = ids.size));
    return id;
  };
  const nodes = new Map<MergedNode<Element, Rule>, Node>();
  const convert = (m: MergedNode<Element, Rule>): Node => {
    let node = nodes.get(m);
    if (node) return node;
    // Every node has every field, in one order: one hidden class keeps the walk's
    // property reads monomorphic, which more than halves its time.
    node = { stems: undefined, exact: undefined, prefixes: undefined, neg: undefined, num: undefined, gaps: undefined, ends: undefined };
    nodes.set(m, node);
    for (const { element: e, to } of m.edges.values()) {
      const next = nextOf(e, convert(to));
      if (e.kind === 'stem') (node.stems ??= new Map()).set(idOf(stemIds, e.term), next);
      else if (e.kind === 'exact') (node.exact ??= new Map()).set(idOf(exactIds, e.text), next);
      else if (e.kind === 'prefix') {
        const prefixes = (node.prefixes ??= new Map());
        const key = e.text.slice(0, 3);
        prefixHeads.add(key);
        prefixes.set(key, [...(prefixes.get(key) ?? []), { text: e.text, next }]);
      } else if (e.kind === 'neg') node.neg = next;
      else node.num = next;
    }
    if (m.gaps.length) node.gaps = m.gaps.map((g) => ({ max: g.max, to: convert(g.to) }));
    if (m.ends.length) node.ends = m.ends;
    return node;
  };
  const root = convert(merged);

  // What the walk needs of a word, worked out once per distinct word as written.
  const wordOf = createLexemeMemo(({ surface, term }): Word => {
    const lower = surface.toLowerCase().replace(/’/g, "'");
    const head = lower.slice(0, 3);
    const neg = isNegator(term);
    const num = /^\d+$/.test(lower) || numberWords.has(lower);
    const stem = stemIds.get(term) ?? -1;
    const exact = exactIds.get(lower) ?? -1;
    // Whether some pattern can start here: most words start none, and skip the walk.
    const starts =
      root.stems?.has(stem) === true || root.exact?.has(exact) === true || (root.prefixes?.get(head)?.some((p) => lower.startsWith(p.text)) ?? false) || (neg && root.neg !== undefined) || (num && root.num !== undefined);
    return {
      lower,
      length: lower.length,
      head,
      stem,
      exact,
      rootStem: root.stems?.get(stem),
      rootExact: root.exact?.get(exact),
      prefixed: prefixHeads.has(head),
      neg,
      num,
      keepsNegation: notNegatingNext.has(term),
      starts,
    };
  });

  // Reused by every scan (they never overlap): only the hits are new for each text.
  const s: Scan = { root, text: '', words: [], starts: [], ends: [], clause: [], n: 0, hits: [], start: 0, negatedBefore: undefined };

  /** `tokens`: analyzer.tokens(text) if the caller has them; otherwise the text is analysed here. */
  function scan(text: string, tokens: readonly Token[] = analyzer.tokens(text)): Hit[] {
    s.text = text;
    s.n = 0;
    s.hits = [];
    for (const t of tokens) if (t.script !== 'han') addWord(s, wordOf(t.lexeme), t.start, t.end);
    for (let i = 0; i < s.n; i++) {
      if (!s.words[i]!.starts) continue;
      s.start = i;
      s.negatedBefore = undefined;
      walk(s, root, i, 0, false, false);
    }
    return s.hits;
  }

  return { scan };
}

// The walk lives at module level with its state in one object: closures created per
// call would cost more than the walk itself.
/**
 * `stem`, `exact`: the ids of the word's stem and lower-cased form among the graph's, or
 * -1; `rootStem`, `rootExact`: the root's edges for them, looked up once since every walk
 * starts at the root; `prefixed`: some prefix edge has its first 3 letters.
 */
type Word = {
  lower: string;
  length: number;
  head: string;
  stem: number;
  exact: number;
  rootStem: Next | undefined;
  rootExact: Next | undefined;
  prefixed: boolean;
  neg: boolean;
  num: boolean;
  keepsNegation: boolean;
  starts: boolean;
};
type Scan = {
  root: Node;
  text: string;
  words: Word[];
  starts: number[];
  ends: number[];
  clause: number[];
  n: number;
  hits: Hit[];
  /** the token where the current walk started */
  start: number;
  negatedBefore: boolean | undefined;
};

/** Appends a word, numbering clauses by the punctuation before it. */
function addWord(s: Scan, w: Word, start: number, end: number): void {
  let clause = 0;
  if (s.n > 0) {
    clause = s.clause[s.n - 1]!;
    for (let k = s.ends[s.n - 1]!; k < start; k++) {
      const c = s.text.charCodeAt(k);
      // Most words are apart by one space: no set lookup for it.
      if (c !== 32 && CLAUSE_BREAK.has(c)) {
        clause++;
        break;
      }
    }
  }
  s.words[s.n] = w;
  s.starts[s.n] = start;
  s.ends[s.n] = end;
  s.clause[s.n] = clause;
  s.n++;
}

/** `node` is the state before token j; `crossed`: a gap so far passed over a negator. */
function walk(s: Scan, node: Node, j: number, weight: number, negates: boolean, crossed: boolean): void {
  if (node.ends) {
    for (const rule of node.ends) {
      if (crossed && !negates && !rule.exclude) continue;
      const negated = !negates && !rule.exclude && (s.negatedBefore ??= negatedAt(s, s.start));
      s.hits.push({ rule, start: s.starts[s.start]!, end: s.ends[j - 1]!, strength: strengthOf(weight), negated });
    }
  }
  if (j >= s.n || s.clause[j] !== s.clause[s.start]) return;
  const w = s.words[j]!;
  if (w.stem >= 0 && node.stems) {
    const stem = node === s.root ? w.rootStem : node.stems.get(w.stem);
    if (stem && w.length <= stem.maxLength) walk(s, stem.to, j + 1, weight + stem.weight, negates || stem.negates, crossed);
  }
  if (w.exact >= 0 && node.exact) {
    const exact = node === s.root ? w.rootExact : node.exact.get(w.exact);
    if (exact) walk(s, exact.to, j + 1, weight + exact.weight, negates || exact.negates, crossed);
  }
  if (w.prefixed && node.prefixes) {
    const prefixes = node.prefixes.get(w.head);
    if (prefixes) {
      for (const p of prefixes) if (w.lower.startsWith(p.text)) walk(s, p.next.to, j + 1, weight + p.next.weight, negates || p.next.negates, crossed);
    }
  }
  if (node.neg && w.neg) walk(s, node.neg.to, j + 1, weight + node.neg.weight, true, crossed);
  if (node.num && w.num) walk(s, node.num.to, j + 1, weight + node.num.weight, negates, crossed);
  if (node.gaps) {
    for (const gap of node.gaps) {
      let passed = crossed;
      for (let k = j; k <= j + gap.max && k < s.n && s.clause[k] === s.clause[s.start]; k++) {
        walk(s, gap.to, k, weight, negates, passed);
        passed ||= s.words[k]!.neg;
      }
    }
  }
}

function negatedAt(s: Scan, i: number): boolean {
  for (let j = i - 1; j >= 0 && j >= i - NEGATION_WINDOW && s.clause[j] === s.clause[i]; j--) {
    if (s.words[j]!.neg && !(j + 1 < s.n && s.words[j + 1]!.keepsNegation)) return true;
  }
  return false;
}
