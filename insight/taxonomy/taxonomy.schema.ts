// The issue taxonomy: a versioned, two-level list of what customers complain about (and,
// where useful, praise or ask for), written in YAML by CX leads and validated here once
// at load. Every error names its place in the file, e.g.
//   categories[3].issues[2].patterns.en[0]: invalid pattern "still (not": unclosed "("
// so a bad edit is rejected with a message its author can act on.
//
// Shape: id, version (an integer bumped on every change; documents record it), name,
// categories[] of { id, label {en, zh?}, kind?, issues[] of { id, label, kind?,
// patterns {en?, zh?}, exclude? {en?, zh?} } }. An issue's full id is "<category>.<issue>".
// `kind` is problem (default), request, praise or question; an issue without one inherits
// its category's. Top issues and drivers count problems unless asked otherwise.
// `exclude` patterns veto a match they overlap ("late checkout" is no late delivery).
//
// Pattern language (syntax in pattern-syntax.ts, matching in english-patterns.ts and
// chinese-patterns.ts):
//   English, a phrase of words, each matching its inflections (same Porter stem, at most 4
//   letters longer):  delay* (prefix)  =late (exact)  <not>  <num>  * or *5 (0–3 or 0–5
//   words)  (a|b c|) (alternatives, optional when one is empty)
//     "still <not> arrived", "took * (days|weeks)", "(charged|billed) twice"
//   Chinese, substrings of the text:  characters, * (0–4 chars), *2, (a|b)
//     "还没(到|收到)", "等了*天"
//   A match never spans a clause break (, ; . ! ? and their Chinese forms).
// A match right after a negator (English: 3 words; Chinese: 不/没/没有/无/未 within 2
// characters) does not count unless the pattern itself says the negation: "<not> working".
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { z } from 'zod';
import { issueKinds, type IssueKind } from '../../core/feedback/insight.types.ts';
import { patternProblem, type PatternLanguage } from './pattern-syntax.ts';

/** The taxonomy voc ships, used when none is configured. */
export const defaultTaxonomyPath = fileURLToPath(new URL('../../taxonomies/default.taxonomy.yaml', import.meta.url));

const id = z.string().regex(/^[a-z][a-z0-9_]*$/, 'ids are lower_snake_case: letters, digits and _');
const label = z.strictObject({ en: z.string().trim().min(1), zh: z.string().trim().min(1).optional() });
const kind = z.enum(issueKinds, { error: `kind is one of ${issueKinds.join(', ')}` });

const pattern = (language: PatternLanguage) =>
  z.string().superRefine((p, ctx) => {
    const problem = patternProblem(p, language);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

const patternList = (language: PatternLanguage) =>
  z.array(pattern(language)).superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((p, i) => {
      if (seen.has(p)) ctx.addIssue({ code: 'custom', path: [i], message: `duplicate pattern "${p}"` });
      seen.add(p);
    });
  });

const patterns = z.strictObject({ en: patternList('en').optional(), zh: patternList('zh').optional() });

const issueSchema = z
  .strictObject({
    id,
    label,
    kind: kind.optional(),
    description: z.string().optional(),
    patterns,
    exclude: patterns.optional(),
  })
  .refine((i) => (i.patterns.en?.length ?? 0) + (i.patterns.zh?.length ?? 0) > 0, {
    message: 'an issue needs at least one pattern',
    path: ['patterns'],
  });

const uniqueIds = <T extends { id: string }>(what: string) =>
  (list: T[], ctx: z.RefinementCtx) => {
    const seen = new Set<string>();
    list.forEach((item, i) => {
      if (seen.has(item.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `duplicate ${what} id "${item.id}"` });
      seen.add(item.id);
    });
  };

const categorySchema = z.strictObject({
  id,
  label,
  kind: kind.default('problem'),
  description: z.string().optional(),
  issues: z.array(issueSchema).min(1).superRefine(uniqueIds('issue')),
});

export const taxonomySchema = z.strictObject({
  id,
  version: z.number().int().positive(),
  name: z.string().trim().min(1),
  description: z.string().optional(),
  categories: z.array(categorySchema).min(1).superRefine(uniqueIds('category')),
});

export type Taxonomy = z.output<typeof taxonomySchema>;
export type TaxonomyCategory = Taxonomy['categories'][number];
export type TaxonomyIssue = TaxonomyCategory['issues'][number];
export type { IssueKind };

/** A taxonomy that cannot be used; `problems` name the place of each error. Not retriable. */
export class TaxonomyError extends Error {
  override readonly name = 'TaxonomyError';
  readonly retriable = false;
  constructor(
    readonly problems: Array<{ path: string; message: string }>,
    source = 'taxonomy',
  ) {
    super(`invalid ${source}:\n` + problems.map((p) => `  ${p.path ? `${p.path}: ` : ''}${p.message}`).join('\n'));
  }
}

/** "categories[3].issues[2].patterns.en[0]" */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  return path.map((part, i) => (typeof part === 'number' ? `[${part}]` : `${i ? '.' : ''}${String(part)}`)).join('');
}

/** Validates a taxonomy given as YAML text or as an already parsed object. */
export function parseTaxonomy(input: string | unknown, source?: string): Taxonomy {
  let data = input;
  if (typeof input === 'string') {
    try {
      data = parseYaml(input);
    } catch (error) {
      if (!(error instanceof YAMLParseError)) throw error;
      const at = error.linePos?.[0];
      throw new TaxonomyError([{ path: at ? `line ${at.line}, column ${at.col}` : '', message: error.message.split('\n')[0]! }], source);
    }
  }
  const parsed = taxonomySchema.safeParse(data);
  if (!parsed.success) {
    throw new TaxonomyError(parsed.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message })), source);
  }
  return parsed.data;
}

export async function loadTaxonomy(path: string = defaultTaxonomyPath): Promise<Taxonomy> {
  return parseTaxonomy(await readFile(path, 'utf8'), path);
}

/** The issues of a taxonomy, flat, with full ids and inherited kinds (for listings and APIs). */
export function listIssues(taxonomy: Taxonomy): Array<{ id: string; parent: string; kind: IssueKind; label: TaxonomyIssue['label'] }> {
  return taxonomy.categories.flatMap((c) =>
    c.issues.map((i) => ({ id: `${c.id}.${i.id}`, parent: c.id, kind: i.kind ?? c.kind, label: i.label })),
  );
}
