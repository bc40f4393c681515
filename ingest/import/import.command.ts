// `voc import FILE`: a thin adapter from the command line to importFile. Checks everything
// it can before connecting to Kafka, opens the publisher (not for --dry-run), picks the
// progress display, stops cleanly on Ctrl-C, prints the summary on stdout.
// Exit codes: 0 every valid row accepted (rejects are reported, not a failure),
// 1 the run stopped early, 2 usage errors (thrown as CommanderError for cli/voc.ts).
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import type { Config } from '../../core/config/config.ts';
import { sources } from '../../core/feedback/feedback.schema.ts';
import type { Logger } from '../../core/observability/logger.ts';
import type { FeedbackPublisher } from '../feedback-publisher.ts';
import { fieldTargets, parseConstants, parseFieldMap, planCsv, planJsonl } from './field-mapping.ts';
import { importFile, type ImportOptions } from './import-file.ts';
import { createBarProgress, createLogProgress } from './import-progress.ts';
import { formatSummary } from './import-summary.ts';
import { ImportUsageError } from './import-usage-error.ts';
import { detectFormat, importFormats, readRows, type ImportFormat } from './record-sources.ts';

type Opts = {
  map?: string[];
  set?: string[];
  source?: string;
  format?: ImportFormat;
  rejects?: string;
  batchSize: number;
  limit?: number;
  dryRun?: boolean;
  json?: boolean;
  progress: boolean;
};

const EXIT_USAGE = 2;

const examples = `
Fields: ${wrap(fieldTargets.join(', '), 'Fields: '.length, 88)}.
Values may be double-quoted to hold commas and spaces: --map 'text="Review Text",rating=Stars'.
Without --map, CSV columns named like fields are used as they are and JSONL lines are taken
as feedback v1 objects (see \`voc schema\`). --set fills fields a row leaves empty.
CSV cells: empty means absent; rating, score and customer.lifetimeValue must be numbers;
createdAt may be ISO 8601 or any date Date understands (2015-02-24 11:35:52 -0800);
tags are split on | or ;.

Invalid rows are written with their reasons to FILE.rejects.jsonl (or --rejects) and the rest
is imported. Re-running an import is safe: feedback ids are deterministic, so nothing is
duplicated. Exit status: 0 all valid rows accepted, 1 stopped early, 2 usage error.

Examples:
  # app reviews whose columns have their own names
  voc import reviews.csv --source review \\
    --map 'text="Review Text",title=Title,rating=Rating,createdAt=Date,customer.id="Customer ID"'

  # an NPS survey export, constants with --set
  voc import nps.csv --set source=survey,scale=nps,channel=email --map text=Comment,score=Score

  # JSON lines that already are feedback v1
  voc import feedback.jsonl

  # try a mapping on the first 1000 rows: validate, write rejects, publish nothing
  voc import reviews.csv --source review --map text=Body --dry-run --limit 1000
`;

function wrap(text: string, indent: number, width: number): string {
  const lines = [''];
  for (const word of text.split(' ')) {
    if (lines.at(-1)!.length + word.length + indent > width) lines.push('');
    lines[lines.length - 1] += `${lines.at(-1) ? ' ' : ''}${word}`;
  }
  return lines.join(`\n${' '.repeat(indent)}`);
}

const positiveInteger = (value: string): number => {
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new InvalidArgumentError('expected a whole number of at least 1');
  return Number(value);
};
const collect = (value: string, previous: string[] | undefined) => [...(previous ?? []), value];

export function importCommand(deps: {
  loadConfig: () => Config;
  createLogger: () => Logger;
  openPublisher: (config: Config, logger: Logger) => Promise<FeedbackPublisher>;
}): Command {
  return new Command('import')
    .description('import feedback from a CSV or JSON-lines file: map columns to feedback fields, validate, publish to Kafka')
    .argument('<file>', 'a .csv, .jsonl or .ndjson file')
    .option('--map <pairs>', 'field=column pairs, comma-separated (repeatable)', collect)
    .option('--set <pairs>', 'field=value constants, comma-separated (repeatable)', collect)
    .addOption(new Option('--source <source>', 'the kind of feedback, same as --set source=…').choices(sources))
    .addOption(new Option('--format <format>', 'file format; default: from the extension').choices(importFormats))
    .option('--rejects <path>', 'where invalid rows go (default: FILE.rejects.jsonl)')
    .option('--batch-size <n>', 'rows per Kafka batch', positiveInteger, 500)
    .option('--limit <n>', 'import only the first N rows', positiveInteger)
    .option('--dry-run', 'validate and write rejects, publish nothing')
    .option('--json', 'print the summary as JSON')
    .option('--no-progress', 'no progress bar; log progress every few seconds instead')
    .addHelpText('after', examples)
    .showHelpAfterError('(run "voc import --help" for the options and examples)')
    // commander reports its own usage errors with exit code 1; voc uses 2 for those.
    .exitOverride((error) => {
      throw error.exitCode === 1 ? new CommanderError(EXIT_USAGE, error.code, error.message) : error;
    })
    .action(async (file: string, opts: Opts, command: Command) => {
      let options: ImportOptions;
      try {
        options = await checkArguments(file, opts);
      } catch (error) {
        if (error instanceof ImportUsageError) command.error(`error: ${error.message}`, { exitCode: EXIT_USAGE, code: 'voc.import.usage' });
        throw error;
      }
      const config = deps.loadConfig();
      const logger = deps.createLogger();
      const publisher = opts.dryRun
        ? undefined
        : await deps.openPublisher(config, logger).catch((error: Error) => {
            throw new Error(`cannot reach Kafka at ${config.kafka.brokers.join(', ')}, nothing was imported: ${error.message}`, { cause: error });
          });
      const progress = opts.progress && process.stderr.isTTY ? createBarProgress(process.stderr) : createLogProgress(logger);
      const abort = new AbortController();
      const interrupt = () => abort.abort(new Error('interrupted'));
      process.once('SIGINT', interrupt).once('SIGTERM', interrupt);
      let summary;
      try {
        summary = await importFile({ ...options, signal: abort.signal }, { publisher, progress, logger });
      } catch (error) {
        if (error instanceof ImportUsageError) command.error(`error: ${error.message}`, { exitCode: EXIT_USAGE, code: 'voc.import.usage' });
        throw error;
      } finally {
        process.off('SIGINT', interrupt).off('SIGTERM', interrupt);
        await publisher?.close().catch((error: unknown) => logger.warn({ err: error }, 'closing the Kafka producer failed'));
      }
      process.stdout.write(opts.json ? `${JSON.stringify(summary)}\n` : formatSummary(summary));
      if (summary.outcome !== 'complete') process.exitCode = 1;
    });
}

// Everything that can be wrong with the command line, found before Kafka is contacted.
async function checkArguments(file: string, opts: Opts): Promise<ImportOptions> {
  const format = detectFormat(file, opts.format);
  const map = parseFieldMap(opts.map ?? []);
  const constants = parseConstants(opts.set ?? [], opts.source);
  if (format === 'jsonl') planJsonl(map, constants);
  const info = await stat(file).catch(() => undefined);
  if (!info?.isFile()) throw new ImportUsageError(`${file} is not a file that can be read`);
  // The header decides whether the mapping fits; reading it costs one chunk of the file.
  if (format === 'csv') for await (const _ of readRows(file, format, { onHeader: (header) => planCsv(header, map, constants) })) break;
  const rejectsPath = opts.rejects ?? `${file}.rejects.jsonl`;
  if (resolve(rejectsPath) === resolve(file)) throw new ImportUsageError('--rejects must not be the input file');
  return {
    file,
    format,
    map,
    constants,
    rejectsPath,
    batchSize: opts.batchSize,
    limit: opts.limit,
    dryRun: opts.dryRun === true,
  };
}
