// Overview for executives: volume, sentiment, NPS and value at risk of the period (from
// /v1/trends, against the previous period), the volume over time, and the top issues with
// their change and the customers' own words (from /v1/issues/top).
import type { Series, TopIssue, TrendResult } from '../api/types.ts';
import { Chart, lineOption } from '../components/chart.tsx';
import { labelOf } from '../components/issues.tsx';
import { periodFilters, PeriodPicker, periodOf, periodParams, periodQuery, ProductSegmentFilters, type Period } from '../components/period.tsx';
import { Empty, ErrorMessage, Highlighted, Loading, Section } from '../components/ui.tsx';
import { riseIsGood, type MetricName } from '../format.ts';
import { useLoad } from '../hooks.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { navigate, paramsObject, type Route } from '../router.ts';
import { useSession } from '../session.tsx';

const KPIS: MetricName[] = ['count', 'negativeShare', 'meanSentiment', 'nps', 'valueAtRisk'];

export function OverviewPage(props: { route: Route }) {
  const { t, fmt, timeZone, lang } = useI18n();
  const { api } = useSession();
  const params = props.route.params;
  const period = periodOf(params);
  const product = params.get('product') ?? '';
  const segment = params.get('segment') ?? '';
  const base = periodQuery(period, timeZone);
  const filters = periodFilters(period, timeZone, product, segment);
  const key = JSON.stringify(filters);

  const kpis = useLoad((signal) => Promise.all(KPIS.map((metric) => api.trends({ ...filters, metric, interval: 'auto' }, signal))), [key]);
  const issues = useLoad((signal) => api.topIssues({ ...filters, limit: 10, verbatims: 2 }, signal), [key]);

  const go = (change: Record<string, string | undefined>) => navigate('overview', { ...paramsObject(params), ...change });
  const setPeriod = (p: Period) => go(periodParams(p));

  return (
    <div class="page">
      <header class="page-head">
        <h1>{t.overview.title}</h1>
        <p class="intro">{t.overview.intro}</p>
        <div class="toolbar">
          <PeriodPicker period={period} onChange={setPeriod} />
          <ProductSegmentFilters base={base} product={product} segment={segment} onChange={(c) => go(c)} />
        </div>
      </header>

      {kpis.loading && !kpis.data && <Loading />}
      <ErrorMessage error={kpis.error} onRetry={kpis.reload} />
      {kpis.data && (
        <>
          <p class="period-note">
            {fmt.date(kpis.data[0]!.from)} – {fmt.date(new Date(Date.parse(kpis.data[0]!.to) - 1).toISOString())} · {t.period.previous}: {fmt.date(kpis.data[0]!.previous.from)} –{' '}
            {fmt.date(new Date(Date.parse(kpis.data[0]!.previous.to) - 1).toISOString())}
          </p>
          <div class="kpis" aria-live="polite">
            {kpis.data.map((r, i) => (
              <Kpi key={KPIS[i]} metric={KPIS[i]!} total={r.total} />
            ))}
          </div>
          <VolumeChart trend={kpis.data[0]!} />
        </>
      )}

      <Section title={t.overview.topIssues} intro={t.overview.topIssuesIntro}>
        {issues.loading && !issues.data && <Loading />}
        <ErrorMessage error={issues.error} onRetry={issues.reload} />
        {issues.data && (issues.data.issues.length === 0 ? <Empty>{issues.data.items.now === 0 ? t.overview.noData : t.overview.noIssues}</Empty> : <IssueTable issues={issues.data.issues} lang={lang} />)}
      </Section>
    </div>
  );
}

function Kpi(props: { metric: MetricName; total: Series }) {
  const { t, fmt } = useI18n();
  const { summary, previous, change } = props.total;
  const good = riseIsGood[props.metric];
  const direction = change.absolute === null || change.absolute === 0 ? 'flat' : change.absolute > 0 ? 'up' : 'down';
  const tone = direction === 'flat' || good === null ? 'neutral' : (direction === 'up') === good ? 'good' : 'bad';
  return (
    <article class={`kpi tone-${tone}`} data-metric={props.metric}>
      <h3 title={t.metricHelp[props.metric]}>{t.metrics[props.metric]}</h3>
      <p class="figure">
        <data value={summary.value === null ? '' : String(summary.value)}>{fmt.metric(props.metric, summary.value)}</data>
        {summary.approximate && <span class="approx" title={t.common.approximate}>≈</span>}
      </p>
      <p class="change">
        <span aria-hidden="true">{direction === 'up' ? '▲' : direction === 'down' ? '▼' : '■'}</span> {fmt.metricChange(props.metric, change.absolute)}
        {change.relative !== null && ` (${fmt.signedPercent(change.relative)})`} <span class="muted">{t.period.vsPrevious}</span>
      </p>
      <p class="muted small">
        {t.overview.previous(fmt.metric(props.metric, previous.value))} · {t.common.n(summary.n)}
      </p>
    </article>
  );
}

function VolumeChart(props: { trend: TrendResult }) {
  const { t, fmt } = useI18n();
  const points = props.trend.total.points;
  const labels = points.map((p) => fmt.bucket(p.t, props.trend.interval));
  return (
    <Section title={t.overview.volumeChart}>
      <Chart label={t.trends.chartLabel(t.metrics.count!)} option={lineOption({ labels, series: [{ name: t.metrics.count!, values: points.map((p) => p.value) }], format: (v) => fmt.metric('count', v) })} height={220} />
      <details>
        <summary>{t.common.showTable}</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">{t.common.when}</th>
              <th scope="col" class="num">
                {t.metrics.count}
              </th>
            </tr>
          </thead>
          <tbody>
            {points.map((p, i) => (
              <tr key={p.t}>
                <td>{labels[i]}</td>
                <td class="num">{fmt.metric('count', p.value)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </Section>
  );
}

export function IssueTable(props: { issues: TopIssue[]; lang: string }) {
  const { t } = useI18n();
  return (
    <div class="table-wrap">
      <table class="issues">
        <thead>
          <tr>
            <th scope="col">{t.overview.issue}</th>
            <th scope="col" class="num">
              {t.overview.mentions}
            </th>
            <th scope="col" class="num">
              {t.overview.share}
            </th>
            <th scope="col">{t.overview.change}</th>
            <th scope="col" class="num">
              {t.overview.customersAffected}
            </th>
            <th scope="col" class="num">
              {t.metrics.valueAtRisk}
            </th>
            <th scope="col">{t.overview.aspect}</th>
          </tr>
        </thead>
        <tbody>
          {props.issues.map((issue) => (
            <IssueRow key={issue.id} issue={issue} lang={props.lang} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function IssueRow(p: { issue: TopIssue; lang: string }) {
  const { t, fmt } = useI18n();
  const i = p.issue;
  const s = i.significance;
  const a = i.aspectSentiment;
  return (
    <>
      <tr data-issue={i.id}>
        <th scope="row">{labelOf(i.label, p.lang)}</th>
        <td class="num">
          <data value={String(i.count)}>{fmt.number(i.count)}</data>
        </td>
        <td class="num">{fmt.percent(i.share)}</td>
        <td>
          {fmt.signed(i.change.absolute, 0)}
          {i.change.relative !== null && ` (${fmt.signedPercent(i.change.relative)})`}{' '}
          <span class={`badge ${s.significant ? (s.direction === 'up' ? 'bad' : 'good') : 'neutral'}`} title={s.note ?? ''}>
            {s.significant ? (s.direction === 'up' ? t.overview.significantUp : t.overview.significantDown) : t.overview.noClaim}
          </span>
        </td>
        <td class="num">{fmt.number(i.customers)}</td>
        <td class="num">{fmt.metric('valueAtRisk', i.valueAtRisk.value)}</td>
        <td>
          <span class="aspect" title={`${t.sentiment.negative} ${a.negative} · ${t.sentiment.neutral} ${a.neutral} · ${t.sentiment.positive} ${a.positive}`}>
            <span class="neg" style={{ flexGrow: a.negative }} />
            <span class="neu" style={{ flexGrow: a.neutral }} />
            <span class="pos" style={{ flexGrow: a.positive }} />
          </span>
          <span class="small muted">
            {fmt.percent(a.n ? a.negative / a.n : null, 0)} {t.sentiment.negative}
          </span>
        </td>
      </tr>
      {i.verbatims.length > 0 && (
        <tr class="verbatims">
          <td colSpan={7}>
            <span class="visually-hidden">{t.overview.verbatims}: </span>
            {i.verbatims.map((v) => (
              <blockquote key={v.id} lang={v.language === 'zh' ? 'zh' : v.language === 'en' ? 'en' : undefined}>
                “<Highlighted html={v.highlighted} />”
                <footer class="small muted">
                  {fmt.date(v.createdAt)} · {v.source}
                  {v.segment ? ` · ${v.segment}` : ''}
                </footer>
              </blockquote>
            ))}
          </td>
        </tr>
      )}
    </>
  );
}
