// A client posting feedback to POST /v1/feedback at a constant offered rate. Items fall due
// at `rate` per second; whatever is due goes out in requests of up to `batch` items (a
// partial batch once the oldest due item has waited 100 ms), with at most `maxInFlight`
// requests outstanding. When the API answers slower than the rate needs, items wait
// (`behind`) and the accepted rate shows what was really taken. Items come from a pool of
// generated feedback, each sent with a new sourceId, so every item has an id of its own.
// `onAccepted` hears each 202 with the ids and the moment the answer was read.
import type { Feedback } from '../../core/feedback/feedback.schema.ts';
import { percentile } from '../trends/latency.ts';

export type PostStats = { sent: number; accepted: number; requests: number; failedRequests: number; firstError?: string };
export type PostLoad = {
  stats: PostStats;
  /** Items due but not yet sent because `maxInFlight` requests were outstanding. */
  behind(): number;
  /** p50/p95 ms of the 202 answers so far. */
  latency(): { p50: number; p95: number };
  stop(): Promise<void>;
};

export function startPostLoad(o: {
  apiUrl: string;
  headers: Record<string, string>;
  rate: number;
  pool: readonly Feedback[];
  sourceIdPrefix: string;
  batch?: number;
  maxInFlight?: number;
  onAccepted?: (ids: string[], at: number) => void;
}): PostLoad {
  const batch = o.batch ?? 100;
  const maxInFlight = o.maxInFlight ?? 4;
  const stats: PostStats = { sent: 0, accepted: 0, requests: 0, failedRequests: 0 };
  const latencies: number[] = [];
  const inFlight = new Set<Promise<void>>();
  const started = performance.now();
  let lastSend = started;
  let stopped = false;
  const due = () => Math.floor(((performance.now() - started) / 1000) * o.rate) - stats.sent;

  const send = async (items: Feedback[]) => {
    const t0 = performance.now();
    stats.requests++;
    try {
      const res = await fetch(`${o.apiUrl}/v1/feedback`, { method: 'POST', headers: { 'content-type': 'application/json', ...o.headers }, body: JSON.stringify(items) });
      const text = await res.text();
      const at = performance.now();
      if (res.status === 202) {
        stats.accepted += items.length;
        latencies.push(at - t0);
        o.onAccepted?.((JSON.parse(text) as { ids: string[] }).ids, at);
      } else {
        stats.failedRequests++;
        stats.firstError ??= `${res.status} ${text.slice(0, 500)}`;
      }
    } catch (error) {
      stats.failedRequests++;
      stats.firstError ??= (error as Error).message;
    }
  };

  const loop = (async () => {
    while (!stopped) {
      const n = Math.min(batch, due());
      const waited = performance.now() - lastSend;
      if (inFlight.size >= maxInFlight || n <= 0 || (n < batch && waited < 100)) {
        await (inFlight.size >= maxInFlight ? Promise.race(inFlight) : new Promise((r) => setTimeout(r, 10)));
        continue;
      }
      const items = Array.from({ length: n }, (_, k) => ({ ...o.pool[(stats.sent + k) % o.pool.length]!, sourceId: `${o.sourceIdPrefix}-${stats.sent + k}` }));
      stats.sent += n;
      lastSend = performance.now();
      const p = send(items).finally(() => inFlight.delete(p));
      inFlight.add(p);
    }
    await Promise.all(inFlight);
  })();

  return {
    stats,
    behind: () => Math.max(0, due()),
    latency() {
      const sorted = [...latencies].sort((a, b) => a - b);
      return { p50: Math.round(percentile(sorted, 50)), p95: Math.round(percentile(sorted, 95)) };
    },
    async stop() {
      stopped = true;
      await loop;
    },
  };
}
