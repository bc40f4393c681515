// Bad input for the read and CX-lead routes: search query strings, taxonomy bodies (JSON
// and YAML) and alert rules, each a near miss of a valid one or plain junk. Where a
// generator knows which parameter or field is wrong it says so, for the test to look for
// that name in the answer.
import fc from 'fast-check';
import { filterFields } from '../../core/query/feedback-filter.ts';
import { loadTaxonomy } from '../../insight/taxonomy/taxonomy.schema.ts';
import { loneSurrogate, nestedJson, prototypeKeys } from './bad-input.ts';

const junk = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(null, '', ' ', 0, -1, 1e308, true, [], {}),
  fc.integer({ min: 1000, max: 100_000 }).map((n) => 'x'.repeat(n)),
  loneSurrogate,
);

// ——— search ———

const known = new Set(['q', 'minRating', 'maxRating', 'from', 'to', 'sort', 'page', 'pageSize', ...Object.keys(filterFields)]);
const luceneWords = ['text:*', 'OR', 'AND', 'NOT', '/.*/~', '"', '(', ')', '[', 'TO', ']', '{', '}', '^2', '~', '\\', '?', '*', '&&', '||', '!', '-', '+', ':', '/', 'text:"late"~5', 'rating:[1 TO 5]', '_exists_:text', 'late', 'delivery', '快递', '太慢了', '<script>', '%', '&amp;'];
const goodQ = fc.oneof(
  fc.array(fc.constantFrom(...luceneWords), { minLength: 1, maxLength: 12 }).map((w) => w.join(' ')),
  fc.string({ unit: 'grapheme', maxLength: 120 }).filter((s) => s.trim().length <= 500),
  fc.string({ unit: 'binary-ascii', maxLength: 200 }),
);
/** Date-times valid in ISO 8601 but odd: years 0000 to 9999, up to 12 fractional digits, offsets. */
const isoInstant = fc
  .tuple(fc.date({ min: new Date('0000-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true }), fc.stringMatching(/^\d{1,12}$/), fc.constantFrom('Z', '+00:00', '-11:30', '+14:00'), fc.boolean())
  .map(([d, fraction, zone, dateOnly]) => (dateOnly ? d.toISOString().slice(0, 10) : `${d.toISOString().slice(0, 19)}.${fraction}${zone}`));

type Part = { pairs: Array<[string, string]>; bad: string[] };
const ok = (...pairs: Array<[string, string]>): Part => ({ pairs, bad: [] });
const bad = (param: string, ...pairs: Array<[string, string]>): Part => ({ pairs, bad: [param] });
const part = fc.oneof(
  goodQ.map((q) => ok(['q', q])),
  fc.integer({ min: 501, max: 4000 }).map((n) => bad('q', ['q', 'x'.repeat(n)])),
  fc.tuple(goodQ, goodQ).map(([a, b]) => bad('q', ['q', a], ['q', b])),
  goodQ.map((q) => bad('q', ['q[]', q])),
  fc.integer({ min: 101, max: 1_000_000 }).map((n) => bad('pageSize', ['pageSize', String(n)])),
  fc.integer({ min: 1, max: 100 }).chain((size) => fc.integer({ min: Math.floor(10_000 / size) + 1, max: 1_000_000 }).map((page) => bad('page', ['page', String(page)], ['pageSize', String(size)]))),
  fc.constantFrom('0', '-1', '1.5', 'x', '', 'Infinity', 'NaN', '1e9').map((v) => bad('page', ['page', v])),
  fc.tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 })).map(([p, s]) => ok(['page', String(p)], ['pageSize', String(s * 20)])),
  fc.stringMatching(/^[a-z][a-zA-Z0-9_]{0,10}$/).filter((k) => !known.has(k)).map((k) => bad(k, [k, 'x'])),
  fc.stringMatching(/^[a-z][a-zA-Z0-9_]{0,10}$/).filter((k) => !known.has(k)).map((k) => bad(k, [`${k}[]`, 'x'])),
  fc.constantFrom(...prototypeKeys).map((k) => bad(k, [k, 'x'])),
  fc.constantFrom('newest', 'oldest', 'relevance').map((s) => ok(['sort', s])),
  fc.constantFrom('__proto__', 'NEWEST', 'score', '').map((s) => bad('sort', ['sort', s])),
  fc.tuple(fc.constantFrom('newest', 'oldest'), fc.constantFrom('newest', 'oldest')).map(([a, b]) => bad('sort', ['sort', a], ['sort', b])),
  fc.subarray(['review', 'survey', 'complaint', 'support', 'social'], { minLength: 1 }).map((s) => ok(...s.map((v): [string, string] => ['source', v]))),
  fc.constantFrom('fax', 'Review', '__proto__').map((s) => bad('source', ['source', s])),
  fc.tuple(fc.constantFrom(...Object.keys(filterFields).filter((k) => k !== 'source')), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 })).map(([k, v]) => ok([k, v])),
  fc.constantFrom('tag', 'product', 'customer').map((k) => bad(k, [k, 'x'.repeat(257)])),
  fc.tuple(fc.constantFrom('from', 'to'), isoInstant).map(([k, v]) => ok([k, v])),
  fc.tuple(fc.constantFrom('from', 'to'), fc.constantFrom('yesterday', '2024-13-01', '2024-02-30', '+275760-09-13T00:00:00Z', '2024-01-01T25:00:00Z')).map(([k, v]) => bad(k, [k, v])),
  fc.tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 })).map(([a, b]) => (a > b ? bad('minRating', ['minRating', String(a)], ['maxRating', String(b)]) : ok(['minRating', String(a)], ['maxRating', String(b)]))),
  fc.constantFrom('0', '6', 'five', '2.5').map((v) => bad('minRating', ['minRating', v])),
);

export const searchQueries = fc.array(part, { minLength: 1, maxLength: 4 }).map((parts) => {
  // A parameter given twice by two parts is repeated: a scalar one is then bad as well.
  const pairs = parts.flatMap((p) => p.pairs);
  const seen = new Map<string, number>();
  for (const [k] of pairs) seen.set(k, (seen.get(k) ?? 0) + 1);
  const repeated = [...seen].filter(([k, n]) => n > 1 && ['q', 'page', 'pageSize', 'sort', 'from', 'to', 'minRating', 'maxRating'].includes(k)).map(([k]) => k);
  const badParams = [...new Set([...parts.flatMap((p) => p.bad), ...repeated])];
  return { query: pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&'), bad: badParams };
});

// ——— taxonomy ———

const base = JSON.parse(JSON.stringify(await loadTaxonomy())) as Record<string, unknown>;

/** Every place in the taxonomy: a mutation replaces or removes one. */
const places: Array<Array<string | number>> = [];
(function walk(value: unknown, path: Array<string | number>) {
  if (path.length) places.push(path);
  if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...path, i]));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, [...path, k]);
})(base, []);

function mutate(path: Array<string | number>, value: unknown | typeof REMOVE): Record<string, unknown> {
  const copy = structuredClone(base);
  let at = copy as Record<string | number, unknown>;
  for (const step of path.slice(0, -1)) at = at[step] as Record<string | number, unknown>;
  const last = path.at(-1)!;
  if (value === REMOVE) delete at[last];
  else at[last] = value;
  return copy;
}
const REMOVE = Symbol('remove');
const place = fc.constantFrom(...places);

const yamlJunk = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.constantFrom('id: [unclosed', 'id: x\n\tversion: 1', ': : :', '- - -', '&a [*a]', '*undefined', '!!js/function "x"', '!!binary AAAA', 'id: x\nid: y', '%YAML 9.9\n---\nid: x', '---\n...\n---', 'categories: !!set {a, b}', '<<: *x'),
  fc.integer({ min: 1, max: 100_000 }).map((n) => `${'['.repeat(n)}${']'.repeat(n)}`),
  fc.integer({ min: 1, max: 20_000 }).map((n) => `${'{a: '.repeat(n)}1${'}'.repeat(n)}`),
  fc.integer({ min: 5, max: 12 }).map((levels) => ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]', ...Array.from({ length: levels }, (_, i) => `a${i + 1}: &a${i + 1} [${Array(10).fill(`*a${i}`).join(', ')}]`)].join('\n')),
);

/** PUT bodies none of which is a valid taxonomy (the test checks the stored one is unchanged). */
export const taxonomyBodies: fc.Arbitrary<{ body: string | Uint8Array; type: string | null }> = fc.oneof(
  fc.tuple(place, fc.constantFrom(null, true)).map(([p, v]) => ({ body: JSON.stringify(mutate(p, v)), type: 'application/json' })),
  fc.tuple(place, fc.constantFrom(...prototypeKeys)).map(([p, k]) => ({ body: JSON.stringify(mutate(p.slice(0, -1).length ? p.slice(0, -1) : ['name'], JSON.parse(`{${JSON.stringify(k)}:{"polluted":true}}`))), type: 'application/json' })),
  fc.jsonValue({ maxDepth: 4 }).map((v) => ({ body: JSON.stringify(v) ?? 'null', type: 'application/json' })),
  fc.tuple(yamlJunk, fc.constantFrom('application/yaml', 'text/yaml', 'text/plain', 'text/plain; charset=latin1')).map(([body, type]) => ({ body, type })),
  fc.constantFrom('application/xml', 'multipart/form-data', null).map((type) => ({ body: 'id: x', type })),
  fc.integer({ min: 1, max: 200_000 }).map((n) => ({ body: nestedJson(n, 'array'), type: 'application/json' })),
);

/** Dry runs: near misses of the shipped taxonomy (some valid), junk, and bad `last`. */
export const dryRunBodies: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(place, fc.oneof(junk, fc.constant(REMOVE))).map(([p, v]) => JSON.stringify({ taxonomy: mutate(p, v), last: 5 })),
  fc.tuple(place, fc.string({ unit: 'grapheme', maxLength: 30 })).map(([p, v]) => JSON.stringify({ taxonomy: mutate(p, v), last: 5 })),
  fc.tuple(junk, junk).map(([taxonomy, last]) => JSON.stringify({ taxonomy, last })),
  yamlJunk.map((taxonomy) => JSON.stringify({ taxonomy })),
  junk.map((v) => JSON.stringify(v)),
);

// ——— alert rules ———

const rule = { type: 'spike', direction: 'up', every: '1d', groupBy: 'product', name: 'Bad input' };
const ruleFields = ['type', 'direction', 'every', 'groupBy', 'name', 'owner', 'metric', 'filters', 'notify', 'window', 'threshold', 'minCount'];

/** `field`: the one field made bad, when the rule is otherwise the valid one above. */
export const ruleBodies: fc.Arbitrary<{ body: string; field?: string }> = fc.oneof(
  fc.tuple(fc.constantFrom(...ruleFields), junk).map(([field, value]) => ({ body: JSON.stringify({ ...rule, [field]: value }), field })),
  fc.tuple(fc.constantFrom(...ruleFields, ...prototypeKeys), fc.integer({ min: 1, max: 100_000 })).map(([field, depth]) => ({ body: `${JSON.stringify(rule).slice(0, -1)},${JSON.stringify(field)}:${nestedJson(depth, 'object')}}`, field })),
  fc.constantFrom(...prototypeKeys).map((field) => ({ body: `${JSON.stringify(rule).slice(0, -1)},${JSON.stringify(field)}:{"polluted":true}}`, field })),
  fc.tuple(fc.constantFrom(...Object.keys(filterFields), 'q'), junk).map(([k, v]) => ({ body: JSON.stringify({ ...rule, filters: { [k]: v } }), field: 'filters' })),
  junk.map((v) => ({ body: JSON.stringify(v) })),
);

export const backtestBodies: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(fc.constantFrom(...ruleFields), junk, fc.integer({ min: 1, max: 3 })).map(([field, value, days]) => JSON.stringify({ rule: { ...rule, [field]: value }, days })),
  fc.tuple(junk, junk).map(([r, days]) => JSON.stringify({ rule: r, days })),
  fc.tuple(fc.string({ maxLength: 120 }), fc.integer({ min: 1, max: 3 })).map(([ruleId, days]) => JSON.stringify({ ruleId, days })),
  fc.constantFrom('{}', '[]', 'null', '{"rule":{},"ruleId":"x"}', '{"days":91,"rule":{"type":"spike"}}', '{"days":1.5,"ruleId":"x"}'),
);
