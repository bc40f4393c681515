// The API's description, public because it is a description and not data:
//   GET /openapi.json   the OpenAPI 3.1 document of every route of this app (api/openapi.ts)
//   GET /reference      the same as a readable page (api/openapi-reference.ts)
// Both are made once, when the app is assembled: the routes do not change while it runs.
import express from 'express';
import { describedRouter, type DescribedRouter, type Operation } from '../core/http/operation.ts';
import { openApiDocument, type OpenApiDocument } from './openapi.ts';
import { referencePage } from './openapi-reference.ts';

export const openApiOperations: Operation[] = [
  {
    id: 'openApiDocument',
    method: 'get',
    path: '/openapi.json',
    tag: 'Reference',
    summary: 'This OpenAPI 3.1 document',
    permission: null,
    ok: { status: 200, description: 'the OpenAPI document of every operation' },
  },
  {
    id: 'apiReference',
    method: 'get',
    path: '/reference',
    tag: 'Reference',
    summary: 'The document as a readable page',
    permission: null,
    ok: { status: 200, description: 'an HTML page without scripts or external resources', schema: { type: 'string' }, mediaTypes: ['text/html'] },
  },
];

/** `operations`: those of every other router of the app; this router adds its own. */
export function createOpenApiRouter(operations: readonly Operation[], opts: { serverUrl?: string } = {}): DescribedRouter & { document: OpenApiDocument } {
  const document = openApiDocument([...operations, ...openApiOperations], opts);
  const json = JSON.stringify(document);
  const page = referencePage(document);
  const router = express.Router();
  router.get('/openapi.json', (_req, res) => {
    res.set('X-Content-Type-Options', 'nosniff').type('application/json').send(json);
  });
  router.get('/reference', (_req, res) => {
    res
      .set({ 'Content-Security-Policy': page.contentSecurityPolicy, 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer', 'X-Frame-Options': 'DENY' })
      .type('html')
      .send(page.html);
  });
  return Object.assign(describedRouter(router, openApiOperations), { document });
}
