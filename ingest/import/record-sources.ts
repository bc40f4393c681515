// Reads an import file row by row as an async iterable, streaming, so files larger than
// memory import fine. Every row carries its number (1-based, data rows only), the line it
// starts on and how many bytes of the file have been read up to its end (for progress).
// A row that cannot be read (bad JSON, a CSV row with the wrong number of fields, broken
// quoting) comes out as `ok: false` with the reason, in its place, so it can be rejected
// while the rest of the file is imported.
//
// Encodings: UTF-8 (with or without a BOM) and UTF-16 little-endian with its BOM (Excel's
// "Unicode text"). UTF-8 files are read as bytes and decoded row by row, so a row that is not
// UTF-8 (part of the file saved as Latin-1 or GBK) is a bad row naming its cells, instead of
// an import of replacement characters.
import { isUtf8 } from 'node:buffer';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { extname } from 'node:path';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream';
import { CsvError, parse, type Info } from 'csv-parse';
import { firstInvalidByte } from '../first-invalid-byte.ts';
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

type Encoding = { bom: number; encoding: 'latin1' | 'utf16le' };

/** The encoding the BOM declares; UTF-8 is read as latin1, one character per byte, and decoded per row. */
async function sniff(file: string): Promise<Encoding> {
  const handle = await open(file);
  const { buffer, bytesRead } = await handle.read(Buffer.alloc(3), 0, 3, 0).finally(() => handle.close());
  const head = buffer.subarray(0, bytesRead);
  if (head[0] === 0xfe && head[1] === 0xff) {
    throw new ImportUsageError(`${file} is UTF-16 big-endian (it starts with the bytes FE FF); save it as UTF-8, e.g. iconv -f UTF-16BE -t UTF-8`);
  }
  if (head[0] === 0xff && head[1] === 0xfe) return { bom: 2, encoding: 'utf16le' };
  return { bom: head.equals(Buffer.from([0xef, 0xbb, 0xbf])) ? 3 : 0, encoding: 'latin1' };
}

/** A latin1-read string as UTF-8 text; undefined when its bytes are not UTF-8. */
function utf8(text: string): string | undefined {
  const bytes = Buffer.from(text, 'latin1');
  return isUtf8(bytes) ? bytes.toString('utf8') : undefined;
}
const lenient = (text: string) => Buffer.from(text, 'latin1').toString('utf8');

/** Decodes a CSV record read as latin1; names the columns whose cells are not UTF-8. */
function decodeRecord(record: Record<string, string>, encoding: Encoding['encoding']): { record: Record<string, string>; invalid: string[] } {
  if (encoding !== 'latin1') return { record, invalid: [] };
  const invalid: string[] = [];
  const decoded: Record<string, string> = {};
  for (const [column, cell] of Object.entries(record)) {
    const text = utf8(cell);
    if (text === undefined) invalid.push(column);
    decoded[column] = text ?? lenient(cell);
  }
  return { record: decoded, invalid };
}

async function* readCsv(file: string, options: ReadOptions): AsyncGenerator<SourceRow> {
  // csv-parse reports a skipped (malformed) record through a callback while parsing a chunk,
  // ahead of records of that chunk we have not consumed yet; `err.records` (records emitted
  // before it) puts it back in order.
  const skipped: Array<{ error: CsvError; raw: string | undefined }> = [];
  const { bom, encoding } = await sniff(file);
  const text = (raw: string) => (encoding === 'latin1' ? lenient(raw) : raw);
  const parser = parse({
    columns: (header: string[]) => {
      const columns = header.map(text);
      options.onHeader?.(columns);
      return columns;
    },
    // UTF-16 reaches the parser already decoded (see `input`), as UTF-8 text: csv-parse
    // matches delimiters and quotes as byte sequences, and in UTF-16 the bytes of two
    // characters can spell a quote across their boundary ("∀⬀" holds 0x22 0x00).
    encoding: encoding === 'utf16le' ? 'utf8' : encoding,
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
  // Offsets of a UTF-16 file's rows count the UTF-8 bytes of its text: progress, not positions.
  const input = createReadStream(file, { start: bom, ...(encoding === 'utf16le' ? { encoding: 'utf16le' as const } : {}) });
  // Errors of either stream surface through the iteration below.
  pipeline(input, parser, () => {});
  let row = 0;
  const malformed = ({ error, raw }: (typeof skipped)[number]): SourceRow => ({
    ok: false,
    row: ++row,
    line: startLine(Number(error.lines), raw),
    byteOffset: bom + Number(error.bytes),
    message: error.message,
    raw: raw === undefined ? undefined : text(raw),
  });
  try {
    for await (const item of parser as AsyncIterable<{ record: Record<string, string>; info: Info & { error?: CsvError }; raw: string }>) {
      while (skipped.length > 0 && Number(skipped[0]!.error.records) < item.info.records) yield malformed(skipped.shift()!);
      const position = { row: ++row, line: startLine(item.info.lines, item.raw), byteOffset: bom + item.info.bytes };
      const { record, invalid } = decodeRecord(item.record, encoding);
      if (item.info.error) {
        yield { ...position, ok: false, message: describeColumnCount(item.info.error), record, raw: text(trimBreak(item.raw)) };
      } else if (invalid.length > 0) {
        const columns = invalid.map((c) => JSON.stringify(c)).join(', ');
        yield { ...position, ok: false, message: `${columns}: not UTF-8 (is this part of the file Latin-1 or GBK? save the file as UTF-8)`, record, raw: text(trimBreak(item.raw)) };
      } else {
        yield { ...position, ok: true, record };
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
  const { bom, encoding } = await sniff(file);
  const input = createReadStream(file, { encoding, start: bom });
  const lines = createInterface({ input, crlfDelay: Infinity });
  let line = 0;
  let row = 0;
  let byteOffset = bom;
  try {
    for await (const read of lines) {
      line++;
      // readline drops the line break; counting it as one byte undercounts CRLF files
      // slightly, which only affects the progress estimate.
      byteOffset += Buffer.byteLength(read, encoding) + 1;
      if (read.trim() === '') continue;
      const position = { row: ++row, line, byteOffset };
      const json = encoding === 'latin1' ? utf8(read) : read;
      if (json === undefined) {
        const at = firstInvalidByte(Buffer.from(read, 'latin1')) + 1;
        yield { ...position, ok: false, message: `byte ${at} of the line is not UTF-8 (is this part of the file Latin-1 or GBK? save the file as UTF-8)`, raw: lenient(read) };
        continue;
      }
      let value: unknown;
      try {
        value = JSON.parse(json);
      } catch (error) {
        yield { ...position, ok: false, message: `not valid JSON: ${(error as Error).message}`, raw: json };
        continue;
      }
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        yield { ...position, ok: false, message: `expected a JSON object, got ${Array.isArray(value) ? 'an array' : JSON.stringify(value)}`, raw: json };
        continue;
      }
      // Copying or writing a deeper value (for the reject file) overflows the stack.
      if (deeperThan(value, MAX_DEPTH)) {
        yield { ...position, ok: false, message: `nested deeper than ${MAX_DEPTH} levels; feedback is at most 3 deep`, raw: json.slice(0, 1000) };
        continue;
      }
      yield { ...position, ok: true, record: value as Record<string, unknown> };
    }
  } finally {
    lines.close();
    input.destroy();
  }
}

const MAX_DEPTH = 64;

function deeperThan(value: unknown, limit: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [at, depth] = stack.pop()!;
    if (typeof at !== 'object' || at === null) continue;
    if (depth > limit) return true;
    for (const child of Object.values(at)) stack.push([child, depth + 1]);
  }
  return false;
}
