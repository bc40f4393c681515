// Usage errors exit with 2 in every command (commander's own default is 1), so scripts can
// tell "fix the command" from "try again later"; --help exits 0.
import { describe, expect, it } from 'vitest';
import { spawnVoc } from './support/cli-process.ts';

const usageErrors = [
  ['demo', '--no-such-option'],
  ['serve', '--no-such-option'],
  ['stack', 'up', '--no-such-option'],
  ['import'],
  ['dashboards', 'build', '--no-such-option'],
  ['keys', 'create', '--name', 'x'],
  ['customers', 'forget'],
  ['dlq', 'list', '--limit'],
  ['trends', '--metric', 'no-such-metric'],
  ['alerts', 'detect'],
  ['no-such-command'],
];

describe('voc usage errors', () => {
  it.each(usageErrors)('exit 2: voc %s', { timeout: 30_000 }, async (...args: string[]) => {
    const p = spawnVoc(args, {});
    const { code } = await p.exited;
    expect({ code, output: p.output().slice(0, 300) }).toMatchObject({ code: 2 });
  });

  it('exits 0 for --help', { timeout: 30_000 }, async () => {
    const p = spawnVoc(['keys', '--help'], {});
    expect((await p.exited).code).toBe(0);
    expect(p.stdout()).toContain('cx-lead');
  });
});
