// Hash routes: `#/search?q=battery&sentiment=negative`. The page and its state live in the
// address, so the back button, reloading and sharing a link all keep what was chosen.
import { useEffect, useState } from 'preact/hooks';

export type Route = { path: string[]; params: URLSearchParams };

export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#\/?/, '');
  const q = raw.indexOf('?');
  const path = (q === -1 ? raw : raw.slice(0, q)).split('/').filter(Boolean).map((p) => {
    try {
      return decodeURIComponent(p);
    } catch {
      return p;
    }
  });
  return { path, params: new URLSearchParams(q === -1 ? '' : raw.slice(q + 1)) };
}

export type Params = Record<string, string | readonly string[] | number | undefined | null>;

/** `#/a/b?k=v`: path parts are encoded; empty parameters are left out; lists are comma-joined. */
export function href(path: string | readonly string[], params: Params = {}): string {
  const parts = typeof path === 'string' ? [path] : path;
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '') continue;
    if (Array.isArray(v)) {
      if (v.length) q.set(k, v.join(','));
    } else q.set(k, String(v));
  }
  const s = q.toString();
  return `#/${parts.map(encodeURIComponent).join('/')}${s ? `?${s}` : ''}`;
}

export function navigate(path: string | readonly string[], params: Params = {}): void {
  const next = href(path, params);
  if (location.hash !== next) location.hash = next;
}

/** A comma list parameter as an array. */
export function listParam(params: URLSearchParams, name: string): string[] {
  return (params.get(name) ?? '').split(',').map((s) => s.trim()).filter(Boolean);
}

/** A parameter that must be one of `choices`, else `fallback`. */
export function oneOf<T extends string>(choices: readonly T[], value: string | null, fallback: T): T {
  return choices.includes(value as T) ? (value as T) : fallback;
}

/** The parameters as a plain object, to change one and navigate. */
export function paramsObject(params: URLSearchParams): Record<string, string> {
  return Object.fromEntries(params.entries());
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseHash(location.hash));
  useEffect(() => {
    const on = () => setRoute(parseHash(location.hash));
    addEventListener('hashchange', on);
    return () => removeEventListener('hashchange', on);
  }, []);
  return route;
}
