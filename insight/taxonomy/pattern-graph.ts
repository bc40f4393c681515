// Patterns as graphs, then all patterns of a language merged into one graph that a text
// walks like a trie.
// buildGraph: one parsed pattern as a graph without empty moves: a node's edges consume
// one element, its gaps skip up to `max` elements, `ends` lists the patterns that have
// matched there. Alternatives branch and join again (the graph of "(a|b) (c|d)" has four
// edges, not four paths), so choices are never multiplied out. Built back to front: each
// item knows the node that follows it; an empty alternative simply is that node.
// mergeGraphs: the subset construction over labels. Wherever several edges of the merged
// nodes carry the same label they become one edge to the merge of their targets, so a
// walk follows one edge per element of the text, however many patterns share a start
// ("客服…" in a dozen issues). Gaps of equal length merge the same way.
import { isGroup, type Pattern } from './pattern-syntax.ts';

export type GraphNode<E, R> = {
  edges: Array<{ element: E; to: GraphNode<E, R> }>;
  gaps: Array<{ max: number; to: GraphNode<E, R> }>;
  ends: R[];
};

export type MergedNode<E, R> = {
  /** one edge per label */
  edges: Map<string, { element: E; to: MergedNode<E, R> }>;
  /** one gap per length */
  gaps: Array<{ max: number; to: MergedNode<E, R> }>;
  ends: R[];
};

/**
 * The entry node of `pattern`, whose walks end where `rule` has matched. `elements` turns
 * an item into the elements it consumes in order (a hyphenated word is two tokens), or
 * says it is a gap.
 */
export function buildGraph<T, E, R>(pattern: Pattern<T>, elements: (item: T) => E[] | { gap: number }, rule: R): GraphNode<E, R> {
  return build(pattern, { edges: [], gaps: [], ends: [rule] }, elements);
}

function build<T, E, R>(pattern: Pattern<T>, next: GraphNode<E, R>, elements: (item: T) => E[] | { gap: number }): GraphNode<E, R> {
  for (let i = pattern.length - 1; i >= 0; i--) {
    const item = pattern[i]!;
    if (isGroup(item)) {
      const entries = item.alternatives.map((alt) => build(alt, next, elements));
      next = entries.length === 1 ? entries[0]! : union(entries);
      continue;
    }
    const consumed = elements(item);
    if (!Array.isArray(consumed)) {
      next = { edges: [], gaps: [{ max: consumed.gap, to: next }], ends: [] };
      continue;
    }
    for (let k = consumed.length - 1; k >= 0; k--) next = { edges: [{ element: consumed[k]!, to: next }], gaps: [], ends: [] };
  }
  return next;
}

function union<E, R>(nodes: Array<GraphNode<E, R>>): GraphNode<E, R> {
  return { edges: nodes.flatMap((n) => n.edges), gaps: nodes.flatMap((n) => n.gaps), ends: nodes.flatMap((n) => n.ends) };
}

/**
 * One graph for many patterns; `labelOf` names what an element matches, `combine` joins
 * two elements of one label (by default the first is kept).
 */
export function mergeGraphs<E, R>(
  entries: Array<GraphNode<E, R>>,
  labelOf: (element: E) => string,
  combine: (a: E, b: E) => E = (a) => a,
): MergedNode<E, R> {
  const state: MergeState<E, R> = { labelOf, combine, ids: new Map(), single: new Map(), sets: new Map() };
  return merge(state, entries);
}

type MergeState<E, R> = {
  labelOf: (element: E) => string;
  combine: (a: E, b: E) => E;
  ids: Map<GraphNode<E, R>, number>;
  /** most merges are of one node (a pattern's own path): memoised without a key string */
  single: Map<GraphNode<E, R>, MergedNode<E, R>>;
  sets: Map<string, MergedNode<E, R>>;
};

function merge<E, R>(state: MergeState<E, R>, nodes: Array<GraphNode<E, R>>): MergedNode<E, R> {
  const unique = nodes.length === 1 ? nodes : [...new Set(nodes)];
  let key: string | undefined;
  if (unique.length === 1) {
    const known = state.single.get(unique[0]!);
    if (known) return known;
  } else {
    key = unique.map((n) => idOf(state, n)).sort((a, b) => a - b).join(',');
    const known = state.sets.get(key);
    if (known) return known;
  }
  const merged: MergedNode<E, R> = { edges: new Map(), gaps: [], ends: [] };
  if (key === undefined) state.single.set(unique[0]!, merged);
  else state.sets.set(key, merged);
  const byLabel = new Map<string, { element: E; targets: Array<GraphNode<E, R>> }>();
  const byGap = new Map<number, Array<GraphNode<E, R>>>();
  for (const node of unique) {
    for (const { element, to } of node.edges) {
      const label = state.labelOf(element);
      const entry = byLabel.get(label);
      if (entry) {
        entry.targets.push(to);
        entry.element = state.combine(entry.element, element);
      } else byLabel.set(label, { element, targets: [to] });
    }
    for (const { max, to } of node.gaps) {
      const targets = byGap.get(max);
      if (targets) targets.push(to);
      else byGap.set(max, [to]);
    }
    for (const rule of node.ends) if (!merged.ends.includes(rule)) merged.ends.push(rule);
  }
  for (const [label, { element, targets }] of byLabel) merged.edges.set(label, { element, to: merge(state, targets) });
  for (const [max, targets] of byGap) merged.gaps.push({ max, to: merge(state, targets) });
  return merged;
}

function idOf<E, R>(state: MergeState<E, R>, node: GraphNode<E, R>): number {
  let id = state.ids.get(node);
  if (id === undefined) state.ids.set(node, (id = state.ids.size));
  return id;
}
