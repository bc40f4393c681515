// The dependency rules of the README's layout table, checked: each folder imports only the
// folders it may (and itself). core/ is the ground floor and imports nothing of the others;
// insight/, analytics/, alerts/ and access/ stand on it; the roles stand on those and never import each other.
// cli/, tests/ and bench/ may import anything; console/ (the browser's) imports none of the server's folders.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));

/** folder → the other folders it may import. */
const rules: Record<string, readonly string[]> = {
  core: [],
  insight: ['core'],
  analytics: ['core'],
  alerts: ['core'],
  access: ['core'],
  ingest: ['core'],
  processors: ['core', 'insight'],
  scheduler: ['core', 'insight', 'alerts'],
  api: ['core', 'insight', 'analytics', 'alerts', 'access'],
  dashboards: ['core'],
  demo: ['core'],
  stack: ['core'],
  // The web console runs in a browser and knows the API only by its OpenAPI types.
  console: [],
};

function tsFiles(dir: string): string[] {
  if (!existsSync(join(root, dir))) return [];
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? (e.name === 'node_modules' || e.name === 'dist' ? [] : tsFiles(join(dir, e.name))) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

function relativeImports(file: string): string[] {
  const source = readFileSync(join(root, file), 'utf8');
  return [...source.matchAll(/(?:import|export)[^'"]*?from\s+['"](\.{1,2}\/[^'"]+)['"]|import\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g)].map((m) => (m[1] ?? m[2])!);
}

describe('architecture', () => {
  it.each(Object.entries(rules))('%s/ imports only what the layout table allows', (folder, allowed) => {
    const violations: string[] = [];
    for (const file of tsFiles(folder)) {
      for (const spec of relativeImports(file)) {
        const target = relative(root, resolve(root, dirname(file), spec)).split('/')[0]!;
        if (target !== folder && !allowed.includes(target)) violations.push(`${file} → ${spec}`);
      }
    }
    expect(violations).toEqual([]);
  });

  it('knows every top-level folder that holds TypeScript', () => {
    // A new room must get a rule (or be one of the folders that may import anything).
    const free = new Set(['cli', 'tests', 'bench', 'scripts', 'node_modules']);
    const folders = readdirSync(root, { withFileTypes: true })
      .filter((e) => e.isDirectory() && !e.name.startsWith('.') && !free.has(e.name) && existsSync(join(root, e.name)))
      .filter((e) => tsFiles(e.name).length > 0)
      .map((e) => e.name);
    expect(folders.filter((f) => !(f in rules))).toEqual([]);
  });

  it('finds the imports it checks', () => {
    // Guards the regex above: if it stopped matching, every rule would pass vacuously.
    expect(relativeImports('api/app.ts').length).toBeGreaterThan(2);
  });
});
