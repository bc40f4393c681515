// The detectors on a stream voc did not make: the airline tweets of ../shared/data, their
// creation times over about eight days of February 2015, bucketed by the hour (UTC). One
// series of negative tweets per airline, and one per negative reason over all airlines;
// each tweet once (by tweet_id). The data spans too little time for a weekly rhythm, so
// the rule's baseline is four days (the time of day alone is followed).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { detect } from '../../../alerts/detect.ts';
import type { Rule } from '../../../alerts/rule.ts';
import { parseTimestamp, regularise } from '../../../alerts/series.ts';

const H = 3_600_000;
export const FOLDER = 'twitter_us_airline_sentiment';

export type Firing = { series: string; at: string; value: number | null; baseline: number | null; reason: string };
export type Replay = { hours: number; from: string; to: string; series: number; judged: number; firings: Firing[]; dailyNegative: Record<string, number[]>; days: string[] };

export function airlineFile(dataDir: string): string | undefined {
  const file = join(dataDir, FOLDER, 'dev.csv');
  return existsSync(file) ? file : undefined;
}

export function replayAirlines(file: string, rule: Rule): Replay {
  const rows = parse(readFileSync(file, 'utf8'), { columns: true, skip_empty_lines: true }) as Array<Record<string, string>>;
  const byId = new Map<string, { t: number; airline: string; reason: string; negative: boolean }>();
  for (const r of rows) {
    const t = parseTimestamp(r.tweet_created ?? '');
    if (t === undefined) continue;
    byId.set(r.tweet_id!, { t, airline: r.airline!, reason: r.negativereason ?? '', negative: r.airline_sentiment === 'negative' });
  }
  const tweets = [...byId.values()].filter((x) => x.negative);
  const first = Math.floor(Math.min(...tweets.map((x) => x.t)) / H) * H;
  const last = Math.floor(Math.max(...tweets.map((x) => x.t)) / H) * H;
  const keyed = new Map<string, Map<number, number>>();
  const add = (key: string, hour: number) => {
    const m = keyed.get(key) ?? new Map<number, number>();
    m.set(hour, (m.get(hour) ?? 0) + 1);
    keyed.set(key, m);
  };
  const days = new Set<string>();
  const daily = new Map<string, Map<string, number>>();
  for (const x of tweets) {
    const hour = Math.floor(x.t / H) * H;
    add(`negative tweets, ${x.airline}`, hour);
    if (x.reason) add(`reason: ${x.reason}`, hour);
    const day = new Date(x.t).toISOString().slice(0, 10);
    days.add(day);
    const d = daily.get(x.airline) ?? new Map<string, number>();
    d.set(day, (d.get(day) ?? 0) + 1);
    daily.set(x.airline, d);
  }
  const firings: Firing[] = [];
  let judged = 0;
  for (const [key, hours] of [...keyed].sort(([a], [b]) => a.localeCompare(b))) {
    const rowsOfKey = [];
    for (let t = first; t <= last; t += H) rowsOfKey.push({ line: 0, t, value: hours.get(t) ?? 0 });
    const result = detect(rule, regularise(rowsOfKey, { counted: true, interval: H }));
    judged += result.evaluations.filter((e) => e.breach !== null).length;
    for (const t of result.transitions) if (t.state === 'firing') firings.push({ series: key, at: t.at, value: t.value, baseline: t.baseline, reason: t.reason });
  }
  const dayList = [...days].sort();
  return {
    hours: (last - first) / H + 1,
    from: new Date(first).toISOString(),
    to: new Date(last + H).toISOString(),
    series: keyed.size,
    judged,
    firings,
    days: dayList,
    dailyNegative: Object.fromEntries([...daily].sort(([a], [b]) => a.localeCompare(b)).map(([airline, d]) => [airline, dayList.map((day) => d.get(day) ?? 0)])),
  };
}
