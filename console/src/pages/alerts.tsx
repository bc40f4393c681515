// The alert inbox for CX leads: the latest transitions by state; each firing alert opens
// with its explanation and the closed loop (alert-detail.tsx).
import type { AlertView } from '../api/types.ts';
import { Empty, ErrorMessage, Loading } from '../components/ui.tsx';
import { useLoad } from '../hooks.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { href, oneOf, type Route } from '../router.ts';
import { useSession } from '../session.tsx';

const STATES = ['firing', 'pending', 'resolved', 'all'] as const;

export function AlertsPage(props: { route: Route }) {
  const { t, fmt } = useI18n();
  const { api } = useSession();
  const state = oneOf(STATES, props.route.params.get('state'), 'firing');
  const alerts = useLoad((signal) => api.alerts({ state: state === 'all' ? undefined : state, size: 200 }, signal), [state]);
  return (
    <div class="page">
      <header class="page-head">
        <h1>{t.alerts.title}</h1>
        <nav class="tabs" aria-label={t.alerts.state}>
          {STATES.map((s) => (
            <a key={s} href={href('alerts', { state: s })} aria-current={s === state ? 'page' : undefined}>
              {t.alerts.states[s]}
            </a>
          ))}
        </nav>
      </header>
      {alerts.loading && <Loading />}
      <ErrorMessage error={alerts.error} onRetry={alerts.reload} />
      {alerts.data &&
        (alerts.data.transitions.length === 0 ? (
          <Empty>{t.alerts.none}</Empty>
        ) : (
          <div class="panel table-wrap">
            <table class="alerts">
              <thead>
                <tr>
                  <th scope="col">{t.alerts.rule}</th>
                  <th scope="col">{t.alerts.group}</th>
                  <th scope="col">{t.alerts.state}</th>
                  <th scope="col">{t.alerts.at}</th>
                  <th scope="col" class="num">
                    {t.alerts.value}
                  </th>
                  <th scope="col" class="num">
                    {t.alerts.baseline}
                  </th>
                  <th scope="col">{t.alerts.severity}</th>
                  <th scope="col">{t.alerts.actions}</th>
                </tr>
              </thead>
              <tbody>
                {alerts.data.transitions.map((a) => (
                  <tr key={a.id ?? `${a.ruleId}:${a.group}:${a.at}:${a.state}`} data-alert={a.id}>
                    <th scope="row">{a.id ? <a href={href(['alerts', a.id])}>{a.ruleName ?? a.ruleId}</a> : (a.ruleName ?? a.ruleId)}</th>
                    <td>{a.group ?? fmt.none}</td>
                    <td>
                      <span class={`badge state-${a.state}`}>{t.alerts.states[a.state] ?? a.state}</span>
                    </td>
                    <td>{fmt.dateTime(a.at)}</td>
                    <td class="num">{fmt.number(a.value, 2)}</td>
                    <td class="num">{fmt.number(a.baseline, 2)}</td>
                    <td>{t.rules.severities[a.severity] ?? a.severity}</td>
                    <td class="small">
                      <Lifecycle a={a} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
    </div>
  );
}

export function Lifecycle(props: { a: AlertView }) {
  const { t } = useI18n();
  const a = props.a;
  const parts = [a.ackBy && t.alerts.acknowledged(a.ackBy), a.falsePositive && t.alerts.falsePositive, a.handResolvedBy && t.alerts.handResolved(a.handResolvedBy)].filter(Boolean);
  return <>{parts.join(' · ')}</>;
}
