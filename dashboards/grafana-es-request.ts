// What Grafana's Elasticsearch datasource sends to Elasticsearch for a dashboard, written
// out so that the dashboards can be run against a real Elasticsearch without a Grafana
// (tests/dashboards.int.test.ts). Read from Grafana's source (12.x–13.x):
//   - template variables: the datasource interpolates a panel query and its filters
//     queries with the "lucene" format (a value escaped; several values `("a" OR "b")`; the
//     custom "All" value raw), then everything else with the default format;
//   - panel queries run in Grafana's server (pkg/tsdb/elasticsearch): size 0, a bool filter
//     of the time range (gte/lte, epoch_millis) and the query string (analyze_wildcard),
//     bucket aggregations nested in the editor's order (keyed by their ids) with the metric
//     innermost; terms size from the setting (500 when absent or 0), order by `_count`,
//     a key or the query's metric (added under the terms then); date histograms with
//     `fixed_interval` `<interval ms>ms` for "auto" (calendar_interval for 1w/1M/1q/1y),
//     min_doc_count, extended_bounds of the range and epoch_millis keys, a time_zone only
//     when set and not "utc"; filters as query strings;
//   - document queries (raw_data) sort by an object whose keys Go writes in alphabetical
//     order: `_doc` before a time field named in lower case, so Elasticsearch sorts by
//     index order first and "the newest documents" are not what comes back;
//   - annotations (the datasource, in the browser): the time field within the range
//     (from/to), the query string without analyze_wildcard, size 10,000;
//   - a dropdown's terms lookup: a terms aggregation ordered by key, size 500.
// Pipeline aggregations and other bucket types are refused rather than guessed.
import type { AnnotationJson } from './alert-fields.ts';
import type { EsTarget } from './es-query.ts';
import type { VariableModel } from './grid-layout.ts';

const ALL = '$__all';
const CALENDAR_INTERVALS = ['1w', '1M', '1q', '1y'];
const DEFAULT_SIZE = 500;

/** A variable as Grafana holds it while the dashboard is open. */
export type VariableState = { value: string | string[]; allValue?: string };
export type Variables = ReadonlyMap<string, VariableState>;
export type RequestContext = { index: string; timeField: string; from: number; to: number; intervalMs: number; variables: Variables };
export type SearchRequest = { header: Record<string, unknown>; body: Record<string, unknown> };

/** The dashboard's variables at their defaults ("All" for dropdowns, the textbox values), with `selected` overriding them. */
export function variablesOf(list: readonly VariableModel[], selected: Record<string, string | string[]> = {}): Variables {
  const out = new Map<string, VariableState>();
  for (const v of list) {
    const current = (v.current as { value?: string | string[] } | undefined)?.value ?? '';
    const value = selected[v.name] ?? current;
    out.set(v.name, { value, ...(typeof v.allValue === 'string' ? { allValue: v.allValue } : {}) });
  }
  for (const name of Object.keys(selected)) if (!out.has(name)) throw new Error(`no variable ${name} on this dashboard`);
  return out;
}

/** Grafana's Lucene escaping: numbers as they are, every Lucene operator character escaped. */
export function luceneEscape(value: string): string {
  if (!Number.isNaN(Number(value))) return value;
  return value.replace(/([!*+\-=<>\s&|()[\]{}^~?:\\/"])/g, '\\$1');
}

const isAll = (v: VariableState) => v.value === ALL || (Array.isArray(v.value) && v.value[0] === ALL);

function formatLucene(v: VariableState, name: string): string {
  if (isAll(v)) {
    if (v.allValue === undefined) throw new Error(`$${name} is "All" without a custom all value: Grafana would list every option, which is not modelled`);
    return v.allValue;
  }
  if (typeof v.value === 'string') return luceneEscape(v.value);
  if (v.value.length === 0) return '__empty__';
  return `(${v.value.map((x) => `"${luceneEscape(x)}"`).join(' OR ')})`;
}

function formatDefault(v: VariableState, name: string): string {
  if (isAll(v)) {
    if (v.allValue === undefined) throw new Error(`$${name} is "All" without a custom all value`);
    return v.allValue;
  }
  return typeof v.value === 'string' ? v.value : v.value.length === 1 ? v.value[0]! : `{${v.value.join(',')}}`;
}

// $name, [[name]], ${name} and ${name:format}, as Grafana's templating finds them.
const VARIABLE = /\$(\w+)|\[\[(\w+?)(?::(\w+))?\]\]|\$\{(\w+)(?::([^}]+))?\}/g;

/** templateSrv.replace: known variables substituted (Grafana's own `$__…` are left for later), others left as written. */
export function interpolate(text: string, variables: Variables, format: 'lucene' | 'default'): string {
  return text.replace(VARIABLE, (match, a?: string, b?: string, bFormat?: string, c?: string, cFormat?: string) => {
    const name = (a ?? b ?? c)!;
    const v = variables.get(name);
    if (!v) return match;
    const explicit = bFormat ?? cFormat;
    if (explicit === 'raw') return typeof v.value === 'string' ? v.value : v.value.join(',');
    if (explicit !== undefined && explicit !== 'lucene') throw new Error(`variable format ${explicit} is not modelled`);
    return (explicit ?? format) === 'lucene' ? formatLucene(v, name) : formatDefault(v, name);
  });
}

/** The datasource's applyTemplateVariables: the query and filters queries as Lucene, then the rest. */
export function applyTemplateVariables(target: EsTarget, variables: Variables): EsTarget {
  const expanded = {
    ...target,
    query: interpolate(target.query ?? '', variables, 'lucene'),
    bucketAggs: target.bucketAggs.map((b) =>
      b.type === 'filters'
        ? { ...b, settings: { ...b.settings, filters: (b.settings?.filters as Array<{ query: string; label: string }>).map((f) => ({ ...f, query: interpolate(f.query, variables, 'lucene') })) } }
        : b,
    ),
  };
  return JSON.parse(interpolate(JSON.stringify(expanded), variables, 'default')) as EsTarget;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);
/** Go's strconv.Atoi with a default, and 0 meaning the default, as Grafana sizes are read. */
function sizeOf(v: unknown): number {
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  const n = /^-?\d+$/.test(str(v) ?? '') ? Number(v) : DEFAULT_SIZE;
  return n === 0 ? DEFAULT_SIZE : n;
}
const intOf = (v: unknown, fallback: number) => (typeof v === 'number' ? Math.trunc(v) : /^-?\d+$/.test(str(v) ?? '') ? Number(v) : fallback);

/** The time-range filter and the query string, as a bool filter (a single filter is written as an object, not a list). */
function boolFilter(ctx: RequestContext, query: string): Record<string, unknown> {
  const filters: object[] = [{ range: { [ctx.timeField]: { gte: ctx.from, lte: ctx.to, format: 'epoch_millis' } } }];
  if (query.trim() !== '') filters.push({ query_string: { analyze_wildcard: true, query } });
  return { bool: { filter: filters.length === 1 ? filters[0] : filters } };
}

/** The multi-search header and body Grafana's server sends for one panel query. */
export function searchRequest(saved: EsTarget, ctx: RequestContext): SearchRequest {
  const target = applyTemplateVariables(saved, ctx.variables);
  const header = { search_type: 'query_then_fetch', ignore_unavailable: true, index: ctx.index };
  const [first] = target.metrics;
  if (!first) throw new Error(`${target.refId}: a query without a metric`);
  if (target.bucketAggs.length === 0 && first.type !== 'raw_data' && first.type !== 'raw_document') throw new Error(`${target.refId}: invalid query, missing metrics and aggregations`);
  const body: Record<string, unknown> = { size: 0, query: boolFilter(ctx, target.query ?? '') };
  if (first.type === 'raw_data' || first.type === 'raw_document') {
    body.size = sizeOf(first.settings?.size);
    // A Go map: its keys come out sorted, `_doc` ('_' is 0x5F) before lower-case names.
    body.sort = Object.fromEntries([[ctx.timeField, { order: 'desc', unmapped_type: 'boolean' }], ['_doc', { order: 'desc' }]].sort(([a], [b]) => ((a as string) < (b as string) ? -1 : 1)));
    body.docvalue_fields = [ctx.timeField];
    body.script_fields = {};
    return { header, body: substituteInterval(body, ctx.intervalMs) };
  }
  body.aggs = nestAggs(target, ctx);
  return { header, body: substituteInterval(body, ctx.intervalMs) };
}

function nestAggs(target: EsTarget, ctx: RequestContext): Record<string, unknown> {
  const metrics = metricAggs(target);
  let innermost: Record<string, unknown> = metrics;
  // Built from the innermost level outwards; the first bucket aggregation is the outermost.
  for (const b of [...target.bucketAggs].reverse()) {
    const s = b.settings ?? {};
    let agg: Record<string, unknown>;
    switch (b.type) {
      case 'date_histogram': {
        const interval = str(s.interval) ?? 'auto';
        agg = {
          date_histogram: {
            field: b.field || ctx.timeField,
            ...(CALENDAR_INTERVALS.includes(interval) ? { calendar_interval: interval } : { fixed_interval: interval === 'auto' ? '$__interval_msms' : interval }),
            min_doc_count: intOf(s.min_doc_count, 0),
            extended_bounds: { min: ctx.from, max: ctx.to },
            format: str(s.format) ?? 'epoch_millis',
            ...(str(s.offset) ? { offset: str(s.offset) } : {}),
            ...(str(s.missing) ? { missing: str(s.missing) } : {}),
            ...(str(s.timeZone) && s.timeZone !== 'utc' ? { time_zone: s.timeZone } : {}),
          },
        };
        break;
      }
      case 'terms': {
        const order: Record<string, unknown> = {};
        const sub: Record<string, unknown> = {};
        const orderBy = str(s.orderBy);
        if (orderBy !== undefined) {
          const metricId = /^\d+/.exec(orderBy)?.[0];
          const m = metricId ? target.metrics.find((x) => x.id === metricId) : undefined;
          if (m?.type === 'count') order._count = str(s.order) ?? 'desc';
          else if (m) {
            order[orderBy] = str(s.order) ?? 'desc';
            sub[m.id] = { [m.type]: m.field ? { field: m.field } : {} };
          } else if (!metricId) order[orderBy] = str(s.order) ?? 'desc';
        }
        agg = {
          terms: {
            field: b.field,
            size: sizeOf(s.size),
            order,
            ...(s.min_doc_count !== undefined ? { min_doc_count: intOf(s.min_doc_count, 0) } : {}),
            ...(str(s.missing) !== undefined ? { missing: str(s.missing) } : {}),
          },
          ...(Object.keys(sub).length ? { aggs: sub } : {}),
        };
        break;
      }
      case 'filters': {
        const list = (s.filters as Array<{ query: string; label?: string }> | undefined) ?? [];
        agg = { filters: { filters: Object.fromEntries(list.map((f) => [f.label || f.query, { query_string: { query: f.query, analyze_wildcard: true } }])) } };
        break;
      }
      default:
        throw new Error(`${target.refId}: bucket aggregation ${b.type} is not modelled`);
    }
    if (Object.keys(innermost).length) agg.aggs = { ...((agg.aggs as object) ?? {}), ...innermost };
    innermost = { [b.id]: agg };
  }
  return innermost;
}

function metricAggs(target: EsTarget): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const m of target.metrics) {
    if (m.type === 'count') continue;
    if (!['avg', 'sum', 'min', 'max', 'cardinality', 'percentiles', 'value_count', 'extended_stats'].includes(m.type)) throw new Error(`${target.refId}: metric ${m.type} is not modelled`);
    const settings = Object.fromEntries(Object.entries(m.settings ?? {}).filter(([k, v]) => k !== '' && v !== null && v !== 'null'));
    out[m.id] = { [m.type]: { ...(m.field ? { field: m.field } : {}), ...settings } };
  }
  return out;
}

/** `$__interval_ms` and `$__interval` in the encoded request, as Grafana's server replaces them. */
function substituteInterval(body: Record<string, unknown>, intervalMs: number): Record<string, unknown> {
  const text = JSON.stringify(body).replaceAll('$__interval_ms', String(intervalMs)).replaceAll('$__interval', goDuration(intervalMs));
  return JSON.parse(text) as Record<string, unknown>;
}

/** Go's time.Duration String(): 24h0m0s, 1m30s, 500ms. */
export function goDuration(ms: number): string {
  if (ms < 1000) return `${ms}ms`;
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = (ms % 60_000) / 1000;
  return h ? `${h}h${m}m${s}s` : m ? `${m}m${s}s` : `${s}s`;
}

/**
 * The interval Grafana gives a panel's queries: the range over the panel's width in points,
 * rounded to a "nice" interval, and never below the panel's minimum interval. Only the case
 * where the minimum wins is modelled (the rounding raises a value by at most a third).
 */
export function panelIntervalMs(minInterval: string | undefined, rangeMs: number, maxDataPoints: number): number {
  const m = /^(\d+)(ms|s|m|h|d|w)$/.exec(minInterval ?? '');
  if (!m) throw new Error(`a panel without a minimum interval (${minInterval}): Grafana's rounding of range/width is not modelled`);
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 }[m[2] as 'ms'];
  const low = Number(m[1]) * unit;
  if ((rangeMs / maxDataPoints) * 2 > low) throw new Error(`range / maxDataPoints may round above the panel's minimum interval ${minInterval}: not modelled`);
  return low;
}

/** The annotation query the datasource sends (prepareAnnotationRequest). */
export function annotationRequest(a: AnnotationJson, ctx: Omit<RequestContext, 'timeField' | 'intervalMs'>): SearchRequest {
  const query = interpolate(a.target.query, ctx.variables, 'lucene');
  const filter: object[] = [{ bool: { should: [{ range: { [a.timeField]: { from: ctx.from, to: ctx.to, format: 'epoch_millis' } } }], minimum_should_match: 1 } }];
  if (query) filter.push({ query_string: { query } });
  return { header: { search_type: 'query_then_fetch', ignore_unavailable: true, index: ctx.index }, body: { query: { bool: { filter } }, size: 10_000 } };
}

/** What Grafana makes of the hits: one event per document, its time, text and tags from the named fields. */
export function annotationEvents(a: AnnotationJson, hits: Array<{ _source: Record<string, unknown> }>): Array<{ time: number; text: unknown; tags: unknown }> {
  const get = (source: Record<string, unknown>, path: string) => path.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), source) || '';
  return hits.map((h) => {
    const tags = get(h._source, a.tagsField);
    return { time: Date.parse(String(get(h._source, a.timeField))), text: get(h._source, a.textField), tags: typeof tags === 'string' ? tags.split(',') : tags };
  });
}

/** A dropdown's lookup (`{"find":"terms","field":…}`): its terms in the range, by key. */
export function variableRequest(v: VariableModel, ctx: Omit<RequestContext, 'intervalMs'>): SearchRequest {
  const def = JSON.parse(String(v.query)) as { find: string; field: string; query?: string; size?: number; orderBy?: string; order?: string };
  if (def.find !== 'terms') throw new Error(`variable ${v.name}: only terms lookups are modelled`);
  const filter: object[] = [{ range: { [ctx.timeField]: { gte: String(ctx.from), lte: String(ctx.to), format: 'epoch_millis' } } }];
  const query = def.query ? interpolate(def.query, ctx.variables, 'lucene') : '';
  if (query) filter.push({ query_string: { analyze_wildcard: true, query } });
  const orderBy = def.orderBy ?? 'key';
  const order = def.order ?? (orderBy === 'doc_count' ? 'desc' : 'asc');
  return {
    header: { search_type: 'query_then_fetch', ignore_unavailable: true, index: ctx.index },
    body: {
      size: 0,
      query: { bool: { filter } },
      aggs: { '1': { terms: { field: interpolate(def.field, ctx.variables, 'lucene'), size: def.size ?? DEFAULT_SIZE, order: { [orderBy === 'doc_count' ? '_count' : '_key']: order } } } },
    },
  };
}
