import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { foldOf as productFoldOf } from '../../insight/classifier/cross-validate.ts';
import { dataAvailable, loadDataset } from './datasets.ts';
import { foldOf } from './metrics.ts';
import { runTrainedEval, trainedSets } from './trained.eval.ts';

describe('trained evaluation', () => {
  it('splits rows exactly as `voc train` does, so voc and its peers see the same folds', () => {
    for (const k of [2, 3, 5, 10]) for (let i = 0; i < 5000; i++) expect(productFoldOf(i, k)).toBe(foldOf(i, k));
  });

  it.skipIf(!dataAvailable())('trains the airline sets with the labellers\' agreement as row weights, the others unweighted (needs ../shared/data)', () => {
    const reasons = loadDataset('airline-negativereason')!;
    expect(reasons.weightColumn).toBe('negativereason_confidence');
    expect(reasons.rows.every((r) => r.weight !== undefined && r.weight > 0 && r.weight <= 1)).toBe(true);
    expect(new Set(reasons.rows.map((r) => r.weight)).size).toBeGreaterThan(10);
    expect(loadDataset('airline-sentiment')!.weightColumn).toBe('airline_sentiment_confidence');
    expect(loadDataset('banking77')!.rows.some((r) => r.weight !== undefined)).toBe(false);
  });

  it('skips every set when the data folder is absent', async () => {
    const lines: string[] = [];
    const sections = await runTrainedEval({ dataDir: join(tmpdir(), 'voc-no-such-data-folder'), log: (l) => lines.push(l) });
    expect(sections.map((s) => s.dataset)).toEqual([...trainedSets]);
    for (const s of sections) expect(s).toMatchObject({ rows: [], skipped: expect.stringContaining('not found') });
  });
});
