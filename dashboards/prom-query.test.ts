// The proof that the Prometheus panels query real series: metric and label names are read
// back out of each generated PromQL expression and looked up in the registry every role
// serves on /metrics (core/observability/metrics.ts). A typo or a renamed metric would
// otherwise only show as an empty graph.
import { describe, expect, it } from 'vitest';
import { createMetrics } from '../core/observability/metrics.ts';
import { buildDashboards, defaultBuildOptions } from './build-dashboards.ts';
import type { PanelModel } from './grid-layout.ts';
import type { PromTarget } from './prom-query.ts';

/** Labels Prometheus adds to every scraped series. */
const TARGET_LABELS = ['instance', 'job'];
const KEYWORDS = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'bool', 'and', 'or', 'unless', 'offset', 'inf', 'nan']);

/** Series name → its labels, as /metrics exposes them: histograms as _bucket (with le), _sum and _count. */
function seriesOfRegistry(): Map<string, string[]> {
  const series = new Map<string, string[]>();
  for (const m of createMetrics({ defaultMetrics: false }).registry.getMetricsAsArray()) {
    const labels = [...((m as { labelNames?: readonly string[] }).labelNames ?? [])];
    if (String(m.type) === 'histogram') {
      series.set(`${m.name}_bucket`, [...labels, 'le']);
      series.set(`${m.name}_sum`, labels);
      series.set(`${m.name}_count`, labels);
    } else {
      series.set(m.name, labels);
    }
  }
  return series;
}

type Selector = { metric: string; labels: string[] };

/**
 * What a PromQL expression reads: each series selector's metric name and the labels its
 * matchers use, and the labels of every by/without/on/ignoring clause. Enough PromQL for
 * the dashboards' expressions; a selector without a metric name is refused outright.
 */
export function readPromql(expr: string): { selectors: Selector[]; grouping: string[] } {
  const names = (list: string) => list.split(',').map((l) => l.trim()).filter(Boolean);
  // Strings first, so a label value can neither look like a name nor hide a brace;
  // then range and subquery windows and Grafana variables.
  let rest = expr.replace(/"(?:[^"\\]|\\.)*"/g, '""').replace(/\[[^\]]*\]/g, '').replace(/\$\w+/g, '');
  const grouping: string[] = [];
  rest = rest.replace(/\b(?:by|without|on|ignoring|group_left|group_right)\s*\(([^)]*)\)/g, (_m, list: string) => {
    grouping.push(...names(list));
    return ' ';
  });
  const selectors: Selector[] = [];
  rest = rest.replace(/([A-Za-z_]\w*)?\s*\{([^}]*)\}/g, (_m, metric: string | undefined, matchers: string) => {
    if (!metric) throw new Error(`a selector without a metric name in ${expr}`);
    selectors.push({ metric, labels: [...matchers.matchAll(/([A-Za-z_]\w*)\s*(?:=~|!~|!=|=)/g)].map((m) => m[1]!) });
    return ' ';
  });
  // What is left: function and aggregation names (followed by a parenthesis), keywords, numbers and bare metric names.
  for (const [, name] of rest.matchAll(/\b([A-Za-z_]\w*)\b(?!\s*\()/g)) {
    if (!KEYWORDS.has(name!.toLowerCase())) selectors.push({ metric: name!, labels: [] });
  }
  return { selectors, grouping };
}

describe('readPromql', () => {
  it('finds metrics, matcher labels and grouping labels, not functions, strings or windows', () => {
    expect(readPromql('histogram_quantile(0.95, sum by (le, route) (rate(voc_x_bucket{route!~"/a|b{c}", status="5xx"}[$__rate_interval])))')).toEqual({
      selectors: [{ metric: 'voc_x_bucket', labels: ['route', 'status'] }],
      grouping: ['le', 'route'],
    });
    expect(readPromql('time() - max(voc_y > 0) without (instance)')).toEqual({ selectors: [{ metric: 'voc_y', labels: [] }], grouping: ['instance'] });
    expect(readPromql('sum(rate(voc_a[5m])) / on (job) sum(voc_b offset 1h)').selectors.map((s) => s.metric)).toEqual(['voc_a', 'voc_b']);
  });

  it('refuses a selector without a metric name', () => {
    expect(() => readPromql('sum({__name__=~"voc_.*"})')).toThrow(/without a metric name/);
  });
});

describe('Prometheus panels', () => {
  const series = seriesOfRegistry();
  const built = buildDashboards(defaultBuildOptions('voc-feedback'));
  const targets = built.flatMap((d) =>
    d.json.panels
      .filter((p): p is PanelModel => p.type !== 'row')
      .flatMap((p) => (p.targets ?? []).filter((t): t is PromTarget => t.datasource.type === 'prometheus').map((t) => ({ where: `${d.file}: "${p.title}" ${t.refId}`, target: t }))),
  );

  it('exist, and chart every counter and gauge of the processor', () => {
    const used = new Set(targets.flatMap(({ target }) => readPromql(target.expr).selectors.map((s) => s.metric)));
    const processor = createMetrics({ defaultMetrics: false })
      .registry.getMetricsAsArray()
      .filter((m) => m.name.startsWith('voc_processor_') && String(m.type) !== 'histogram');
    expect(processor.length).toBeGreaterThan(0);
    for (const m of processor) expect(used, `no panel charts ${m.name}`).toContain(m.name);
  });

  it.each(targets.map(({ where, target }) => [where, target] as const))('%s names only series and labels /metrics serves', (where, target) => {
    const { selectors, grouping } = readPromql(target.expr);
    expect(selectors.length, `${where}: ${target.expr} reads a metric`).toBeGreaterThan(0);
    for (const s of selectors) {
      expect([...series.keys()], `${where}: unknown metric ${s.metric}`).toContain(s.metric);
      const labels = [...series.get(s.metric)!, ...TARGET_LABELS];
      for (const l of [...s.labels, ...grouping]) expect(labels, `${where}: ${s.metric} has no label ${l}`).toContain(l);
    }
    // After the aggregation only the grouping labels are left for the legend to name.
    for (const [, l] of target.legendFormat.matchAll(/\{\{\s*(\w+)\s*\}\}/g)) expect(grouping, `${where}: legend {{${l}}}`).toContain(l);
  });
});
