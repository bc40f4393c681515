// The bucket of a union from the buckets of its parts, for aggregations that add up (see
// MetricDefinition.summable in metrics.ts): document counts and filter buckets are summed,
// stats are merged (count and sum added, min and max kept), and date histograms with the
// same keys (min_doc_count 0 over the same bounds) are summed point by point. Anything
// else (a distinct count, say) cannot be summed, and is refused rather than guessed.
import type { AggBucket } from './figure.ts';

type Stats = { count: number; sum: number | null; min: number | null; max: number | null; avg: number | null };
type Histogram = { buckets: Array<AggBucket & { key: number }> };

const isStats = (v: object): v is Stats => 'count' in v && 'sum' in v && 'avg' in v;
const isHistogram = (v: object): v is Histogram => Array.isArray((v as { buckets?: unknown }).buckets);
const isBucket = (v: object): v is AggBucket => typeof (v as { doc_count?: unknown }).doc_count === 'number';

function mergeStats(parts: Stats[]): Stats {
  const count = parts.reduce((n, p) => n + p.count, 0);
  const sum = parts.reduce((n, p) => n + (p.sum ?? 0), 0);
  const present = parts.filter((p) => p.count > 0);
  return {
    count,
    sum: count ? sum : 0,
    min: present.length ? Math.min(...present.map((p) => p.min!)) : null,
    max: present.length ? Math.max(...present.map((p) => p.max!)) : null,
    avg: count ? sum / count : null,
  };
}

function sumHistograms(parts: Histogram[], path: string): Histogram {
  const [first] = parts;
  const keys = first!.buckets.map((b) => b.key);
  for (const p of parts) {
    if (p.buckets.length !== keys.length || p.buckets.some((b, i) => b.key !== keys[i])) throw new Error(`cannot sum ${path}: the histograms' buckets differ`);
  }
  return { buckets: keys.map((key, i) => ({ ...sumBuckets(parts.map((p) => p.buckets[i]!), `${path}[${i}]`), key })) };
}

/** The sum of `parts` (at least one), field by field; `path` names the place in errors. */
export function sumBuckets(parts: readonly AggBucket[], path = 'bucket'): AggBucket {
  if (parts.length === 0) throw new Error(`cannot sum ${path}: no parts`);
  const out: AggBucket = { doc_count: parts.reduce((n, p) => n + p.doc_count, 0) };
  for (const [name, value] of Object.entries(parts[0]!)) {
    if (name === 'doc_count' || name === 'key' || name === 'key_as_string') continue;
    const values = parts.map((p) => p[name]);
    const at = `${path}.${name}`;
    if (values.some((v) => typeof v !== 'object' || v === null)) throw new Error(`cannot sum ${at}: not in every part`);
    const objects = values as object[];
    if (objects.every(isStats)) out[name] = mergeStats(objects);
    else if (objects.every(isHistogram)) out[name] = sumHistograms(objects, at);
    else if (objects.every(isBucket)) out[name] = sumBuckets(objects, at);
    else throw new Error(`cannot sum ${at}: ${JSON.stringify(value).slice(0, 80)} does not add up`);
  }
  return out;
}
