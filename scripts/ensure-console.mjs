#!/usr/bin/env node
// Builds the web console (console/ → console/dist, served by the API role at `/`) when the
// build is missing or older than any of its sources or the lock file; otherwise does
// nothing. `npm run demo`, `.ci/run` and the console's browser test call it, so a fresh
// clone and a changed console both get a current build. `--force` builds regardless.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const source = join(root, 'console');
const built = join(source, 'dist', 'index.html');

/** The newest modification time under `dir`, the build output and generated files aside. */
function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'dist' || entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

const inputs = Math.max(newest(source), statSync(join(root, 'package-lock.json')).mtimeMs);
const stale = !existsSync(built) || statSync(built).mtimeMs < inputs;
if (stale || process.argv.includes('--force')) {
  process.stderr.write('building the web console…\n');
  // Output to stderr: callers such as `voc demo` keep stdout for what they print.
  execFileSync(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', 'console', '--logLevel', 'warn'], { cwd: root, stdio: ['ignore', 2, 2] });
}
