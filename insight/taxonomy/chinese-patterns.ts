// Chinese patterns compiled once into one graph of characters, matched as substrings:
// the first characters of all patterns sit in a map at a shared root, so a text costs a
// map lookup per character and a walk only where some pattern starts. Substrings rather
// than jieba words, because the segmentation of a short phrase depends on its neighbours
// ("还没到货" may cut as 还/没到/货 or 还没/到货).
// A negator (不/没/没有/无/未) within 2 characters before a match, in the same clause,
// marks the match as negated ("不慢", "没那么贵"), unless it starts a compound that
// does not negate what follows (不过 "but", 不停 "keeps", 不少 "many", 无论 …). A gap
// that passes over a negator only counts for patterns that say negation themselves.
import { buildGraph, mergeGraphs, type MergedNode } from './pattern-graph.ts';
import { parseChinesePattern, type ChineseItem } from './pattern-syntax.ts';
import { strengthOf, type Hit, type Rule } from './pattern.types.ts';

type Element = { unit: number; weight: number; negates: boolean };
type Next = { to: Node; weight: number; negates: boolean };
type Node = {
  /** keyed by UTF-16 code unit: charCodeAt allocates nothing, text[i] does for Han */
  next: Map<number, Next> | undefined;
  gaps: Array<{ max: number; to: Node }> | undefined;
  ends: Rule[] | undefined;
};

const NEGATORS = new Set(['不', '没', '无', '未']);
/** The same by code unit: the gap walk tests every character it passes. */
const NEGATOR_UNITS = new Set([...NEGATORS].map((c) => c.charCodeAt(0)));
const NOT_NEGATING = ['不过', '不仅', '不但', '不光', '不只', '不管', '不论', '无论', '不少', '不停', '不断', '不时', '不知', '不得不', '不一会', '无数', '没想到', '不久', '不然', '无语', '不到一', '不到两', '不到半', '不到三', '不到十', '不到几'];
// Clause punctuation, Chinese and ASCII: gaps and negation never reach across it.
const BREAKS = new Set([...'，。！？；：、,.!?;:…\n（）()“”"~～'].map((c) => c.charCodeAt(0)));
const HAN = /\p{Script=Han}/u;

export type ChinesePatternSet = {
  scan(text: string): Hit[];
};

export function compileChinesePatterns(entries: Array<{ rule: Rule; pattern: string }>): ChinesePatternSet {
  // One element per UTF-16 unit, as the text is walked. A Han character weighs half a
  // word; Latin letters and digits a third each, so "app" or "wifi" count about a word.
  const elementsOf = (item: ChineseItem): Element[] | { gap: number } => {
    if (item.kind === 'gap') return { gap: item.max };
    const weight = HAN.test(item.text) ? 0.5 : /[a-z0-9]/.test(item.text) ? 1 / 3 : 0;
    return item.text.split('').map((unit, i) => ({ unit: unit.charCodeAt(0), weight: i === 0 ? weight : 0, negates: NEGATORS.has(item.text) }));
  };
  const merged = mergeGraphs(
    entries.map(({ rule, pattern }) => buildGraph(parseChinesePattern(pattern), elementsOf, rule)),
    (e) => String(e.unit),
  );
  const nodes = new Map<MergedNode<Element, Rule>, Node>();
  const convert = (m: MergedNode<Element, Rule>): Node => {
    let node = nodes.get(m);
    if (node) return node;
    // Every node has every field, in one order: one hidden class for the walk.
    node = { next: undefined, gaps: undefined, ends: undefined };
    nodes.set(m, node);
    if (m.edges.size) {
      node.next = new Map();
      for (const { element, to } of m.edges.values()) node.next.set(element.unit, { to: convert(to), weight: element.weight, negates: element.negates });
    }
    if (m.gaps.length) node.gaps = m.gaps.map((g) => ({ max: g.max, to: convert(g.to) }));
    if (m.ends.length) node.ends = m.ends;
    return node;
  };
  const root = convert(merged);
  // The code units some pattern starts with, as a table: most characters of a text start
  // none and cost a byte read instead of a map lookup.
  const startsSome = new Uint8Array(0x10000);
  for (const unit of root.next?.keys() ?? []) startsSome[unit] = 1;

  function scan(original: string): Hit[] {
    // ASCII-only lower-casing keeps every offset valid for the original text.
    const text = /[A-Z]/.test(original) ? original.replace(/[A-Z]+/g, (c) => c.toLowerCase()) : original;
    const s: Scan = { text, hits: [], start: 0, negatedBefore: undefined };
    const first = root.next;
    if (!first) return s.hits;
    for (let i = 0; i < text.length; i++) {
      const unit = text.charCodeAt(i);
      if (startsSome[unit] === 0) continue;
      const e = first.get(unit);
      if (!e) continue;
      s.start = i;
      s.negatedBefore = undefined;
      walk(s, e.to, i + 1, e.weight, e.negates, false);
    }
    return s.hits;
  }

  return { scan };
}

// The walk lives at module level with its state in one object: closures created per
// call would cost more than the walk itself.
type Scan = { text: string; hits: Hit[]; start: number; negatedBefore: boolean | undefined };

/** `node` is the state before position p; `crossed`: a gap so far passed over a negator. */
function walk(s: Scan, node: Node, p: number, weight: number, negates: boolean, crossed: boolean): void {
  const text = s.text;
  if (node.ends) {
    for (const rule of node.ends) {
      if (crossed && !negates && !rule.exclude) continue;
      const negated = !negates && !rule.exclude && (s.negatedBefore ??= negatedAt(text, s.start));
      s.hits.push({ rule, start: s.start, end: p, strength: strengthOf(weight), negated });
    }
  }
  if (p >= text.length) return;
  const e = node.next?.get(text.charCodeAt(p));
  if (e) walk(s, e.to, p + 1, weight + e.weight, negates || e.negates, crossed);
  if (node.gaps) {
    for (const gap of node.gaps) {
      let passed = crossed;
      for (let q = p; q <= p + gap.max && q < text.length; q++) {
        walk(s, gap.to, q, weight, negates, passed);
        if (BREAKS.has(text.charCodeAt(q))) break;
        passed ||= NEGATOR_UNITS.has(text.charCodeAt(q)) && !startsCompound(text, q);
      }
    }
  }
}

function negatedAt(text: string, start: number): boolean {
  // "没有任何噪音": 任何 ("any") belongs to the negation, not to the two characters.
  if (text.startsWith('任何的', start - 3)) start -= 3;
  else if (text.startsWith('任何', start - 2)) start -= 2;
  for (let k = start - 1; k >= 0 && k >= start - 3; k--) {
    const c = text[k]!;
    if (BREAKS.has(text.charCodeAt(k))) return false;
    // "没有" ends one character later than "没": allow it the same two characters.
    if (c === '有' && text[k - 1] === '没') return !startsCompound(text, k - 1);
    if (NEGATORS.has(c)) return !startsCompound(text, k);
  }
  return false;
}

function startsCompound(text: string, k: number): boolean {
  for (const compound of NOT_NEGATING) if (text.startsWith(compound, k)) return true;
  return false;
}
