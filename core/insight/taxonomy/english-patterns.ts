// English patterns compiled once into one graph of stems: the first words of all patterns
// sit in maps at a shared root, so a text costs a map lookup per token, and a walk only
// where some pattern starts. Matching is token by token within a sentence.
// A negator up to 3 words before a match, in the same clause, marks the match as negated
// ("not late", "never had a delay"); a gap that passes over a negator only counts for
// patterns that say negation themselves ("<not> * working").
import type { TextAnalyzer, Token } from '../../text/text-analyzer.ts';
import { englishStopwords } from '../../text/natural.ts';
import { HAN, WORD } from './cached-tokenizer.ts';
import { buildGraph, mergeGraphs, type MergedNode } from './pattern-graph.ts';
import { NUMBER_WORDS, parseEnglishPattern, type EnglishItem } from './pattern-syntax.ts';
import { strengthOf, type Hit, type Rule } from './pattern.types.ts';

type Element =
  | { kind: 'stem'; term: string }
  | { kind: 'prefix'; text: string }
  | { kind: 'exact'; text: string }
  | { kind: 'neg' }
  | { kind: 'num' };

/** An edge as walked: where it leads, what its word weighs, whether it says negation. */
type Next = { to: Node; weight: number; negates: boolean };
type Node = {
  stems: Map<string, Next> | undefined;
  exact: Map<string, Next> | undefined;
  /** keyed by the prefix's first 3 characters, then checked in full */
  prefixes: Map<string, Array<{ text: string; next: Next }>> | undefined;
  neg: Next | undefined;
  num: Next | undefined;
  gaps: Array<{ max: number; to: Node }> | undefined;
  /** patterns that have matched when the walk reaches this node */
  ends: Rule[] | undefined;
};

// Negators as written; their stems are taken from the analyzer at compile time.
const NEGATOR_WORDS = ['not', 'no', 'never', 'without', 'cannot', 'nor', 'dont', 'didnt', 'doesnt', 'isnt', 'wasnt', 'arent', 'werent', 'cant', 'wont', 'couldnt', 'wouldnt', 'shouldnt', 'havent', 'hasnt', 'hadnt', 'aint'];
// "not only late", "no wonder it broke": the negator does not negate what follows.
const NOT_NEGATING_NEXT = ['only', 'just', 'sure', 'matter', 'wonder', 'doubt'];
const NEGATION_WINDOW = 3;
const MAX_WORDS = 50_000;

const STRONG_BREAK = new Set([...'.!?;\n。！？；…'].map((c) => c.charCodeAt(0)));
const CLAUSE_BREAK = new Set([...',:()"“”，、：（）'].map((c) => c.charCodeAt(0)));

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
  const stopwords = new Set(englishStopwords.flatMap(termsOf));
  const numberWords = new Set(NUMBER_WORDS);
  const isNegator = (term: string) => negators.has(term) || term.endsWith("n't");

  const elementsOf = (item: EnglishItem): Element[] | { gap: number } => {
    switch (item.kind) {
      case 'gap':
        return { gap: item.max };
      case 'word':
        // A hyphenated word is several tokens to the analyzer ("e-mail" → e, mail).
        return termsOf(item.text).map((term) => ({ kind: 'stem', term }));
      case 'prefix':
      case 'exact':
        return [{ kind: item.kind, text: item.text }];
      default:
        return [{ kind: item.kind }];
    }
  };
  const nextOf = (e: Element, to: Node): Next => {
    const word = e.kind === 'stem' ? e.term : e.kind === 'exact' ? e.text : undefined;
    const weak = e.kind === 'neg' || e.kind === 'num' || (word !== undefined && stopwords.has(word));
    return { to, weight: weak ? 0.5 : 1, negates: e.kind === 'neg' || (word !== undefined && isNegator(word)) };
  };

  const labelOf = (e: Element) => (e.kind === 'stem' ? `s:${e.term}` : e.kind === 'exact' ? `e:${e.text}` : e.kind === 'prefix' ? `p:${e.text}` : e.kind);
  const merged = mergeGraphs(
    entries.map(({ rule, pattern }) => buildGraph(parseEnglishPattern(pattern), elementsOf, rule)),
    labelOf,
  );
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
      if (e.kind === 'stem') (node.stems ??= new Map()).set(e.term, next);
      else if (e.kind === 'exact') (node.exact ??= new Map()).set(e.text, next);
      else if (e.kind === 'prefix') {
        const prefixes = (node.prefixes ??= new Map());
        const key = e.text.slice(0, 3);
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
  const words = new Map<string, Word>();
  const wordOf = (surface: string, term: string): Word => {
    let w = words.get(surface);
    if (w === undefined || w.term !== term) {
      const lower = surface.toLowerCase().replace(/’/g, "'");
      w = { term, lower, head: lower.slice(0, 3), neg: isNegator(term), num: /^\d+$/.test(lower) || numberWords.has(lower), keepsNegation: notNegatingNext.has(term) };
      if (words.size >= MAX_WORDS) words.clear();
      words.set(surface, w);
    }
    return w;
  };

  /** `tokens`: analyzer.tokens(text) if the caller has them; otherwise the text is read here. */
  function scan(text: string, tokens?: readonly Token[]): Hit[] {
    const s: Scan = { text, words: [], starts: [], ends: [], sentence: [], clause: [], n: 0, hits: [], start: 0, negatedBefore: undefined };
    if (tokens) {
      for (const t of tokens) if (t.script !== 'han') addWord(s, wordOf(text.slice(t.start, t.end), t.term), t.start, t.end);
    } else {
      // The analyzer's tokens without building them: one cache lookup per word as written.
      WORD.lastIndex = 0;
      for (let m = WORD.exec(text); m !== null; m = WORD.exec(text)) {
        const surface = m[0];
        let w = words.get(surface);
        if (w === undefined) {
          if (HAN.test(surface)) continue;
          const term = analyzer.tokens(surface)[0]?.term;
          if (term === undefined) continue;
          w = wordOf(surface, term);
        }
        addWord(s, w, m.index, m.index + surface.length);
      }
    }
    for (let i = 0; i < s.n; i++) {
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
type Word = { term: string; lower: string; head: string; neg: boolean; num: boolean; keepsNegation: boolean };
type Scan = {
  text: string;
  words: Word[];
  starts: number[];
  ends: number[];
  sentence: number[];
  clause: number[];
  n: number;
  hits: Hit[];
  /** the token where the current walk started */
  start: number;
  negatedBefore: boolean | undefined;
};

/** Appends a word, numbering sentences and clauses by the punctuation before it. */
function addWord(s: Scan, w: Word, start: number, end: number): void {
  let sentence = 0;
  let clause = 0;
  if (s.n > 0) {
    let level = 0;
    for (let k = s.ends[s.n - 1]!; k < start && level < 2; k++) {
      const c = s.text.charCodeAt(k);
      if (STRONG_BREAK.has(c)) level = 2;
      else if (CLAUSE_BREAK.has(c)) level = 1;
    }
    sentence = s.sentence[s.n - 1]! + (level === 2 ? 1 : 0);
    clause = s.clause[s.n - 1]! + (level > 0 ? 1 : 0);
  }
  s.words.push(w);
  s.starts.push(start);
  s.ends.push(end);
  s.sentence.push(sentence);
  s.clause.push(clause);
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
  if (j >= s.n || s.sentence[j] !== s.sentence[s.start]) return;
  const w = s.words[j]!;
  const stem = node.stems?.get(w.term);
  if (stem) walk(s, stem.to, j + 1, weight + stem.weight, negates || stem.negates, crossed);
  if (node.exact) {
    const exact = node.exact.get(w.lower);
    if (exact) walk(s, exact.to, j + 1, weight + exact.weight, negates || exact.negates, crossed);
  }
  if (node.prefixes) {
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
      for (let k = j; k <= j + gap.max && k < s.n && s.sentence[k] === s.sentence[s.start]; k++) {
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
