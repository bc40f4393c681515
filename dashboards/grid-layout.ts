// Renders a grafana-dash-gen dashboard as Grafana's current dashboard model.
// grafana-dash-gen supplies the envelope (title, tags, time, refresh, templating) and rows of
// panels sized in twelfths: the layout Grafana used before version 5, with panel ids from a
// process-wide counter. Grafana now wants one flat `panels` list with grid positions (24
// columns, heights in 30px units) and ids that stay the same from build to build, so the
// generated JSON can be committed and diffed; that is what this module produces.
import dashgen from 'grafana-dash-gen';
import type { AnnotationJson } from './alert-fields.ts';
import type { PanelJson } from './panels.ts';

type Dashboard = InstanceType<typeof dashgen.Dashboard>;
type Row = InstanceType<typeof dashgen.Row>;
type Annotation = Parameters<Dashboard['addAnnotation']>[0];

export const SCHEMA_VERSION = 41; // Grafana 12
const GRID_COLUMNS = 24;
const GRID_UNIT_PX = 30;

export type GridPos = { x: number; y: number; w: number; h: number };
export type PanelModel = Omit<PanelJson, 'span'> & { id: number; gridPos: GridPos };
export type RowModel = { id: number; type: 'row'; title: string; collapsed: false; gridPos: GridPos; panels: [] };
export type VariableModel = Record<string, unknown> & { type: string; name: string };

export type DashboardJson = {
  uid: string;
  title: string;
  description: string;
  tags: string[];
  timezone: string;
  editable: boolean;
  graphTooltip: number;
  time: { from: string; to: string };
  refresh: string;
  schemaVersion: number;
  fiscalYearStartMonth: number;
  weekStart: string;
  links: Array<Record<string, unknown>>;
  annotations: { list: AnnotationJson[] };
  templating: { list: VariableModel[] };
  panels: Array<PanelModel | RowModel>;
};

/** Adds an annotation query; grafana-dash-gen only knows Graphite annotations, and only calls generate(). */
export function addAnnotation(dashboard: Dashboard, annotation: AnnotationJson): void {
  dashboard.addAnnotation({ generate: () => annotation } as unknown as Annotation);
}

/** Carries a current-model panel through grafana-dash-gen, whose rows only call generate(). */
class PassThroughPanel {
  constructor(private readonly json: PanelJson) {}
  generate(): PanelJson {
    return this.json;
  }
}

/** A titled row whose panels share one height (in grid units) and wrap after twelve twelfths. */
export function row(title: string, height: number, panels: PanelJson[]): Row {
  const r = new dashgen.Row({ title, height: `${height * GRID_UNIT_PX}px` });
  for (const p of panels) {
    if (!Number.isInteger(p.span) || p.span < 1 || p.span > 12) {
      throw new Error(`panel "${p.title}": span must be a whole number of twelfths from 1 to 12, got ${p.span}`);
    }
    // The library types its rows for its own Graphite-era panel classes only.
    r.addPanel(new PassThroughPanel(p) as unknown as Parameters<Row['addPanel']>[0]);
  }
  return r;
}

export function toDashboardJson(
  dashboard: Dashboard,
  meta: { uid: string; description: string; links?: Array<Record<string, unknown>> },
): DashboardJson {
  const g = dashboard.generate();
  return {
    uid: meta.uid,
    title: g.title,
    description: meta.description,
    tags: g.tags,
    timezone: g.timezone,
    editable: g.editable,
    graphTooltip: g.sharedCrosshair ? 1 : 0,
    time: g.time ?? { from: 'now-24h', to: 'now' },
    refresh: typeof g.refresh === 'string' ? g.refresh : '',
    schemaVersion: g.schemaVersion,
    fiscalYearStartMonth: 0,
    weekStart: '',
    links: meta.links ?? [],
    annotations: { list: (g.annotations?.list ?? []) as unknown as AnnotationJson[] },
    templating: { list: g.templating.list.map((v) => currentVariable(v as Record<string, unknown>)) },
    panels: layOut((g.rows ?? []).map((r) => ({ title: r.title ?? '', height: r.height, panels: r.panels as unknown as PanelJson[] }))),
  };
}

function layOut(rows: Array<{ title: string; height: string | undefined; panels: PanelJson[] }>): Array<PanelModel | RowModel> {
  const out: Array<PanelModel | RowModel> = [];
  let id = 0;
  let y = 0;
  for (const r of rows) {
    const h = Math.max(1, Math.round(Number.parseInt(r.height ?? '240', 10) / GRID_UNIT_PX));
    out.push({ id: ++id, type: 'row', title: r.title, collapsed: false, gridPos: { x: 0, y, w: GRID_COLUMNS, h: 1 }, panels: [] });
    y += 1;
    let x = 0;
    for (const { span, type, title, description, datasource, ...rest } of r.panels) {
      const w = span * (GRID_COLUMNS / 12);
      if (x + w > GRID_COLUMNS) {
        x = 0;
        y += h;
      }
      // Key order mirrors what Grafana saves, so the committed JSON reads like an export.
      out.push({
        id: ++id,
        type,
        title,
        ...(description === undefined ? {} : { description }),
        ...(datasource === undefined ? {} : { datasource }),
        gridPos: { x, y, w, h },
        ...rest,
      });
      x += w;
    }
    y += h;
  }
  return out;
}

const VARIABLE_KEYS = [
  'type', 'name', 'label', 'description', 'datasource', 'query', 'refresh', 'sort',
  'includeAll', 'multi', 'allValue', 'current', 'options', 'hide',
];

/** Keeps the keys Grafana's current variable model reads; drops the library's Graphite-era extras. */
function currentVariable(v: Record<string, unknown>): VariableModel {
  const picked = Object.fromEntries(VARIABLE_KEYS.filter((k) => v[k] !== undefined && v[k] !== null).map((k) => [k, v[k]]));
  return picked as VariableModel;
}
