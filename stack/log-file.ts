// Reading server log files: the last lines (for error messages and `voc stack logs -n`)
// and following appended output (`voc stack logs -f`). Logs are append-only and may be
// large, so tails read backwards in chunks instead of loading the file.
import { appendFileSync, closeSync, existsSync, mkdirSync, openSync, readSync, statSync } from 'node:fs';
import path from 'node:path';

const CHUNK = 64 * 1024;

export function tailLines(file: string, lines: number): string[] {
  if (lines <= 0 || !existsSync(file)) return [];
  const fd = openSync(file, 'r');
  try {
    let position = statSync(file).size;
    let text = '';
    // One extra newline: the file usually ends with one.
    while (position > 0 && countNewlines(text) <= lines) {
      const size = Math.min(CHUNK, position);
      position -= size;
      const buffer = Buffer.alloc(size);
      readSync(fd, buffer, 0, size, position);
      text = buffer.toString('utf8') + text;
    }
    const all = text.split('\n');
    if (all.at(-1) === '') all.pop();
    return all.slice(-lines);
  } finally {
    closeSync(fd);
  }
}

function countNewlines(text: string): number {
  let count = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) count++;
  return count;
}

/** The tail as an indented block for error messages, or a note that there is no log yet. */
export function describeTail(file: string, lines = 20): string {
  const tail = tailLines(file, lines);
  if (tail.length === 0) return `(log ${file} is empty or missing)`;
  return `last ${tail.length} lines of ${file}:\n` + tail.map((l) => `  | ${l}`).join('\n');
}

/** A marker line between runs, so one log file reads as a history of starts. */
export function appendNote(file: string, note: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  appendFileSync(file, `--- voc stack ${new Date().toISOString()}: ${note}\n`);
}

/** Calls onText with everything appended after `from` until the signal aborts. */
export async function followFile(
  file: string,
  onText: (text: string) => void,
  opts: { from: number; signal: AbortSignal; intervalMs?: number },
): Promise<void> {
  let position = opts.from;
  while (!opts.signal.aborted) {
    const size = existsSync(file) ? statSync(file).size : 0;
    // Truncated or replaced: start over from its beginning.
    if (size < position) position = 0;
    if (size > position) {
      const fd = openSync(file, 'r');
      try {
        const buffer = Buffer.alloc(size - position);
        readSync(fd, buffer, 0, buffer.length, position);
        position = size;
        onText(buffer.toString('utf8'));
      } finally {
        closeSync(fd);
      }
    }
    await new Promise((resolve) => setTimeout(resolve, opts.intervalMs ?? 500));
  }
}
