// Turns one input row into a candidate feedback v1 object, without I/O.
// `--map target=column,…` says which column (CSV) or key / dotted path (JSONL) fills a model
// field; `--set target=value,…` gives constants. A constant only fills a field the row leaves
// empty, so a JSONL item's own `source` wins over `--set source=…`. CSV cells are strings:
// they are coerced here (empty → absent, numbers, dates → ISO 8601, tags split on | or ;);
// a value that cannot be coerced is a problem of that row, never NaN or a guessed value.
import { z } from 'zod';
import { parseFeedback, scales, sources, type Feedback, type FieldProblem } from '../../core/feedback/feedback.schema.ts';
import { ImportUsageError } from './import-usage-error.ts';

type FieldKind = 'string' | 'number' | 'date' | 'tags' | 'enum' | 'attribute';

// Leaves of feedback model v1. field-mapping.test.ts checks this against the schema.
const fieldKinds: Readonly<Record<string, FieldKind>> = {
  source: 'enum',
  sourceId: 'string',
  channel: 'string',
  text: 'string',
  title: 'string',
  rating: 'number',
  score: 'number',
  scale: 'enum',
  locale: 'string',
  createdAt: 'date',
  tags: 'tags',
  'customer.id': 'string',
  'customer.segment': 'string',
  'customer.lifetimeValue': 'number',
  'product.id': 'string',
  'product.name': 'string',
  'product.version': 'string',
};
const enumValues: Readonly<Record<string, readonly string[]>> = { source: sources, scale: Object.keys(scales) };
const ATTRIBUTES = 'attributes.';

export const fieldTargets: readonly string[] = [...Object.keys(fieldKinds), `${ATTRIBUTES}<name>`];

/** target field → CSV column or JSONL key / dotted path */
export type FieldMap = ReadonlyMap<string, string>;
/** target field → constant, already coerced */
export type Constants = ReadonlyMap<string, unknown>;

export type RowPlan = {
  /** undefined: JSONL items are taken as model v1 objects */
  map: FieldMap | undefined;
  constants: Constants;
  /** CSV cells are looked up by column name; JSONL keys may also be dotted paths */
  lookup: 'column' | 'path';
};

export type RowResult = { ok: true; feedback: Feedback } | { ok: false; problems: FieldProblem[] };

function kindOf(target: string): FieldKind | undefined {
  if (Object.hasOwn(fieldKinds, target)) return fieldKinds[target];
  if (target.startsWith(ATTRIBUTES) && target.length > ATTRIBUTES.length) return 'attribute';
  return undefined;
}

function checkTarget(target: string, option: string): void {
  if (kindOf(target) === undefined) {
    throw new ImportUsageError(`${option}: unknown field "${target}"; the fields are: ${fieldTargets.join(', ')}`);
  }
}

/**
 * Splits `a=b,c="d, e"` into pairs. Either side may be double-quoted to hold commas, spaces
 * or `=`; a doubled quote inside quotes is a literal quote, as in CSV.
 */
export function parsePairs(spec: string, option: string): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  let i = 0;
  const fail = (why: string) =>
    new ImportUsageError(`${option} ${JSON.stringify(spec)}: ${why}; expected field=value pairs separated by commas, e.g. text="Review Text",rating=Rating`);
  const skipSpaces = () => {
    while (spec[i] === ' ' || spec[i] === '\t') i++;
  };
  const token = (stops: string): string => {
    skipSpaces();
    if (spec[i] !== '"') {
      const start = i;
      while (i < spec.length && !stops.includes(spec[i]!)) i++;
      return spec.slice(start, i).trim();
    }
    let out = '';
    for (i++; ; i++) {
      if (i >= spec.length) throw fail('a quote is not closed');
      if (spec[i] === '"') {
        if (spec[i + 1] !== '"') break;
        i++;
      }
      out += spec[i];
    }
    i++;
    skipSpaces();
    if (i < spec.length && !stops.includes(spec[i]!)) throw fail(`unexpected ${JSON.stringify(spec[i])} after a quoted name`);
    return out;
  };
  while (i < spec.length) {
    const key = token('=,');
    if (spec[i] !== '=') throw fail(key ? `"${key}" has no "="` : 'an empty pair');
    i++;
    const value = token(',');
    if (!key) throw fail('a pair has no field name');
    if (!value) throw fail(`"${key}" has no value`);
    pairs.push([key, value]);
    i++; // the comma
  }
  return pairs;
}

/** Parses every `--map` (each may hold several pairs); undefined when none was given. */
export function parseFieldMap(specs: readonly string[]): FieldMap | undefined {
  if (specs.length === 0) return undefined;
  const map = new Map<string, string>();
  for (const spec of specs) {
    for (const [target, column] of parsePairs(spec, '--map')) {
      checkTarget(target, '--map');
      if (map.has(target)) throw new ImportUsageError(`--map: "${target}" is mapped twice ("${map.get(target)}" and "${column}")`);
      map.set(target, column);
    }
  }
  return map;
}

/** Parses every `--set`, plus `--source` as a shorthand for `--set source=…`. */
export function parseConstants(specs: readonly string[], source?: string): Constants {
  const constants = new Map<string, unknown>();
  const pairs = specs.flatMap((spec) => parsePairs(spec, '--set'));
  if (source !== undefined) pairs.push(['source', source]);
  for (const [target, raw] of pairs) {
    checkTarget(target, '--set');
    const coerced = coerce(kindOf(target)!, raw);
    if (coerced === undefined) continue;
    if ('problem' in coerced) throw new ImportUsageError(`--set ${target}: ${coerced.problem}`);
    const allowed = enumValues[target];
    if (allowed && !allowed.includes(coerced.value as string)) {
      throw new ImportUsageError(`--set ${target}: "${raw}" is not one of ${allowed.join(', ')}`);
    }
    if (constants.has(target) && constants.get(target) !== coerced.value) {
      throw new ImportUsageError(`"${target}" is set twice, to "${String(constants.get(target))}" and "${raw}"`);
    }
    constants.set(target, coerced.value);
  }
  return constants;
}

/**
 * Binds the map to a CSV header. Without a map, columns named like model fields
 * ("text", "customer.id", "attributes.store") are used as they are; `ignored` lists the rest.
 */
export function planCsv(header: readonly string[], map: FieldMap | undefined, constants: Constants): { plan: RowPlan; ignored: string[] } {
  const quoted = (names: readonly string[]) => names.map((n) => JSON.stringify(n)).join(', ');
  let bound: FieldMap;
  if (map) {
    const missing = [...new Set(map.values())].filter((column) => !header.includes(column));
    if (missing.length > 0) {
      throw new ImportUsageError(
        `--map names column${missing.length > 1 ? 's' : ''} ${quoted(missing)} that the CSV header does not have; its columns are: ${quoted(header)}`,
      );
    }
    bound = map;
  } else {
    bound = new Map(header.filter((column) => kindOf(column) !== undefined).map((column) => [column, column]));
  }
  const used = new Set(bound.values());
  const twice = [...used].filter((column) => header.indexOf(column) !== header.lastIndexOf(column));
  if (twice.length > 0) throw new ImportUsageError(`the CSV header has column ${quoted(twice)} more than once, so it is unclear which one to import`);
  requireFields(bound, constants, map ? undefined : header);
  return { plan: { map: bound, constants, lookup: 'column' }, ignored: header.filter((column) => !used.has(column)) };
}

/** JSONL: with a map, only mapped keys are read; without one, each item is a model v1 object. */
export function planJsonl(map: FieldMap | undefined, constants: Constants): RowPlan {
  if (map) requireFields(map, constants);
  return { map, constants, lookup: 'path' };
}

// Without these every row would be rejected; say so once instead of once per row.
function requireFields(map: FieldMap, constants: Constants, header?: readonly string[]): void {
  const inHeader = header ? `; the header's columns are: ${header.map((c) => JSON.stringify(c)).join(', ')}` : '';
  if (!map.has('text')) {
    throw new ImportUsageError(`nothing gives the feedback text: map a column with --map text=COLUMN${inHeader}`);
  }
  if (!map.has('source') && !constants.has('source')) {
    throw new ImportUsageError(`the source is required: pass --source ${sources.join('|')}, --set source=…, or --map source=COLUMN`);
  }
}

/** Maps, coerces and validates one row; problems name model fields (and the column they came from). */
export function toFeedback(record: Readonly<Record<string, unknown>>, plan: RowPlan): RowResult {
  const problems: FieldProblem[] = [];
  let candidate: Record<string, unknown>;
  if (plan.map === undefined) {
    // A clone: the original stays untouched for the reject file.
    candidate = structuredClone(record) as Record<string, unknown>;
  } else {
    candidate = {};
    for (const [target, from] of plan.map) {
      const coerced = coerce(kindOf(target)!, plan.lookup === 'column' ? record[from] : lookupPath(record, from));
      if (coerced === undefined) continue;
      if ('problem' in coerced) problems.push({ path: target, message: `${coerced.problem} (from "${from}")` });
      else setPath(candidate, target, coerced.value);
    }
  }
  for (const [target, value] of plan.constants) {
    if (getPath(candidate, target) === undefined) setPath(candidate, target, value);
  }
  const parsed = parseFeedback(candidate);
  if (!parsed.ok) {
    // zod says "expected string, received undefined"; an importer wants to hear which cell was empty.
    parsed.problems = parsed.problems.map((p) =>
      kindOf(p.path) && getPath(candidate, p.path) === undefined && /received undefined$/.test(p.message)
        ? { path: p.path, message: plan.map?.has(p.path) ? `required, but "${plan.map.get(p.path)}" is empty` : 'required, but missing' }
        : p,
    );
  }
  if (problems.length === 0) return parsed;
  // A field that failed coercion was left out; don't also report it as missing.
  const failed = new Set(problems.map((p) => p.path));
  return { ok: false, problems: [...problems, ...(parsed.ok ? [] : parsed.problems.filter((p) => !failed.has(p.path)))] };
}

const isoDateTime = z.iso.datetime({ offset: true });
const decimal = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** undefined: the field is absent. Only strings are coerced; JSON numbers, arrays, … pass as they are. */
function coerce(kind: FieldKind, raw: unknown): { value: unknown } | { problem: string } | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw !== 'string') {
    // JSON exports often carry numeric ids; the model wants strings there.
    if (kind === 'string' && (typeof raw === 'number' || typeof raw === 'boolean')) return { value: String(raw) };
    return { value: raw };
  }
  const trimmed = raw.trim();
  if (trimmed === '') return undefined;
  switch (kind) {
    case 'string':
    case 'attribute':
      return { value: raw };
    case 'enum':
      return { value: trimmed.toLowerCase() };
    case 'number':
      return decimal.test(trimmed) ? { value: Number(trimmed) } : { problem: `${JSON.stringify(raw)} is not a number` };
    case 'date': {
      if (isoDateTime.safeParse(trimmed).success) return { value: trimmed };
      const date = new Date(trimmed);
      return Number.isNaN(date.getTime()) ? { problem: `${JSON.stringify(raw)} is not a date` } : { value: date.toISOString() };
    }
    case 'tags': {
      const tags = trimmed.split(/[|;]/).map((t) => t.trim()).filter(Boolean);
      return tags.length > 0 ? { value: tags } : undefined;
    }
  }
}

// Attribute names may contain dots: only the first segment of `attributes.…` is a path step.
function steps(target: string): string[] {
  return target.startsWith(ATTRIBUTES) ? ['attributes', target.slice(ATTRIBUTES.length)] : target.split('.');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function getPath(object: Record<string, unknown>, target: string): unknown {
  let at: unknown = object;
  for (const step of steps(target)) at = isObject(at) ? at[step] : undefined;
  return at;
}

function setPath(object: Record<string, unknown>, target: string, value: unknown): void {
  const path = steps(target);
  let at = object;
  for (const step of path.slice(0, -1)) {
    const next = at[step] ?? (at[step] = {});
    // e.g. an item with "customer": "x": leave it for validation to report.
    if (!isObject(next)) return;
    at = next;
  }
  at[path.at(-1)!] = value;
}

// A key that itself contains dots wins over the nested path it could also mean.
function lookupPath(record: Readonly<Record<string, unknown>>, key: string): unknown {
  if (Object.hasOwn(record, key)) return record[key];
  let at: unknown = record;
  for (const step of key.split('.')) at = isObject(at) && Object.hasOwn(at, step) ? at[step] : undefined;
  return at;
}
