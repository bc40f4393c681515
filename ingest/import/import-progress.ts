// How a running import shows progress: a cli-progress bar on an interactive stderr (ETA
// from bytes read against the file size, since the row count is unknown until the end), a
// log line every few seconds otherwise (CI, pipes, `--no-progress`), or nothing (tests).
import { Presets, SingleBar } from 'cli-progress';
import type { Logger } from '../../core/observability/logger.ts';
import type { ProgressReporter, ProgressState } from './import-file.ts';

export const silentProgress: ProgressReporter = { start() {}, update() {}, stop() {} };

export function createBarProgress(stream: NodeJS.WriteStream, now: () => number = Date.now): ProgressReporter {
  const bar = new SingleBar(
    {
      stream,
      format: ' {bar} {percentage}% | {rows} rows | {rate} rows/s | {rejected} rejected | ETA {eta_formatted}',
      hideCursor: true,
      // Samples come at most every 200 ms (below): the ETA follows the last ~10 seconds.
      etaBuffer: 50,
      fps: 5,
    },
    Presets.shades_classic,
  );
  let started = 0;
  let total = 0;
  let last = 0;
  let latest: ProgressState | undefined;
  const payload = (s: ProgressState) => ({ rows: s.rows, rejected: s.rejected, rate: rate(s.rows, now() - started) });
  return {
    start(totalBytes) {
      started = now();
      // An empty file still draws a bar rather than dividing by zero.
      total = Math.max(totalBytes, 1);
      bar.start(total, 0, { rows: 0, rejected: 0, rate: 0 });
    },
    update(state) {
      latest = state;
      // cli-progress recomputes its ETA on every update; one per row would be wasteful.
      if (now() - last < 200) return;
      last = now();
      bar.update(Math.min(state.bytes, total), payload(state));
    },
    stop() {
      // Show where the run ended, even if the last update fell inside the throttle window.
      if (latest) bar.update(Math.min(latest.bytes, total), payload(latest));
      bar.stop();
    },
  };
}

export function createLogProgress(logger: Logger, opts: { intervalMs?: number; now?: () => number } = {}): ProgressReporter {
  const now = opts.now ?? Date.now;
  const intervalMs = opts.intervalMs ?? 5000;
  let started = 0;
  let total = 0;
  let last = 0;
  return {
    start(totalBytes) {
      started = last = now();
      total = totalBytes;
    },
    update(state) {
      if (now() - last < intervalMs) return;
      last = now();
      const percent = total > 0 ? Math.min(100, Math.round((state.bytes / total) * 100)) : 100;
      logger.info({ ...state, percent, rowsPerSecond: rate(state.rows, now() - started) }, `import progress: ${percent}%, ${state.rows} rows read`);
    },
    stop() {},
  };
}

function rate(rows: number, elapsedMs: number): number {
  return elapsedMs > 0 ? Math.round((rows / elapsedMs) * 1000) : 0;
}
