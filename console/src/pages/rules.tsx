// Alert rules for CX leads: the list of current rules; each opens in the editor (rule-editor.tsx).
import { Empty, ErrorMessage, Loading } from '../components/ui.tsx';
import { useLoad } from '../hooks.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { href, type Route } from '../router.ts';
import { useSession } from '../session.tsx';

export function RulesPage(_props: { route: Route }) {
  const { t, fmt } = useI18n();
  const { api, can } = useSession();
  const rules = useLoad((signal) => api.rules({ size: 500 }, signal), []);
  return (
    <div class="page">
      <header class="page-head row" style={{ justifyContent: 'space-between' }}>
        <h1>{t.rules.title}</h1>
        {can('alerts:write') && (
          <a class="button primary" href={href(['rules', 'new'])}>
            {t.rules.new}
          </a>
        )}
      </header>
      {rules.loading && <Loading />}
      <ErrorMessage error={rules.error} onRetry={rules.reload} />
      {rules.data &&
        (rules.data.rules.length === 0 ? (
          <Empty>{t.rules.none}</Empty>
        ) : (
          <div class="panel table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t.rules.name}</th>
                  <th scope="col">{t.rules.type}</th>
                  <th scope="col">{t.rules.metric}</th>
                  <th scope="col">{t.rules.groupBy}</th>
                  <th scope="col">{t.rules.every}</th>
                  <th scope="col">{t.rules.severity}</th>
                  <th scope="col" class="num">
                    {t.rules.version}
                  </th>
                  <th scope="col">{t.rules.updated}</th>
                </tr>
              </thead>
              <tbody>
                {rules.data.rules.map((r) => {
                  const e = r.effective as Record<string, string | undefined>;
                  return (
                    <tr key={r.id}>
                      <th scope="row">
                        <a href={href(['rules', r.id])}>{e.name ?? r.id}</a>
                      </th>
                      <td>{t.rules.types[e.type ?? ''] ?? e.type}</td>
                      <td>{e.metric ? (t.metrics[e.metric] ?? e.metric) : fmt.none}</td>
                      <td>{e.groupBy ? (t.dimensions[e.groupBy] ?? e.groupBy) : fmt.none}</td>
                      <td>{e.every}</td>
                      <td>{t.rules.severities[e.severity ?? ''] ?? e.severity}</td>
                      <td class="num">{r.version}</td>
                      <td>{fmt.dateTime(r.updatedAt)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        ))}
    </div>
  );
}
