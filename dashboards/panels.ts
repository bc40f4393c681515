// Panel builders for the voc dashboards: Grafana's current panel types (timeseries, stat,
// piechart, barchart, table, text) over the Elasticsearch datasource (Prometheus panels are
// in prom-panels.ts and share the timeseries style below). A kit is bound to a
// datasource and to the dashboard's filter clause, so no panel can forget the dropdowns.
// Widths are in twelfths (`span`), the unit grafana-dash-gen rows use; grid-layout.ts
// turns them into Grafana's gridPos.
import {
  allOf,
  count,
  esTarget,
  overall,
  overTime,
  rawData,
  type BucketAgg,
  type DatasourceRef,
  type EsTarget,
  type Metric,
  type TermsAgg,
} from './es-query.ts';
import type { DateField, QueryField } from './feedback-fields.ts';
import type { PromDatasourceRef, PromTarget } from './prom-query.ts';

export type PanelJson = {
  type: 'timeseries' | 'stat' | 'piechart' | 'barchart' | 'table' | 'text';
  title: string;
  description?: string;
  datasource?: DatasourceRef | PromDatasourceRef;
  /** Lower bound of the date-histogram interval Grafana picks for this panel. */
  interval?: string;
  targets?: Array<EsTarget | PromTarget>;
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

export const legend = { displayMode: 'list', placement: 'bottom', showLegend: true, calcs: [] };

export function panelKit(datasource: DatasourceRef, dashboardFilter: string) {
  const target = (query: string | undefined, metric: Metric, groupBy: BucketAgg[], alias?: string): EsTarget =>
    esTarget(datasource, { query: allOf(dashboardFilter, query), metric, groupBy, ...(alias ? { alias } : {}) });
  const base = (s: Common) => ({
    title: s.title,
    ...(s.description ? { description: s.description } : {}),
    datasource,
    span: s.span,
  });

  return {
    /** One number for the whole time range. */
    stat(s: Common & Scale & { metric: Metric; thresholds?: Steps }): PanelJson {
      return {
        type: 'stat',
        ...base(s),
        targets: [target(s.query, s.metric, [overall])],
        fieldConfig: {
          defaults: { ...scale(s), color: { mode: 'thresholds' }, thresholds: thresholds(s.thresholds ?? ['blue']) },
          overrides: [],
        },
        options: {
          reduceOptions: { values: false, calcs: ['lastNotNull'], fields: '' },
          colorMode: 'value',
          graphMode: 'none',
          justifyMode: 'center',
          orientation: 'auto',
          textMode: 'value',
          showPercentChange: false,
        },
      };
    },

    /** A metric per date-histogram interval (of createdAt unless `over` says otherwise), optionally one series per term. */
    timeseries(
      s: Common &
        Scale & { metric: Metric; splitBy?: BucketAgg; over?: DateField; alias?: string; style: 'lines' | 'stacked-bars'; minInterval?: string },
    ): PanelJson {
      return {
        type: 'timeseries',
        ...base(s),
        ...(s.minInterval ? { interval: s.minInterval } : {}),
        targets: [target(s.query, s.metric, [...(s.splitBy ? [s.splitBy] : []), overTime(s.over)], s.alias)],
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
          legend: { displayMode: 'table', placement: 'right', showLegend: true, values: ['value', 'percent'] },
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
          xTickLabelRotation: 0,
          legend: { ...legend, showLegend: false },
          tooltip: { mode: 'single', sort: 'none' },
        },
      };
    },

    /** The newest matching documents, newest first, as a table of chosen fields. */
    latest(s: Common & { size: number; columns: Array<{ field: QueryField; title: string; width?: number }> }): PanelJson {
      const names = s.columns.map((c) => c.field);
      return {
        type: 'table',
        ...base(s),
        // raw_data returns whole documents sorted by the time field, newest first.
        targets: [target(s.query, rawData(s.size), [])],
        transformations: [
          { id: 'filterFieldsByName', options: { include: { names } } },
          {
            id: 'organize',
            options: {
              excludeByName: {},
              indexByName: Object.fromEntries(names.map((n, i) => [n, i])),
              renameByName: Object.fromEntries(s.columns.map((c) => [c.field, c.title])),
            },
          },
        ],
        fieldConfig: {
          defaults: { custom: { align: 'auto', cellOptions: { type: 'auto' }, inspect: true } },
          overrides: s.columns.map((c) => ({
            matcher: { id: 'byName', options: c.title },
            properties: c.width === undefined ? [{ id: 'custom.wrapText', value: true }] : [{ id: 'custom.width', value: c.width }],
          })),
        },
        options: { showHeader: true, cellHeight: 'sm', footer: { show: false, reducer: ['sum'], fields: '' } },
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
