// Access control against the real API: every route × every role, no key, a malformed, a
// revoked and an expired key. A key whose role lacks a route's permission gets 403, a
// request without a valid key 401, and a permitted one neither (nor a 5xx): any other
// answer is a leak and fails the test. Then rate limits shared by two API processes,
// cross-origin requests, security headers, the audit log and `voc keys`.
import { describe, expect, it } from 'vitest';
import { createKeyStore } from '../access/key-store.ts';
import { createApiKey, startRoles } from '../cli/runtime.ts';
import { grants, roles, type Permission, type Role } from '../core/http/access.ts';
import { createElasticsearchClient } from '../core/elasticsearch/elasticsearch.client.ts';
import { spawnVoc } from './support/cli-process.ts';
import { getJson, postJson } from './support/test-env.ts';
import { useTestRoles } from './support/test-roles.ts';

const ctx = useTestRoles(['api']);
const api = () => ctx.roles.apiUrl!;
const PUBLIC = new Set(['GET /healthz', 'GET /readyz', 'GET /metrics', 'GET /openapi.json', 'GET /reference']);
/** Routes any valid key may call, whatever its role: null in the policy, but not public. */
const ANY_KEY = new Set(['GET /v1/me']);

/**
 * The access policy, written out independently of the routes: a route added, or a guard
 * changed, without changing this table fails the first test. `null`: public.
 */
const policy: Record<string, Permission | null> = {
  'GET /healthz': null,
  'GET /readyz': null,
  'GET /metrics': null,
  'GET /openapi.json': null,
  'GET /reference': null,
  'GET /v1/me': null,
  'POST /v1/keys': 'keys:manage',
  'GET /v1/keys': 'keys:manage',
  'GET /v1/keys/:id': 'keys:manage',
  'DELETE /v1/keys/:id': 'keys:manage',
  'GET /v1/audit': 'audit:read',
  'POST /v1/feedback': 'feedback:write',
  'GET /v1/feedback/search': 'feedback:read',
  'GET /v1/feedback/:id': 'feedback:read',
  'GET /v1/customers/:id': 'feedback:read',
  'GET /v1/trends': 'analytics:read',
  'GET /v1/issues/top': 'analytics:read',
  'GET /v1/drivers': 'analytics:read',
  'GET /v1/themes/emerging': 'analytics:read',
  'GET /v1/segments/compare': 'analytics:read',
  'POST /v1/feedback/:id/labels': 'labels',
  'GET /v1/labels/export': 'labels',
  'GET /v1/taxonomy': 'taxonomy:read',
  'PUT /v1/taxonomy': 'taxonomy:write',
  'POST /v1/taxonomy/dry-run': 'taxonomy:write',
  'POST /v1/reprocess': 'taxonomy:write',
  'GET /v1/reprocess/:jobId': 'taxonomy:write',
  'POST /v1/alert-rules': 'alerts:write',
  'GET /v1/alert-rules': 'alerts:read',
  'POST /v1/alert-rules/backtest': 'alerts:write',
  'GET /v1/alert-rules/:id': 'alerts:read',
  'GET /v1/alert-rules/:id/versions': 'alerts:read',
  'PUT /v1/alert-rules/:id': 'alerts:write',
  'DELETE /v1/alert-rules/:id': 'alerts:write',
  'GET /v1/alert-rules/:id/alerts': 'alerts:read',
  'POST /v1/alert-rules/:id/silences': 'alerts:write',
  'GET /v1/alert-rules/:id/silences': 'alerts:read',
  'DELETE /v1/alert-rules/:id/silences/:silence': 'alerts:write',
  'GET /v1/alerts': 'alerts:read',
  'GET /v1/alerts/quality': 'alerts:read',
  'GET /v1/alerts/:id': 'alerts:read',
  'POST /v1/alerts/:id/ack': 'alerts:write',
  'POST /v1/alerts/:id/false-positive': 'alerts:write',
  'POST /v1/alerts/:id/notes': 'alerts:write',
  'POST /v1/alerts/:id/contacts': 'alerts:write',
  'POST /v1/alerts/:id/resolve': 'alerts:write',
  'POST /v1/defects': 'defects',
  'GET /v1/defects': 'defects',
  'GET /v1/defects/:id': 'defects',
};

/** Which roles may use each permission, also written out: executives must never read verbatims by search. */
const expectedGrants: Record<Role, Permission[]> = {
  executive: ['analytics:read', 'taxonomy:read'],
  product: ['analytics:read', 'feedback:read', 'taxonomy:read', 'defects'],
  'cx-lead': ['analytics:read', 'feedback:read', 'taxonomy:read', 'defects', 'taxonomy:write', 'labels', 'alerts:read', 'alerts:write'],
  ingest: ['feedback:write'],
  admin: ['feedback:write', 'analytics:read', 'feedback:read', 'taxonomy:read', 'taxonomy:write', 'labels', 'defects', 'alerts:read', 'alerts:write', 'keys:manage', 'audit:read'],
};

async function call(method: string, path: string, token: string | undefined, extra: Record<string, string> = {}) {
  const hasBody = method === 'POST' || method === 'PUT';
  const res = await fetch(`${api()}${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(hasBody ? { 'content-type': 'application/json' } : {}), ...extra },
    ...(hasBody ? { body: '{}' } : {}),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text };
}

/** A concrete path for a route pattern: parameters become values that name nothing stored. */
const concrete = (path: string) => path.replace(/:(\w+)/g, (_m, name: string) => `no-such-${name}`);

describe('access control', () => {
  it('guards every route with the permission the policy gives it, and only the health probes with none', () => {
    const served = Object.fromEntries(ctx.roles.apiRoutes!.map((r) => [`${r.method} ${r.path}`, r.permission]));
    expect(served).toEqual(policy);
  });

  it('grants each role the permissions of the policy', () => {
    expect(Object.fromEntries(roles.map((r) => [r, [...grants[r]].sort()]))).toEqual(Object.fromEntries(roles.map((r) => [r, [...expectedGrants[r]].sort()])));
  });

  it('walks the role × route matrix without a leak', { timeout: 120_000 }, async () => {
    const es = createElasticsearchClient(ctx.t.config.elasticsearch);
    const prefix = ctx.t.config.elasticsearch.indexPrefix;
    const tokens = {} as Record<Role, string>;
    for (const role of roles) tokens[role] = await createApiKey(ctx.t.config, { name: `matrix ${role}`, role, createdBy: 'tests' });
    const revoked = await createKeyStore(es, prefix).create({ name: 'revoked', role: 'admin', createdBy: 'tests' });
    await createKeyStore(es, prefix).revoke(revoked.key.id, 'tests');
    // Made "three days ago" with a two-day life.
    const expired = await createKeyStore(es, prefix, { now: () => Date.now() - 3 * 86_400_000 }).create({ name: 'expired', role: 'admin', expiresInDays: 2, createdBy: 'tests' });
    await es.close();
    const refused: Record<string, string | undefined> = {
      'no key': undefined,
      malformed: 'voc_notakey',
      forged: `voc_${revoked.key.id}_${'A'.repeat(43)}`,
      revoked: revoked.token,
      expired: expired.token,
    };

    const leaks: string[] = [];
    for (const route of ctx.roles.apiRoutes!) {
      const name = `${route.method} ${route.path}`;
      const path = concrete(route.path);
      if (PUBLIC.has(name)) {
        const r = await call(route.method, path, undefined);
        if (r.status !== 200) leaks.push(`${name} without a key: ${r.status}, expected 200`);
        continue;
      }
      for (const [who, token] of Object.entries(refused)) {
        const r = await call(route.method, path, token);
        if (r.status !== 401) leaks.push(`${name} with ${who}: ${r.status}, expected 401`);
        else if (!r.headers.get('www-authenticate')?.startsWith('Bearer')) leaks.push(`${name} with ${who}: 401 without WWW-Authenticate`);
      }
      for (const role of roles) {
        const r = await call(route.method, path, tokens[role]);
        if (ANY_KEY.has(name)) {
          if (r.status !== 200) leaks.push(`${name} as ${role}: ${r.status}, expected 200`);
          continue;
        }
        const needed = policy[name];
        const permitted = needed !== undefined && needed !== null && expectedGrants[role].includes(needed);
        if (!permitted && r.status !== 403) leaks.push(`${name} as ${role}: ${r.status}, expected 403 (lacks ${needed})`);
        if (permitted && (r.status === 401 || r.status === 403 || r.status >= 500)) leaks.push(`${name} as ${role}: ${r.status} although permitted: ${r.text.slice(0, 200)}`);
      }
    }
    expect(leaks).toEqual([]);
  });

  it('keeps an executive to aggregates: trends yes, verbatim search no', async () => {
    const token = await createApiKey(ctx.t.config, { name: 'cfo', role: 'executive', createdBy: 'tests' });
    expect((await call('GET', '/v1/trends?metric=count', token)).status).toBe(200);
    const search = await call('GET', '/v1/feedback/search?q=refund', token);
    expect(search.status).toBe(403);
    expect(JSON.parse(search.text).detail).toMatch(/executive role lacks the feedback:read permission/);
  });

  it('issues, lists and revokes keys through /v1/keys, shows a token once, and audits it', async () => {
    const made = await postJson(`${api()}/v1/keys`, { name: 'zendesk bridge', role: 'ingest', expiresInDays: 30 });
    expect(made.status).toBe(201);
    expect(made.headers.get('cache-control')).toBe('no-store');
    expect(made.body.token).toMatch(/^voc_[a-z0-9]{12}_[A-Za-z0-9_-]{43}$/);
    const id = made.body.key.id;
    const listed = await getJson(`${api()}/v1/keys`);
    const entry = listed.body.keys.find((k: { id: string }) => k.id === id);
    expect(entry).toMatchObject({ name: 'zendesk bridge', role: 'ingest' });
    // The secret is everything after the key id; base64url may itself hold '_', even first.
    const secret = (made.body.token as string).slice(`voc_${id}_`.length);
    expect(secret).toHaveLength(43);
    expect(JSON.stringify(listed.body)).not.toContain(secret);
    expect(JSON.stringify(listed.body)).not.toMatch(/scrypt/);

    const ingest = made.body.token as string;
    expect((await call('POST', '/v1/feedback', ingest)).status).toBe(400); // permitted; the empty body is refused
    expect((await call('GET', '/v1/trends?metric=count', ingest)).status).toBe(403);

    const invalid = await postJson(`${api()}/v1/keys`, { name: '', role: 'root', expiresInDays: 5000 });
    expect(invalid.status).toBe(400);
    expect([...new Set(invalid.body.errors.map((e: { path: string }) => e.path))].sort()).toEqual(['expiresInDays', 'name', 'role']);

    const revoked = await fetch(`${api()}/v1/keys/${id}`, { method: 'DELETE', headers: { authorization: `Bearer ${ctx.token}` } });
    expect(revoked.status).toBe(200);
    expect((await call('POST', '/v1/feedback', ingest)).status).toBe(401);

    const audit = await getJson(`${api()}/v1/audit?targetId=${id}`);
    expect(audit.body.entries.map((e: { action: string }) => e.action)).toEqual(['key.revoke', 'key.create']);
    const [revocation] = audit.body.entries;
    expect(revocation.actor).toMatchObject({ name: 'test admin', role: 'admin' });
    expect(revocation.before.revokedAt).toBeUndefined();
    expect(revocation.after.revokedAt).toBeTruthy();
  });

  it('records taxonomy changes in the audit log with the state before and after', async () => {
    const before = await getJson(`${api()}/v1/taxonomy`);
    const taxonomy = before.body.taxonomy;
    const probe = { id: 'audit_probe', kind: 'problem', label: { en: 'Audit probe' }, patterns: { en: ['audit probe phrase'] } };
    const changed = { ...taxonomy, version: taxonomy.version + 1, categories: taxonomy.categories.map((c: { id: string; issues: unknown[] }, i: number) => (i === 0 ? { ...c, issues: [...c.issues, probe] } : c)) };
    const put = await fetch(`${api()}/v1/taxonomy`, { method: 'PUT', headers: { 'content-type': 'application/json', authorization: `Bearer ${ctx.token}` }, body: JSON.stringify(changed) });
    expect(put.status).toBe(200);
    const audit = await getJson(`${api()}/v1/audit?action=taxonomy.update`);
    expect(audit.body.entries).toHaveLength(1);
    const [entry] = audit.body.entries;
    const has = (t: { categories: Array<{ issues: Array<{ id: string }> }> }) => t.categories[0]!.issues.some((i) => i.id === 'audit_probe');
    expect(has(entry.before)).toBe(false);
    expect(has(entry.after)).toBe(true);
    expect(entry.after.version).toBe(entry.before.version + 1);
  });

  it('refuses cross-origin requests, such as a page posting text/plain to /v1/reprocess', async () => {
    for (const token of [undefined, ctx.token]) {
      const r = await fetch(`${api()}/v1/reprocess`, { method: 'POST', headers: { origin: 'https://evil.example', 'content-type': 'text/plain', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: 'x' });
      expect(r.status).toBe(403);
      expect((await r.json()).type).toBe('urn:voc:problem:foreign-origin');
    }
    const sameOrigin = await call('GET', '/v1/taxonomy', ctx.token, { origin: new URL(api()).origin });
    expect(sameOrigin.status).toBe(200);
  });

  it('sends security headers and no CORS headers by default', async () => {
    const r = await call('GET', '/v1/taxonomy', ctx.token);
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(r.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('limits requests per key across two API processes sharing Redis', { timeout: 60_000 }, async () => {
    const overrides = { API_RATE_LIMIT: '6' };
    const config = { ...ctx.t.config, api: { ...ctx.t.config.api, rateLimit: Number(overrides.API_RATE_LIMIT) } };
    const a = await startRoles(config, ['api'], { logger: ctx.t.logger });
    const b = await startRoles(config, ['api'], { logger: ctx.t.logger });
    try {
      const token = await createApiKey(ctx.t.config, { name: 'busy', role: 'executive', createdBy: 'tests' });
      const get = (base: string) => fetch(`${base}/v1/taxonomy`, { headers: { authorization: `Bearer ${token}` } });
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await get(a.apiUrl!)).status, (await get(b.apiUrl!)).status);
      expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 429, 429]);
      const limited = await get(a.apiUrl!);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      // Another key has its own allowance.
      const other = await createApiKey(ctx.t.config, { name: 'calm', role: 'executive', createdBy: 'tests' });
      expect((await fetch(`${a.apiUrl}/v1/taxonomy`, { headers: { authorization: `Bearer ${other}` } })).status).toBe(200);
    } finally {
      await a.stop();
      await b.stop();
    }
  });

  it('voc keys creates the first admin key, lists it and revokes it, with usage errors exiting 2', { timeout: 60_000 }, async () => {
    const created = spawnVoc(['keys', 'create', '--name', 'first admin', '--role', 'admin'], ctx.t.env);
    expect((await created.exited).code).toBe(0);
    const token = created.stdout().trim();
    expect(token).toMatch(/^voc_[a-z0-9]{12}_[A-Za-z0-9_-]{43}$/);
    expect((await call('GET', '/v1/keys', token)).status).toBe(200);

    const listed = spawnVoc(['keys', 'list', '--json'], ctx.t.env);
    expect((await listed.exited).code).toBe(0);
    const id = token.split('_')[1]!;
    expect(JSON.parse(listed.stdout()).map((k: { id: string }) => k.id)).toContain(id);

    const revoked = spawnVoc(['keys', 'revoke', id], ctx.t.env);
    expect((await revoked.exited).code).toBe(0);
    // This API process learns of a revocation made elsewhere within its 5-second cache.
    await new Promise((r) => setTimeout(r, 5500));
    expect((await call('GET', '/v1/keys', token)).status).toBe(401);

    for (const args of [['keys', 'create', '--name', 'x', '--role', 'root'], ['keys', 'create', '--role', 'admin'], ['keys', 'revoke'], ['keys', 'revoke', 'nosuchkey000'], ['keys', 'create', '--name', 'x', '--role', 'admin', '--expires-in-days', '0']]) {
      const p = spawnVoc(args, ctx.t.env);
      expect({ args, code: (await p.exited).code }).toEqual({ args, code: 2 });
    }
  });
});
