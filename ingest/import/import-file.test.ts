import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UnavailableError } from '../../core/errors.ts';
import { feedbackId } from '../../core/feedback/feedback-id.ts';
import type { Feedback } from '../../core/feedback/feedback.schema.ts';
import type { FeedbackPublisher } from '../feedback-publisher.ts';
import { parseConstants, parseFieldMap } from './field-mapping.ts';
import { importFile, type ImportOptions, type ProgressState } from './import-file.ts';
import { ImportUsageError } from './import-usage-error.ts';
import { silentProgress } from './import-progress.ts';

const logger = pino({ level: 'silent' });
const fastRetry = { retries: 2, minTimeoutMs: 1, maxTimeoutMs: 5, maxRetryTimeMs: 5000 };

/** In memory, like the real publisher: resolves once "Kafka" took every item, or throws. */
function fakePublisher(fail: (call: number) => Error | undefined = () => undefined) {
  const published: Feedback[] = [];
  let calls = 0;
  const publisher: FeedbackPublisher & { published: Feedback[]; calls: () => number } = {
    published,
    calls: () => calls,
    async publish(items) {
      const error = fail(++calls);
      if (error) throw error;
      published.push(...items);
      return items.map((f) => ({ id: feedbackId(f), source: f.source, topic: `test.feedback.raw.${f.source}` }));
    },
    async close() {},
  };
  return publisher;
}

const kafkaDown = () => new UnavailableError('kafka', 'Kafka did not acknowledge the feedback: Connection error');

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'voc-import-file-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function fixture(name: string, content: string): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, content);
  return file;
}

function options(file: string, more: Partial<ImportOptions> = {}): ImportOptions {
  return {
    file,
    format: file.endsWith('.csv') ? 'csv' : 'jsonl',
    map: parseFieldMap(['text="Review Text",rating=Stars,sourceId=Id']),
    constants: parseConstants([], 'review'),
    rejectsPath: `${file}.rejects.jsonl`,
    batchSize: 2,
    dryRun: false,
    retry: fastRetry,
    ...more,
  };
}

async function rejectsOf(file: string) {
  return (await readFile(`${file}.rejects.jsonl`, 'utf8'))
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
}

const reviews = [
  'Id,Review Text,Stars',
  '1,"Love it, really",5',
  '2,,4', // no text
  '3,Crashes on start,one', // rating not a number
  '4,"Slow\nsync",2', // spans two lines
  '1,"Love it, really",5', // duplicate of row 1
  '5,Fine,3',
  '6,Okay,',
].join('\n');

describe('importFile', () => {
  it('publishes valid rows once, rejects the rest with reasons, and sums up', async () => {
    const file = await fixture('reviews.csv', reviews);
    const publisher = fakePublisher();
    const summary = await importFile(options(file), { publisher, progress: silentProgress, logger });

    expect(publisher.published.map((f) => f.sourceId)).toEqual(['1', '4', '5', '6']);
    expect(publisher.published[1]).toEqual({ source: 'review', sourceId: '4', text: 'Slow\nsync', rating: 2 });
    expect(publisher.calls()).toBe(2);
    expect(summary).toMatchObject({
      outcome: 'complete',
      rowsRead: 7,
      valid: 4,
      accepted: 4,
      rejected: 2,
      rejectsFile: `${file}.rejects.jsonl`,
      duplicates: 1,
      bySource: { review: 4 },
      dryRun: false,
    });
    expect(summary.message).toBeUndefined();
    expect(await rejectsOf(file)).toEqual([
      { row: 2, line: 3, problems: [{ path: 'text', message: 'required, but "Review Text" is empty' }], record: { Id: '2', 'Review Text': '', Stars: '4' } },
      {
        row: 3,
        line: 4,
        problems: [{ path: 'rating', message: '"one" is not a number (from "Stars")' }],
        record: { Id: '3', 'Review Text': 'Crashes on start', Stars: 'one' },
      },
    ]);
  });

  it('retries a batch after a retriable failure', async () => {
    const file = await fixture('retry.csv', reviews);
    const publisher = fakePublisher((call) => (call === 2 ? kafkaDown() : undefined));
    const summary = await importFile(options(file), { publisher, progress: silentProgress, logger });
    expect(publisher.calls()).toBe(3);
    expect(summary).toMatchObject({ outcome: 'complete', accepted: 4 });
  });

  it('stops after retries run out, counting only acknowledged rows', async () => {
    const file = await fixture('down.csv', reviews);
    const publisher = fakePublisher((call) => (call >= 2 ? kafkaDown() : undefined));
    const summary = await importFile(options(file), { publisher, progress: silentProgress, logger });
    expect(publisher.calls()).toBe(1 + 3);
    expect(summary).toMatchObject({ outcome: 'failed', accepted: 2, valid: 4, bySource: { review: 2 } });
    expect(summary.message).toMatch(/^Kafka did not acknowledge a batch of 2 rows after 3 attempts: Kafka did not acknowledge the feedback/);
  });

  it('does not retry an error that retrying cannot fix', async () => {
    const file = await fixture('bug.csv', reviews);
    const publisher = fakePublisher(() => new Error('message too large'));
    const summary = await importFile(options(file), { publisher, progress: silentProgress, logger });
    expect(publisher.calls()).toBe(1);
    expect(summary).toMatchObject({ outcome: 'failed', accepted: 0 });
    expect(summary.message).toContain('after 1 attempt: message too large');
  });

  it('stops while waiting to retry when interrupted', async () => {
    const file = await fixture('interrupt.csv', reviews);
    const abort = new AbortController();
    const publisher = fakePublisher(() => {
      setTimeout(() => abort.abort(new Error('interrupted')), 10);
      return kafkaDown();
    });
    const started = Date.now();
    const summary = await importFile(options(file, { signal: abort.signal, retry: { ...fastRetry, minTimeoutMs: 60_000, maxTimeoutMs: 60_000 } }), {
      publisher,
      progress: silentProgress,
      logger,
    });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(summary).toMatchObject({ outcome: 'interrupted', accepted: 0 });
  });

  it('validates and writes rejects without publishing in a dry run', async () => {
    const file = await fixture('dry.csv', reviews);
    const summary = await importFile(options(file, { dryRun: true }), { progress: silentProgress, logger });
    expect(summary).toMatchObject({ outcome: 'complete', dryRun: true, valid: 4, accepted: 0, rejected: 2, duplicates: 1, bySource: { review: 4 } });
    expect(await rejectsOf(file)).toHaveLength(2);
  });

  it('reads only the first N rows with a limit', async () => {
    const file = await fixture('limit.csv', reviews);
    const publisher = fakePublisher();
    const summary = await importFile(options(file, { limit: 3 }), { publisher, progress: silentProgress, logger });
    expect(summary).toMatchObject({ rowsRead: 3, accepted: 1, rejected: 2 });
  });

  it('leaves no reject file when nothing was rejected, not even a stale one', async () => {
    const file = await fixture('clean.csv', 'Id,Review Text,Stars\n1,Good,5\n');
    await writeFile(`${file}.rejects.jsonl`, '{"stale":true}\n');
    const summary = await importFile(options(file), { publisher: fakePublisher(), progress: silentProgress, logger });
    expect(summary).toMatchObject({ outcome: 'complete', accepted: 1, rejected: 0 });
    expect(summary.rejectsFile).toBeUndefined();
    expect(existsSync(`${file}.rejects.jsonl`)).toBe(false);
  });

  it('fails with a usage error when a mapped column is missing, before publishing', async () => {
    const file = await fixture('header.csv', 'Id,Text\n1,Good\n');
    const publisher = fakePublisher();
    await expect(importFile(options(file), { publisher, progress: silentProgress, logger })).rejects.toThrow(ImportUsageError);
    expect(publisher.calls()).toBe(0);
    expect(existsSync(`${file}.rejects.jsonl`)).toBe(false);
  });

  it('imports JSONL items as they are, rejecting bad lines with their line number', async () => {
    const lines = ['{"source":"survey","text":"Too slow","score":3,"scale":"nps"}', '', '{not json', '{"text":"no source"}', '{"source":"complaint","text":"Refund?"}'];
    const file = await fixture('items.jsonl', lines.join('\n'));
    const publisher = fakePublisher();
    const summary = await importFile(options(file, { map: undefined, constants: new Map() }), { publisher, progress: silentProgress, logger });
    expect(summary).toMatchObject({ rowsRead: 4, accepted: 2, rejected: 2, bySource: { survey: 1, complaint: 1 } });
    const rejects = await rejectsOf(file);
    expect(rejects[0]).toMatchObject({ row: 2, line: 3, problems: [{ path: '(row)', message: expect.stringMatching(/^not valid JSON/) }], raw: '{not json' });
    expect(rejects[1]).toMatchObject({ row: 3, line: 4, problems: [{ path: 'source' }], record: { text: 'no source' } });
  });

  it('reports progress up to the size of the file', async () => {
    const file = await fixture('progress.csv', reviews);
    const updates: ProgressState[] = [];
    let total = 0;
    const progress = { start: (bytes: number) => (total = bytes), update: (s: ProgressState) => updates.push(s), stop() {} };
    await importFile(options(file), { publisher: fakePublisher(), progress, logger });
    expect(total).toBe((await stat(file)).size);
    expect(updates.at(-1)).toEqual({ bytes: total, rows: 7, accepted: 4, rejected: 2 });
  });
});
