import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { detect } from '/work/main/alerts/detect.ts';
import { parseRule } from '/work/main/alerts/rule.ts';
import { regularise } from '/work/main/alerts/series.ts';
const rows = parse(readFileSync('/work/shared/data/twitter_us_airline_sentiment/dev.csv', 'utf8'), { columns: true }) as any[];
const H = 3600000;
const keyed = new Map<string, Map<number, number>>();
const seen = new Set<string>();
let min = Infinity, max = 0;
for (const r of rows) {
  if (seen.has(r.tweet_id)) continue; seen.add(r.tweet_id);
  const m = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}) ([+-]\d{2})(\d{2})$/.exec(r.tweet_created);
  if (!m) continue;
  const t = Date.parse(`${m[1]}T${m[2]}${m[3]}:${m[4]}`); const h = Math.floor(t / H) * H;
  min = Math.min(min, h); max = Math.max(max, h);
  const keys = [`airline=${r.airline}`, ...(r.negativereason ? [`reason=${r.negativereason}`, `airline+reason=${r.airline}/${r.negativereason}`] : [])];
  for (const k of keys) { const m2 = keyed.get(k) ?? new Map(); m2.set(h, (m2.get(h) ?? 0) + 1); keyed.set(k, m2); }
}
console.log(new Date(min).toISOString(), new Date(max).toISOString());
const ruleArg = JSON.parse(process.argv[2] ?? '{"type":"spike","direction":"up"}');
const r = parseRule(ruleArg); if ('problems' in r) throw new Error(JSON.stringify(r.problems));
for (const [k, m] of [...keyed].sort()) {
  const rowsK = [] as any[]; for (let t = min; t <= max; t += H) rowsK.push({ line: 0, t, value: m.get(t) ?? 0 });
  const s = regularise(rowsK, { counted: true, interval: H });
  const out = detect(r.rule, s);
  const f = out.transitions.filter((t) => t.state === 'firing');
  if (f.length) { console.log(k, 'total', [...m.values()].reduce((a, b) => a + b, 0)); for (const t of f) console.log('   ', t.at, t.reason); }
}
