// Who is signed in: the API key (kept in sessionStorage, so it lasts as long as the tab),
// the key's name, role and permissions from GET /v1/me, and the API client that sends it.
// The page only hides what a role may not use; the API enforces every right itself.
import { createContext, type ComponentChildren } from 'preact';
import { useContext } from 'preact/hooks';
import type { Api } from './api/client.ts';
import type { Me, Permission } from './api/types.ts';

const KEY_STORAGE = 'voc.console.key';

export function storedKey(): string | null {
  try {
    return sessionStorage.getItem(KEY_STORAGE);
  } catch {
    return null;
  }
}
export function storeKey(key: string | null): void {
  try {
    if (key === null) sessionStorage.removeItem(KEY_STORAGE);
    else sessionStorage.setItem(KEY_STORAGE, key);
  } catch {
    // storage refused: the key lives in memory until the page is reloaded
  }
}

export type Session = { api: Api; me: Me; can(permission: Permission): boolean; signOut(): void };
const SessionContext = createContext<Session | null>(null);

export function SessionProvider(props: { value: Session; children: ComponentChildren }) {
  return <SessionContext.Provider value={props.value}>{props.children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}
