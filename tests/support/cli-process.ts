// Runs `voc` as a child process, as an operator would, so tests can kill it for real.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

export type VocProcess = { child: ChildProcess; output: () => string; stdout: () => string; exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }> };

export function spawnVoc(args: string[], env: Record<string, string>): VocProcess {
  const child = spawn(process.execPath, ['bin/voc.mjs', ...args], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let stdout = '';
  child.stdout!.on('data', (d) => {
    output += d;
    stdout += d;
  });
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return { child, output: () => output, stdout: () => stdout, exited };
}
