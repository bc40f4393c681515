import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadConfig } from '../core/config/config.ts';
import { feedbackMappings } from '../core/elasticsearch/feedback-index.ts';
import { readAlias } from '../core/names.ts';
import { alertDateFields, alertKeywordFields, alertNumericFields, allAlertFields, ALERT_TIME_FIELD } from './alert-fields.ts';
import { ALERTS_DATASOURCE_UID, buildDashboards, DATASOURCE_UID, defaultBuildOptions, PROMETHEUS_UID, serializeDashboard, type BuiltDashboard } from './build-dashboards.ts';
import { EXPRESSION_DATASOURCE, type EsTarget } from './es-query.ts';
import { allQueryFields, dateFields, keywordFields, numericFields, TIME_FIELD } from './feedback-fields.ts';
import type { PanelModel, RowModel } from './grid-layout.ts';
import type { PromTarget } from './prom-query.ts';

const jsonDir = new URL('./json/', import.meta.url);
const defaults = defaultBuildOptions(readAlias(loadConfig({}).elasticsearch.indexPrefix));
const built = buildDashboards(defaults);

const panelsOf = (d: BuiltDashboard) => d.json.panels.filter((p): p is PanelModel => p.type !== 'row');
const targetsOf = (d: BuiltDashboard) => panelsOf(d).flatMap((p) => p.targets ?? []);
const allTargets = built.flatMap((d) => targetsOf(d).map((t) => ({ dashboard: d.file, target: t })));
const esTargets = allTargets.flatMap(({ dashboard, target }) => (target.datasource.type === 'elasticsearch' ? [{ dashboard, target: target as EsTarget }] : []));
// prom-query.test.ts checks the Prometheus expressions against the metrics registry.
const promTargets = allTargets.flatMap(({ dashboard, target }) => (target.datasource.type === 'prometheus' ? [{ dashboard, target: target as PromTarget }] : []));
const exprTargets = allTargets.filter(({ target }) => target.datasource.type === EXPRESSION_DATASOURCE.type);

/** The datasources docker-compose provisions (dashboards/provisioning/datasources). */
const elasticsearch = { type: 'elasticsearch', uid: DATASOURCE_UID };
const alerts = { type: 'elasticsearch', uid: ALERTS_DATASOURCE_UID };
const prometheus = { type: 'prometheus', uid: PROMETHEUS_UID };
/** Per Elasticsearch datasource: its time field and the fields of its index, by mapping. */
const indexFields = {
  [DATASOURCE_UID]: { time: TIME_FIELD, all: allQueryFields, keyword: keywordFields as readonly string[], numeric: numericFields as readonly string[], date: dateFields as readonly string[] },
  [ALERTS_DATASOURCE_UID]: { time: ALERT_TIME_FIELD, all: allAlertFields, keyword: alertKeywordFields as readonly string[], numeric: alertNumericFields as readonly string[], date: alertDateFields as readonly string[] },
} as const;
const fieldsOfIndex = (uid: string) => indexFields[uid as keyof typeof indexFields];

/** Field names in a Lucene query: `name:` not preceded by a word character, `*` or a quote; `_exists_:name`. */
export function luceneFields(query: string): string[] {
  const named = [...query.matchAll(/(?<![\w*."])([A-Za-z_][\w.]*):/g)].map((m) => m[1]!).filter((f) => f !== '_exists_');
  return [...named, ...[...query.matchAll(/_exists_:([A-Za-z_][\w.]*)/g)].map((m) => m[1]!)];
}

function fieldsOf(t: EsTarget): string[] {
  const filterQueries = t.bucketAggs.flatMap((b) =>
    b.type === 'filters' ? ((b.settings as { filters: Array<{ query: string }> }).filters.map((f) => f.query)) : [],
  );
  return [
    t.timeField,
    ...t.metrics.flatMap((m) => (m.field ? [m.field] : [])),
    ...t.bucketAggs.flatMap((b) => (b.field ? [b.field] : [])),
    ...[t.query, ...filterQueries].flatMap(luceneFields),
  ];
}

/** Mapping type of a dotted path in the index template, undefined when unmapped. */
function mappedType(path: string): string | undefined {
  let node: { properties?: Record<string, unknown>; type?: string } = feedbackMappings;
  for (const part of path.split('.')) {
    const next = node.properties?.[part] as typeof node | undefined;
    if (!next) return undefined;
    node = next;
  }
  return node.type;
}

describe('generated dashboards', () => {
  it('match the committed JSON in dashboards/json', () => {
    const committed = readdirSync(jsonDir).filter((f) => f.endsWith('.json')).sort();
    expect(committed, 'dashboards/json holds other files than the build writes: run `voc dashboards build` and delete stale ones').toEqual(
      built.map((d) => d.file).sort(),
    );
    for (const d of built) {
      const onDisk = readFileSync(new URL(d.file, jsonDir), 'utf8');
      expect(onDisk, `dashboards/json/${d.file} is out of date: run \`voc dashboards build\` and commit the result`).toBe(
        serializeDashboard(d.json),
      );
    }
  });

  it('are deterministic, with stable uids', () => {
    expect(built.map((d) => d.json.uid)).toEqual(['voc-executive', 'voc-product', 'voc-cx-operations', 'voc-pipeline-health']);
    expect(buildDashboards(defaults).map((d) => serializeDashboard(d.json))).toEqual(built.map((d) => serializeDashboard(d.json)));
  });

  it.each(built.map((d) => [d.file, d] as const))('%s is a valid Grafana dashboard model', (_file, d) => {
    const j = d.json;
    expect(j.title).toMatch(/\S/);
    expect(j.uid).toMatch(/^[A-Za-z0-9_-]{1,40}$/);
    expect(j.schemaVersion).toBeGreaterThanOrEqual(39);
    expect(j.panels.length).toBeGreaterThan(0);
    const ids = j.panels.map((p) => p.id);
    expect(new Set(ids).size, 'panel ids are unique').toBe(ids.length);
    const cells = new Set<string>();
    for (const p of j.panels as Array<PanelModel | RowModel>) {
      expect(p.title, `panel ${p.id} has a title`).toMatch(/\S/);
      const { x, y, w, h } = p.gridPos;
      expect([x, y, w, h].every(Number.isInteger) && w > 0 && h > 0 && x >= 0 && x + w <= 24, `panel "${p.title}" fits the grid`).toBe(true);
      for (let cx = x; cx < x + w; cx++) {
        for (let cy = y; cy < y + h; cy++) {
          expect(cells.has(`${cx},${cy}`), `panel "${p.title}" overlaps another at ${cx},${cy}`).toBe(false);
          cells.add(`${cx},${cy}`);
        }
      }
    }
  });

  it('query only the provisioned Elasticsearch and Prometheus datasources, and expressions over their queries', () => {
    expect(esTargets.length).toBeGreaterThan(0);
    expect(promTargets.length).toBeGreaterThan(0);
    expect(exprTargets.length).toBeGreaterThan(0);
    expect(esTargets.length + promTargets.length + exprTargets.length, 'every target is of one of them').toBe(allTargets.length);
    for (const d of built) {
      for (const p of panelsOf(d)) {
        if (p.type === 'text') continue;
        expect([elasticsearch, alerts, prometheus], `${d.file}: "${p.title}"`).toContainEqual(p.datasource);
        expect(p.targets?.length, `${d.file}: "${p.title}" has a query`).toBeGreaterThan(0);
        // Grafana runs a panel's queries on one datasource unless the panel says "mixed"; expressions run beside them.
        for (const t of p.targets ?? []) if (t.datasource.type !== EXPRESSION_DATASOURCE.type) expect(t.datasource, `${d.file}: "${p.title}" ${t.refId}`).toEqual(p.datasource);
        const refIds = (p.targets ?? []).map((t) => t.refId);
        expect(new Set(refIds).size, `${d.file}: "${p.title}" refIds are unique`).toBe(refIds.length);
        // An expression refers to queries of its own panel, and the panel shows only the expression.
        for (const t of (p.targets ?? []).filter((t) => t.datasource.type === EXPRESSION_DATASOURCE.type)) {
          for (const [, ref] of (t as { expression: string }).expression.matchAll(/\$(\w+)/g)) expect(refIds, `${d.file}: "${p.title}"`).toContain(ref);
          expect(p.transformations, `${d.file}: "${p.title}" shows only its expression`).toContainEqual({ id: 'filterByRefId', options: { include: t.refId } });
        }
        // The request translation needs a minimum interval for every date histogram (grafana-es-request.ts).
        if ((p.targets ?? []).some((t) => (t as EsTarget).bucketAggs?.some((b) => b.type === 'date_histogram'))) expect(p.interval, `${d.file}: "${p.title}"`).toMatch(/^\d+[smhd]$/);
      }
      for (const v of d.json.templating.list.filter((v) => v.type === 'query')) {
        expect(v.datasource, `${d.file}: variable ${v.name}`).toEqual(elasticsearch);
      }
      for (const a of d.json.annotations.list) expect(a.datasource, `${d.file}: annotation ${a.name}`).toEqual(alerts);
    }
    for (const { dashboard, target } of esTargets) expect(target.timeField, dashboard).toBe(fieldsOfIndex(target.datasource.uid).time);
  });

  it('use only fields of the index each datasource reads', () => {
    for (const { dashboard, target } of esTargets) {
      const index = fieldsOfIndex(target.datasource.uid);
      for (const field of fieldsOf(target)) expect(index.all, `${dashboard}: unknown field ${field} in ${JSON.stringify(target)}`).toContain(field);
      // Aggregations need the right mapping: terms and distinct counts on keywords, averages on numbers, histograms on dates.
      for (const b of target.bucketAggs) {
        if (b.type === 'terms') expect(index.keyword, dashboard).toContain(b.field);
        if (b.type === 'date_histogram') expect(index.date, dashboard).toContain(b.field);
      }
      for (const m of target.metrics) {
        if (['avg', 'sum', 'percentiles'].includes(m.type)) expect(index.numeric, dashboard).toContain(m.field);
        if (m.type === 'cardinality') expect(index.keyword, dashboard).toContain(m.field);
        if (m.type === 'max') expect([...index.numeric, ...index.date], dashboard).toContain(m.field);
      }
    }
    for (const d of built) {
      for (const a of d.json.annotations.list) {
        for (const f of [a.timeField, a.textField, a.tagsField, ...luceneFields(a.target.query)]) expect(allAlertFields, `${d.file}: annotation ${a.name}`).toContain(f);
      }
    }
    for (const d of built) {
      for (const v of d.json.templating.list.filter((v) => v.type === 'query')) {
        const field = (JSON.parse(v.query as string) as { field: string }).field;
        expect(keywordFields as readonly string[], `${d.file}: variable ${v.name}`).toContain(field);
      }
      for (const p of panelsOf(d)) {
        const xField = p.options.xField as string | undefined;
        if (xField) expect(fieldsOfIndex(p.datasource!.uid).all, `${d.file}: "${p.title}" xField`).toContain(xField);
        for (const t of (p.transformations ?? []) as Array<{ id: string; options: { include?: { names: string[] } } }>) {
          for (const name of t.options.include?.names ?? []) expect(allQueryFields, `${d.file}: "${p.title}" column`).toContain(name);
        }
      }
    }
  });

  it('field lists agree with the Elasticsearch mapping', () => {
    for (const f of keywordFields) expect(mappedType(f), f).toBe('keyword');
    for (const f of numericFields) expect(['byte', 'short', 'integer', 'long', 'float', 'double'], f).toContain(mappedType(f));
    for (const f of dateFields) expect(mappedType(f), f).toBe('date');
  });

  it('define every variable their queries use', () => {
    for (const d of built) {
      const defined = new Set(d.json.templating.list.map((v) => v.name));
      // Expressions name queries ($A), not variables.
      const panels = d.json.panels.map((p) => ('targets' in p ? { ...p, targets: p.targets?.filter((t) => t.datasource.type !== EXPRESSION_DATASOURCE.type) } : p));
      const text = JSON.stringify([panels, d.json.annotations]);
      // `$__name` are Grafana's own (`$__rate_interval`, `${__value.raw}`), defined by every dashboard.
      for (const [, name] of text.matchAll(/\$\{?(?!__)(\w+)/g)) expect(defined, `${d.file}: $${name}`).toContain(name);
    }
  });
});

describe('Grafana provisioning', () => {
  const provisioning = new URL('./provisioning/', import.meta.url);

  // The alert index's name comes from alerts/ (tests/dashboards.test.ts checks it): `<alias>.alerts`.
  it.each([
    [DATASOURCE_UID, defaults.indexAlias, TIME_FIELD],
    [ALERTS_DATASOURCE_UID, `${defaults.indexAlias}.alerts`, ALERT_TIME_FIELD],
  ])('provides the Elasticsearch datasource %s the dashboards reference', (uid, index, timeField) => {
    const file = parse(readFileSync(new URL('datasources/elasticsearch.yml', provisioning), 'utf8')) as {
      datasources: Array<{ uid: string; type: string; url: string; jsonData: { index: string; timeField: string } }>;
    };
    const ds = file.datasources.find((d) => d.uid === uid);
    expect(ds, `a datasource with uid ${uid}`).toBeDefined();
    expect(ds!.type).toBe('elasticsearch');
    expect(ds!.url).toBe('http://elasticsearch:9200');
    expect(ds!.jsonData.index).toBe(index);
    expect(ds!.jsonData.timeField).toBe(timeField);
  });

  it('provides the Prometheus the dashboards reference, scraped as often as Grafana assumes', () => {
    const file = parse(readFileSync(new URL('datasources/prometheus.yml', provisioning), 'utf8')) as {
      datasources: Array<{ uid: string; type: string; url: string; jsonData: { timeInterval: string } }>;
    };
    const ds = file.datasources.find((d) => d.uid === PROMETHEUS_UID);
    expect(ds, `a datasource with uid ${PROMETHEUS_UID}`).toBeDefined();
    expect(ds!.type).toBe('prometheus');
    expect(ds!.url).toBe('http://prometheus:9090');
    // $__rate_interval is four times timeInterval: shorter than the scrape interval, rate() has too few samples.
    const prom = parse(readFileSync(new URL('prometheus/prometheus.yml', provisioning), 'utf8')) as { global: { scrape_interval: string } };
    expect(ds!.jsonData.timeInterval).toBe(prom.global.scrape_interval);
  });

  it('has exactly one default datasource, Elasticsearch', () => {
    const dir = new URL('datasources/', provisioning);
    const all = readdirSync(dir)
      .filter((f) => f.endsWith('.yml'))
      .flatMap((f) => (parse(readFileSync(new URL(f, dir), 'utf8')) as { datasources: Array<{ uid: string; isDefault?: boolean }> }).datasources);
    expect(all.map((d) => d.uid).sort()).toEqual([DATASOURCE_UID, ALERTS_DATASOURCE_UID, PROMETHEUS_UID].sort());
    expect(all.filter((d) => d.isDefault).map((d) => d.uid)).toEqual([DATASOURCE_UID]);
  });

  it.each([DATASOURCE_UID, ALERTS_DATASOURCE_UID])('authenticates %s to Elasticsearch with credentials from Grafana\'s environment, not from the file', (uid) => {
    const file = parse(readFileSync(new URL('datasources/elasticsearch.yml', provisioning), 'utf8')) as {
      datasources: Array<{ uid: string; basicAuth?: boolean; basicAuthUser?: string; secureJsonData?: Record<string, string>; jsonData: Record<string, unknown> }>;
    };
    const ds = file.datasources.find((d) => d.uid === uid)!;
    expect(ds.basicAuth).toBe(true);
    // `$NAME` is expanded once by Grafana; docker-compose.yml sets both (tests/docker-compose.test.ts).
    expect(ds.basicAuthUser).toBe('$ELASTICSEARCH_USERNAME');
    expect(ds.secureJsonData).toEqual({ basicAuthPassword: '$ELASTICSEARCH_PASSWORD' });
    // A password in jsonData would be stored and shown in clear.
    expect(Object.keys(ds.jsonData).filter((k) => /password|secret|key/i.test(k))).toEqual([]);
  });

  it('loads dashboards from a file provider', () => {
    const file = parse(readFileSync(new URL('dashboards/voc.yml', provisioning), 'utf8')) as {
      providers: Array<{ type: string; options: { path: string } }>;
    };
    expect(file.providers).toHaveLength(1);
    expect(file.providers[0]!.type).toBe('file');
    expect(file.providers[0]!.options.path).toMatch(/^\//);
  });
});
