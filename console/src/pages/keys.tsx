// API keys for admins: make one (its token is shown this once), list them, revoke one.
import { useState } from 'preact/hooks';
import { roles, type Role } from '../api/types.ts';
import { Empty, ErrorMessage, Loading, Section } from '../components/ui.tsx';
import { useAction, useLoad } from '../hooks.ts';
import { useI18n } from '../i18n/i18n.tsx';
import type { Route } from '../router.ts';
import { useSession } from '../session.tsx';

export function KeysPage(_props: { route: Route }) {
  const { t, fmt } = useI18n();
  const { api } = useSession();
  const [showRevoked, setShowRevoked] = useState(false);
  const keys = useLoad((signal) => api.keys(showRevoked, signal), [showRevoked]);
  const [form, setForm] = useState({ name: '', role: 'product' as Role, expiresInDays: '90' });
  const [copied, setCopied] = useState(false);
  const create = useAction(async () => {
    setCopied(false);
    const made = await api.createKey({ name: form.name.trim(), role: form.role, ...(form.expiresInDays ? { expiresInDays: Number(form.expiresInDays) } : {}) });
    keys.reload();
    setForm({ ...form, name: '' });
    return made;
  });
  const revoke = useAction(async (id: string, name: string) => {
    if (!confirm(t.keys.confirmRevoke(name))) return null;
    const r = await api.revokeKey(id);
    keys.reload();
    return r;
  });
  const now = Date.now();
  const copy = async (token: string) => {
    try {
      await navigator.clipboard.writeText(token);
      setCopied(true);
    } catch {
      // no clipboard (a page served over plain http): the token stays selectable
    }
  };

  return (
    <div class="page">
      <header class="page-head">
        <h1>{t.keys.title}</h1>
      </header>
      <Section title={t.keys.create}>
        <form
          class="inline"
          onSubmit={(e) => {
            e.preventDefault();
            void create.start();
          }}
        >
          <label>
            {t.keys.name}
            <input name="name" required maxLength={100} value={form.name} onInput={(e) => setForm({ ...form, name: (e.target as HTMLInputElement).value })} />
          </label>
          <label>
            {t.keys.role}
            <select name="role" value={form.role} onChange={(e) => setForm({ ...form, role: (e.target as HTMLSelectElement).value as Role })}>
              {roles.map((r) => (
                <option key={r} value={r}>
                  {t.roles[r]}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t.keys.expires}
            <input name="expiresInDays" type="number" min={1} max={730} value={form.expiresInDays} onInput={(e) => setForm({ ...form, expiresInDays: (e.target as HTMLInputElement).value })} size={5} />
          </label>
          <button type="submit" class="primary" disabled={create.busy}>
            {t.keys.submit}
          </button>
        </form>
        <ErrorMessage error={create.error} fields={{ name: t.keys.name, role: t.keys.role, expiresInDays: t.keys.expires }} />
        {create.result && (
          <div class="stack" role="status">
            <p>{t.keys.token}</p>
            <p class="token" data-testid="new-token">
              {create.result.token}
            </p>
            <button type="button" onClick={() => void copy(create.result!.token)}>
              {copied ? t.common.copied : t.common.copy}
            </button>
          </div>
        )}
      </Section>
      <Section
        title={t.keys.title}
        actions={
          <label class="check">
            <input type="checkbox" checked={showRevoked} onChange={(e) => setShowRevoked((e.target as HTMLInputElement).checked)} /> {t.keys.showRevoked}
          </label>
        }
      >
        {keys.loading && !keys.data && <Loading />}
        <ErrorMessage error={keys.error ?? revoke.error} onRetry={keys.reload} />
        {keys.data &&
          (keys.data.keys.length === 0 ? (
            <Empty>{t.keys.none}</Empty>
          ) : (
            <div class="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t.keys.name}</th>
                    <th scope="col">{t.keys.id}</th>
                    <th scope="col">{t.keys.role}</th>
                    <th scope="col">{t.keys.created}</th>
                    <th scope="col">{t.keys.expiresAt}</th>
                    <th scope="col">{t.keys.lastUsed}</th>
                    <th scope="col">{t.keys.status}</th>
                    <th scope="col">
                      <span class="visually-hidden">{t.keys.revoke}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {keys.data.keys.map((k) => {
                    const status = k.revokedAt ? 'revoked' : Date.parse(k.expiresAt) <= now ? 'expired' : 'active';
                    return (
                      <tr key={k.id}>
                        <th scope="row">{k.name}</th>
                        <td>
                          <code>{k.id}</code>
                        </td>
                        <td>{t.roles[k.role] ?? k.role}</td>
                        <td>
                          {fmt.dateTime(k.createdAt)} <span class="small muted">{k.createdBy}</span>
                        </td>
                        <td>{fmt.date(k.expiresAt)}</td>
                        <td>{fmt.dateTime(k.lastUsedAt)}</td>
                        <td>
                          <span class={`badge ${status === 'active' ? 'good' : 'bad'}`}>{t.keys[status]}</span>
                        </td>
                        <td>
                          {status === 'active' && (
                            <button type="button" class="danger" disabled={revoke.busy} onClick={() => void revoke.start(k.id, k.name)} aria-label={`${t.keys.revoke}: ${k.name}`}>
                              {t.keys.revoke}
                            </button>
                          )}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          ))}
      </Section>
    </div>
  );
}
