// Progress on stderr: a redrawn cli-progress bar on a terminal, a plain line every 10 s
// otherwise (logs of a CI run stay readable). stdout is left to the report.
import cliProgress from 'cli-progress';

const tty = process.stderr.isTTY === true;
export const note = (line: string) => process.stderr.write(`${line}\n`);
const fmt = (n: number) => n.toLocaleString('en');

export type Progress = { update(done: number, extra?: Record<string, number>): void; stop(): void };

/** `extra` names further figures shown after the rate, e.g. { lag: 'lag' }; a bar over time (`unit` 's') shows no rate. */
export function progress(label: string, total: number, unit: string, extra: Record<string, string> = {}): Progress {
  const showRate = unit !== 's';
  const tail = Object.entries(extra).map(([key, name]) => ` | ${name} {${key}}`).join('');
  const format = `${label} {bar} {value}/{total} ${unit}${showRate ? ' | {rate}/s' : ''}${tail}`;
  const bar = tty ? new cliProgress.SingleBar({ format, hideCursor: true, stream: process.stderr }, cliProgress.Presets.shades_classic) : undefined;
  const started = performance.now();
  let lastLine = 0;
  let stopped = false;
  bar?.start(total, 0, { rate: 0, ...Object.fromEntries(Object.keys(extra).map((k) => [k, 0])) });
  return {
    update(done, values = {}) {
      if (stopped) return;
      const elapsed = (performance.now() - started) / 1000;
      const rate = Math.round(done / Math.max(elapsed, 0.001));
      bar?.update(done, { rate, ...values });
      if (!bar && (elapsed - lastLine >= 10 || done === total)) {
        lastLine = elapsed;
        const more = Object.entries(values).map(([k, v]) => `, ${extra[k] ?? k} ${fmt(v)}`).join('');
        note(`${label}: ${fmt(done)}/${fmt(total)} ${unit}${showRate ? `, ${fmt(rate)}/s` : ''}${more}${showRate ? `, ${elapsed.toFixed(0)} s` : ''}`);
      }
    },
    stop() {
      if (stopped) return;
      stopped = true;
      bar?.stop();
    },
  };
}
