// What one evaluation looks at: the rule's window (one or more buckets ending at the
// evaluated one) reduced to one figure, as the metric's kind reduces it: counts and money
// add up; shares and means pool their responses (Σ value·volume ÷ Σ volume).
import type { MetricKind } from '../rule.ts';
import type { Bucket } from '../series.ts';

export type WindowFigure = { value: number | null; volume: number };

/** Rolling windows of `size` buckets, one per bucket; null where the window would reach before the series. */
export function rollingWindows(buckets: readonly Bucket[], size: number, kind: MetricKind): Array<WindowFigure | null> {
  return buckets.map((_, i) => (i + 1 < size ? null : reduceWindow(buckets.slice(i + 1 - size, i + 1), kind)));
}

export function reduceWindow(buckets: readonly Bucket[], kind: MetricKind): WindowFigure {
  if (kind === 'count' || kind === 'amount') {
    let value = 0;
    let volume = 0;
    for (const b of buckets) {
      value += b.value ?? 0;
      volume += b.volume ?? b.value ?? 0;
    }
    return { value, volume };
  }
  let weighted = 0;
  let volume = 0;
  for (const b of buckets) {
    if (b.value === null || !b.volume) continue;
    weighted += b.value * b.volume;
    volume += b.volume;
  }
  return { value: volume ? weighted / volume : null, volume };
}
