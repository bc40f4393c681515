// The generated dashboards checked against Grafana's published schema (@grafana/schema):
// a TypeScript file is generated that states each dashboard, annotation, variable and panel
// as the schema's type, each panel's options and custom field config as its panel plugin's
// types, and the TypeScript compiler checks it (required fields, excess fields, enum values
// such as a stat's colour mode). JSON has no enums, so the schema's enums are compared by
// their values. Also: the metric definitions' plain form (what the panels are built from)
// reads what the trends API reads, and the provisioned alert datasource names the index
// alerts/ writes.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { alertsIndex } from '../alerts/live/alerts-index.ts';
import { loadConfig } from '../core/config/config.ts';
import { readAlias } from '../core/names.ts';
import { metricAggs, metricNames, plainMetric, readFigure, type AggBucket, type MetricName } from '../core/trends/metrics.ts';
import { ALERTS_DATASOURCE_UID, buildDashboards, defaultBuildOptions } from '../dashboards/build-dashboards.ts';
import type { DashboardJson } from '../dashboards/grid-layout.ts';

const prefix = loadConfig({}).elasticsearch.indexPrefix;
const built = buildDashboards(defaultBuildOptions(readAlias(prefix)));

/** Panel plugin → its module of generated types in @grafana/schema. */
const panelTypes: Record<string, { module: string; fieldConfig: boolean }> = {
  timeseries: { module: 'timeseries/panelcfg/x/TimeSeriesPanelCfg_types.gen', fieldConfig: true },
  stat: { module: 'stat/panelcfg/x/StatPanelCfg_types.gen', fieldConfig: false },
  piechart: { module: 'piechart/panelcfg/x/PieChartPanelCfg_types.gen', fieldConfig: true },
  barchart: { module: 'barchart/panelcfg/x/BarChartPanelCfg_types.gen', fieldConfig: true },
  table: { module: 'table/panelcfg/x/TablePanelCfg_types.gen', fieldConfig: true },
  text: { module: 'text/panelcfg/x/TextPanelCfg_types.gen', fieldConfig: false },
};

const HEADER = [
  "import type { AnnotationQuery, Dashboard, DataQuery, DataTransformerConfig, Panel, RowPanel, VariableModel } from '@grafana/schema';",
  ...Object.entries(panelTypes).map(([name, t]) => `import type * as ${name} from '@grafana/schema/dist/esm/raw/composable/${t.module}';`),
  // JSON spells a schema enum by its value: `${E}` is the union of a string enum's values.
  'type Json<T> = T extends string ? `${T}` : T extends readonly (infer U)[] ? Json<U>[] : T extends object ? { [K in keyof T]: Json<T[K]> } : T;',
  // The fields Grafana\'s Elasticsearch datasource reads from its annotation queries (the generic schema does not list them).
  'type EsAnnotation = Json<Omit<AnnotationQuery, "target">> & { target: Json<DataQuery> & { query: string }; timeField?: string; timeEndField?: string; textField?: string; tagsField?: string };',
  // Targets are typed by their datasource plugin; the schema knows what every query has.
  'type Query = Json<DataQuery> & Record<string, unknown>;',
  'type Schema = Omit<Json<Dashboard>, "annotations" | "panels" | "templating"> & { annotations: { list: EsAnnotation[] }; templating: { list: Json<VariableModel>[] }; panels: Array<(Omit<Json<Panel>, "targets" | "transformations"> & { targets?: Query[]; transformations?: Json<DataTransformerConfig>[] }) | Json<RowPanel>> };',
].join('\n');

/** The generated source: the dashboard, then each panel's options and custom field config as its plugin's types. */
export function schemaSource(dashboards: ReadonlyArray<{ file: string; json: DashboardJson }>): string {
  const lines = [HEADER];
  dashboards.forEach(({ file, json }, d) => {
    lines.push(`// ${file}`, `export const dashboard${d} = ${JSON.stringify(json)} satisfies Schema;`);
    for (const p of json.panels) {
      if (p.type === 'row') continue;
      const t = panelTypes[p.type];
      if (!t) throw new Error(`${file}: panel "${p.title}" is of type ${p.type}, which the check does not know`);
      lines.push(`export const options${d}_${p.id} = ${JSON.stringify(p.options)} satisfies Json<${p.type}.Options>;`);
      const custom = p.fieldConfig?.defaults.custom;
      if (custom !== undefined) {
        if (!t.fieldConfig) throw new Error(`${file}: panel "${p.title}" has a custom field config, which ${p.type} panels do not`);
        lines.push(`export const custom${d}_${p.id} = ${JSON.stringify(custom)} satisfies Json<${p.type}.FieldConfig>;`);
      }
    }
  });
  return lines.join('\n');
}

/** Type-checks a source as if it were a file of the repository (so @grafana/schema resolves from node_modules). */
function typeCheck(source: string): string[] {
  const file = fileURLToPath(new URL('../dashboards/schema-check.generated.ts', import.meta.url));
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
  };
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile } = host;
  host.getSourceFile = (name, version, ...rest) => (name === file ? ts.createSourceFile(name, source, version) : getSourceFile.call(host, name, version, ...rest));
  host.fileExists = (name) => name === file || fileExists.call(host, name);
  host.readFile = (name) => (name === file ? source : readFile.call(host, name));
  const program = ts.createProgram([file], options, host);
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
    const line = where ? source.split('\n')[where.line]!.slice(0, 120) : '';
    return `${ts.flattenDiagnosticMessageText(d.messageText, '\n')}${where ? `\n  at line ${where.line + 1}: ${line}…` : ''}`;
  });
}

describe("the dashboards against Grafana's published schema", () => {
  it('type-check as @grafana/schema dashboards, variables, annotations and panels of their plugins', { timeout: 60_000 }, () => {
    expect(typeCheck(schemaSource(built))).toEqual([]);
  });

  it('would fail on a wrong enum value, a missing required field or an unknown field', { timeout: 60_000 }, () => {
    // One fault per copy: the compiler reports one error per object literal.
    const broken = (change: (json: DashboardJson & Record<string, unknown>) => void) => {
      const json = structuredClone(built[0]!.json) as DashboardJson & Record<string, unknown>;
      change(json);
      return { file: 'broken', json };
    };
    const errors = typeCheck(
      schemaSource([
        broken((j) => ((j.panels.find((p) => p.type === 'stat') as { options: Record<string, unknown> }).options.colorMode = 'rainbow')),
        broken((j) => delete (j as Partial<DashboardJson>).schemaVersion),
        broken((j) => ((j.annotations.list[0] as unknown as Record<string, unknown>).colour = 'red')),
      ]),
    ).join('\n');
    expect(errors).toMatch(/"rainbow"/);
    expect(errors).toMatch(/schemaVersion/);
    expect(errors).toMatch(/colour/);
  });
});

describe('the plain form of the metrics the panels are built from', () => {
  /** Evaluates a plain metric over items as Grafana's queries would: counts, a share of counts, a mean times its scale. */
  const items = [
    { 'sentiment.label': 'negative', 'sentiment.score': -0.5, 'survey.nps.contribution': -100, scale: 'nps' },
    { 'sentiment.label': 'positive', 'sentiment.score': 0.75, 'survey.nps.contribution': 100, scale: 'nps' },
    { 'sentiment.label': 'negative', 'sentiment.score': -0.25, 'survey.csatSatisfied': 1, scale: 'csat' },
    { 'sentiment.label': 'neutral', 'sentiment.score': 0, score: 6, scale: 'ces', rating: 4 },
    { 'sentiment.label': 'positive', 'sentiment.score': 0.5, score: 2, scale: 'ces', 'customer.id': 'c1', 'customer.key': 1 },
  ] as Array<Record<string, string | number>>;
  const matches = (i: Record<string, string | number>, where?: { term: Record<string, string> }) => !where || Object.entries(where.term).every(([f, v]) => i[f] === v);

  function plainValue(metric: MetricName): number | null {
    const p = plainMetric(metric)!;
    switch (p.kind) {
      case 'count':
        return items.length;
      case 'distinct':
        return new Set(items.flatMap((i) => (i[p.field] === undefined ? [] : [i[p.field]]))).size;
      case 'share':
        return items.filter((i) => matches(i, p.where)).length / items.length;
      case 'mean': {
        const xs = items.filter((i) => matches(i, p.where) && typeof i[p.field] === 'number').map((i) => i[p.field] as number);
        return xs.length ? (xs.reduce((a, b) => a + b, 0) / xs.length) * p.scale : null;
      }
    }
  }

  /** The bucket the trends API would get back for the same items, aggregation by aggregation. */
  function apiBucket(aggs: Record<string, object>, set: Array<Record<string, string | number>>): AggBucket {
    const bucket: AggBucket = { doc_count: set.length };
    for (const [name, agg] of Object.entries(aggs) as Array<[string, Record<string, never>]>) {
      const a = agg as { stats?: { field: string }; filter?: { term: Record<string, string> }; cardinality?: { field: string }; aggs?: Record<string, object> };
      if (a.stats) {
        const xs = set.map((i) => i[a.stats!.field]).filter((x): x is number => typeof x === 'number');
        bucket[name] = { count: xs.length, sum: xs.length ? xs.reduce((s, x) => s + x, 0) : null, avg: null };
      } else if (a.filter) bucket[name] = apiBucket(a.aggs ?? {}, set.filter((i) => matches(i, a.filter as { term: Record<string, string> })));
      else if (a.cardinality) bucket[name] = { value: new Set(set.flatMap((i) => (i[a.cardinality!.field] === undefined ? [] : [i[a.cardinality!.field]]))).size };
      else throw new Error(`aggregation ${JSON.stringify(agg)} is not modelled here`);
    }
    return bucket;
  }

  it.each(metricNames.filter((m) => plainMetric(m)))('%s: the plain form gives the figure the API reads from its own aggregations', (metric) => {
    expect(plainValue(metric)).toBeCloseTo(readFigure(metric, apiBucket(metricAggs(metric), items)).value!, 10);
  });

  it('exists for every metric but value at risk and its share', () => {
    expect(metricNames.filter((m) => !plainMetric(m))).toEqual(['valueAtRisk', 'valueShare']);
  });
});

describe('Grafana provisioning of the alert index', () => {
  it('names the index alerts/ writes', () => {
    const file = parse(readFileSync(new URL('../dashboards/provisioning/datasources/elasticsearch.yml', import.meta.url), 'utf8')) as { datasources: Array<{ uid: string; jsonData: { index: string } }> };
    expect(file.datasources.find((d) => d.uid === ALERTS_DATASOURCE_UID)?.jsonData.index).toBe(alertsIndex(prefix));
  });
});
