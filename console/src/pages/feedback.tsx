// One feedback item (#/feedback/<id>): the redacted text with each issue's evidence marked,
// the issues with their aspect sentiment, what is known of the item, and its customer's
// profile and history (GET /v1/customers/:id). Product people can pull the cord from here.
import type { CustomerProfile, Feedback } from '../api/types.ts';
import { useIssueLabel } from '../components/issues.tsx';
import { Empty, ErrorMessage, Loading, Section, SentimentBadge } from '../components/ui.tsx';
import { segments } from '../highlight.ts';
import { useAction, useLoad } from '../hooks.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { href, type Route } from '../router.ts';
import { useSession } from '../session.tsx';
import { similarParams } from '../similar.ts';

export function FeedbackPage(props: { route: Route }) {
  const { t } = useI18n();
  const { api } = useSession();
  const id = props.route.path[1] ?? '';
  const doc = useLoad((signal) => api.feedback(id, signal), [id]);
  return (
    <div class="page">
      <header class="page-head">
        <p>
          <a href="#/search" onClick={(e) => history.length > 1 && (e.preventDefault(), history.back())}>
            ← {t.detail.back}
          </a>
        </p>
        <h1>{t.detail.title}</h1>
      </header>
      {doc.loading && <Loading />}
      <ErrorMessage error={doc.error} onRetry={doc.reload} />
      {doc.data && <FeedbackView doc={doc.data} />}
    </div>
  );
}

function FeedbackView(props: { doc: Feedback }) {
  const { t, fmt } = useI18n();
  const { can } = useSession();
  const issueLabel = useIssueLabel();
  const d = props.doc;
  const issues = d.issues ?? [];
  const parts = segments(d.text, issues.map((i) => ({ start: i.start, end: i.end, key: i.id })));
  const redacted = Object.values(d.redactions ?? {}).some((n) => n > 0);
  const lang = d.language === 'zh' ? 'zh' : d.language === 'en' ? 'en' : undefined;
  return (
    <>
      <div class="grid-2">
        <Section title={t.detail.text} actions={<SentimentBadge label={d.sentiment.label} score={d.sentiment.score} />}>
          {d.title && (
            <h3 class="feedback-title" lang={lang}>
              {d.title}
            </h3>
          )}
          <p class="feedback-text" lang={lang} data-testid="feedback-text">
            {parts.map((p) =>
              p.keys.length ? (
                <mark key={p.start} class="evidence" title={p.keys.map(issueLabel).join(', ')}>
                  {p.text}
                </mark>
              ) : (
                p.text
              ),
            )}
          </p>
          {redacted && <p class="small muted">{t.detail.redacted}</p>}
          <div class="row">
            <a href={href('search', similarParams(d))}>{t.detail.similar}</a>
            {can('defects') && <PullCord feedbackId={d.id} />}
          </div>
        </Section>
        <Section title={t.detail.facts}>
          <dl class="facts">
            <dt>{t.detail.created}</dt>
            <dd>
              <time dateTime={d.createdAt}>{fmt.dateTime(d.createdAt)}</time>
            </dd>
            <dt>{t.detail.source}</dt>
            <dd>{t.sources[d.source] ?? d.source}</dd>
            {d.channel && (
              <>
                <dt>{t.detail.channel}</dt>
                <dd>{d.channel}</dd>
              </>
            )}
            {d.product && (
              <>
                <dt>{t.detail.product}</dt>
                <dd>
                  {d.product.name ?? d.product.id} {d.product.version && <span class="muted">{d.product.version}</span>}
                </dd>
              </>
            )}
            {d.rating !== undefined && (
              <>
                <dt>{t.detail.rating}</dt>
                <dd>{'★'.repeat(d.rating)}{'☆'.repeat(Math.max(0, 5 - d.rating))} ({d.rating}/5)</dd>
              </>
            )}
            {d.scale && (
              <>
                <dt>{t.detail.survey}</dt>
                <dd>
                  {d.scale.toUpperCase()} {d.score}
                  {d.survey?.nps && ` · ${d.survey.nps.category}`}
                </dd>
              </>
            )}
            <dt>{t.dimensions.language}</dt>
            <dd>
              {t.languages[d.language] ?? d.language}
              {d.locale && ` · ${d.locale}`}
            </dd>
            {(d.keyphrases ?? []).length > 0 && (
              <>
                <dt>{t.detail.keyphrases}</dt>
                <dd>{d.keyphrases!.join(' · ')}</dd>
              </>
            )}
            {(d.tags ?? []).length > 0 && (
              <>
                <dt>{t.detail.tags}</dt>
                <dd>
                  {d.tags!.map((tag) => (
                    <span key={tag} class="badge neutral">
                      {tag}
                    </span>
                  ))}
                </dd>
              </>
            )}
            {d.customer?.segment && (
              <>
                <dt>{t.detail.segment}</dt>
                <dd>{d.customer.segment}</dd>
              </>
            )}
          </dl>
        </Section>
      </div>
      <Section title={t.detail.issues}>
        {issues.length === 0 ? (
          <Empty>{t.detail.noIssues}</Empty>
        ) : (
          <div class="table-wrap">
            <table class="detail-issues">
              <thead>
                <tr>
                  <th scope="col">{t.overview.issue}</th>
                  <th scope="col">{t.detail.kind}</th>
                  <th scope="col">{t.detail.evidence}</th>
                  <th scope="col" class="num">
                    {t.detail.confidence}
                  </th>
                  <th scope="col">{t.detail.aspect}</th>
                </tr>
              </thead>
              <tbody>
                {issues.map((i) => (
                  <tr key={`${i.id}:${i.start}`} data-issue={i.id}>
                    <th scope="row">{issueLabel(i.id) === i.id ? i.label : issueLabel(i.id)}</th>
                    <td>{i.kind}</td>
                    <td lang={lang}>
                      <mark class="evidence">{i.evidence}</mark>
                    </td>
                    <td class="num">{fmt.percent(i.confidence, 0)}</td>
                    <td>{i.sentiment ? <SentimentBadge label={i.sentiment.label} score={i.sentiment.score} /> : fmt.none}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Section>
      {d.customer?.id ? <Customer id={d.customer.id} current={d.id} /> : <Section title={t.detail.profile}><Empty>{t.detail.noCustomer}</Empty></Section>}
    </>
  );
}

function PullCord(props: { feedbackId: string }) {
  const { t } = useI18n();
  const { api, me } = useSession();
  const action = useAction(() => api.pullCord({ feedbackId: props.feedbackId, by: me.name }));
  return (
    <span>
      <button type="button" class="danger" disabled={action.busy || action.result !== undefined} onClick={() => void action.start()}>
        {t.detail.pullCord}
      </button>
      {action.result && (
        <span class="success" role="status">
          {t.detail.pulled(action.result.flags, action.result.threshold, action.result.alert !== null)}
        </span>
      )}
      <ErrorMessage error={action.error} />
    </span>
  );
}

function Customer(props: { id: string; current: string }) {
  const { t, timeZone } = useI18n();
  const { api } = useSession();
  const profile = useLoad((signal) => api.customer(props.id, { tz: timeZone }, signal), [props.id]);
  return (
    <Section title={t.detail.profile}>
      {profile.loading && <Loading />}
      <ErrorMessage error={profile.error} onRetry={profile.reload} />
      {profile.data && <Profile p={profile.data} current={props.current} />}
    </Section>
  );
}

function Profile(props: { p: CustomerProfile; current: string }) {
  const { t, fmt } = useI18n();
  const p = props.p;
  const items = [...p.items].reverse();
  return (
    <div class="stack">
      <dl class="facts">
        <dt>{t.detail.customer}</dt>
        <dd>{p.id}</dd>
        <dt>{t.detail.segment}</dt>
        <dd>{p.segment ?? fmt.none}</dd>
        <dt>{t.detail.lifetimeValue}</dt>
        <dd>{fmt.number(p.lifetimeValue, 2)}</dd>
        <dt>{t.detail.atRisk}</dt>
        <dd>
          <span class={`badge ${p.atRisk.value ? 'bad' : 'good'}`}>{p.atRisk.value ? t.detail.atRisk : t.detail.notAtRisk}</span> {p.atRisk.reasons.join('; ')}
        </dd>
        <dt>{t.detail.total}</dt>
        <dd>
          {fmt.number(p.total)} ({Object.entries(p.bySource).map(([s, n]) => `${t.sources[s] ?? s} ${n}`).join(', ')})
        </dd>
        <dt>{t.detail.sentiment}</dt>
        <dd>
          {fmt.signed(p.sentiment.meanScore, 2)} · {t.sentiment.negative} {p.sentiment.negative}, {t.sentiment.neutral} {p.sentiment.neutral}, {t.sentiment.positive} {p.sentiment.positive}
        </dd>
        <dt>{t.detail.firstSeen}</dt>
        <dd>{fmt.dateTime(p.firstSeen)}</dd>
        <dt>{t.detail.lastSeen}</dt>
        <dd>{fmt.dateTime(p.lastSeen)}</dd>
      </dl>
      {p.trajectory.length > 0 && (
        <table>
          <caption class="small muted">{t.detail.trajectory}</caption>
          <thead>
            <tr>
              <th scope="col">{t.detail.month}</th>
              <th scope="col" class="num">
                {t.detail.total}
              </th>
              <th scope="col" class="num">
                {t.detail.sentiment}
              </th>
            </tr>
          </thead>
          <tbody>
            {p.trajectory.map((m) => (
              <tr key={m.month}>
                <td>{m.month}</td>
                <td class="num">{fmt.number(m.items)}</td>
                <td class="num">{fmt.signed(m.meanSentiment, 2)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {p.openComplaints.length > 0 && (
        <>
          <h3>{t.detail.openComplaints}</h3>
          <ul>
            {p.openComplaints.map((c) => (
              <li key={c.id}>
                <a href={href(['feedback', c.id])}>{fmt.date(c.createdAt)}</a> — {c.text.slice(0, 140)}
              </li>
            ))}
          </ul>
        </>
      )}
      <h3>{t.detail.history}</h3>
      <ul class="history">
        {items.map((i) => (
          <li key={i.id}>
            {i.id === props.current ? <strong>{fmt.dateTime(i.createdAt)} ({t.detail.thisItem})</strong> : <a href={href(['feedback', i.id])}>{fmt.dateTime(i.createdAt)}</a>} · {t.sources[i.source] ?? i.source} ·{' '}
            <SentimentBadge label={i.sentiment.label} /> — <span lang={i.language === 'zh' ? 'zh' : undefined}>{i.text.length > 160 ? `${i.text.slice(0, 160)}…` : i.text}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
