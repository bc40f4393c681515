import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatPath, listIssues, loadTaxonomy, parseTaxonomy, TaxonomyError } from './taxonomy.schema.ts';

const valid = `
id: shop
version: 3
name: Test shop
categories:
  - id: delivery
    label: { en: Delivery, zh: 物流 }
    issues:
      - id: late
        label: { en: Late delivery, zh: 配送延迟 }
        patterns:
          en: ["delay*", "still <not> arrived"]
          zh: ["还没到"]
        exclude: { en: ["late checkout"] }
  - id: praise
    kind: praise
    label: { en: Praise }
    issues:
      - id: fast
        label: { en: Fast delivery }
        patterns: { en: ["fast delivery"] }
      - id: other_request
        kind: request
        label: { en: Request }
        patterns: { zh: ["希望增加"] }
`;

function problemsOf(input: unknown): Array<{ path: string; message: string }> {
  try {
    parseTaxonomy(input);
  } catch (error) {
    expect(error).toBeInstanceOf(TaxonomyError);
    return (error as TaxonomyError).problems;
  }
  throw new Error('expected the taxonomy to be rejected');
}

function withCategories(categories: unknown[]) {
  return { id: 'shop', version: 1, name: 'Shop', categories };
}

const issue = (overrides: Record<string, unknown> = {}) => ({ id: 'late', label: { en: 'Late' }, patterns: { en: ['late'] }, ...overrides });

describe('taxonomy schema', () => {
  it('parses YAML and defaults the category kind to problem', () => {
    const taxonomy = parseTaxonomy(valid);
    expect(taxonomy.version).toBe(3);
    expect(taxonomy.categories[0]!.kind).toBe('problem');
    expect(listIssues(taxonomy)).toEqual([
      { id: 'delivery.late', parent: 'delivery', kind: 'problem', label: { en: 'Late delivery', zh: '配送延迟' } },
      { id: 'praise.fast', parent: 'praise', kind: 'praise', label: { en: 'Fast delivery' } },
      { id: 'praise.other_request', parent: 'praise', kind: 'request', label: { en: 'Request' } },
    ]);
  });

  it('accepts an already parsed object', () => {
    expect(parseTaxonomy(withCategories([{ id: 'a', label: { en: 'A' }, issues: [issue()] }])).categories).toHaveLength(1);
  });

  it('names the place of an invalid pattern, English and Chinese', () => {
    const categories = [
      { id: 'a', label: { en: 'A' }, issues: [issue()] },
      {
        id: 'b',
        label: { en: 'B' },
        issues: [issue(), issue({ id: 'two', patterns: { en: ['fine', 'still (not'], zh: ['还 没到'] } })],
      },
    ];
    const problems = problemsOf(withCategories(categories));
    expect(problems).toContainEqual({ path: 'categories[1].issues[1].patterns.en[1]', message: 'invalid pattern "still (not": unclosed "("' });
    expect(problems.map((p) => p.path)).toContain('categories[1].issues[1].patterns.zh[0]');
  });

  it('puts every problem in the error message, one per line', () => {
    const error = (() => {
      try {
        parseTaxonomy(withCategories([{ id: 'a', label: { en: 'A' }, issues: [issue({ patterns: { en: ['* late'] } })] }]), 'my.yaml');
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error?.message).toBe('invalid my.yaml:\n  categories[0].issues[0].patterns.en[0]: invalid pattern "* late": a pattern cannot start or end with "*"');
  });

  it.each([
    [{ ...withCategories([]), version: 1.5 }, 'version'],
    [withCategories([]), 'categories'],
    [withCategories([{ id: 'Bad-Id', label: { en: 'A' }, issues: [issue()] }]), 'categories[0].id'],
    [withCategories([{ id: 'a', label: { en: 'A' }, issues: [issue(), issue()] }]), 'categories[0].issues[1].id'],
    [withCategories([{ id: 'a', label: { en: 'A' }, issues: [issue()] }, { id: 'a', label: { en: 'A' }, issues: [issue()] }]), 'categories[1].id'],
    [withCategories([{ id: 'a', label: { en: 'A' }, issues: [issue({ patterns: {} })] }]), 'categories[0].issues[0].patterns'],
    [withCategories([{ id: 'a', label: { en: 'A' }, issues: [issue({ patterns: { en: ['late', 'late'] } })] }]), 'categories[0].issues[0].patterns.en[1]'],
    [withCategories([{ id: 'a', label: { en: 'A' }, issues: [issue({ pattern: { en: ['late'] } })] }]), 'categories[0].issues[0]'],
    [withCategories([{ id: 'a', label: { zh: '甲' }, issues: [issue()] }]), 'categories[0].label.en'],
    [withCategories([{ id: 'a', kind: 'complaint', label: { en: 'A' }, issues: [issue()] }]), 'categories[0].kind'],
    [withCategories([{ id: 'a', label: { en: 'A' }, issues: [issue({ kind: 'bug' })] }]), 'categories[0].issues[0].kind'],
  ])('rejects %#, naming %s', (input, path) => {
    expect(problemsOf(input).map((p) => p.path)).toContain(path);
  });

  it('says which kinds an issue may have', () => {
    const problems = problemsOf(withCategories([{ id: 'a', label: { en: 'A' }, issues: [issue({ kind: 'bug' })] }]));
    expect(problems).toContainEqual({ path: 'categories[0].issues[0].kind', message: 'kind is one of problem, request, praise, question' });
    expect(() => parseTaxonomy(withCategories([{ id: 'a', label: { en: 'A' }, issues: [issue({ kind: 'question' })] }]))).not.toThrow();
  });

  it('reports YAML syntax errors with their line', () => {
    const problems = problemsOf('id: x\ncategories: [\n  - broken');
    expect(problems[0]!.path).toMatch(/^line \d+, column \d+$/);
  });

  it('is not retriable: a bad file stays bad', () => {
    expect(new TaxonomyError([]).retriable).toBe(false);
  });

  it('formats paths the way editors read them', () => {
    expect(formatPath(['categories', 3, 'issues', 2, 'patterns', 'en', 0])).toBe('categories[3].issues[2].patterns.en[0]');
  });

  it('loads a file and names it in errors', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'voc-taxonomy-'));
    try {
      const good = join(dir, 'good.yaml');
      const bad = join(dir, 'bad.yaml');
      await writeFile(good, valid);
      await writeFile(bad, 'id: x\nversion: 0\nname: X\ncategories: []\n');
      expect((await loadTaxonomy(good)).id).toBe('shop');
      await expect(loadTaxonomy(bad)).rejects.toThrow(`invalid ${bad}:`);
    } finally {
      await rm(dir, { recursive: true });
    }
  });
});
