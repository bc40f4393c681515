// Trends on real data voc did not make: the airline tweets of ../shared/data (February
// 2015, timestamps with their own -0800 offset), posted through the API as social
// feedback, one product per airline. The tweets per airline and local day, in two zones
// whose days cut the stream at different hours, are counted here straight from the CSV
// and must equal what GET /v1/trends reports. Skipped, saying so, without the data folder.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FeedbackInput } from '../core/feedback/feedback.schema.ts';
import { localDate } from './support/expected-figures.ts';
import { seedThroughPipeline } from './support/seed.ts';
import { getJson } from './support/test-env.ts';
import { useTestRoles } from './support/test-roles.ts';

const file = join(resolve(fileURLToPath(new URL('..', import.meta.url)), '../shared/data'), 'twitter_us_airline_sentiment/dev.csv');
const available = existsSync(file);

type Tweet = { id: string; airline: string; at: string; text: string };

function tweets(): Tweet[] {
  const rows = parse(readFileSync(file, 'utf8'), { columns: true, skip_empty_lines: true }) as Array<Record<string, string>>;
  const byId = new Map<string, Tweet>();
  for (const r of rows) {
    // "2015-02-24 11:35:52 -0800" → ISO 8601 with its offset
    const m = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}) ([+-]\d{2})(\d{2})$/.exec(r.tweet_created ?? '');
    if (!m || !r.text?.trim()) continue;
    byId.set(r.tweet_id!, { id: r.tweet_id!, airline: r.airline!, at: `${m[1]}T${m[2]}${m[3]}:${m[4]}`, text: r.text });
  }
  return [...byId.values()];
}

const slug = (airline: string) => airline.toLowerCase().replace(/\s+/g, '-');


describe.skipIf(!available)('trends on the airline tweets (needs ../shared/data)', () => {
  const ctx = useTestRoles(['api', 'processor']);
  let data: Tweet[] = [];

  beforeAll(async () => {
    data = tweets();
    const items: FeedbackInput[] = data.map((t) => ({ source: 'social', sourceId: t.id, channel: 'twitter', text: t.text, product: { id: slug(t.airline), name: t.airline }, createdAt: t.at }));
    const stored = await seedThroughPipeline(ctx.t, ctx.roles.apiUrl!, items);
    expect(stored).toHaveLength(data.length);
  });

  it.each(['America/Los_Angeles', 'Asia/Shanghai'])('counts the tweets per airline and local day of %s as the CSV does', async (tz) => {
    const r = await getJson(`${ctx.roles.apiUrl}/v1/trends?metric=count&split=product&top=6&interval=day&from=2015-02-14&to=2015-02-26&tz=${encodeURIComponent(tz)}`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const series = r.body.split.series as Array<{ key: string; other?: boolean; points: Array<{ t: string; value: number }> }>;
    expect(series.filter((s) => !s.other).map((s) => s.key).sort()).toEqual([...new Set(data.map((t) => slug(t.airline)))].sort());
    const perDay = new Map<string, number>();
    for (const t of data) {
      const key = `${slug(t.airline)} ${localDate(t.at, tz)}`;
      perDay.set(key, (perDay.get(key) ?? 0) + 1);
    }
    let checked = 0;
    for (const s of series.filter((x) => !x.other)) {
      for (const p of s.points) {
        const wanted = perDay.get(`${s.key} ${p.t.slice(0, 10)}`) ?? 0;
        expect(p.value, `${s.key} ${p.t}`).toBe(wanted);
        checked += wanted;
      }
    }
    expect(checked).toBe(data.length);
    expect(r.body.total.summary.value).toBe(data.length);
  });
});
