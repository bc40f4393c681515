// The shell: sign-in, the navigation each role may use, the language switch, sign-out and
// the page of the current address. The navigation only hides what a role may not use;
// the API refuses it anyway (403), and a page opened by its address says so.
import type { JSX } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { createApi } from './api/client.ts';
import type { Me, Permission } from './api/types.ts';
import { LanguageSwitch } from './components/language.tsx';
import { Loading } from './components/ui.tsx';
import { useI18n } from './i18n/i18n.tsx';
import type { Messages } from './i18n/en.ts';
import { AlertDetailPage } from './pages/alert-detail.tsx';
import { AlertsPage } from './pages/alerts.tsx';
import { AuditPage } from './pages/audit.tsx';
import { DefectsPage } from './pages/defects.tsx';
import { FeedbackPage } from './pages/feedback.tsx';
import { KeysPage } from './pages/keys.tsx';
import { OverviewPage } from './pages/overview.tsx';
import { RuleEditorPage } from './pages/rule-editor.tsx';
import { RulesPage } from './pages/rules.tsx';
import { SearchPage } from './pages/search.tsx';
import { SignInPage } from './pages/sign-in.tsx';
import { TaxonomyPage } from './pages/taxonomy.tsx';
import { TrendsPage } from './pages/trends.tsx';
import { href, useRoute, type Route } from './router.ts';
import { SessionProvider, storedKey, storeKey, useSession, type Session } from './session.tsx';

type Page = (props: { route: Route }) => JSX.Element;
type Section = { id: keyof Messages['nav'] & string; permission: Permission; page: Page; detail?: Page };

/** The sections in navigation order, each with the permission it needs. */
const sections: Section[] = [
  { id: 'overview', permission: 'analytics:read', page: OverviewPage },
  { id: 'trends', permission: 'analytics:read', page: TrendsPage },
  { id: 'search', permission: 'feedback:read', page: SearchPage },
  { id: 'alerts', permission: 'alerts:read', page: AlertsPage, detail: AlertDetailPage },
  { id: 'rules', permission: 'alerts:read', page: RulesPage, detail: RuleEditorPage },
  { id: 'defects', permission: 'defects', page: DefectsPage },
  { id: 'taxonomy', permission: 'taxonomy:write', page: TaxonomyPage },
  { id: 'keys', permission: 'keys:manage', page: KeysPage },
  { id: 'audit', permission: 'audit:read', page: AuditPage },
];
/** Pages reached from others, not listed in the navigation. */
const hidden: Record<string, { permission: Permission; page: Page; parent: string }> = {
  feedback: { permission: 'feedback:read', page: FeedbackPage, parent: 'search' },
};

type State = { kind: 'checking' } | { kind: 'out'; error?: unknown; notice?: string } | { kind: 'in'; session: Session };

export function App() {
  const { t } = useI18n();
  const route = useRoute();
  const [state, setState] = useState<State>(() => (storedKey() ? { kind: 'checking' } : { kind: 'out' }));

  const signOut = (notice?: string) => {
    storeKey(null);
    setState({ kind: 'out', notice });
  };

  const signIn = async (key: string): Promise<void> => {
    const api = createApi({ key, onUnauthorized: () => signOut(t.signIn.expired) });
    try {
      const me: Me = await api.me();
      storeKey(key);
      const granted = new Set(me.permissions);
      setState({
        kind: 'in',
        session: {
          api,
          me,
          can: (p) => granted.has(p),
          signOut: () => {
            // The next person to sign in starts from their own first page.
            location.hash = '#/';
            signOut();
          },
        },
      });
    } catch (error) {
      storeKey(null);
      setState({ kind: 'out', error });
    }
  };

  useEffect(() => {
    const key = storedKey();
    if (key) void signIn(key);
  }, []);

  if (state.kind === 'checking') {
    return (
      <main id="main" class="centered">
        <Loading label={t.signIn.checking} />
      </main>
    );
  }
  if (state.kind === 'out') return <SignInPage onSignIn={signIn} error={state.error} notice={state.notice} />;
  return (
    <SessionProvider value={state.session}>
      <Shell route={route} />
    </SessionProvider>
  );
}

function Shell(props: { route: Route }) {
  const { t, timeZone } = useI18n();
  const route = props.route;
  const session = useSession();
  const allowed = useMemo(() => sections.filter((s) => session.can(s.permission)), [session]);
  const [first, second] = route.path;
  const current = first ?? allowed[0]?.id;

  useEffect(() => {
    // A new page: move focus to its content, so keyboard and screen-reader users start there.
    document.getElementById('main')?.focus({ preventScroll: false });
  }, [first, second]);

  let content: JSX.Element;
  const section = sections.find((s) => s.id === current);
  const extra = current ? hidden[current] : undefined;
  if (allowed.length === 0) content = <p class="notice">{t.app.nothingForRole}</p>;
  else if (section) {
    const Page = second !== undefined && section.detail ? section.detail : section.page;
    content = session.can(section.permission) ? <Page route={route} /> : <p class="notice" role="alert">{t.app.notAllowed}</p>;
  } else if (extra) {
    const Page = extra.page;
    content = session.can(extra.permission) ? <Page route={route} /> : <p class="notice" role="alert">{t.app.notAllowed}</p>;
  } else content = <p class="notice" role="alert">{t.app.notFound}</p>;
  const active = section?.id ?? extra?.parent;

  return (
    <>
      <a class="skip" href="#main" onClick={(e) => (e.preventDefault(), document.getElementById('main')?.focus())}>
        {t.app.skip}
      </a>
      <header class="top">
        <p class="brand">{t.app.title}</p>
        <nav aria-label={t.nav.label}>
          <ul>
            {allowed.map((s) => (
              <li key={s.id}>
                <a href={href(s.id)} aria-current={s.id === active ? 'page' : undefined}>
                  {t.nav[s.id]}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div class="who">
          <LanguageSwitch />
          <span class="small">
            {t.app.signedInAs} <strong>{session.me.name}</strong> <span class="badge neutral">{t.roles[session.me.role] ?? session.me.role}</span>
          </span>
          <button type="button" onClick={() => session.signOut()}>
            {t.app.signOut}
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {content}
      </main>
      <footer class="bottom small muted">{t.app.timeZone(timeZone)}</footer>
    </>
  );
}
