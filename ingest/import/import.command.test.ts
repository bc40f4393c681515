import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CommanderError } from 'commander';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../core/config/config.ts';
import { feedbackId } from '../../core/feedback/feedback-id.ts';
import type { FeedbackPublisher } from '../feedback-publisher.ts';
import { importCommand } from './import.command.ts';

let dir: string;
let csv: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'voc-import-command-'));
  csv = join(dir, 'reviews.csv');
  await writeFile(csv, 'Id,Review Text,Stars\n1,Great,5\n2,,3\n3,"Slow, but fine",4\n');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function publisher(fail?: Error) {
  const state = { published: 0, closed: false };
  const p: FeedbackPublisher = {
    async publish(items) {
      if (fail) throw fail;
      state.published += items.length;
      return items.map((f) => ({ id: feedbackId(f), source: f.source, topic: 't' }));
    },
    async close() {
      state.closed = true;
    },
  };
  return { p, state };
}

async function run(args: string[], pub = publisher()) {
  const out: string[] = [];
  const err: string[] = [];
  const opened = vi.fn(async () => pub.p);
  const command = importCommand({ loadConfig: () => loadConfig({}), createLogger: () => pino({ level: 'silent' }), openPublisher: opened });
  command.configureOutput({ writeOut: (s) => out.push(s), writeErr: (s) => err.push(s) });
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((s) => out.push(String(s)) > 0);
  let code: number;
  try {
    await command.parseAsync(args, { from: 'user' });
    code = Number(process.exitCode ?? 0);
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    code = error.exitCode;
  } finally {
    stdout.mockRestore();
    process.exitCode = undefined;
  }
  return { code, out: out.join(''), err: err.join(''), opened: opened.mock.calls.length, ...pub.state };
}

describe('voc import', () => {
  it('explains itself with examples', async () => {
    const result = await run(['--help']);
    expect(result.code).toBe(0);
    expect(result.out).toContain('Usage: import [options] <file>');
    expect(result.out).toContain(`--map 'text="Review Text",title=Title`);
    expect(result.out).toContain('customer.lifetimeValue');
  });

  it('imports, prints the summary and closes the publisher', async () => {
    const result = await run([csv, '--source', 'review', '--map', 'text="Review Text",rating=Stars,sourceId=Id', '--no-progress']);
    expect(result).toMatchObject({ code: 0, published: 2, closed: true });
    expect(result.out).toMatch(/accepted\s+2 {2}acknowledged by Kafka/);
    expect(result.out).toContain(`Done, with rejects: 1 row was rejected (reasons in ${csv}.rejects.jsonl)`);
  });

  it('prints a JSON summary with --json', async () => {
    const result = await run([csv, '--source', 'review', '--map', 'text="Review Text"', '--json', '--no-progress']);
    expect(JSON.parse(result.out)).toMatchObject({ outcome: 'complete', rowsRead: 3, accepted: 2, rejected: 1 });
  });

  it('exits with 2 on usage errors, before connecting to Kafka', async () => {
    for (const args of [
      [csv, '--source', 'review', '--map', 'txt="Review Text"'],
      [csv, '--source', 'review', '--map', 'text="Review"'],
      [csv, '--map', 'text="Review Text"'],
      [csv, '--source', 'review', '--batch-size', '0'],
      [csv, '--bogus'],
      [join(dir, 'missing.csv'), '--source', 'review'],
      [csv, '--source', 'review', '--map', 'text="Review Text"', '--rejects', csv],
    ]) {
      const result = await run(args);
      expect({ args, code: result.code, opened: result.opened }).toEqual({ args, code: 2, opened: 0 });
      expect(result.err).toMatch(/^error: /);
    }
    expect((await run([csv, '--source', 'review', '--map', 'text="Review"'])).err).toContain(
      'error: --map names column "Review" that the CSV header does not have; its columns are: "Id", "Review Text", "Stars"',
    );
  });

  it('exits with 1 when Kafka does not take the rows, saying a re-run is safe', async () => {
    const result = await run([csv, '--source', 'review', '--map', 'text="Review Text"', '--no-progress'], publisher(new Error('message too large')));
    expect(result).toMatchObject({ code: 1, closed: true });
    expect(result.out).toContain('Import stopped: Kafka did not acknowledge a batch of 2 rows after 1 attempt: message too large');
    expect(result.out).toContain('Re-running the same command is safe');
  });

  it('does not open a publisher for a dry run', async () => {
    const result = await run([csv, '--source', 'review', '--map', 'text="Review Text"', '--dry-run', '--no-progress']);
    expect(result).toMatchObject({ code: 0, opened: 0, published: 0 });
    expect(result.out).toContain('Dry run: nothing was published; 2 rows are valid, 1 row was rejected');
  });
});
