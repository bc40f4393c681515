// The reject file: one JSON line per row that was not imported, with every reason, so the
// user can fix the rows and import the file (or just the rejects) again. Opened before any
// row is read: an unwritable path fails the import up front, and a stale file from an
// earlier run is truncated rather than left to mislead. Removed again when nothing was rejected.
import { once } from 'node:events';
import { open, rm } from 'node:fs/promises';
import type { FieldProblem } from '../../core/feedback/feedback.schema.ts';

export type RejectEntry = {
  /** data row number, 1-based */
  row: number;
  /** line of the file the row starts on */
  line?: number;
  problems: FieldProblem[];
  /** the row as read: CSV cells by column, or the JSONL object */
  record?: unknown;
  /** the original text, when the row could not be parsed */
  raw?: string;
};

export type RejectFile = {
  readonly path: string;
  readonly count: number;
  write(entry: RejectEntry): Promise<void>;
  /** Flushes; deletes the file if nothing was written. */
  close(): Promise<void>;
};

export async function openRejectFile(path: string): Promise<RejectFile> {
  const handle = await open(path, 'w');
  const stream = handle.createWriteStream();
  let count = 0;
  let failure: Error | undefined;
  // Kept and rethrown on the next write: an unhandled 'error' event would crash the process.
  stream.on('error', (error) => {
    failure = error;
  });
  return {
    path,
    get count() {
      return count;
    },
    async write(entry) {
      if (failure) throw new Error(`cannot write the reject file ${path}: ${failure.message}`, { cause: failure });
      count++;
      if (!stream.write(`${JSON.stringify(entry)}\n`)) await once(stream, 'drain');
    },
    async close() {
      if (!stream.closed) {
        stream.end();
        await once(stream, 'close');
      }
      if (count === 0) await rm(path, { force: true });
      if (failure) throw new Error(`cannot write the reject file ${path}: ${failure.message}`, { cause: failure });
    },
  };
}
