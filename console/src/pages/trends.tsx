// Trends: one metric over time, optionally split by a dimension, against the previous
// period (drawn as a dashed line: the same question asked of the period before), with the
// change per series; the drivers of an outcome and the emerging themes of the period.
import type { PeriodFilters, TrendQuery } from '../api/client.ts';
import type { TrendResult } from '../api/types.ts';
import { Chart, lineOption, type LineSeries } from '../components/chart.tsx';
import { useIssueLabel } from '../components/issues.tsx';
import { periodFilters, PeriodPicker, periodOf, periodParams, periodQuery, ProductSegmentFilters } from '../components/period.tsx';
import { Empty, ErrorMessage, Loading, Section } from '../components/ui.tsx';
import { Drivers, OUTCOMES, Themes } from './insight-tables.tsx';
import { metricNames, type MetricName } from '../format.ts';
import { useLoad } from '../hooks.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { navigate, oneOf, paramsObject, type Route } from '../router.ts';
import { useSession } from '../session.tsx';

type Split = NonNullable<TrendQuery['split']>;
const SPLITS: Split[] = ['source', 'channel', 'language', 'productName', 'version', 'issue', 'category', 'issueKind', 'segment', 'sentiment', 'keyphrase', 'locale', 'tag'];
const INTERVALS: Array<NonNullable<TrendQuery['interval']>> = ['auto', 'hour', 'day', 'week', 'month'];

export function TrendsPage(props: { route: Route }) {
  const { t, timeZone } = useI18n();
  const params = props.route.params;
  const period = periodOf(params);
  const metric = oneOf(metricNames, params.get('metric'), 'count');
  const split = oneOf<Split | ''>(SPLITS, params.get('split'), '');
  const interval = oneOf(INTERVALS, params.get('interval'), 'auto');
  const product = params.get('product') ?? '';
  const segment = params.get('segment') ?? '';
  const base = periodQuery(period, timeZone);
  const filters = periodFilters(period, timeZone, product, segment);
  const go = (change: Record<string, string | undefined>) => navigate('trends', { ...paramsObject(params), ...change });

  return (
    <div class="page">
      <header class="page-head">
        <h1>{t.trends.title}</h1>
        <div class="toolbar">
          <label>
            {t.trends.metric}
            <select name="metric" value={metric} onChange={(e) => go({ metric: (e.target as HTMLSelectElement).value, ...(split === '' && (e.target as HTMLSelectElement).value === 'valueShare' ? { split: 'productName' } : {}) })}>
              {metricNames.map((m) => (
                <option key={m} value={m}>
                  {t.metrics[m]}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t.trends.split}
            <select name="split" value={split} onChange={(e) => go({ split: (e.target as HTMLSelectElement).value })}>
              {metric !== 'valueShare' && <option value="">{t.trends.noSplit}</option>}
              {SPLITS.map((d) => (
                <option key={d} value={d}>
                  {t.dimensions[d]}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t.trends.interval}
            <select name="interval" value={interval} onChange={(e) => go({ interval: (e.target as HTMLSelectElement).value })}>
              {INTERVALS.map((i) => (
                <option key={i} value={i}>
                  {t.trends.intervals[i]}
                </option>
              ))}
            </select>
          </label>
          <PeriodPicker period={period} onChange={(p) => go(periodParams(p))} />
          <ProductSegmentFilters base={base} product={product} segment={segment} onChange={(c) => go(c)} />
        </div>
        <p class="intro">{t.metricHelp[metric]}</p>
      </header>
      <TrendChart filters={filters} metric={metric} split={split} interval={interval} />
      <Drivers filters={filters} outcome={oneOf(OUTCOMES, params.get('outcome'), 'nps')} onOutcome={(o) => go({ outcome: o })} />
      <Themes filters={filters} />
    </div>
  );
}

function TrendChart(props: { filters: PeriodFilters; metric: MetricName; split: Split | ''; interval: NonNullable<TrendQuery['interval']> }) {
  const { t, fmt } = useI18n();
  const { api } = useSession();
  const issueLabel = useIssueLabel();
  const q: TrendQuery = { ...props.filters, metric: props.metric, split: props.split || undefined, interval: props.interval, top: props.split ? 5 : undefined };
  const data = useLoad(
    async (signal) => {
      const now = await api.trends(q, signal);
      // The previous period bucket by bucket, at the same interval, for the dashed line.
      const before = props.split ? null : await api.trends({ ...q, from: now.previous.from, to: now.previous.to, interval: now.interval as TrendQuery['interval'] }, signal).catch(() => null);
      return { now, before };
    },
    [JSON.stringify(q)],
  );
  if (data.loading && !data.data) return <Loading />;
  if (data.error) return <ErrorMessage error={data.error} onRetry={data.reload} />;
  if (!data.data) return null;
  const { now, before } = data.data;
  const name = (key: string, other?: boolean) => {
    if (other) return t.trends.other;
    if (key === 'all') return t.trends.all;
    const named: Record<string, (k: string) => string | undefined> = { issue: issueLabel, category: issueLabel, sentiment: (k) => t.sentiment[k], source: (k) => t.sources[k], language: (k) => t.languages[k] };
    return named[props.split]?.(key) ?? key;
  };
  const rows = [...(now.split?.series ?? []), now.total].filter((s) => !(props.metric === 'valueShare' && s.key === 'all'));
  const lines: LineSeries[] = [
    ...(now.split ? now.split.series.map((s) => ({ name: name(s.key, s.other), values: s.points.map((p) => p.value) })) : [{ name: t.trends.all, values: now.total.points.map((p) => p.value) }]),
    ...(before && !now.split ? [{ name: t.trends.previousLine, values: before.total.points.map((p) => p.value), dashed: true, color: '#8a93a3' }] : []),
  ];
  const labels = now.total.points.map((p) => fmt.bucket(p.t, now.interval));
  const format = (v: number | null) => fmt.metric(props.metric, v);
  const empty = now.total.summary.n === 0;
  return (
    <Section title={`${t.metrics[props.metric]} · ${fmt.date(now.from)} – ${fmt.date(new Date(Date.parse(now.to) - 1).toISOString())}`} intro={`${t.period.previous}: ${fmt.date(now.previous.from)} – ${fmt.date(new Date(Date.parse(now.previous.to) - 1).toISOString())}`}>
      {empty && <Empty>{t.overview.noData}</Empty>}
      <Chart label={t.trends.chartLabel(t.metrics[props.metric] ?? props.metric)} option={lineOption({ labels, series: lines, format })} />
      <div class="table-wrap">
        <table class="series">
          <thead>
            <tr>
              <th scope="col">{t.trends.series}</th>
              <th scope="col" class="num">
                {t.trends.period}
              </th>
              <th scope="col" class="num">
                n
              </th>
              <th scope="col" class="num">
                {t.trends.previous}
              </th>
              <th scope="col" class="num">
                {t.trends.change}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((s) => (
              <tr key={s.key} data-series={s.key}>
                <th scope="row">{name(s.key, s.other)}</th>
                <td class="num">
                  <data value={s.summary.value === null ? '' : String(s.summary.value)}>{format(s.summary.value)}</data>
                  {s.summary.approximate && ' ≈'}
                </td>
                <td class="num">{fmt.number(s.summary.n)}</td>
                <td class="num">{format(s.previous.value)}</td>
                <td class="num">
                  {fmt.metricChange(props.metric, s.change.absolute)}
                  {s.change.relative !== null && ` (${fmt.signedPercent(s.change.relative)})`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <details>
        <summary>{t.common.showTable}</summary>
        <BucketTable now={now} labels={labels} format={format} name={name} before={before} />
      </details>
    </Section>
  );
}

function BucketTable(props: { now: TrendResult; before: TrendResult | null; labels: string[]; format: (v: number | null) => string; name: (k: string, o?: boolean) => string }) {
  const { t } = useI18n();
  const series = props.now.split?.series ?? [props.now.total];
  return (
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">{t.common.when}</th>
            {series.map((s) => (
              <th key={s.key} scope="col" class="num">
                {props.name(s.key, s.other)}
              </th>
            ))}
            {props.before && !props.now.split && (
              <th scope="col" class="num">
                {t.trends.previousLine}
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {props.labels.map((label, i) => (
            <tr key={label + i}>
              <td>{label}</td>
              {series.map((s) => (
                <td key={s.key} class="num">
                  {props.format(s.points[i]?.value ?? null)}
                </td>
              ))}
              {props.before && !props.now.split && <td class="num">{props.format(props.before.total.points[i]?.value ?? null)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
