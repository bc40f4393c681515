// Who may do what. Every API key has one role; a role grants permissions; every route
// names the one permission it needs with `allow(…)`. The table below is the whole policy:
// the README's roles table and the role × route test read it, so it is written once.
import type { NextFunction, Request, Response } from 'express';
import { HttpProblem, problem } from './problem.ts';

export const roles = ['executive', 'product', 'cx-lead', 'ingest', 'admin'] as const;
export type Role = (typeof roles)[number];

export const permissions = {
  'feedback:write': 'send feedback (POST /v1/feedback)',
  'analytics:read': 'aggregates: trends, top issues with their representative verbatims, drivers, emerging themes, segments',
  'feedback:read': 'search and read single feedback items and customer profiles',
  'taxonomy:read': 'read the issue taxonomy',
  'taxonomy:write': 'change the taxonomy, dry-run it, start and follow reprocessing',
  labels: 'record corrections and export them as training data',
  defects: 'pull the cord on a defect and list flags',
  'alerts:read': 'list alert rules, alerts and their quality',
  'alerts:write': 'create, change and delete alert rules, backtest, silence, work alerts (acknowledge, resolve, notes, contacts)',
  'keys:manage': 'create, list and revoke API keys',
  'audit:read': 'read the audit log',
} as const;
export type Permission = keyof typeof permissions;

const productGrants: Permission[] = ['analytics:read', 'feedback:read', 'taxonomy:read', 'defects'];
export const grants: Record<Role, readonly Permission[]> = {
  executive: ['analytics:read', 'taxonomy:read'],
  product: productGrants,
  'cx-lead': [...productGrants, 'taxonomy:write', 'labels', 'alerts:read', 'alerts:write'],
  ingest: ['feedback:write'],
  admin: Object.keys(permissions) as Permission[],
};

export const roleDescriptions: Record<Role, string> = {
  executive: 'aggregates and trends; no verbatim search',
  product: 'search and read feedback, trends, pull the cord',
  'cx-lead': "product's rights plus alert rules, alerts, taxonomy, reprocessing and labels",
  ingest: 'POST feedback only: for producers and integrations',
  admin: 'keys, the audit log and everything else',
};

/** The caller as authenticated from its API key. */
export type Principal = { keyId: string; name: string; role: Role };

export function can(role: Role, permission: Permission): boolean {
  return grants[role].includes(permission);
}

/** The caller of a request that passed authentication (undefined on public routes). */
export function principalOf(res: Response): Principal | undefined {
  return res.locals.principal as Principal | undefined;
}

/** Who acts, for audit records and "by" fields: the key's name and id. */
export function actorOf(res: Response): { keyId: string; name: string; role: Role } {
  const p = principalOf(res);
  if (!p) throw new Error('actorOf called on an unauthenticated request');
  return { keyId: p.keyId, name: p.name, role: p.role };
}

// Any parameters, so that a guard placed before a handler leaves the
// parameter types express infers from the path intact.
export type Guard = ((req: Request<any>, res: Response, next: NextFunction) => void) & { permission: Permission };

/** The route needs `permission`: 401 without a key, 403 when the key's role lacks it. */
export function allow(permission: Permission): Guard {
  const guard = (_req: Request, res: Response, next: NextFunction) => {
    const p = principalOf(res);
    if (!p) {
      return next(new HttpProblem(problem(401, 'unauthenticated', 'An API key is needed', { detail: 'send it as "Authorization: Bearer voc_…"' }), { 'WWW-Authenticate': 'Bearer realm="voc"' }));
    }
    if (!can(p.role, permission)) {
      return next(new HttpProblem(problem(403, 'forbidden', 'Not allowed for this key', { detail: `the ${p.role} role lacks the ${permission} permission (${permissions[permission]})` })));
    }
    next();
  };
  return Object.assign(guard, { permission });
}
