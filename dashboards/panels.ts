// Panel builders for the voc dashboards: Grafana's current panel types (timeseries, stat,
// piechart, barchart, table, text) over the Elasticsearch datasources (Prometheus panels are
// in prom-panels.ts and share the timeseries style below). A kit is bound to a datasource
// and to the dashboard's filter clause, so no panel can forget the dropdowns. A panel shows
// either a metric of core/trends (`figure`: the same definition as the trends API, see
// metric-figures.ts) or a plain Elasticsearch metric. Widths are in twelfths (`span`), the
// unit grafana-dash-gen rows use; grid-layout.ts turns them into Grafana's gridPos.
import type { MetricName } from '../core/trends/metrics.ts';
import { allOf, count, esTarget, overall, overTime, type BucketAgg, type DatasourceRef, type EsTarget, type Metric, type PanelTarget, type TermsAgg } from './es-query.ts';
import type { DateField } from './feedback-fields.ts';
import type { AlertDateField } from './alert-fields.ts';
import { figureQueries, valueAtRiskQueries, type FigureQueries } from './metric-figures.ts';
import type { PromDatasourceRef, PromTarget } from './prom-query.ts';

export type PanelJson = {
  type: 'timeseries' | 'stat' | 'piechart' | 'barchart' | 'table' | 'text';
  title: string;
  description?: string;
  datasource?: DatasourceRef | PromDatasourceRef;
  /** Lower bound of the date-histogram interval Grafana picks for this panel. */
  interval?: string;
  /** A relative range of its own instead of the dashboard's ("30d": the last 30 days); ignored for absolute ranges. */
  timeFrom?: string;
  targets?: Array<PanelTarget | PromTarget>;
  fieldConfig?: { defaults: Record<string, unknown>; overrides: unknown[] };
  options: Record<string, unknown>;
  transformations?: unknown[];
  /** Width in twelfths of the dashboard. */
  span: number;
};

type Common = { title: string; description?: string; span: number; query?: string };
export type Scale = { unit?: string; decimals?: number; min?: number; max?: number };
/** Colour from each lower bound upwards; the first step has no lower bound. */
export type Steps = [first: string, ...rest: Array<[from: number, color: string]>];
/** A metric of core/trends/metrics.ts (value at risk too; a share of it needs a split, which a panel has not). */
export type Figure = Exclude<MetricName, 'valueShare'>;
/** A link from each cell of a column; `${__value.raw}` is the cell's value. */
export type ColumnLink = { column: string; title: string; url: string };

export const legend = { displayMode: 'list', placement: 'bottom', showLegend: true, calcs: [] };

export function panelKit(datasource: DatasourceRef, dashboardFilter: string, opts: { timeField?: DateField | AlertDateField } = {}) {
  const target = (query: string | undefined, metric: Metric, groupBy: BucketAgg[], alias?: string): EsTarget =>
    esTarget(datasource, { query: allOf(dashboardFilter, query), metric, groupBy, ...(alias ? { alias } : {}), ...(opts.timeField ? { timeField: opts.timeField } : {}) });
  const figure = (f: Figure, query: string | undefined, groupBy: BucketAgg[]): FigureQueries =>
    f === 'valueAtRisk' ? valueAtRiskQueries(datasource, { query: allOf(dashboardFilter, query) }) : figureQueries(datasource, f, { query: allOf(dashboardFilter, query), groupBy });
  /** The panel's queries: a figure's (with the transformation that shows only its result) or one plain query. */
  const queries = (s: { figure?: Figure; metric?: Metric; query?: string; alias?: string }, groupBy: BucketAgg[]): FigureQueries => {
    if (s.figure) return figure(s.figure, s.query, groupBy);
    return { targets: [target(s.query, s.metric ?? count, groupBy, s.alias)], shows: 'A', transformations: [] };
  };
  const base = (s: Common) => ({ title: s.title, ...(s.description ? { description: s.description } : {}), datasource, span: s.span });

  return {
    /** One number for the whole time range. */
    stat(s: Common & Scale & ({ figure: Figure } | { metric: Metric }) & { thresholds?: Steps }): PanelJson {
      const q = queries(s, 'figure' in s && s.figure === 'valueAtRisk' ? [] : [overall]);
      return {
        type: 'stat',
        ...base(s),
        targets: q.targets,
        ...(q.transformations.length ? { transformations: q.transformations } : {}),
        fieldConfig: {
          defaults: { ...scale(s), color: { mode: 'thresholds' }, thresholds: thresholds(s.thresholds ?? ['blue']) },
          overrides: [],
        },
        options: {
          // Value at risk arrives as one row per customer, each at their highest value: the sum is the figure.
          reduceOptions: { values: false, calcs: ['figure' in s && s.figure === 'valueAtRisk' ? 'sum' : 'lastNotNull'], fields: '' },
          colorMode: 'value',
          graphMode: 'none',
          justifyMode: 'center',
          orientation: 'auto',
          textMode: 'value',
          wideLayout: true,
          showPercentChange: false,
          percentChangeColorMode: 'standard',
        },
      };
    },

    /** A figure per date-histogram interval (of the time field unless `over` says otherwise), optionally one series per term. */
    timeseries(
      s: Common &
        Scale &
        ({ figure: Exclude<MetricName, 'valueAtRisk' | 'valueShare'> } | { metric: Metric }) & {
          splitBy?: BucketAgg;
          over?: DateField | AlertDateField;
          alias?: string;
          style: 'lines' | 'stacked-bars';
          /** The finest interval: the translation of the query into a request needs one, and an NPS per minute is noise. */
          minInterval: string;
        },
    ): PanelJson {
      const q = queries(s, [...(s.splitBy ? [s.splitBy] : []), overTime(s.over ?? opts.timeField)]);
      return {
        type: 'timeseries',
        ...base(s),
        interval: s.minInterval,
        targets: q.targets,
        ...(q.transformations.length ? { transformations: q.transformations } : {}),
        fieldConfig: { defaults: { ...scale(s), color: { mode: 'palette-classic' }, custom: seriesStyle(s.style) }, overrides: [] },
        options: { legend, tooltip: { mode: 'multi', sort: 'desc' } },
      };
    },

    /** Share of each bucket in the total. */
    pie(s: Common & { by: BucketAgg; metric?: Metric }): PanelJson {
      return {
        type: 'piechart',
        ...base(s),
        targets: [target(s.query, s.metric ?? count, [s.by])],
        fieldConfig: { defaults: { color: { mode: 'palette-classic' } }, overrides: [] },
        options: {
          // values: one slice per row of the terms table rather than one reduced number.
          reduceOptions: { values: true, calcs: ['lastNotNull'], fields: '' },
          pieType: 'donut',
          displayLabels: ['percent'],
          sort: 'desc',
          orientation: 'auto',
          legend: { displayMode: 'table', placement: 'right', showLegend: true, values: ['value', 'percent'], calcs: [] },
          tooltip: { mode: 'single', sort: 'none' },
        },
      };
    },

    /** Ranked horizontal bars, one per term. */
    bars(s: Common & Scale & { by: TermsAgg; metric?: Metric }): PanelJson {
      return {
        type: 'barchart',
        ...base(s),
        targets: [target(s.query, s.metric ?? count, [s.by])],
        fieldConfig: {
          defaults: { ...scale(s), color: { mode: 'palette-classic' }, custom: { fillOpacity: 80, lineWidth: 0 } },
          overrides: [],
        },
        options: {
          orientation: 'horizontal',
          xField: s.by.field,
          showValue: 'auto',
          stacking: 'none',
          barWidth: 0.8,
          groupWidth: 0.7,
          fullHighlight: false,
          xTickLabelRotation: 0,
          xTickLabelMaxLength: 0,
          legend: { ...legend, showLegend: false },
          tooltip: { mode: 'single', sort: 'none' },
        },
      };
    },

    /**
     * A table of terms buckets, one column per level and one for the metric: e.g. the newest
     * items (terms by id, ordered by their time, then their product, version…). Rows, not
     * documents: Grafana's document queries sort by `_doc` before the time field (see
     * grafana-es-request.ts), so they cannot say which items are the newest.
     */
    table(s: Common & Scale & { by: TermsAgg[]; metric?: Metric; columns: Record<string, string>; links?: ColumnLink[]; timeFrom?: string }): PanelJson {
      return {
        type: 'table',
        ...base(s),
        ...(s.timeFrom ? { timeFrom: s.timeFrom } : {}),
        targets: [target(s.query, s.metric ?? count, s.by)],
        transformations: [{ id: 'organize', options: { excludeByName: {}, indexByName: {}, renameByName: s.columns } }],
        fieldConfig: {
          defaults: { ...scale(s), custom: { align: 'auto', cellOptions: { type: 'auto' }, inspect: true } },
          overrides: (s.links ?? []).map((l) => ({
            matcher: { id: 'byName', options: s.columns[l.column] ?? l.column },
            properties: [{ id: 'links', value: [{ title: l.title, url: l.url, targetBlank: true }] }],
          })),
        },
        options: { showHeader: true, cellHeight: 'sm', frameIndex: 0 },
      };
    },
  };
}

export type PanelKit = ReturnType<typeof panelKit>;

export function textPanel(s: { title: string; span: number; markdown: string }): PanelJson {
  return { type: 'text', title: s.title, span: s.span, options: { mode: 'markdown', content: s.markdown } };
}

/** How a timeseries draws: lines for levels and rates, stacked bars for counts per interval. */
export function seriesStyle(style: 'lines' | 'stacked-bars'): Record<string, unknown> {
  const bars = style === 'stacked-bars';
  return {
    drawStyle: bars ? 'bars' : 'line',
    lineWidth: bars ? 0 : 2,
    fillOpacity: bars ? 80 : 10,
    showPoints: 'never',
    spanNulls: false,
    stacking: { mode: bars ? 'normal' : 'none', group: 'A' },
  };
}

export function scale(s: Scale): Record<string, unknown> {
  return {
    ...(s.unit ? { unit: s.unit } : {}),
    ...(s.decimals === undefined ? {} : { decimals: s.decimals }),
    ...(s.min === undefined ? {} : { min: s.min }),
    ...(s.max === undefined ? {} : { max: s.max }),
  };
}

function thresholds([first, ...rest]: Steps) {
  return { mode: 'absolute', steps: [{ color: first, value: null }, ...rest.map(([value, color]) => ({ color, value }))] };
}
