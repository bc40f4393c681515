// The dependency rules of the README, checked: product folders import only core/ (and
// themselves); core/ imports nothing of theirs. cli/ and tests/ may import anything.
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const restricted = ['core', 'ingest', 'processors', 'api', 'dashboards', 'stack'];

function tsFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? (e.name === 'node_modules' ? [] : tsFiles(join(dir, e.name))) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

function relativeImports(file: string): string[] {
  const source = readFileSync(join(root, file), 'utf8');
  return [...source.matchAll(/(?:import|export)[^'"]*?from\s+['"](\.{1,2}\/[^'"]+)['"]|import\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g)].map((m) => (m[1] ?? m[2])!);
}

describe('architecture', () => {
  it.each(restricted)('%s/ imports only core/ and itself', (folder) => {
    const violations: string[] = [];
    for (const file of tsFiles(folder)) {
      for (const spec of relativeImports(file)) {
        const target = relative(root, resolve(root, dirname(file), spec)).split('/')[0]!;
        if (target !== folder && target !== 'core') violations.push(`${file} → ${spec}`);
      }
    }
    expect(violations).toEqual([]);
  });

  it('finds the imports it checks', () => {
    // Guards the regex above: if it stopped matching, every rule would pass vacuously.
    expect(relativeImports('api/app.ts').length).toBeGreaterThan(2);
  });
});
