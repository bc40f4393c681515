// The audit log for admins: who changed what and when, newest first, with the state
// before and after; filtered by action, key, target and time, paged with the API's cursor.
import { useEffect, useState } from 'preact/hooks';
import type { AuditEntry } from '../api/types.ts';
import { Empty, ErrorMessage, Loading } from '../components/ui.tsx';
import { dayEnd, dayStart } from '../format.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { navigate, paramsObject, type Route } from '../router.ts';
import { useSession } from '../session.tsx';

const FIELDS = ['action', 'actor', 'targetType', 'targetId', 'from', 'to'] as const;

export function AuditPage(props: { route: Route }) {
  const { t, fmt } = useI18n();
  const { api } = useSession();
  const params = props.route.params;
  const read = () => Object.fromEntries(FIELDS.map((f) => [f, params.get(f) ?? ''])) as Record<(typeof FIELDS)[number], string>;
  const [draft, setDraft] = useState(read);
  const [pages, setPages] = useState<{ entries: AuditEntry[]; next?: string; loading: boolean; error: unknown }>({ entries: [], loading: true, error: undefined });
  const key = params.toString();

  const query = () => {
    const f = read();
    return { action: f.action, actor: f.actor, targetType: f.targetType, targetId: f.targetId, from: f.from ? dayStart(f.from) : undefined, to: f.to ? dayEnd(f.to) : undefined, size: 50 };
  };
  const load = async (after?: string) => {
    setPages((p) => ({ ...p, loading: true, error: undefined }));
    try {
      const page = await api.audit({ ...query(), after });
      setPages((p) => ({ entries: after ? [...p.entries, ...page.entries] : page.entries, next: page.next, loading: false, error: undefined }));
    } catch (error) {
      setPages((p) => ({ ...p, loading: false, error }));
    }
  };
  useEffect(() => {
    setDraft(read());
    void load();
  }, [key]);

  return (
    <div class="page">
      <header class="page-head">
        <h1>{t.audit.title}</h1>
        <form
          class="inline"
          onSubmit={(e) => {
            e.preventDefault();
            navigate('audit', { ...paramsObject(params), ...draft });
          }}
        >
          {FIELDS.map((f) => {
            const onInput = (e: Event) => setDraft({ ...draft, [f]: (e.target as HTMLInputElement).value });
            return (
              <label key={f}>
                {t.audit[f]}
                {f === 'from' || f === 'to' ? <input name={f} type="date" value={draft[f]} onInput={onInput} /> : <input name={f} type="text" value={draft[f]} onInput={onInput} size={14} />}
              </label>
            );
          })}
          <button type="submit" class="primary">
            {t.audit.filter}
          </button>
        </form>
      </header>
      <ErrorMessage error={pages.error} onRetry={() => void load()} fields={{ action: t.audit.action, actor: t.audit.actor, from: t.audit.from, to: t.audit.to }} />
      {!pages.loading && !pages.error && pages.entries.length === 0 && <Empty>{t.audit.none}</Empty>}
      {pages.entries.length > 0 && (
        <div class="panel table-wrap">
          <table class="audit">
            <thead>
              <tr>
                <th scope="col">{t.audit.at}</th>
                <th scope="col">{t.audit.who}</th>
                <th scope="col">{t.audit.action}</th>
                <th scope="col">{t.audit.target}</th>
                <th scope="col">{t.audit.change}</th>
              </tr>
            </thead>
            <tbody>
              {pages.entries.map((e) => (
                <tr key={e.id}>
                  <td>{fmt.dateTime(e.at)}</td>
                  <td>
                    {e.actor.name} <span class="small muted">
                      {t.roles[e.actor.role] ?? e.actor.role} · <code>{e.actor.keyId}</code>
                    </span>
                  </td>
                  <td>
                    <code>{e.action}</code>
                  </td>
                  <td>
                    {e.target.type} <code>{e.target.id}</code>
                  </td>
                  <td>
                    {(e.before !== undefined || e.after !== undefined) && (
                      <details>
                        <summary>{t.common.details}</summary>
                        {e.before !== undefined && (
                          <>
                            <h3 class="small">{t.audit.before}</h3>
                            <pre>{JSON.stringify(e.before, null, 2)}</pre>
                          </>
                        )}
                        {e.after !== undefined && (
                          <>
                            <h3 class="small">{t.audit.after}</h3>
                            <pre>{JSON.stringify(e.after, null, 2)}</pre>
                          </>
                        )}
                      </details>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pages.loading && <Loading />}
      {pages.next && !pages.loading && (
        <button type="button" onClick={() => void load(pages.next)}>
          {t.common.more}
        </button>
      )}
    </div>
  );
}
