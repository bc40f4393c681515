// Background write load while queries are measured: fresh generated feedback posted to
// POST /v1/feedback at a steady `rate` items/s, so that the processor tags and indexes
// while the analytics endpoints answer. Every `tickMs` the items that fell due are sent in
// one request (at most `maxBatch`); one request is in flight at a time, so when the API or
// Kafka slows down the achieved rate drops below the target and the report shows it.
import { randomBytes } from 'node:crypto';
import { createFeedbackGenerator } from '../../demo/generator/feedback-generator.ts';

export type IngestStats = { accepted: number; failedRequests: number; firstError?: string };
export type IngestLoad = { stats: IngestStats; stop(): Promise<void> };

export function startIngestLoad(opts: { apiUrl: string; headers: Record<string, string>; rate: number; seed: number; tickMs?: number; maxBatch?: number }): IngestLoad {
  const tickMs = opts.tickMs ?? 100;
  const maxBatch = opts.maxBatch ?? 500;
  const end = Date.now();
  // Items of the last hour: they land in the current monthly index, as live feedback does.
  const generator = createFeedbackGenerator({ seed: opts.seed, start: new Date(end - 3_600_000), end: new Date(end), incident: null, sourceIdPrefix: `trends-live-${randomBytes(3).toString('hex')}` });
  const stats: IngestStats = { accepted: 0, failedRequests: 0 };
  const started = performance.now();
  let due = 0;
  let stopped = false;

  const loop = (async () => {
    while (!stopped) {
      const target = Math.floor(((performance.now() - started) / 1000) * opts.rate);
      const n = Math.min(maxBatch, target - due);
      if (n <= 0) {
        await new Promise((r) => setTimeout(r, tickMs));
        continue;
      }
      due += n;
      const batch = Array.from({ length: n }, () => generator.next().feedback);
      try {
        const res = await fetch(`${opts.apiUrl}/v1/feedback`, { method: 'POST', headers: { 'content-type': 'application/json', ...opts.headers }, body: JSON.stringify(batch) });
        const body = await res.text();
        if (res.status === 202) stats.accepted += n;
        else {
          stats.failedRequests++;
          stats.firstError ??= `${res.status} ${body.slice(0, 500)}`;
        }
      } catch (error) {
        stats.failedRequests++;
        stats.firstError ??= (error as Error).message;
      }
    }
  })();

  return {
    stats,
    async stop() {
      stopped = true;
      await loop;
    },
  };
}
