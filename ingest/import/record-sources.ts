// Reads an import file row by row as an async iterable, streaming, so files larger than
// memory import fine. Every row carries its number (1-based, data rows only), the line it
// starts on and how many bytes of the file have been read up to its end (for progress).
// A row that cannot be read (bad JSON, a CSV row with the wrong number of fields, broken
// quoting) comes out as `ok: false` with the reason, in its place, so it can be rejected
// while the rest of the file is imported.
import { createReadStream } from 'node:fs';
import { extname } from 'node:path';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream';
import { CsvError, parse, type Info } from 'csv-parse';
import { ImportUsageError } from './import-usage-error.ts';

export const importFormats = ['csv', 'jsonl'] as const;
export type ImportFormat = (typeof importFormats)[number];

export type SourceRow = { row: number; line: number; byteOffset: number } & (
  | { ok: true; record: Record<string, unknown> }
  | { ok: false; message: string; record?: Record<string, unknown>; raw?: string }
);

export type ReadOptions = {
  /** CSV only: called with the header before the first row; throwing ends the read with that error. */
  onHeader?: (columns: string[]) => void;
};

const extensions: Readonly<Record<string, ImportFormat>> = { '.csv': 'csv', '.jsonl': 'jsonl', '.ndjson': 'jsonl' };

export function detectFormat(file: string, explicit?: ImportFormat): ImportFormat {
  if (explicit) return explicit;
  const format = extensions[extname(file).toLowerCase()];
  if (!format) {
    throw new ImportUsageError(`cannot tell the format of ${file} from its extension (.csv, .jsonl or .ndjson); pass --format csv or --format jsonl`);
  }
  return format;
}

export function readRows(file: string, format: ImportFormat, options: ReadOptions = {}): AsyncGenerator<SourceRow> {
  return format === 'csv' ? readCsv(file, options) : readJsonl(file);
}

async function* readCsv(file: string, options: ReadOptions): AsyncGenerator<SourceRow> {
  // csv-parse reports a skipped (malformed) record through a callback while parsing a chunk,
  // ahead of records of that chunk we have not consumed yet; `err.records` (records emitted
  // before it) puts it back in order.
  const skipped: Array<{ error: CsvError; raw: string | undefined }> = [];
  const parser = parse({
    columns: (header: string[]) => {
      options.onHeader?.(header);
      return header;
    },
    bom: true,
    info: true,
    raw: true,
    skip_empty_lines: true,
    // A stray quote inside an unquoted cell (5" screen) is kept as a character.
    relax_quotes: true,
    // Rows with too few or too many cells are rejected below with the row in hand,
    // rather than stopping the whole import.
    relax_column_count: true,
    skip_records_with_error: true,
    on_skip: (error, raw) => {
      if (error) skipped.push({ error, raw });
      return undefined;
    },
  });
  const input = createReadStream(file);
  // Errors of either stream surface through the iteration below.
  pipeline(input, parser, () => {});
  let row = 0;
  const malformed = ({ error, raw }: (typeof skipped)[number]): SourceRow => ({
    ok: false,
    row: ++row,
    line: startLine(Number(error.lines), raw),
    byteOffset: Number(error.bytes),
    message: error.message,
    raw,
  });
  try {
    for await (const item of parser as AsyncIterable<{ record: Record<string, string>; info: Info & { error?: CsvError }; raw: string }>) {
      while (skipped.length > 0 && Number(skipped[0]!.error.records) < item.info.records) yield malformed(skipped.shift()!);
      const position = { row: ++row, line: startLine(item.info.lines, item.raw), byteOffset: item.info.bytes };
      if (item.info.error) {
        yield { ...position, ok: false, message: describeColumnCount(item.info.error), record: item.record, raw: trimBreak(item.raw) };
      } else {
        yield { ...position, ok: true, record: item.record };
      }
    }
    for (const skip of skipped) yield malformed(skip);
  } finally {
    input.destroy();
    parser.destroy();
  }
}

function describeColumnCount(error: CsvError): string {
  // "Invalid Record Length: columns length is 3, got 4 on line 7"
  const got = /got (\d+)/.exec(error.message)?.[1];
  const expected = /columns length is (\d+)/.exec(error.message)?.[1];
  return got && expected ? `the row has ${got} cells but the header has ${expected} columns` : error.message;
}

// csv-parse counts lines up to the end of a record; a quoted cell may span several lines.
function startLine(endLine: number, raw: string | undefined): number {
  if (raw === undefined) return endLine;
  const breaks = trimBreak(raw.replace(/^[\r\n]+/, '')).match(/\r\n|\r|\n/g)?.length ?? 0;
  return endLine - breaks;
}

function trimBreak(raw: string): string {
  return raw.replace(/(\r\n|\r|\n)$/, '');
}

async function* readJsonl(file: string): AsyncGenerator<SourceRow> {
  const input = createReadStream(file, { encoding: 'utf8' });
  const lines = createInterface({ input, crlfDelay: Infinity });
  let line = 0;
  let row = 0;
  let byteOffset = 0;
  try {
    for await (const text of lines) {
      line++;
      // readline drops the line break; counting it as one byte undercounts CRLF files
      // slightly, which only affects the progress estimate.
      byteOffset += Buffer.byteLength(text) + 1;
      const json = line === 1 ? text.replace(/^\uFEFF/, '') : text;
      if (json.trim() === '') continue;
      const position = { row: ++row, line, byteOffset };
      let value: unknown;
      try {
        value = JSON.parse(json);
      } catch (error) {
        yield { ...position, ok: false, message: `not valid JSON: ${(error as Error).message}`, raw: text };
        continue;
      }
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        yield { ...position, ok: false, message: `expected a JSON object, got ${Array.isArray(value) ? 'an array' : JSON.stringify(value)}`, raw: text };
        continue;
      }
      yield { ...position, ok: true, record: value as Record<string, unknown> };
    }
  } finally {
    lines.close();
    input.destroy();
  }
}
