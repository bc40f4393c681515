import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadConfig } from '../core/config/config.ts';
import { feedbackMappings } from '../core/elasticsearch/feedback-index.ts';
import { readAlias } from '../core/names.ts';
import { buildDashboards, DATASOURCE_UID, PROMETHEUS_UID, serializeDashboard, type BuiltDashboard } from './build-dashboards.ts';
import type { EsTarget } from './es-query.ts';
import { allQueryFields, dateFields, keywordFields, numericFields, TIME_FIELD } from './feedback-fields.ts';
import type { PanelModel, RowModel } from './grid-layout.ts';
import type { PromTarget } from './prom-query.ts';

const jsonDir = new URL('./json/', import.meta.url);
const defaults = { indexAlias: readAlias(loadConfig({}).elasticsearch.indexPrefix), datasourceUid: DATASOURCE_UID, prometheusUid: PROMETHEUS_UID };
const built = buildDashboards(defaults);

const panelsOf = (d: BuiltDashboard) => d.json.panels.filter((p): p is PanelModel => p.type !== 'row');
const targetsOf = (d: BuiltDashboard) => panelsOf(d).flatMap((p) => p.targets ?? []);
const allTargets = built.flatMap((d) => targetsOf(d).map((t) => ({ dashboard: d.file, target: t })));
const esTargets = allTargets.flatMap(({ dashboard, target }) => (target.datasource.type === 'elasticsearch' ? [{ dashboard, target: target as EsTarget }] : []));
// prom-query.test.ts checks the Prometheus expressions against the metrics registry.
const promTargets = allTargets.flatMap(({ dashboard, target }) => (target.datasource.type === 'prometheus' ? [{ dashboard, target: target as PromTarget }] : []));

/** The two datasources docker-compose provisions (dashboards/provisioning/datasources). */
const elasticsearch = { type: 'elasticsearch', uid: DATASOURCE_UID };
const prometheus = { type: 'prometheus', uid: PROMETHEUS_UID };

/** Field names in a Lucene query: `name:` not preceded by a word character, `*` or a quote. */
function luceneFields(query: string): string[] {
  return [...query.matchAll(/(?<![\w*."])([A-Za-z_][\w.]*):/g)].map((m) => m[1]!);
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
    expect(built.map((d) => d.json.uid)).toEqual(['voc-experience-overview', 'voc-product-defects', 'voc-pipeline-health']);
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

  it('query only the provisioned Elasticsearch and Prometheus datasources', () => {
    expect(esTargets.length).toBeGreaterThan(0);
    expect(promTargets.length).toBeGreaterThan(0);
    expect(esTargets.length + promTargets.length, 'every target is of one of the two').toBe(allTargets.length);
    for (const d of built) {
      for (const p of panelsOf(d)) {
        if (p.type === 'text') continue;
        expect([elasticsearch, prometheus], `${d.file}: "${p.title}"`).toContainEqual(p.datasource);
        expect(p.targets?.length, `${d.file}: "${p.title}" has a query`).toBeGreaterThan(0);
        // Grafana runs a panel's queries on one datasource unless the panel says "mixed".
        for (const t of p.targets ?? []) expect(t.datasource, `${d.file}: "${p.title}" ${t.refId}`).toEqual(p.datasource);
        const refIds = (p.targets ?? []).map((t) => t.refId);
        expect(new Set(refIds).size, `${d.file}: "${p.title}" refIds are unique`).toBe(refIds.length);
      }
      for (const v of d.json.templating.list.filter((v) => v.type === 'query')) {
        expect(v.datasource, `${d.file}: variable ${v.name}`).toEqual(elasticsearch);
      }
    }
    for (const { dashboard, target } of esTargets) expect(target.timeField, dashboard).toBe(TIME_FIELD);
  });

  it('use only fields of the stored feedback document', () => {
    for (const { dashboard, target } of esTargets) {
      for (const field of fieldsOf(target)) expect(allQueryFields, `${dashboard}: unknown field ${field} in ${JSON.stringify(target)}`).toContain(field);
      // Aggregations need the right mapping: terms on keywords, averages on numbers, histograms on dates.
      for (const b of target.bucketAggs) {
        if (b.type === 'terms') expect([...keywordFields] as string[], dashboard).toContain(b.field);
        if (b.type === 'date_histogram') expect(dateFields as readonly string[], dashboard).toContain(b.field);
      }
      for (const m of target.metrics) {
        if (m.type === 'avg') expect(numericFields as readonly string[], dashboard).toContain(m.field);
      }
    }
    for (const d of built) {
      for (const v of d.json.templating.list.filter((v) => v.type === 'query')) {
        const field = (JSON.parse(v.query as string) as { field: string }).field;
        expect(keywordFields as readonly string[], `${d.file}: variable ${v.name}`).toContain(field);
      }
      for (const p of panelsOf(d)) {
        const xField = p.options.xField as string | undefined;
        if (xField) expect(allQueryFields, `${d.file}: "${p.title}" xField`).toContain(xField);
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
      const text = JSON.stringify(d.json.panels);
      // `$__name` are Grafana's own (`$__rate_interval`), defined by every dashboard.
      for (const [, name] of text.matchAll(/\$(?!__)(\w+)/g)) expect(defined, `${d.file}: $${name}`).toContain(name);
    }
  });
});

describe('Grafana provisioning', () => {
  const provisioning = new URL('./provisioning/', import.meta.url);

  it('provides the datasource the dashboards reference', () => {
    const file = parse(readFileSync(new URL('datasources/elasticsearch.yml', provisioning), 'utf8')) as {
      datasources: Array<{ uid: string; type: string; url: string; jsonData: { index: string; timeField: string } }>;
    };
    const ds = file.datasources.find((d) => d.uid === DATASOURCE_UID);
    expect(ds, `a datasource with uid ${DATASOURCE_UID}`).toBeDefined();
    expect(ds!.type).toBe('elasticsearch');
    expect(ds!.url).toBe('http://elasticsearch:9200');
    expect(ds!.jsonData.index).toBe(defaults.indexAlias);
    expect(ds!.jsonData.timeField).toBe(TIME_FIELD);
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
    expect(all.map((d) => d.uid).sort()).toEqual([DATASOURCE_UID, PROMETHEUS_UID].sort());
    expect(all.filter((d) => d.isDefault).map((d) => d.uid)).toEqual([DATASOURCE_UID]);
  });

  it('authenticates to Elasticsearch with credentials from Grafana\'s environment, not from the file', () => {
    const file = parse(readFileSync(new URL('datasources/elasticsearch.yml', provisioning), 'utf8')) as {
      datasources: Array<{ uid: string; basicAuth?: boolean; basicAuthUser?: string; secureJsonData?: Record<string, string>; jsonData: Record<string, unknown> }>;
    };
    const ds = file.datasources.find((d) => d.uid === DATASOURCE_UID)!;
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
