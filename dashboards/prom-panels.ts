// Timeseries panels over the Prometheus datasource. grafana-dash-gen only builds Graphite
// targets, so like panels.ts this writes Grafana's current panel model itself, with the same
// series style and legend as the Elasticsearch timeseries, so both kinds read alike.
import { legend, scale, seriesStyle, type PanelJson, type Scale } from './panels.ts';
import { promTargets, type PromDatasourceRef, type PromQuery } from './prom-query.ts';

type GraphSpec = Scale & {
  title: string;
  description: string;
  span: number;
  queries: PromQuery[];
  style?: 'lines' | 'stacked-bars';
};

export function promKit(datasource: PromDatasourceRef) {
  return {
    /** One or more PromQL expressions over time, one series per label set they return. */
    graph(s: GraphSpec): PanelJson {
      return {
        type: 'timeseries',
        title: s.title,
        description: s.description,
        datasource,
        span: s.span,
        targets: promTargets(datasource, s.queries),
        fieldConfig: {
          defaults: { ...scale(s), color: { mode: 'palette-classic' }, custom: seriesStyle(s.style ?? 'lines') },
          overrides: [],
        },
        options: { legend: { ...legend, displayMode: 'table', calcs: ['lastNotNull', 'max'] }, tooltip: { mode: 'multi', sort: 'desc' } },
      };
    },
  };
}

export type PromKit = ReturnType<typeof promKit>;
