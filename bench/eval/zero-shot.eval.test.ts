import { describe, expect, it } from 'vitest';
import { runZeroShotEval, zeroShotSets } from './zero-shot.eval.ts';

describe('zero-shot evaluation', () => {
  it('reports every set as skipped when the data folder is absent', async () => {
    const lines: string[] = [];
    const sections = await runZeroShotEval({ dataDir: '/nonexistent/voc-data', log: (l) => lines.push(l) });
    expect(sections.map((s) => s.dataset)).toEqual([...zeroShotSets]);
    for (const s of sections) {
      expect(s.skipped).toBe('data folder ../shared/data not found');
      expect(s.rows).toEqual([]);
    }
  });
});
