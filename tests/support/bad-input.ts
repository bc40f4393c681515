// Generators of bad input for the property tests (fast-check), and the checks every
// refusal must pass: a 4xx problem+json whose `errors` name the item and the field.
import fc from 'fast-check';
import { expect } from 'vitest';
import { sources } from '../../core/feedback/feedback.schema.ts';

/** Keys that reach Object.prototype when code assigns them carelessly. */
export const prototypeKeys = ['__proto__', 'constructor', 'prototype'] as const;

/** An object literal with `key` as an own property, even `__proto__` (which `{ __proto__: … }` would not make). */
export function own(key: string, value: unknown, into: Record<string, unknown> = {}): Record<string, unknown> {
  Object.defineProperty(into, key, { value, enumerable: true, writable: true, configurable: true });
  return into;
}

/** How many inputs each surface was given; printed once per surface at the end. */
export function inputCounter() {
  const counts = new Map<string, number>();
  return {
    count(surface: string, n = 1) {
      counts.set(surface, (counts.get(surface) ?? 0) + n);
    },
    summary(): string[] {
      return [...counts].map(([surface, n]) => `bad input: ${surface}: ${n} inputs tried`);
    },
  };
}

export type Reply = { status: number; contentType: string; text: string; body: any };

export async function send(url: string, init: { method?: string; body?: string | Uint8Array; type?: string | null; headers?: Record<string, string> }): Promise<Reply> {
  const headers: Record<string, string> = { ...(init.type === null ? {} : { 'content-type': init.type ?? 'application/json' }), ...init.headers };
  const res = await fetch(url, { method: init.method ?? 'POST', headers, ...(init.body === undefined ? {} : { body: init.body as BodyInit }) });
  const text = await res.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', text, body };
}

/** A refusal: the given 4xx, as problem+json; with `errors`, each has a path and a message. */
export function expectProblem(r: Reply, status: number | 'any4xx' = 400): void {
  if (status === 'any4xx') {
    expect(r.status, r.text).toBeGreaterThanOrEqual(400);
    expect(r.status, r.text).toBeLessThan(500);
  } else {
    expect(r.status, r.text).toBe(status);
  }
  expect(r.contentType).toContain('application/problem+json');
  expect(r.body).toMatchObject({ type: expect.stringMatching(/^urn:voc:problem:/), status: r.status });
  for (const e of r.body.errors ?? []) {
    expect(typeof e.path === 'string' && e.path.length > 0, JSON.stringify(e)).toBe(true);
    expect(typeof e.message === 'string' && e.message.length > 0, JSON.stringify(e)).toBe(true);
  }
}

/** An error about `field`: its path is the field or inside it, or (unknown keys) its message names it. */
export function names(e: { path: string; message: string }, field: string): boolean {
  const [parent, key] = field.includes('.') ? [field.slice(0, field.lastIndexOf('.')), field.slice(field.lastIndexOf('.') + 1)] : ['(item)', field];
  return e.path === field || e.path.startsWith(`${field}.`) || (e.path === parent && e.message.includes(key));
}

// Strings that are hard on parsers: huge, empty, blank, control characters, lone surrogates.
const wellFormed = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 80 }).filter((s) => s.trim().length > 0);
export const loneSurrogate = fc
  .tuple(wellFormed, fc.integer({ min: 0xd800, max: 0xdfff }), fc.string({ unit: 'grapheme', maxLength: 10 }))
  .map(([a, unit, b]) => `${a}${String.fromCharCode(unit)}${b}`);
const huge = (min: number) => fc.integer({ min, max: min * 5 }).map((n) => 'x'.repeat(n));
const blank = fc.stringMatching(/^[ \t\r\n]{0,20}$/);
const notAString = fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.string(), { maxLength: 3 }), fc.dictionary(fc.string(), fc.integer(), { maxKeys: 2 }));

/** createdAt values voc must refuse: before 2000, more than a day ahead (up to year 9999), or not a date. */
export const badCreatedAt = fc.oneof(
  fc.constantFrom('0001-01-01T00:00:00Z', '9999-12-31T23:59:59Z', '1999-12-31T23:59:59.999Z', '0000-01-01T00:00:00Z'),
  fc.date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('1999-12-31T23:59:59Z'), noInvalidDate: true }).map((d) => d.toISOString()),
  fc.date({ min: new Date(Date.now() + 2 * 86_400_000), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true }).map((d) => d.toISOString()),
  fc.constantFrom('yesterday', '2024-13-01T00:00:00Z', '2024-02-30T00:00:00Z', '+275760-09-13T00:00:00Z', '2024-01-01', ''),
  notAString,
);

/** One field made invalid: the patch to merge into a valid item and the field the error must name. */
export type Corruption = { field: string; patch: Record<string, unknown> };
const at = (field: string) => (value: unknown): Corruption => ({ field, patch: own(field, value) });
const inCustomer = (key: string) => (value: unknown): Corruption => ({ field: `customer.${key}`, patch: { customer: own(key, value) } });
const attribute = (key: string, value: unknown): Corruption => ({ field: `attributes.${key}`, patch: { attributes: own(key, value) } });

export const corruption: fc.Arbitrary<Corruption> = fc.oneof(
  fc.oneof(fc.string().filter((s) => !(sources as readonly string[]).includes(s)), notAString).map(at('source')),
  fc.oneof(blank, huge(20_001), loneSurrogate, notAString).map(at('text')),
  fc.oneof(fc.integer({ max: 0 }), fc.integer({ min: 6 }), fc.double({ min: 1.01, max: 4.99, noNaN: true }).filter((x) => !Number.isInteger(x)), fc.constant('5'), fc.constant(null)).map(at('rating')),
  fc.oneof(blank, huge(501), loneSurrogate, notAString).map(at('title')),
  fc.string().filter((s) => !/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(s)).map(at('locale')),
  badCreatedAt.map(at('createdAt')),
  fc.oneof(fc.array(fc.constant('t'), { minLength: 51, maxLength: 80 }), fc.constant(['ok', '']), huge(101).map((t) => [t]), loneSurrogate.map((t) => [t]), fc.string()).map(at('tags')),
  fc.oneof(fc.double({ max: -0.001, noNaN: true }), fc.string()).map(inCustomer('lifetimeValue')),
  fc.oneof(blank, huge(257), loneSurrogate, notAString.filter((v) => typeof v !== 'number' && typeof v !== 'boolean')).map(inCustomer('id')),
  fc.record({ scale: fc.constantFrom('nps', 'csat', 'ces'), score: fc.oneof(fc.integer({ min: 11 }), fc.integer({ max: -1 })) }).map((patch) => ({ field: 'score', patch })),
  fc.record({ key: fc.string({ minLength: 1, maxLength: 20 }).filter((k) => !prototypeKeys.includes(k as never)), value: fc.oneof(huge(1001), loneSurrogate, fc.constant(null), fc.array(fc.integer(), { maxLength: 2 })) }).map(({ key, value }) => attribute(key, value)),
  fc.constantFrom(...prototypeKeys, 'colour', 'Text', 'text ').map((key) => ({ field: key, patch: own(key, { polluted: true }) })),
  fc.constantFrom(...prototypeKeys).map((key) => ({ field: `customer.${key}`, patch: { customer: own(key, { polluted: true }) } })),
  fc.constant({ field: 'attributes.__proto__', patch: { attributes: own('__proto__', 'x', { kept: 'y' }) } }),
);

export const validItem = fc.record({
  source: fc.constantFrom(...sources),
  sourceId: fc.uuid().map((u) => `bad-input-${u}`),
  text: wellFormed,
});

/** A value nested `depth` levels deep, as JSON text (the generator would overflow building it as objects). */
export function nestedJson(depth: number, kind: 'array' | 'object'): string {
  return kind === 'array' ? `${'['.repeat(depth)}1${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

/** Byte sequences that are not UTF-8: stray continuation bytes, truncated sequences, overlongs, encoded surrogates, Latin-1 and GBK text. */
export const invalidUtf8 = fc.constantFrom(
  [0x80], [0xbf], [0xc3], [0xc3, 0x28], [0xe2, 0x82], [0xf0, 0x9f, 0x98], [0xc0, 0xaf], [0xe0, 0x80, 0xaf], [0xed, 0xa0, 0x80], [0xed, 0xbf, 0xbf], [0xf4, 0x90, 0x80, 0x80], [0xfe], [0xff],
  [...Buffer.from('café', 'latin1')], [0xc4, 0xe3, 0xba, 0xc3],
);
