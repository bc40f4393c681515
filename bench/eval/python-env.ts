// A private Python environment for measuring Python peers (scikit-learn, SnowNLP) beside
// voc in the evaluation. Created on first use under .voc/eval-venv from PyPI; never a
// runtime dependency of the product. Returns undefined (with the reason) when Python or
// the packages cannot be had, so the evaluation reports the peer as unavailable.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('../../', import.meta.url)));
const venv = join(root, '.voc', 'eval-venv');
const python = join(venv, 'bin', 'python');

export type PythonEnv = { python: string };

export function ensurePythonEnv(packages: string[], log: (line: string) => void = () => undefined): PythonEnv | { unavailable: string } {
  try {
    if (!existsSync(python)) {
      log(`creating ${venv} for the Python peers…`);
      execFileSync('python3', ['-m', 'venv', venv], { stdio: 'ignore' });
    }
    const missing = packages.filter((p) => spawnSync(python, ['-c', `import ${p.split('==')[0]!.replace('scikit-learn', 'sklearn')}`]).status !== 0);
    if (missing.length) {
      log(`installing ${missing.join(', ')} from PyPI…`);
      execFileSync(python, ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', ...missing], { stdio: 'ignore' });
    }
    return { python };
  } catch (error) {
    return { unavailable: `Python peers unavailable: ${(error as Error).message.split('\n')[0]}` };
  }
}

/** Runs a script from bench/eval/peers with JSON on stdin and JSON on stdout. */
export function runPythonJson<T>(env: PythonEnv, script: string, input: unknown): T {
  const res = spawnSync(env.python, [join(root, 'bench', 'eval', 'peers', script)], {
    input: JSON.stringify(input),
    maxBuffer: 1024 * 1024 * 512,
    encoding: 'utf8',
  });
  if (res.status !== 0) throw new Error(`${script} failed: ${res.stderr.slice(-2000)}`);
  return JSON.parse(res.stdout) as T;
}
