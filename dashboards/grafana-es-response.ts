// What Grafana makes of an Elasticsearch response to a panel query, and of its math
// expressions, to the extent the dashboards rely on it (pkg/tsdb/elasticsearch's response
// parser, pkg/expr's math): a query whose last bucket aggregation is a date histogram gives
// one time series per combination of the outer buckets (labelled by field); any other gives
// one table, a column per bucket level (named by its field) and one per metric ("Count",
// "Max", "Average", "Unique Count", "p50.0 <field>"). An expression works on series (joined
// by labels and time) or, for a table, on numbers labelled by its text columns.
import { isExpression, type EsTarget, type ExprTarget, type PanelTarget } from './es-query.ts';

export type Labels = Record<string, string>;
export type Series = { labels: Labels; points: Array<[t: number, v: number | null]> };
export type Table = { columns: string[]; rows: Array<Record<string, string | number | null>> };
export type Frames = { kind: 'series'; series: Series[] } | { kind: 'table'; table: Table };

const METRIC_NAMES: Record<string, string> = { count: 'Count', avg: 'Average', sum: 'Sum', min: 'Min', max: 'Max', cardinality: 'Unique Count', value_count: 'Value Count' };

type Bucket = { key: string | number; key_as_string?: string; doc_count: number } & Record<string, unknown>;

function metricValues(target: EsTarget, bucket: Bucket): Array<[string, number | null]> {
  return target.metrics.flatMap((m): Array<[string, number | null]> => {
    if (m.type === 'count') return [['Count', bucket.doc_count]];
    const agg = bucket[m.id] as { value?: number | null; values?: Record<string, number | null> } | undefined;
    if (m.type === 'percentiles') return Object.keys(agg?.values ?? {}).sort().map((p) => [`p${p} ${m.field}`, agg!.values![p] ?? null]);
    const name = METRIC_NAMES[m.type];
    if (!name) throw new Error(`metric ${m.type} is not modelled`);
    return [[name, agg?.value ?? null]];
  });
}

/** The buckets of one level as a list (filters come keyed by label). */
function bucketsOf(agg: unknown): Bucket[] {
  const b = (agg as { buckets?: Bucket[] | Record<string, Omit<Bucket, 'key'>> } | undefined)?.buckets;
  if (!b) return [];
  return Array.isArray(b) ? b : Object.entries(b).map(([key, v]) => ({ ...v, key }) as Bucket);
}

/** Reads one panel query's response as Grafana's server does. */
export function readFrames(target: EsTarget, response: { aggregations?: Record<string, unknown> }): Frames {
  const aggs = target.bucketAggs;
  const last = aggs.at(-1);
  const walk = (level: number, container: Record<string, unknown> | undefined, labels: Labels, out: (labels: Labels, buckets: Bucket[]) => void, depth: number) => {
    const def = aggs[level]!;
    const buckets = bucketsOf(container?.[def.id]);
    if (level === depth) return out(labels, buckets);
    for (const b of buckets) walk(level + 1, b, { ...labels, [def.field || 'filter']: String(b.key) }, out, depth);
  };
  if (last?.type === 'date_histogram') {
    const series: Series[] = [];
    walk(0, response.aggregations, {}, (labels, buckets) => {
      const names = buckets.length ? metricValues(target, buckets[0]!).map(([n]) => n) : metricValues(target, { key: 0, doc_count: 0 }).map(([n]) => n);
      for (const name of names) {
        series.push({ labels: names.length > 1 ? { ...labels, metric: name } : labels, points: buckets.map((b) => [Number(b.key), metricValues(target, b).find(([n]) => n === name)![1]]) });
      }
    }, aggs.length - 1);
    return { kind: 'series', series };
  }
  const rows: Table['rows'] = [];
  const columns = new Set<string>();
  walk(0, response.aggregations, {}, (labels, buckets) => {
    const def = aggs.at(-1)!;
    for (const b of buckets) {
      const row: Table['rows'][number] = { ...labels, [def.field || 'filter']: typeof b.key === 'number' ? b.key : String(b.key) };
      for (const [name, value] of metricValues(target, b)) row[name] = value;
      for (const k of Object.keys(row)) columns.add(k);
      rows.push(row);
    }
  }, aggs.length - 1);
  return { kind: 'table', table: { columns: [...columns], rows } };
}

type Item = { labels: Labels; values: Map<number, number | null> };

/** A series set or, from a table with text columns and one number column, numbers labelled by the text columns (keyed at time 0). */
function itemsOf(frames: Frames): Item[] {
  if (frames.kind === 'series') return frames.series.map((s) => ({ labels: s.labels, values: new Map(s.points) }));
  return frames.table.rows.map((r) => {
    const numeric = Object.entries(r).filter(([, v]) => typeof v === 'number' || v === null);
    if (numeric.length !== 1) throw new Error(`a table row with ${numeric.length} number columns is no number for an expression`);
    const labels = Object.fromEntries(Object.entries(r).filter(([, v]) => typeof v === 'string')) as Labels;
    return { labels, values: new Map([[0, numeric[0]![1] as number | null]]) };
  });
}

const sameLabels = (a: Labels, b: Labels) => Object.keys(a).length === Object.keys(b).length && Object.entries(a).every(([k, v]) => b[k] === v);

/**
 * Evaluates a math expression of the forms the dashboards use: `$A <op> $B` or
 * `$A <op> <number>`, op one of + − × ÷. Division by zero gives NaN or ±Infinity, as in Go;
 * a missing value gives none.
 */
export function evaluateMath(expr: ExprTarget, results: ReadonlyMap<string, Frames>): Item[] {
  const m = /^\s*\$(\w+)\s*([-+*/])\s*(?:\$(\w+)|(-?\d+(?:\.\d+)?))\s*$/.exec(expr.expression);
  if (!m) throw new Error(`expression ${expr.expression} is not modelled`);
  const op = (x: number, y: number) => (m[2] === '+' ? x + y : m[2] === '-' ? x - y : m[2] === '*' ? x * y : x / y);
  const left = results.get(m[1]!);
  if (!left) throw new Error(`$${m[1]} is not a query of the panel`);
  const right = m[3] === undefined ? undefined : results.get(m[3]);
  if (m[3] !== undefined && !right) throw new Error(`$${m[3]} is not a query of the panel`);
  const rightItems = right ? itemsOf(right) : [];
  return itemsOf(left).flatMap((l) => {
    const r = right ? rightItems.find((x) => sameLabels(x.labels, l.labels)) : undefined;
    if (right && !r) return [];
    const values = new Map<number, number | null>();
    for (const [t, v] of l.values) {
      const w = r ? r.values.get(t) : Number(m[4]);
      values.set(t, v === null || w === null || w === undefined ? null : op(v, w));
    }
    return [{ labels: l.labels, values }];
  });
}

/** Runs a panel's queries through `run` and returns what the panel shows: the figure's refId, evaluated. */
export async function panelResult(targets: readonly PanelTarget[], shows: string, run: (t: EsTarget) => Promise<Frames>): Promise<Item[]> {
  const results = new Map<string, Frames>();
  for (const t of targets) if (!isExpression(t)) results.set(t.refId, await run(t));
  const shown = targets.find((t) => t.refId === shows);
  if (!shown) throw new Error(`no query ${shows}`);
  return isExpression(shown) ? evaluateMath(shown, results) : itemsOf(results.get(shows)!);
}
