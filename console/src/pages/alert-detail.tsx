// One alert: why it fired (value against its usual level, the dimensions that carry the
// change, driving verbatims, words said more than usual, affected customers) and the closed
// loop: acknowledge, resolve, false positive, notes and contacts with affected customers.
import { useState } from 'preact/hooks';
import type { AlertView } from '../api/types.ts';
import { Empty, ErrorMessage, Loading, Section } from '../components/ui.tsx';
import { useAction, useLoad } from '../hooks.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { href, oneOf, type Route } from '../router.ts';
import { useSession } from '../session.tsx';
import { Lifecycle } from './alerts.tsx';

const OUTCOMES = ['reached', 'no-answer', 'resolved', 'declined'] as const;
type Outcome = (typeof OUTCOMES)[number];

export function AlertDetailPage(props: { route: Route }) {
  const { t } = useI18n();
  const { api } = useSession();
  const id = props.route.path[1]!;
  const loaded = useLoad((signal) => api.alert(id, signal), [id]);
  const [changed, setChanged] = useState<AlertView | null>(null);
  const alert = changed?.id === id ? changed : loaded.data;
  return (
    <div class="page">
      <header class="page-head">
        <p>
          <a href={href('alerts')}>← {t.alerts.title}</a>
        </p>
        <h1>
          {t.alerts.detail}
          {alert && `: ${alert.ruleName ?? alert.ruleId}${alert.group ? ` · ${alert.group}` : ''}`}
        </h1>
      </header>
      {loaded.loading && <Loading />}
      <ErrorMessage error={loaded.error} onRetry={loaded.reload} />
      {alert && <AlertDetail alert={alert} onChange={setChanged} />}
    </div>
  );
}

function AlertDetail(props: { alert: AlertView; onChange(a: AlertView): void }) {
  const { t, fmt } = useI18n();
  const { can } = useSession();
  const a = props.alert;
  const x = a.explanation;
  return (
    <>
      <Section title={t.alerts.reason} actions={<span class={`badge state-${a.state}`}>{t.alerts.states[a.state] ?? a.state}</span>}>
        <p>{a.reason}</p>
        <div class="figures">
          <div>
            <span class="small muted">{t.alerts.value}</span>
            <strong>{fmt.number(a.value, 2)}</strong>
          </div>
          <div>
            <span class="small muted">{t.alerts.baseline}</span>
            <strong>{fmt.number(a.baseline, 2)}</strong>
          </div>
          <div>
            <span class="small muted">{t.alerts.score}</span>
            <strong>{fmt.number(a.score, 1)}</strong>
          </div>
          <div>
            <span class="small muted">{t.alerts.at}</span>
            <strong class="small">{fmt.dateTime(a.at)}</strong>
          </div>
          <div>
            <span class="small muted">{t.alerts.severity}</span>
            <strong class="small">{t.rules.severities[a.severity] ?? a.severity}</strong>
          </div>
        </div>
        <p class="small">
          <Lifecycle a={a} />
        </p>
      </Section>
      {can('alerts:write') && <Actions alert={a} onChange={props.onChange} />}
      {x && (
        <Section title={t.alerts.explanation} intro={`${t.alerts.window}: ${fmt.dateTime(x.window.from)} – ${fmt.dateTime(x.window.to)} · ${t.alerts.itemsVsUsual(x.items, x.usualItems)}`}>
          {x.contributors.length > 0 && (
            <>
              <h3>{t.alerts.contributors}</h3>
              <div class="table-wrap">
                <table class="contributors">
                  <thead>
                    <tr>
                      <th scope="col">{t.alerts.dimension}</th>
                      <th scope="col" class="num">
                        {t.alerts.now}
                      </th>
                      <th scope="col" class="num">
                        {t.alerts.usual}
                      </th>
                      <th scope="col" class="num">
                        {t.alerts.excess}
                      </th>
                      <th scope="col" class="num">
                        {t.alerts.shareOfExcess}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {x.contributors.map((c) => (
                      <tr key={`${c.dimension}=${c.value}`}>
                        <th scope="row">
                          {t.dimensions[c.dimension] ?? c.dimension}: {c.value}
                        </th>
                        <td class="num">{fmt.number(c.now)}</td>
                        <td class="num">{fmt.number(c.usual, 1)}</td>
                        <td class="num">{fmt.signed(c.excess, 1)}</td>
                        <td class="num">{fmt.percent(c.share, 0)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          )}
          {x.verbatims.length > 0 && (
            <>
              <h3>{t.alerts.drivingVerbatims}</h3>
              {x.verbatims.map((v) => (
                <blockquote key={v.id}>
                  “{v.text}”
                  <footer class="small muted">
                    {can('feedback:read') ? <a href={href(['feedback', v.id])}>{fmt.dateTime(v.createdAt)}</a> : fmt.dateTime(v.createdAt)}
                    {v.customer?.segment && ` · ${v.customer.segment}`}
                    {v.customer?.lifetimeValue !== undefined && ` · ${fmt.number(v.customer.lifetimeValue)}`}
                  </footer>
                </blockquote>
              ))}
            </>
          )}
          {x.terms.length > 0 && (
            <>
              <h3>{t.alerts.terms}</h3>
              <p>
                {x.terms.map((term) => (
                  <span key={term.term} class="badge neutral" title={`${t.alerts.now} ${term.now} · ${t.alerts.usual} ${fmt.number(term.usual, 1)}`}>
                    {term.term} {term.now}
                  </span>
                ))}
              </p>
            </>
          )}
        </Section>
      )}
      <Section title={t.alerts.customers} intro={x ? t.alerts.customersSummary(x.customers.count, fmt.number(x.customers.valueAtRisk)) : undefined}>
        {a.affectedCustomers.length === 0 ? (
          <Empty />
        ) : (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t.alerts.customerId}</th>
                  <th scope="col">{t.detail.segment}</th>
                  <th scope="col" class="num">
                    {t.detail.lifetimeValue}
                  </th>
                  <th scope="col" class="num">
                    {t.detail.total}
                  </th>
                  <th scope="col">{t.alerts.contact}</th>
                </tr>
              </thead>
              <tbody>
                {a.affectedCustomers.map((c) => (
                  <tr key={c.id}>
                    <th scope="row">{c.id}</th>
                    <td>{c.segment ?? fmt.none}</td>
                    <td class="num">{fmt.number(c.lifetimeValue)}</td>
                    <td class="num">{fmt.number(c.items)}</td>
                    <td>
                      {c.contacted ? (
                        <span class="badge good">
                          {t.alerts.contacted}
                          {c.contact?.outcome && `: ${t.alerts.outcomes[c.contact.outcome] ?? c.contact.outcome}`}
                        </span>
                      ) : (
                        <span class="badge neutral">{t.alerts.notContacted}</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Section>
      <Section title={t.alerts.notes}>
        {(a.notes ?? []).length === 0 ? (
          <Empty>{t.alerts.noNotes}</Empty>
        ) : (
          <ul class="notes">
            {a.notes!.map((n, i) => (
              <li key={i}>
                <strong>{n.by}</strong> <span class="small muted">{fmt.dateTime(n.at)}</span>
                <br />
                {n.text}
              </li>
            ))}
          </ul>
        )}
      </Section>
    </>
  );
}

function Actions(props: { alert: AlertView; onChange(a: AlertView): void }) {
  const { t } = useI18n();
  const { api, me } = useSession();
  const a = props.alert;
  const [note, setNote] = useState('');
  const [contact, setContact] = useState<{ customerId: string; outcome: Outcome; note: string }>({ customerId: a.affectedCustomers.find((c) => !c.contacted)?.id ?? '', outcome: 'reached', note: '' });
  const act = useAction(async (run: () => Promise<AlertView>, clearNote = false) => {
    const next = await run();
    props.onChange(next);
    if (clearNote) setNote('');
    return next;
  });
  const by = me.name;
  if (a.state !== 'firing' || !a.id) return <p class="notice">{t.alerts.onlyFiring}</p>;
  const withNote = note.trim() ? { note: note.trim() } : {};
  return (
    <Section title={t.alerts.actions}>
      <div class="actions stack">
        <div class="row">
          <button type="button" class="primary" disabled={act.busy || !!a.ackAt} onClick={() => void act.start(() => api.ack(a.id!, by))}>
            {t.alerts.ack}
          </button>
          <button type="button" disabled={act.busy || !!a.handResolvedAt} onClick={() => void act.start(() => api.resolve(a.id!, { by, ...withNote }), true)}>
            {t.alerts.resolve}
          </button>
          <button type="button" class="danger" disabled={act.busy || !!a.falsePositive} onClick={() => void act.start(() => api.falsePositive(a.id!, { by, ...withNote }), true)}>
            {t.alerts.markFalse}
          </button>
        </div>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (note.trim()) void act.start(() => api.note(a.id!, { by, text: note.trim() }), true);
          }}
        >
          <label style={{ display: 'flex' }}>
            {t.alerts.noteText}
            <textarea name="note" rows={2} maxLength={5000} value={note} onInput={(e) => setNote((e.target as HTMLTextAreaElement).value)} />
          </label>
          <button type="submit" disabled={act.busy || !note.trim()}>
            {t.alerts.addNote}
          </button>
        </form>
        {a.affectedCustomers.length > 0 && (
          <form
            class="inline"
            onSubmit={(e) => {
              e.preventDefault();
              if (contact.customerId) void act.start(() => api.contact(a.id!, { by, customerId: contact.customerId, outcome: contact.outcome, ...(contact.note.trim() ? { note: contact.note.trim() } : {}) }));
            }}
          >
            <label>
              {t.alerts.customerId}
              <select value={contact.customerId} onChange={(e) => setContact({ ...contact, customerId: (e.target as HTMLSelectElement).value })}>
                {a.affectedCustomers.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.id}
                    {c.contacted ? ` (${t.alerts.contacted})` : ''}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t.alerts.outcome}
              <select value={contact.outcome} onChange={(e) => setContact({ ...contact, outcome: oneOf(OUTCOMES, (e.target as HTMLSelectElement).value, 'reached') })}>
                {OUTCOMES.map((o) => (
                  <option key={o} value={o}>
                    {t.alerts.outcomes[o]}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t.common.note}
              <input value={contact.note} maxLength={2000} onInput={(e) => setContact({ ...contact, note: (e.target as HTMLInputElement).value })} />
            </label>
            <button type="submit" disabled={act.busy}>
              {t.alerts.contact}
            </button>
          </form>
        )}
        <ErrorMessage error={act.error} fields={{ by: t.common.by, text: t.alerts.noteText, note: t.common.note, customerId: t.alerts.customerId }} />
        {act.result && (
          <p class="success" role="status">
            {t.alerts.done}
          </p>
        )}
      </div>
    </Section>
  );
}
