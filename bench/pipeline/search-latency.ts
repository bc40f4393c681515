// Full-text search as the product teams use it: GET /v1/feedback/search with an English or
// a Chinese query (taking turns), one or two filters, facets (the route always counts the
// top values of every filter field) and a page of 20 with highlights; now and then sorted
// by date instead of relevance. Queries are words of the generator's phrase banks, so they
// find documents; the answers' totals are kept to show it. Requests go one at a time;
// latency is the client's wall time to the last byte, percentiles by nearest rank over the
// 200 answers (bench/trends/latency.ts).
import { products } from '../../demo/generator/catalog.ts';
import { createRandom } from '../../demo/generator/random.ts';
import { summarise, type LatencyFigures } from '../trends/latency.ts';

const english = ['battery', 'delivery late', 'refund', 'app crash', 'price', 'size', 'customer service', 'screen'];
const chinese = ['退款', '客服', '物流', '闪退', '快递', '价格', '电池', '尺码'];
const DAY = 86_400_000;

export type SearchFigures = LatencyFigures & { english: { p50: number; p95: number }; chinese: { p50: number; p95: number }; zeroHits: number; medianTotal: number };

/** A stream of search paths drawn from `seed`. */
export function createSearchMix(seed: number): () => { path: string; language: 'en' | 'zh' } {
  const rng = createRandom(seed);
  let turn = 0;
  return () => {
    const language = turn++ % 2 === 0 ? 'en' : 'zh';
    const params: Record<string, string> = { q: rng.pick(language === 'en' ? english : chinese), pageSize: '20' };
    const filters: Array<() => void> = [
      () => (params.sentiment = rng.pick(['negative', 'neutral', 'positive'])),
      () => (params.segment = rng.pick(['vip', 'premium', 'standard', 'new'])),
      () => (params.source = rng.pick(['review', 'complaint', 'support', 'social', 'survey'])),
      () => (params.product = rng.pick(products).id),
      () => (params.language = language),
      () => (params.from = new Date(Date.now() - rng.pick([7, 30]) * DAY).toISOString()),
      () => (params.minRating = String(rng.int(1, 3))),
    ];
    for (let k = rng.int(1, 2); k > 0; k--) rng.pick(filters)();
    if (rng.chance(0.2)) params.sort = 'newest';
    return { path: `/v1/feedback/search?${new URLSearchParams(params)}`, language };
  };
}

type Sample = { ms: number; ok: boolean; error?: string; language: 'en' | 'zh'; total?: number };

async function timedSearch(apiUrl: string, headers: Record<string, string>, path: string, language: 'en' | 'zh'): Promise<Sample> {
  const started = performance.now();
  try {
    const res = await fetch(`${apiUrl}${path}`, { headers: { accept: 'application/json', ...headers } });
    const body = await res.text();
    const ms = performance.now() - started;
    if (res.status !== 200) return { ms, ok: false, language, error: `${res.status} on ${path}: ${body.slice(0, 500)}` };
    return { ms, ok: true, language, total: (JSON.parse(body) as { total: number }).total };
  } catch (error) {
    return { ms: performance.now() - started, ok: false, language, error: `${(error as Error).message} on ${path}` };
  }
}

export async function measureSearch(o: { apiUrl: string; headers: Record<string, string>; seed: number; warmup: number; requests: number }, progress?: (done: number) => void): Promise<SearchFigures> {
  const next = createSearchMix(o.seed);
  for (let i = 0; i < o.warmup; i++) {
    const q = next();
    await timedSearch(o.apiUrl, o.headers, q.path, q.language);
  }
  const samples: Sample[] = [];
  for (let i = 0; i < o.requests; i++) {
    const q = next();
    samples.push(await timedSearch(o.apiUrl, o.headers, q.path, q.language));
    progress?.(i + 1);
  }
  const part = (language: 'en' | 'zh') => {
    const f = summarise(samples.filter((s) => s.language === language));
    return { p50: f.p50, p95: f.p95 };
  };
  const totals = samples.flatMap((s) => (s.total === undefined ? [] : [s.total])).sort((a, b) => a - b);
  return { ...summarise(samples), english: part('en'), chinese: part('zh'), zeroHits: totals.filter((t) => t === 0).length, medianTotal: totals[Math.floor(totals.length / 2)] ?? 0 };
}
