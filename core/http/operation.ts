// What a route says about itself for the OpenAPI document (api/openapi.ts). Each route
// file describes its operations next to its router and returns the router with them
// (`describedRouter`), so the document is made from the routers an app really mounts.
// Parameters and bodies are the zod schemas the routes parse with; nothing here
// validates, and a test holds every operation to its route and its guard.
import type { Router } from 'express';
import type { z } from 'zod';
import type { Permission } from './access.ts';

/** A JSON Schema written by hand, for shapes no zod schema holds (most answers). */
export type JsonSchema = { [keyword: string]: unknown };

/** The document's sections, in the order the reference page shows them. */
export const operationTags = {
  Feedback: 'send feedback, search it and read single items',
  Analytics: 'trends, top issues, drivers, emerging themes, customer profiles and segments',
  Labels: 'corrections of tags, exported as training data',
  Taxonomy: 'the issue taxonomy and reprocessing after a change',
  'Alert rules': 'rules, their versions, backtests and silences',
  Alerts: 'alerts as CX leads work them: acknowledge, resolve, notes, contacts, quality',
  Defects: 'pull the cord on a product defect',
  Keys: 'API keys: who a key is, and making, listing and revoking keys (admins)',
  Audit: 'the audit log (admins)',
  Operations: 'health probes and Prometheus metrics, without a key',
  Reference: 'this description of the API, without a key',
} as const;
export type OperationTag = keyof typeof operationTags;

export type Operation = {
  /** The operationId: unique; the web console's generated types name operations by it. */
  id: string;
  method: 'get' | 'post' | 'put' | 'delete';
  /** As express writes it: /v1/keys/:id. */
  path: string;
  tag: OperationTag;
  summary: string;
  description?: string;
  /** What the route's `allow(…)` names; `any-key` for a route any valid key may call (GET /v1/me); null for a public route. */
  permission: Permission | 'any-key' | null;
  /** The schema the route parses `req.query` with. */
  query?: z.ZodType;
  /** What each `:name` of the path is (every one is declared whether described or not). */
  params?: Record<string, string>;
  /** Request headers the route reads, with what they mean. */
  headers?: Record<string, string>;
  /** The schema the route parses the JSON body with; `also`: other media types it takes. */
  body?: { schema: z.ZodType | JsonSchema; description?: string; also?: Record<string, JsonSchema> };
  /**
   * The answer on success; without a schema, a JSON object described in words (no content
   * for 204). `sameBodyWith`: other statuses answered with the same body (readiness: 503).
   */
  ok: { status: number; description: string; schema?: z.ZodType | JsonSchema; mediaTypes?: readonly string[]; headers?: Record<string, string>; sameBodyWith?: Record<number, string> };
  /** Error statuses beyond those the generator gives every operation of its kind (404 without a path parameter, 409, 412, 415). */
  errors?: readonly number[];
};

export type DescribedRouter = Router & { readonly operations: readonly Operation[] };

/** The router, carrying the descriptions of its routes. */
export function describedRouter(router: Router, operations: readonly Operation[]): DescribedRouter {
  return Object.assign(router, { operations });
}
