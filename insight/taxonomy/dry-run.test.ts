import { describe, expect, it } from 'vitest';
import { createTextAnalyzer } from '../../core/text/text-analyzer.ts';
import { createIssueMatcher, dryRun } from './issue-matcher.ts';
import { parseTaxonomy, type Taxonomy } from './taxonomy.schema.ts';

const analyzer = createTextAnalyzer();

function taxonomy(version: number, latePatterns: string[], extra: Array<{ id: string; en: string[]; zh: string[] }> = []): Taxonomy {
  return parseTaxonomy({
    id: 'shop',
    version,
    name: 'Shop',
    categories: [
      {
        id: 'delivery',
        label: { en: 'Delivery' },
        issues: [
          { id: 'late', label: { en: 'Late' }, patterns: { en: latePatterns, zh: ['还没到'] } },
          ...extra.map((e) => ({ id: e.id, label: { en: e.id }, patterns: { en: e.en, zh: e.zh } })),
        ],
      },
    ],
  });
}

const texts = [
  { id: 'a', text: 'The parcel was delayed', language: 'en' as const },
  { id: 'b', text: 'It arrived late and damaged', language: 'en' as const },
  { id: 'c', text: '快递还没到，盒子也压坏了', language: 'zh' as const },
  { id: 'd', text: 'All good, thanks', language: 'en' as const },
];

describe('taxonomy dry run', () => {
  const before = taxonomy(1, ['delay*']);
  const after = taxonomy(2, ['delay*', '=late'], [{ id: 'damaged', en: ['damaged'], zh: ['压坏'] }]);

  it('lists the documents whose tags change, and totals per issue', () => {
    const result = dryRun(before, after, texts, { analyzer });
    expect(result.from).toBe('shop@1');
    expect(result.to).toBe('shop@2');
    expect(result.documents).toBe(4);
    expect(result.changed).toEqual([
      { id: 'b', added: ['delivery.damaged', 'delivery.late'], removed: [] },
      { id: 'c', added: ['delivery.damaged'], removed: [] },
    ]);
    expect(result.totals).toEqual([
      { issue: 'delivery.damaged', before: 0, after: 2, added: 2, removed: 0 },
      { issue: 'delivery.late', before: 2, after: 3, added: 1, removed: 0 },
    ]);
  });

  it('reports removals the other way round', () => {
    const result = dryRun(after, before, texts, { analyzer });
    expect(result.changed.find((c) => c.id === 'b')).toEqual({ id: 'b', added: [], removed: ['delivery.damaged', 'delivery.late'] });
    expect(result.totals.find((t) => t.issue === 'delivery.damaged')).toEqual({ issue: 'delivery.damaged', before: 2, after: 0, added: 0, removed: 2 });
  });

  it('accepts a compiled matcher for either side and changes nothing between equal taxonomies', () => {
    const running = createIssueMatcher(before, { analyzer });
    const result = dryRun(running, before, texts);
    expect(result.changed).toEqual([]);
    expect(result.totals).toEqual([{ issue: 'delivery.late', before: 2, after: 2, added: 0, removed: 0 }]);
  });
});
