// Matching a detector's firings to known incidents. An incident is detected when an alert
// fires from its first hour to one window after its last (a 6-hour window still holds the
// incident then); the delay is counted in evaluation intervals from the incident's start.
// A firing outside every incident's span is a false alarm.
import type { Transition } from '../../../alerts/detect.ts';
import type { Incident } from './synthetic-streams.ts';

export type Score = { incidents: number; detected: number; bySize: Record<Incident['size'], { incidents: number; detected: number }>; firings: number; falseAlarms: number; delays: number[] };

export const emptyScore = (): Score => ({ incidents: 0, detected: 0, bySize: { small: { incidents: 0, detected: 0 }, large: { incidents: 0, detected: 0 } }, firings: 0, falseAlarms: 0, delays: [] });

export function scoreStream(into: Score, transitions: readonly Transition[], incidents: readonly Incident[], interval: number, windowMs: number): void {
  const firings = transitions.filter((t) => t.state === 'firing').map((t) => Date.parse(t.at));
  const spans = incidents.map((i) => ({ ...i, until: i.end + windowMs }));
  into.firings += firings.length;
  into.falseAlarms += firings.filter((f) => !spans.some((s) => f >= s.start && f < s.until)).length;
  for (const s of spans) {
    into.incidents += 1;
    into.bySize[s.size].incidents += 1;
    const first = firings.find((f) => f >= s.start && f < s.until);
    if (first === undefined) continue;
    into.detected += 1;
    into.bySize[s.size].detected += 1;
    into.delays.push((first - s.start) / interval);
  }
}

export function summary(s: Score) {
  const sorted = [...s.delays].sort((a, b) => a - b);
  const median = sorted.length ? (sorted.length % 2 ? sorted[sorted.length >> 1]! : (sorted[sorted.length / 2 - 1]! + sorted[sorted.length / 2]!) / 2) : null;
  const ratio = (a: number, b: number) => (b ? Math.round((a / b) * 1000) / 1000 : null);
  return {
    incidents: s.incidents,
    detected: s.detected,
    recall: ratio(s.detected, s.incidents),
    recallSmall: ratio(s.bySize.small.detected, s.bySize.small.incidents),
    recallLarge: ratio(s.bySize.large.detected, s.bySize.large.incidents),
    firings: s.firings,
    falseAlarms: s.falseAlarms,
    precision: s.firings ? ratio(s.firings - s.falseAlarms, s.firings) : null,
    medianDelayIntervals: median,
  };
}
