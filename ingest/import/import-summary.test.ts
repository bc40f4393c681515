import { describe, expect, it } from 'vitest';
import type { ImportSummary } from './import-file.ts';
import { formatSummary } from './import-summary.ts';

const base: ImportSummary = {
  file: 'reviews.csv',
  format: 'csv',
  dryRun: false,
  outcome: 'complete',
  rowsRead: 14_640,
  valid: 14_480,
  accepted: 14_480,
  rejected: 150,
  rejectsFile: 'reviews.csv.rejects.jsonl',
  duplicates: 10,
  bySource: { review: 14_480 },
  elapsedMs: 12_300,
  rowsPerSecond: 1190,
};

describe('formatSummary', () => {
  it('lists the figures and says rejects are not a failure', () => {
    expect(formatSummary(base)).toBe(
      [
        'Import of reviews.csv (csv)',
        '  rows read           14,640',
        '  accepted            14,480  acknowledged by Kafka',
        '  rejected               150  reasons in reviews.csv.rejects.jsonl',
        '  duplicates skipped      10  same feedback id earlier in the file; imported once',
        '  by source           review 14,480',
        '  elapsed             12.3 s  1,190 rows/s',
        '',
        'Done, with rejects: 150 rows were rejected (reasons in reviews.csv.rejects.jsonl); every valid row was accepted.',
        '',
      ].join('\n'),
    );
  });

  it('says how far a stopped run got and that re-running is safe', () => {
    const text = formatSummary({ ...base, outcome: 'failed', message: 'Kafka did not acknowledge a batch of 500 rows after 9 attempts: down', accepted: 3000 });
    expect(text).toContain('Import stopped: Kafka did not acknowledge a batch of 500 rows after 9 attempts: down\n3,000 rows were acknowledged by Kafka before it stopped;');
    expect(text).toContain('Re-running the same command is safe');
  });

  it('words a clean run and a dry run', () => {
    expect(formatSummary({ ...base, rejected: 0, rejectsFile: undefined, duplicates: 0 })).toContain('\nDone: every row was accepted.\n');
    expect(formatSummary({ ...base, dryRun: true, accepted: 0 })).toContain('valid               14,480  dry run: nothing published');
  });
});
