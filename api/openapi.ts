// The OpenAPI 3.1 document of an app, made from the operations its routers carry
// (core/http/operation.ts). Parameters and bodies are the zod schemas the routes parse
// with, as JSON Schema (draft 2020-12) of their input, which is what a client sends: a
// coerced number is a number, a default makes a field optional, a transform is described
// by what it takes. Schemas given an id with `.meta({ id })` become components. Errors
// are RFC 9457 problems, as shared responses.
import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import { grants, permissions, roles, type Permission } from '../core/http/access.ts';
import { operationTags, type JsonSchema, type Operation } from '../core/http/operation.ts';
import { PROBLEM_CONTENT_TYPE } from '../core/http/problem.ts';

export type ParameterObject = { name: string; in: 'query' | 'path' | 'header'; required: boolean; description?: string; schema: JsonSchema; style?: 'form'; explode?: boolean };
export type MediaTypeObject = { schema: JsonSchema };
export type ResponseObject = { description: string; headers?: Record<string, { description: string; schema: JsonSchema }>; content?: Record<string, MediaTypeObject> };
export type OperationObject = {
  operationId: string;
  tags: string[];
  summary: string;
  description: string;
  'x-permission'?: Permission;
  security: Array<Record<string, string[]>>;
  parameters?: ParameterObject[];
  requestBody?: { required: true; description?: string; content: Record<string, MediaTypeObject> };
  responses: Record<string, ResponseObject | { $ref: string }>;
};
export type OpenApiDocument = {
  openapi: string;
  info: { title: string; version: string; description: string; license: { name: string; identifier: string } };
  servers: Array<{ url: string }>;
  tags: Array<{ name: string; description: string }>;
  paths: Record<string, Partial<Record<Operation['method'], OperationObject>>>;
  components: { schemas: Record<string, JsonSchema>; responses: Record<string, ResponseObject>; securitySchemes: Record<string, JsonSchema> };
};

const description = [
  'Every operation but the health probes, the metrics and this description needs an API key whose role has the operation\'s permission (`x-permission`), sent as `Authorization: Bearer voc_…`.',
  'Errors are RFC 9457 problems (`application/problem+json`) with a `type` URN, a `detail` and, for invalid input, an `errors` list naming every invalid field; unknown query parameters and body fields are refused.',
  'Every answer carries `x-request-id` (the one sent, or a new one), which the logs of the request carry too.',
].join('\n\n');

const problemSchema: JsonSchema = {
  type: 'object',
  description: 'RFC 9457 problem details',
  required: ['type', 'title', 'status'],
  properties: {
    type: { type: 'string', description: 'a URN naming the problem, e.g. urn:voc:problem:invalid-feedback' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    instance: { type: 'string', description: 'the request path' },
    errors: {
      type: 'array',
      description: 'every invalid item and field',
      items: { type: 'object', required: ['path', 'message'], properties: { index: { type: 'integer', description: 'the item of a batch' }, path: { type: 'string' }, message: { type: 'string' } } },
    },
  },
};

const retryAfter = { 'Retry-After': { description: 'seconds to wait before trying again', schema: { type: 'integer' } } };
const problems: Record<number, { name: string; description: string; headers?: ResponseObject['headers'] }> = {
  400: { name: 'BadRequest', description: 'Invalid parameters or body: `errors` names every invalid field.' },
  401: { name: 'Unauthorized', description: 'No valid API key: missing, malformed, unknown, revoked or expired.', headers: { 'WWW-Authenticate': { description: 'Bearer realm="voc"', schema: { type: 'string' } } } },
  403: { name: 'Forbidden', description: "The key's role lacks the operation's permission, or the request came from an origin that is not allowed (API_CORS_ORIGINS)." },
  404: { name: 'NotFound', description: 'Nothing is stored under that id.' },
  409: { name: 'Conflict', description: 'The change conflicts with the current state (already resolved, or changed by others too often at once).' },
  412: { name: 'PreconditionFailed', description: 'If-Match names a version that is no longer the current one: reload and apply the change again.' },
  413: { name: 'PayloadTooLarge', description: 'The body is larger than the operation takes.' },
  415: { name: 'UnsupportedMediaType', description: 'The body is not of a media type the operation takes.' },
  429: { name: 'TooManyRequests', description: "Past the key's rate limit (API_RATE_LIMIT requests a minute).", headers: retryAfter },
  503: { name: 'ServiceUnavailable', description: 'A server voc depends on (Elasticsearch, Kafka) cannot be reached now; nothing was changed.', headers: retryAfter },
};

// `.int()` bounds a number by the safe-integer range, which tells a client nothing; zod
// writes out the regular expression behind a format (about 300 characters for a
// date-time), which the format already names. zod leaves out the default of a schema
// that transforms, since a default is an output (a duration's is milliseconds where a
// client writes "15m"); one the schema also takes as input is what a client may send,
// and is shown (the `kind` list of top issues defaults to ["problem"]).
const tidy = ({ zodSchema, jsonSchema: s }: { zodSchema: z.core.$ZodTypes; jsonSchema: JsonSchema }) => {
  if (s.maximum === Number.MAX_SAFE_INTEGER) delete s.maximum;
  if (s.minimum === Number.MIN_SAFE_INTEGER) delete s.minimum;
  if (typeof s.format === 'string' && typeof s.pattern === 'string') delete s.pattern;
  if (zodSchema._zod.def.type === 'default' && !('default' in s)) {
    const { innerType, defaultValue } = (zodSchema as z.core.$ZodDefault)._zod.def;
    if (z.safeParse(innerType, defaultValue).success) s.default = defaultValue;
  }
};

const isZod = (s: object): s is z.ZodType => '_zod' in s;

/** `$ref`s into zod's `$defs` pointed at the components instead. */
function toComponentRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toComponentRefs);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => {
      if (k !== '$ref') return [k, toComponentRefs(v)];
      if (typeof v !== 'string' || !v.startsWith('#/$defs/')) throw new Error(`a schema refers to ${String(v)}, which has no place in the document`);
      return [k, `#/components/schemas/${v.slice('#/$defs/'.length)}`];
    }),
  );
}

/** JSON Schema of what a client sends; schemas with an id are moved into `components`. */
export function inputSchema(schema: z.ZodType | JsonSchema, components: Record<string, JsonSchema>): JsonSchema {
  if (!isZod(schema)) return schema;
  const { $schema: _, $defs, ...json } = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any', override: tidy }) as JsonSchema;
  for (const [name, def] of Object.entries(($defs ?? {}) as Record<string, JsonSchema>)) {
    const moved = toComponentRefs(def) as JsonSchema;
    if (name in components && !isDeepStrictEqual(components[name], moved)) throw new Error(`two different schemas have the id ${name}`);
    components[name] = moved;
  }
  return toComponentRefs(json) as JsonSchema;
}

/** A parameter taken as one value or repeated: `anyOf: [string, array of strings]` (listParam). */
function isList(s: JsonSchema): boolean {
  const branches = s.anyOf as JsonSchema[] | undefined;
  return Array.isArray(branches) && branches.length === 2 && branches.some((b) => b.type === 'string') && branches.some((b) => b.type === 'array');
}

function queryParameters(op: Operation, components: Record<string, JsonSchema>): ParameterObject[] {
  if (!op.query) return [];
  const json = inputSchema(op.query, components);
  const properties = json.properties as Record<string, JsonSchema> | undefined;
  if (json.type !== 'object' || !properties) throw new Error(`${op.id}: the query schema is not an object`);
  const required = new Set((json.required as string[] | undefined) ?? []);
  return Object.entries(properties).map(([name, property]) => {
    const { description: said, ...schema } = property;
    // In a query string a list is sent as `?a=x&a=y` (or `?a=x,y`, which the route splits too).
    const list = isList(schema);
    const text = [said, list ? 'a comma list, or the parameter repeated' : undefined].filter(Boolean).join('; ');
    return {
      name,
      in: 'query' as const,
      required: required.has(name),
      ...(text ? { description: text } : {}),
      schema: list ? { type: 'array', items: { type: 'string' }, ...('default' in schema ? { default: schema.default } : {}) } : schema,
      ...(list ? { style: 'form' as const, explode: true } : {}),
    };
  });
}

export const pathParameterNames = (path: string) => [...path.matchAll(/:(\w+)/g)].map((m) => m[1]!);
export const openApiPath = (path: string) => path.replace(/:(\w+)/g, '{$1}');

function access(permission: Operation['permission']): string {
  if (!permission) return 'Public: no key needed.';
  if (permission === 'any-key') return 'Needs a valid API key, of any role.';
  const who = roles.filter((r) => grants[r].includes(permission));
  const holders = who.length === 1 ? `the ${who[0]} role has` : `the roles ${who.join(', ')} have`;
  return `Needs the \`${permission}\` permission (${permissions[permission]}), which ${holders}.`;
}

/** The error statuses of an operation: those of its kind, and those it names. */
export function errorStatuses(op: Operation): number[] {
  const statuses = new Set(op.errors ?? []);
  if (op.query || op.body) statuses.add(400);
  if (pathParameterNames(op.path).length) statuses.add(404);
  if (op.body) statuses.add(413);
  // Every guarded request looks its key up in Elasticsearch first, hence 503 everywhere.
  if (op.permission) for (const s of [401, 403, 429, 503]) statuses.add(s);
  return [...statuses].sort((a, b) => a - b);
}

function headerObjects(headers: Record<string, string> | undefined) {
  return headers ? { headers: Object.fromEntries(Object.entries(headers).map(([name, text]) => [name, { description: text, schema: { type: 'string' } }])) } : {};
}

function operationObject(op: Operation, components: Record<string, JsonSchema>): OperationObject {
  const parameters: ParameterObject[] = [
    ...pathParameterNames(op.path).map((name) => ({ name, in: 'path' as const, required: true, ...(op.params?.[name] ? { description: op.params[name] } : {}), schema: { type: 'string' } })),
    ...queryParameters(op, components),
    ...Object.entries(op.headers ?? {}).map(([name, text]) => ({ name, in: 'header' as const, required: false, description: text, schema: { type: 'string' } })),
  ];
  const ok = op.ok;
  const okSchema = ok.schema ? inputSchema(ok.schema, components) : { type: 'object', additionalProperties: true };
  const content = ok.status === 204 ? {} : { content: Object.fromEntries((ok.mediaTypes ?? ['application/json']).map((t) => [t, { schema: okSchema }])) };
  const responses: OperationObject['responses'] = { [ok.status]: { description: ok.description, ...headerObjects(ok.headers), ...content } };
  for (const [status, text] of Object.entries(ok.sameBodyWith ?? {})) responses[status] = { description: text, ...content };
  for (const status of errorStatuses(op)) {
    const p = problems[status];
    if (!p) throw new Error(`${op.id}: no problem response is defined for ${status}`);
    responses[status] = { $ref: `#/components/responses/${p.name}` };
  }
  return {
    operationId: op.id,
    tags: [op.tag],
    summary: op.summary,
    description: [op.description, access(op.permission)].filter(Boolean).join('\n\n'),
    ...(op.permission && op.permission !== 'any-key' ? { 'x-permission': op.permission } : {}),
    security: op.permission ? [{ apiKey: [] }] : [],
    ...(parameters.length ? { parameters } : {}),
    ...(op.body
      ? {
          requestBody: {
            required: true as const,
            ...(op.body.description ? { description: op.body.description } : {}),
            content: { 'application/json': { schema: inputSchema(op.body.schema, components) }, ...Object.fromEntries(Object.entries(op.body.also ?? {}).map(([t, schema]) => [t, { schema }])) },
          },
        }
      : {}),
    responses,
  };
}

/** The document of these operations; `serverUrl`: where the API is reached (API_PUBLIC_URL), when known. */
export function openApiDocument(operations: readonly Operation[], opts: { serverUrl?: string } = {}): OpenApiDocument {
  const schemas: Record<string, JsonSchema> = { Problem: problemSchema };
  const paths: OpenApiDocument['paths'] = {};
  const ids = new Set<string>();
  for (const op of operations) {
    if (ids.has(op.id)) throw new Error(`two operations have the id ${op.id}`);
    ids.add(op.id);
    const item = (paths[openApiPath(op.path)] ??= {});
    if (item[op.method]) throw new Error(`two operations describe ${op.method.toUpperCase()} ${op.path}`);
    item[op.method] = operationObject(op, schemas);
  }
  const used = new Set(operations.map((op) => op.tag));
  return {
    openapi: '3.1.1',
    info: { title: 'voc API', version: '1', description, license: { name: 'Apache License 2.0', identifier: 'Apache-2.0' } },
    // Without API_PUBLIC_URL, the host that served the document.
    servers: [{ url: opts.serverUrl ?? '/' }],
    tags: Object.entries(operationTags)
      .filter(([name]) => used.has(name as Operation['tag']))
      .map(([name, text]) => ({ name, description: text })),
    paths,
    components: {
      schemas,
      responses: Object.fromEntries(
        Object.values(problems).map((p) => [p.name, { description: p.description, ...(p.headers ? { headers: p.headers } : {}), content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: '#/components/schemas/Problem' } } } }]),
      ),
      securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', bearerFormat: 'voc_…', description: 'a voc API key (`voc keys create`, or POST /v1/keys)' } },
    },
  };
}
