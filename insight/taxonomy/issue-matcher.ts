// Tags a text with the issues of a taxonomy: multi-label, one tag per issue, each with
// the span of its strongest evidence and a confidence from how much evidence there is.
// The taxonomy is compiled once into one merged graph per language (stems for English,
// characters for Chinese), so a text costs about a map lookup per word or character.
// English texts use the English patterns, Chinese texts the Chinese ones (Latin words in
// them included), texts of other languages both, with labels in English.
//
// Confidence: each pattern has a strength from its length (one word ~0.55, a three-word
// phrase ~0.8); an issue's confidence is the strongest match combined with the other
// distinct, non-overlapping ones, each counting 60% of its strength:
//   1 − (1 − s₁) · Π (1 − 0.6 · sₖ)
// so one weak word stays near 0.55 and a phrase plus a second pattern reaches ~0.9.
// Matches after a negator, or overlapped by one of the issue's `exclude` patterns, do
// not count.
import type { Language } from '../../core/feedback/feedback-document.ts';
import { createTextAnalyzer, type TextAnalyzer, type Token } from '../../core/text/text-analyzer.ts';
import type { IssueTag } from '../../core/feedback/insight.types.ts';
import { compileChinesePatterns } from './chinese-patterns.ts';
import { compileEnglishPatterns } from './english-patterns.ts';
import type { Hit, Rule } from './pattern.types.ts';
import { listIssues, type Taxonomy } from './taxonomy.schema.ts';

export type IssueMatcher = {
  /** "<taxonomy id>@<version>", recorded on documents as taxonomyVersion */
  version: string;
  /**
   * `tokens`, when the caller already has analyzer.tokens(text), saves tokenizing again;
   * Chinese matching works on the text alone.
   */
  match(text: string, language: Language, tokens?: readonly Token[]): IssueTag[];
};

const OTHERS_WEIGHT = 0.6;
const MAX_CONFIDENCE = 0.99;

export function createIssueMatcher(taxonomy: Taxonomy, deps: { analyzer: TextAnalyzer }): IssueMatcher {
  const issues = listIssues(taxonomy);
  const english: Array<{ rule: Rule; pattern: string }> = [];
  const chinese: Array<{ rule: Rule; pattern: string }> = [];
  let patternNo = 0;
  let issueNo = 0;
  for (const category of taxonomy.categories) {
    for (const issue of category.issues) {
      const add = (list: typeof english, patterns: string[] | undefined, exclude: boolean) => {
        for (const pattern of patterns ?? []) {
          list.push({ rule: { issue: issueNo, pattern: patternNo++, exclude }, pattern });
        }
      };
      add(english, issue.patterns.en, false);
      add(english, issue.exclude?.en, true);
      add(chinese, issue.patterns.zh, false);
      add(chinese, issue.exclude?.zh, true);
      issueNo++;
    }
  }
  const englishSet = compileEnglishPatterns(english, deps.analyzer);
  const chineseSet = compileChinesePatterns(chinese);

  function match(text: string, language: Language, tokens?: readonly Token[]): IssueTag[] {
    let hits: Hit[] = [];
    if (language !== 'zh') hits = englishSet.scan(text, tokens);
    if (language !== 'en') hits = hits.concat(chineseSet.scan(text));
    if (hits.length === 0) return [];

    const byIssue = new Map<number, Hit[]>();
    const excluded = new Map<number, Hit[]>();
    for (const hit of hits) {
      if (hit.negated) continue;
      const map = hit.rule.exclude ? excluded : byIssue;
      const list = map.get(hit.rule.issue);
      if (list) list.push(hit);
      else map.set(hit.rule.issue, [hit]);
    }

    const tags: IssueTag[] = [];
    for (const [issueIndex, found] of byIssue) {
      const vetoes = excluded.get(issueIndex) ?? [];
      // Strongest first; then one match per pattern and none overlapping a kept one.
      const candidates = found.filter((h) => !vetoes.some((v) => overlaps(v, h))).sort((a, b) => b.strength - a.strength || a.start - b.start);
      const kept: Hit[] = [];
      for (const h of candidates) {
        if (kept.some((k) => k.rule.pattern === h.rule.pattern || overlaps(k, h))) continue;
        kept.push(h);
      }
      const best = kept[0];
      if (!best) continue;
      let doubt = 1 - best.strength;
      for (let k = 1; k < kept.length; k++) doubt *= 1 - OTHERS_WEIGHT * kept[k]!.strength;
      const issue = issues[issueIndex]!;
      tags.push({
        id: issue.id,
        label: (language === 'zh' ? issue.label.zh : undefined) ?? issue.label.en,
        parent: issue.parent,
        kind: issue.kind,
        confidence: Math.round(Math.min(MAX_CONFIDENCE, 1 - doubt) * 1000) / 1000,
        evidence: text.slice(best.start, best.end),
        start: best.start,
        end: best.end,
      });
    }
    return tags.sort((a, b) => b.confidence - a.confidence || a.start - b.start || a.id.localeCompare(b.id));
  }

  return { version: `${taxonomy.id}@${taxonomy.version}`, match };
}

function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end;
}

export type DryRunText = { id: string; text: string; language: Language };
export type DryRunResult = {
  from: string;
  to: string;
  /** number of texts compared */
  documents: number;
  /** only the documents whose issue ids change, in input order */
  changed: Array<{ id: string; added: string[]; removed: string[] }>;
  /** every issue tagged under either taxonomy, the largest changes first */
  totals: Array<{ issue: string; before: number; after: number; added: number; removed: number }>;
};

let sharedAnalyzer: TextAnalyzer | undefined;

/**
 * How the issue tags of `texts` would change from one taxonomy to the other. Either side
 * may be a matcher already compiled (the one the processor runs), saving its compilation.
 */
export function dryRun(
  oldTaxonomy: Taxonomy | IssueMatcher,
  newTaxonomy: Taxonomy | IssueMatcher,
  texts: readonly DryRunText[],
  deps: { analyzer?: TextAnalyzer } = {},
): DryRunResult {
  const analyzer = deps.analyzer ?? (sharedAnalyzer ??= createTextAnalyzer());
  const before = 'match' in oldTaxonomy ? oldTaxonomy : createIssueMatcher(oldTaxonomy, { analyzer });
  const after = 'match' in newTaxonomy ? newTaxonomy : createIssueMatcher(newTaxonomy, { analyzer });
  const totals = new Map<string, { issue: string; before: number; after: number; added: number; removed: number }>();
  const total = (issue: string) => {
    let t = totals.get(issue);
    if (!t) totals.set(issue, (t = { issue, before: 0, after: 0, added: 0, removed: 0 }));
    return t;
  };
  const changed: DryRunResult['changed'] = [];
  for (const { id, text, language } of texts) {
    const was = new Set(before.match(text, language).map((t) => t.id));
    const is = new Set(after.match(text, language).map((t) => t.id));
    for (const issue of was) total(issue).before++;
    for (const issue of is) total(issue).after++;
    const added = [...is].filter((i) => !was.has(i)).sort();
    const removed = [...was].filter((i) => !is.has(i)).sort();
    for (const issue of added) total(issue).added++;
    for (const issue of removed) total(issue).removed++;
    if (added.length || removed.length) changed.push({ id, added, removed });
  }
  return {
    from: before.version,
    to: after.version,
    documents: texts.length,
    changed,
    totals: [...totals.values()].sort((a, b) => b.added + b.removed - (a.added + a.removed) || b.after - a.after || a.issue.localeCompare(b.issue)),
  };
}
