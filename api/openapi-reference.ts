// The API reference as one HTML page, rendered from the OpenAPI document: operations
// grouped by tag, each with its permission, parameters, body and answers, then the shared
// schemas. No script and no external resource; the one inline style is allowed by its
// hash in the page's Content-Security-Policy, so the page works under `default-src 'none'`.
import { createHash } from 'node:crypto';
import { escapeHtml } from '../core/text/escape-html.ts';
import type { JsonSchema } from '../core/http/operation.ts';
import type { OpenApiDocument, OperationObject, ParameterObject, ResponseObject } from './openapi.ts';

const style = `
:root { color-scheme: light dark; --muted: #555; --line: #ccc; --code: #f3f3f3; }
@media (prefers-color-scheme: dark) { :root { --muted: #bbb; --line: #555; --code: #2a2a2a; } }
body { font: 16px/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 70rem; padding: 1rem 1.5rem 4rem; }
code { font: 0.9em ui-monospace, monospace; background: var(--code); padding: 0 0.2em; border-radius: 3px; }
a { color: inherit; }
nav ul { padding-left: 1.2rem; } nav li { margin: 0.1rem 0; }
h2 { border-bottom: 2px solid var(--line); margin-top: 3rem; }
article { border-top: 1px solid var(--line); padding: 0.5rem 0 1rem; }
h3 { font-size: 1.1rem; } h4 { font-size: 1rem; margin-bottom: 0.3rem; }
.method { display: inline-block; min-width: 4.2em; font-weight: 700; }
.muted { color: var(--muted); }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid var(--line); padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; }
ul.schema { margin: 0.2rem 0; padding-left: 1.2rem; }
dt { font-weight: 700; margin-top: 0.4rem; }
.skip { position: absolute; left: -999px; } .skip:focus { left: 1rem; top: 1rem; }
`;

type Doc = OpenApiDocument;
const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-');
/** Escaped text with `code` spans, in paragraphs. */
const prose = (text: string) =>
  text
    .split(/\n{2,}/)
    .map((p) => `<p>${escapeHtml(p).replace(/`([^`]+)`/g, '<code>$1</code>')}</p>`)
    .join('');
const inline = (text: string) => prose(text).replace(/^<p>|<\/p>$/g, '').replace(/<\/p><p>/g, ' ');
const code = (value: unknown) => `<code>${escapeHtml(typeof value === 'string' ? value : JSON.stringify(value))}</code>`;

function refName(ref: string): string {
  return ref.slice(ref.lastIndexOf('/') + 1);
}

/** What a schema allows, in words; objects list their properties down to a few levels. */
function schemaHtml(s: JsonSchema, depth = 0): string {
  if (typeof s.$ref === 'string') return `<a href="#schema-${slug(refName(s.$ref))}">${escapeHtml(refName(s.$ref))}</a>`;
  const parts: string[] = [];
  const branches = (s.anyOf ?? s.oneOf) as JsonSchema[] | undefined;
  if (branches) parts.push(`one of: ${branches.map((b) => schemaHtml(b, depth + 1)).join(' or ')}`);
  else if (Array.isArray(s.enum)) parts.push(s.enum.map(code).join(' | '));
  else if ('const' in s) parts.push(code(s.const));
  else if (s.type === 'array') parts.push(`array of ${s.items ? schemaHtml(s.items as JsonSchema, depth + 1) : 'anything'}`);
  else if (s.type && !s.properties) parts.push(escapeHtml([s.type].flat().join(' or ')));
  else if (!s.properties) parts.push('anything');
  const limits: string[] = [];
  if (s.format) limits.push(escapeHtml(String(s.format)));
  if (s.minimum !== undefined || s.maximum !== undefined) limits.push(`${s.minimum ?? '…'} to ${s.maximum ?? '…'}`);
  if (s.exclusiveMinimum !== undefined) limits.push(`above ${s.exclusiveMinimum}`);
  if (s.exclusiveMaximum !== undefined) limits.push(`below ${s.exclusiveMaximum}`);
  if (s.minLength !== undefined || s.maxLength !== undefined) limits.push(`${s.minLength ?? 0}–${s.maxLength ?? '…'} characters`);
  if (s.minItems !== undefined || s.maxItems !== undefined) limits.push(`${s.minItems ?? 0}–${s.maxItems ?? '…'} items`);
  if (s.pattern) limits.push(`matching ${code(s.pattern)}`);
  if (s.default !== undefined) limits.push(`default ${code(s.default)}`);
  if (limits.length) parts.push(`(${limits.join(', ')})`);
  if (s.description && depth > 0) parts.push(`— ${inline(String(s.description))}`);
  const properties = s.properties as Record<string, JsonSchema> | undefined;
  if (properties && Object.keys(properties).length) {
    if (depth > 4) return `${parts.join(' ')} object`;
    const required = new Set((s.required as string[] | undefined) ?? []);
    const items = Object.entries(properties).map(([name, p]) => `<li>${code(name)}${required.has(name) ? ' <strong>required</strong>' : ''}: ${schemaHtml(p, depth + 1)}</li>`);
    if (s.additionalProperties === false) items.push('<li class="muted">no other fields</li>');
    parts.push(`object<ul class="schema">${items.join('')}</ul>`);
  } else if (s.additionalProperties && typeof s.additionalProperties === 'object') {
    parts.push(`object whose values are ${schemaHtml(s.additionalProperties as JsonSchema, depth + 1)}`);
  }
  return parts.join(' ');
}

function parametersHtml(parameters: ParameterObject[]): string {
  const rows = parameters.map(
    (p) => `<tr><th scope="row">${code(p.name)}</th><td>${p.in}</td><td>${p.required ? 'yes' : 'no'}</td><td>${schemaHtml(p.schema, 1)}</td><td>${p.description ? inline(p.description) : ''}</td></tr>`,
  );
  return `<h4>Parameters</h4><table><thead><tr><th scope="col">name</th><th scope="col">in</th><th scope="col">required</th><th scope="col">type</th><th scope="col">meaning</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function contentHtml(content: Record<string, { schema: JsonSchema }> | undefined): string {
  return Object.entries(content ?? {})
    .map(([type, media]) => `<div>${code(type)}: ${schemaHtml(media.schema)}</div>`)
    .join('');
}

function responsesHtml(doc: Doc, responses: OperationObject['responses']): string {
  const items = Object.entries(responses).map(([status, r]) => {
    const ref = '$ref' in r ? refName(r.$ref) : undefined;
    const response: ResponseObject = ref ? doc.components.responses[ref]! : (r as ResponseObject);
    const headers = Object.keys(response.headers ?? {});
    return [
      `<dt>${status}${ref ? ` <span class="muted">${escapeHtml(ref)}</span>` : ''}</dt><dd><div>${inline(response.description)}</div>`,
      headers.length ? `<div>Headers: ${headers.map(code).join(', ')}</div>` : '',
      ref ? `<div>A problem: ${code('application/problem+json')}</div>` : contentHtml(response.content),
      '</dd>',
    ].join('');
  });
  return `<h4>Answers</h4><dl>${items.join('')}</dl>`;
}

function operationHtml(doc: Doc, method: string, path: string, op: OperationObject): string {
  return [
    `<article id="op-${slug(op.operationId)}" aria-labelledby="op-${slug(op.operationId)}-title">`,
    `<h3 id="op-${slug(op.operationId)}-title"><span class="method">${method.toUpperCase()}</span> <code>${escapeHtml(path)}</code></h3>`,
    `<p><strong>${escapeHtml(op.summary)}</strong> <span class="muted">(${code(op.operationId)})</span></p>`,
    // The description ends with the permission and the roles that have it.
    prose(op.description),
    op.parameters?.length ? parametersHtml(op.parameters) : '',
    op.requestBody ? `<h4>Body</h4>${op.requestBody.description ? prose(op.requestBody.description) : ''}${contentHtml(op.requestBody.content)}` : '',
    responsesHtml(doc, op.responses),
    '</article>',
  ].join('');
}

/** The page and the Content-Security-Policy it is served with. */
export function referencePage(doc: Doc): { html: string; contentSecurityPolicy: string } {
  const byTag = new Map(doc.tags.map((t) => [t.name, [] as Array<{ method: string; path: string; op: OperationObject }>]));
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) byTag.get(op.tags[0]!)?.push({ method, path, op });
  }
  const nav = doc.tags
    .map((t) => `<li><a href="#tag-${slug(t.name)}">${escapeHtml(t.name)}</a><ul>${byTag.get(t.name)!.map((o) => `<li><a href="#op-${slug(o.op.operationId)}">${o.method.toUpperCase()} ${escapeHtml(o.path)}</a></li>`).join('')}</ul></li>`)
    .join('');
  const sections = doc.tags
    .map((t) => `<section aria-labelledby="tag-${slug(t.name)}"><h2 id="tag-${slug(t.name)}">${escapeHtml(t.name)}</h2>${prose(t.description)}${byTag.get(t.name)!.map((o) => operationHtml(doc, o.method, o.path, o.op)).join('')}</section>`)
    .join('');
  const schemas = Object.entries(doc.components.schemas)
    .map(([name, s]) => `<article><h3 id="schema-${slug(name)}">${escapeHtml(name)}</h3>${s.description ? prose(String(s.description)) : ''}<div>${schemaHtml(s)}</div></article>`)
    .join('');
  const html = [
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(doc.info.title)} reference</title><style>${style}</style></head><body>`,
    '<a class="skip" href="#operations">Skip to the operations</a>',
    `<header><h1>${escapeHtml(doc.info.title)} reference</h1>${prose(doc.info.description)}<p>This page is made from the OpenAPI ${escapeHtml(doc.openapi)} document at <a href="openapi.json">/openapi.json</a>.</p></header>`,
    `<nav aria-label="Operations by tag"><h2>Contents</h2><ul>${nav}<li><a href="#schemas">Schemas</a></li></ul></nav>`,
    `<main id="operations">${sections}<section aria-labelledby="schemas"><h2 id="schemas">Schemas</h2>${schemas}</section></main>`,
    '</body></html>',
  ].join('\n');
  const hash = createHash('sha256').update(style).digest('base64');
  return { html, contentSecurityPolicy: `default-src 'none'; style-src 'sha256-${hash}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'` };
}
