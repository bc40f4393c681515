import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { commandLine, groupMembers, isAlive, runLogged, spawnDetached, stopProcessGroup } from './process-control.ts';

const root = mkdtempSync(path.join(tmpdir(), 'voc-proc-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const logFile = () => path.join(mkdtempSync(path.join(root, 'case-')), 'out.log');

it('runs a command to completion with its output in the log', async () => {
  const file = logFile();
  expect(await runLogged({ command: 'sh', args: ['-c', 'echo hello; exit 3'], logFile: file })).toBe(3);
  expect(readFileSync(file, 'utf8')).toBe('hello\n');
});

it('starts a detached process group and stops it with SIGTERM', async () => {
  const pid = await spawnDetached({ command: 'sleep', args: ['30'], logFile: logFile() });
  expect(isAlive(pid)).toBe(true);
  expect(commandLine(pid)).toBe('sleep 30');
  expect(groupMembers(pid)).toEqual([pid]);
  expect(await stopProcessGroup(pid)).toBe('terminated');
  expect(isAlive(pid)).toBe(false);
  expect(await stopProcessGroup(pid)).toBe('not-running');
});

it('kills what is left of the group after the grace period', async () => {
  // The shell and its two sleeps ignore SIGTERM (inherited): only the group SIGKILL ends them.
  const pid = await spawnDetached({ command: 'sh', args: ['-c', 'trap "" TERM; sleep 30 & sleep 30; wait'], logFile: logFile() });
  await new Promise((r) => setTimeout(r, 200));
  expect(groupMembers(pid).length).toBe(3);
  expect(await stopProcessGroup(pid, { graceMs: 300 })).toBe('killed');
  expect(groupMembers(pid)).toEqual([]);
});

it('fails to spawn a missing program with ENOENT', async () => {
  await expect(spawnDetached({ command: '/no/such/server', args: [], logFile: logFile() })).rejects.toThrow(/ENOENT/);
});
