// The OpenAPI document against the app it describes, made as the API role makes it but
// over clients that are never called (`voc openapi` does the same): every route has
// exactly one operation and every operation a route, with the permission of the route's
// guard; the document holds together as OpenAPI 3.1; /openapi.json and /reference are
// served; and the web console's committed types are those of this document.
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import openapiTS, { astToString, COMMENT_HEADER } from 'openapi-typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listRoutes } from '../api/app.ts';
import { openApiPath, pathParameterNames, type OperationObject } from '../api/openapi.ts';
import { describeApi } from '../cli/openapi.command.ts';
import { loadConfig } from '../core/config/config.ts';

const { app, document } = describeApi(loadConfig({}));
const routes = listRoutes(app);
const key = (method: string, path: string) => `${method.toUpperCase()} ${path}`;
const operations = Object.entries(document.paths).flatMap(([path, item]) => Object.entries(item).map(([method, op]) => ({ method, path, op: op as OperationObject })));

/** Every value of `$ref` in the document, with where it stands. */
function refs(value: unknown, at = '#'): Array<{ at: string; ref: string }> {
  if (Array.isArray(value)) return value.flatMap((v, i) => refs(v, `${at}/${i}`));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => (k === '$ref' && typeof v === 'string' ? [{ at, ref: v }] : refs(v, `${at}/${k}`)));
}

function resolve(pointer: string): unknown {
  if (!pointer.startsWith('#/')) return undefined;
  return pointer
    .slice(2)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((node, part) => (node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), document);
}

describe('the OpenAPI document', () => {
  it('has exactly one operation for every route and a route for every operation', () => {
    const served = routes.map((r) => key(r.method, openApiPath(r.path)));
    const described = operations.map((o) => key(o.method, o.path));
    expect(served.length).toBeGreaterThan(40);
    expect(served.filter((r) => !described.includes(r)), 'routes without an operation').toEqual([]);
    expect(described.filter((o) => !served.includes(o)), 'operations without a route').toEqual([]);
    expect(served.filter((r, i) => served.indexOf(r) !== i), 'routes mounted twice').toEqual([]);
  });

  it("names the permission of each route's guard", () => {
    // A route without a permission is public or open to any valid key (GET /v1/me); which
    // of the two, the role × route walk of tests/access.int.test.ts checks.
    const mismatched = routes.flatMap((r) => {
      const op = document.paths[openApiPath(r.path)]?.[r.method.toLowerCase() as 'get'];
      const named = op?.['x-permission'] ?? null;
      const secured = Boolean(op?.security.length);
      return named === r.permission && (r.permission === null || secured) ? [] : [`${key(r.method, r.path)}: the guard needs ${r.permission}, the operation names ${named}`];
    });
    expect(mismatched).toEqual([]);
  });

  it('is OpenAPI 3.1 in its basic structure', () => {
    expect(document.openapi).toMatch(/^3\.1\.\d+$/);
    expect(document.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
    expect(Object.keys(document.components.schemas).length).toBeGreaterThan(0);
    expect(document.components.securitySchemes.apiKey).toEqual(expect.objectContaining({ type: 'http', scheme: 'bearer' }));
    const ids = operations.map((o) => o.op.operationId);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i), 'operationIds used twice').toEqual([]);
    const tags = document.tags.map((t) => t.name);
    const problems: string[] = [];
    for (const { method, path, op } of operations) {
      const where = key(method, path);
      if (!path.startsWith('/')) problems.push(`${where}: a path starts with /`);
      if (!op.summary || !op.tags.every((t) => tags.includes(t))) problems.push(`${where}: a summary and declared tags`);
      if (!Object.keys(op.responses).some((s) => /^2\d\d$/.test(s))) problems.push(`${where}: no success response`);
      const inPath = op.parameters?.filter((p) => p.in === 'path') ?? [];
      const templated = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      if (JSON.stringify(inPath.map((p) => p.name)) !== JSON.stringify(templated) || inPath.some((p) => !p.required)) problems.push(`${where}: path parameters ${inPath.map((p) => p.name)} for {${templated}}`);
      const names = op.parameters?.map((p) => `${p.in} ${p.name}`) ?? [];
      if (new Set(names).size !== names.length) problems.push(`${where}: a parameter declared twice`);
      for (const p of op.parameters ?? []) if (!p.schema || !['query', 'path', 'header'].includes(p.in)) problems.push(`${where}: parameter ${p.name}`);
      if (op.requestBody && !Object.keys(op.requestBody.content).length) problems.push(`${where}: a body without a media type`);
    }
    expect(problems).toEqual([]);
  });

  it('resolves every $ref', () => {
    const all = refs(document);
    expect(all.length).toBeGreaterThan(100);
    expect(all.filter(({ ref }) => resolve(ref) === undefined)).toEqual([]);
  });

  it('describes the parameters and bodies with the schemas the routes parse', () => {
    const search = document.paths['/v1/feedback/search']!.get!;
    expect(search.parameters!.find((p) => p.name === 'pageSize')).toMatchObject({ in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 } });
    expect(search.parameters!.find((p) => p.name === 'source')).toMatchObject({ schema: { type: 'array' }, explode: true });
    expect(document.paths['/v1/feedback']!.post!.requestBody!.content['application/json']!.schema).toEqual({
      anyOf: [{ $ref: '#/components/schemas/Feedback' }, { type: 'array', minItems: 1, items: { $ref: '#/components/schemas/Feedback' } }],
    });
    expect(document.components.schemas.Feedback).toMatchObject({ required: ['source', 'text'], additionalProperties: false });
    expect(document.paths['/v1/alert-rules/{id}']!.put!.parameters!.map((p) => `${p.in} ${p.name}`)).toEqual(['path id', 'header If-Match']);
    expect(Object.keys(document.paths['/v1/taxonomy']!.put!.requestBody!.content)).toContain('application/yaml');
    expect(pathParameterNames('/v1/alert-rules/:id/silences/:silence')).toEqual(['id', 'silence']);
  });
});

describe('GET /openapi.json and GET /reference', () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    await new Promise<void>((r) => {
      server = app.listen(0, '127.0.0.1', () => r());
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((r) => server.close(r)));

  it('serves the document', async () => {
    const res = await fetch(`${base}/openapi.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.json()).toEqual(JSON.parse(JSON.stringify(document)));
  });

  it('serves the reference page under a Content-Security-Policy without scripts', async () => {
    const res = await fetch(`${base}/reference`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('content-security-policy')).toMatch(/^default-src 'none'; style-src 'sha256-[\w+/=]+'; /);
    const html = await res.text();
    expect(html).not.toMatch(/<script/i);
    for (const { op } of operations) expect(html).toContain(`id="op-${op.operationId.toLowerCase()}"`);
  });
});

describe("the web console's types", () => {
  it('are generated from this document (npm run gen:api-types)', async () => {
    const generated = COMMENT_HEADER + astToString(await openapiTS(document as never, { silent: true }));
    const committed = readFileSync(new URL('../console/src/api/openapi.d.ts', import.meta.url), 'utf8');
    expect(committed === generated, 'console/src/api/openapi.d.ts is not what the document gives: run `npm run gen:api-types` and commit it').toBe(true);
  });
});
