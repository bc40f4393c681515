import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Operation } from '../core/http/operation.ts';
import { listParam } from '../core/query/feedback-filter.ts';
import { openApiDocument, type OperationObject, type ParameterObject } from './openapi.ts';
import { referencePage } from './openapi-reference.ts';

const base = { tag: 'Feedback', summary: 'an operation', ok: { status: 200, description: 'fine' } } as const;
const op = (o: Partial<Operation> & Pick<Operation, 'id' | 'method' | 'path' | 'permission'>): Operation => ({ ...base, ...o });
const only = (o: Operation) => {
  const doc = openApiDocument([o]);
  return { doc, operation: Object.values(doc.paths)[0]![o.method] as OperationObject };
};
const param = (o: OperationObject, name: string) => o.parameters!.find((p) => p.name === name) as ParameterObject;

describe('openApiDocument', () => {
  it('describes query parameters as a client sends them', () => {
    const query = z.strictObject({
      page: z.coerce.number().int().min(1).default(1),
      size: z.coerce.number().int().max(100),
      kind: listParam.default(['problem']).transform((k) => k.map((s) => s.toUpperCase())),
      tag: listParam.optional().describe('tags'),
      at: z.iso.datetime({ offset: true }).optional(),
      name: z.string().refine((s) => s !== 'x', 'not x'),
    });
    const { operation } = only(op({ id: 'q', method: 'get', path: '/q', permission: null, query }));
    // A coerced number is a number; `.int()`'s safe-integer bounds say nothing and are left out.
    expect(param(operation, 'page')).toEqual({ name: 'page', in: 'query', required: false, schema: { type: 'integer', minimum: 1, default: 1 } });
    expect(param(operation, 'size').schema).toEqual({ type: 'integer', maximum: 100 });
    expect(param(operation, 'size').required).toBe(true);
    // One value or several: an array, sent repeated (a comma list works too).
    expect(param(operation, 'tag')).toMatchObject({ schema: { type: 'array', items: { type: 'string' } }, style: 'form', explode: true, description: 'tags; a comma list, or the parameter repeated' });
    // A default the schema also takes as input is shown, even behind a transform.
    expect(param(operation, 'kind').schema).toEqual({ type: 'array', items: { type: 'string' }, default: ['problem'] });
    // The format names a date-time; zod's long regular expression behind it is dropped.
    expect(param(operation, 'at').schema).toEqual({ type: 'string', format: 'date-time' });
    expect(param(operation, 'name').schema).toEqual({ type: 'string' });
  });

  it('leaves out a default that is an output only', () => {
    const ms = z.string().transform((s) => Number.parseInt(s, 10) * 60_000);
    const { operation } = only(op({ id: 'b', method: 'post', path: '/b', permission: null, body: { schema: z.strictObject({ every: ms.default(900_000) }) } }));
    expect(operation.requestBody!.content['application/json']!.schema).toEqual({ type: 'object', properties: { every: { type: 'string' } }, additionalProperties: false });
  });

  it('describes what zod cannot represent as anything rather than failing', () => {
    const body = z.strictObject({ when: z.date(), thing: z.custom<Buffer>((v) => Buffer.isBuffer(v)) });
    const { operation } = only(op({ id: 'b', method: 'post', path: '/b', permission: null, body: { schema: body } }));
    expect(operation.requestBody!.content['application/json']!.schema).toMatchObject({ properties: { when: {}, thing: {} } });
  });

  it('declares every path parameter, described or not', () => {
    const { doc, operation } = only(op({ id: 'p', method: 'delete', path: '/v1/rules/:id/silences/:silence', permission: 'alerts:write', params: { id: 'the rule' } }));
    expect(Object.keys(doc.paths)).toEqual(['/v1/rules/{id}/silences/{silence}']);
    expect(operation.parameters).toEqual([
      { name: 'id', in: 'path', required: true, description: 'the rule', schema: { type: 'string' } },
      { name: 'silence', in: 'path', required: true, schema: { type: 'string' } },
    ]);
  });

  it('names the permission, the roles that have it and the security scheme', () => {
    const { operation } = only(op({ id: 'g', method: 'get', path: '/g', permission: 'alerts:write', description: 'Does things.' }));
    expect(operation['x-permission']).toBe('alerts:write');
    expect(operation.security).toEqual([{ apiKey: [] }]);
    expect(operation.description).toBe('Does things.\n\nNeeds the `alerts:write` permission (create, change and delete alert rules, backtest, silence, work alerts (acknowledge, resolve, notes, contacts)), which the roles cx-lead, admin have.');
    const open = only(op({ id: 'h', method: 'get', path: '/h', permission: null })).operation;
    expect(open).not.toHaveProperty('x-permission');
    expect(open.security).toEqual([]);
    expect(open.description).toBe('Public: no key needed.');
    const anyKey = only(op({ id: 'me', method: 'get', path: '/me', permission: 'any-key' })).operation;
    expect(anyKey).not.toHaveProperty('x-permission');
    expect(anyKey.security).toEqual([{ apiKey: [] }]);
    expect(anyKey.description).toBe('Needs a valid API key, of any role.');
    expect(Object.keys(anyKey.responses)).toEqual(['200', '401', '403', '429', '503']);
  });

  it('gives each operation the problems of its kind and those it names', () => {
    const statuses = (o: Operation) => Object.keys(only(o).operation.responses).map(Number);
    expect(statuses(op({ id: 'a', method: 'get', path: '/a', permission: null }))).toEqual([200]);
    expect(statuses(op({ id: 'a', method: 'get', path: '/a', permission: 'audit:read' }))).toEqual([200, 401, 403, 429, 503]);
    expect(statuses(op({ id: 'a', method: 'get', path: '/a/:id', permission: null, query: z.strictObject({}) }))).toEqual([200, 400, 404]);
    expect(statuses(op({ id: 'a', method: 'put', path: '/a', permission: null, body: { schema: z.strictObject({}) }, errors: [412] }))).toEqual([200, 400, 412, 413]);
    const { doc, operation } = only(op({ id: 'a', method: 'get', path: '/a', permission: 'audit:read' }));
    expect(operation.responses[429]).toEqual({ $ref: '#/components/responses/TooManyRequests' });
    expect(doc.components.responses.TooManyRequests).toMatchObject({ headers: { 'Retry-After': {} }, content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } });
    expect(() => openApiDocument([op({ id: 'a', method: 'get', path: '/a', permission: null, errors: [418] })])).toThrow('no problem response is defined for 418');
  });

  it('answers 204 without content, other media types and the same body with another status', () => {
    expect(only(op({ id: 'd', method: 'delete', path: '/d', permission: null, ok: { status: 204, description: 'gone' } })).operation.responses[204]).toEqual({ description: 'gone' });
    const csv = only(op({ id: 'c', method: 'get', path: '/c', permission: null, ok: { status: 200, description: 'rows', schema: { type: 'string' }, mediaTypes: ['text/csv'], sameBodyWith: { 503: 'not yet' } } })).operation;
    expect(csv.responses[200]).toEqual({ description: 'rows', content: { 'text/csv': { schema: { type: 'string' } } } });
    expect(csv.responses[503]).toEqual({ description: 'not yet', content: { 'text/csv': { schema: { type: 'string' } } } });
    // Without a schema: a JSON object described in words, open to any field.
    expect(only(op({ id: 'o', method: 'get', path: '/o', permission: null })).operation.responses[200]).toEqual({ description: 'fine', content: { 'application/json': { schema: { type: 'object', additionalProperties: true } } } });
  });

  it('moves schemas with an id into the components and refers to them', () => {
    const item = z.strictObject({ text: z.string() }).meta({ id: 'Item' });
    const doc = openApiDocument([
      op({ id: 'one', method: 'post', path: '/one', permission: null, body: { schema: z.union([item, z.array(item)]) } }),
      op({ id: 'two', method: 'put', path: '/two', permission: null, body: { schema: item } }),
    ]);
    expect(doc.components.schemas.Item).toEqual({ type: 'object', properties: { text: { type: 'string' } }, required: ['text'], additionalProperties: false });
    expect(doc.paths['/one']!.post!.requestBody!.content['application/json']!.schema).toEqual({ anyOf: [{ $ref: '#/components/schemas/Item' }, { type: 'array', items: { $ref: '#/components/schemas/Item' } }] });
    expect(doc.paths['/two']!.put!.requestBody!.content['application/json']!.schema).toEqual({ $ref: '#/components/schemas/Item' });
    const other = z.strictObject({ n: z.number() }).meta({ id: 'Item' });
    expect(() => openApiDocument([op({ id: 'one', method: 'post', path: '/one', permission: null, body: { schema: item } }), op({ id: 'two', method: 'post', path: '/two', permission: null, body: { schema: other } })])).toThrow(
      'two different schemas have the id Item',
    );
  });

  it('refuses two operations with one id or for one route', () => {
    expect(() => openApiDocument([op({ id: 'x', method: 'get', path: '/a', permission: null }), op({ id: 'x', method: 'get', path: '/b', permission: null })])).toThrow('two operations have the id x');
    expect(() => openApiDocument([op({ id: 'x', method: 'get', path: '/a', permission: null }), op({ id: 'y', method: 'get', path: '/a', permission: null })])).toThrow('two operations describe GET /a');
  });
});

describe('referencePage', () => {
  const doc = openApiDocument([
    op({ id: 'sendThing', method: 'post', path: '/v1/things', tag: 'Feedback', permission: 'feedback:write', summary: 'Send <b>a</b> thing', body: { schema: z.strictObject({ name: z.string().max(10) }) } }),
    op({ id: 'health', method: 'get', path: '/healthz', tag: 'Operations', permission: null, query: z.strictObject({ verbose: z.enum(['yes', 'no']).optional() }) }),
  ]);
  const page = referencePage(doc);

  it('groups the operations by tag with their permission, parameters, body and answers', () => {
    const feedback = page.html.indexOf('<h2 id="tag-feedback">');
    const operations = page.html.indexOf('<h2 id="tag-operations">');
    expect(feedback).toBeGreaterThan(0);
    expect(operations).toBeGreaterThan(feedback);
    expect(page.html.indexOf('id="op-sendthing"')).toBeGreaterThan(feedback);
    expect(page.html).toContain('<p>Needs the <code>feedback:write</code> permission (send feedback (POST /v1/feedback)), which the roles ingest, admin have.</p>');
    expect(page.html).toContain('<p>Public: no key needed.</p>');
    expect(page.html).toContain('<div><code>application/json</code>: object<ul class="schema"><li><code>name</code> <strong>required</strong>: string (0–10 characters)</li><li class="muted">no other fields</li></ul></div>');
    expect(page.html).toContain('<td><code>yes</code> | <code>no</code></td>');
    expect(page.html).toContain('<dt>401 <span class="muted">Unauthorized</span></dt>');
  });

  it('escapes what it shows and loads nothing from elsewhere', () => {
    expect(page.html).toContain('Send &#60;b&#62;a&#60;/b&#62; thing');
    expect(page.html).not.toMatch(/<script|<link|<img|src=|https?:\/\//i);
    expect(page.html).not.toMatch(/ style=/);
  });

  it('allows its one style by hash and nothing else', () => {
    const style = /<style>([\s\S]*)<\/style>/.exec(page.html)![1]!;
    const hash = createHash('sha256').update(style).digest('base64');
    expect(page.contentSecurityPolicy).toBe(`default-src 'none'; style-src 'sha256-${hash}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`);
  });
});
