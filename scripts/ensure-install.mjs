#!/usr/bin/env node
// First step of `npm run demo` and `npm test` on a fresh clone: installs the npm
// dependencies when node_modules is missing or older than package-lock.json. The
// servers (Kafka, Elasticsearch, Redis) are fetched by `voc stack up` when first needed.
import { execSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const marker = `${root}node_modules/.package-lock.json`;
const lock = `${root}package-lock.json`;
const stale = !existsSync(marker) || statSync(marker).mtimeMs < statSync(lock).mtimeMs;
if (stale) {
  // Not `npm ci`: see .ci/run for why; with the lock file present this installs the locked versions.
  process.stderr.write('installing npm dependencies…\n');
  execSync('npm install --no-audit --no-fund', { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
}
