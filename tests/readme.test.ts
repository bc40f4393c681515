// Keeps the README true where it can drift silently: every configuration variable is in
// its table, and the quick start names the two commands package.json really has.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { configVariables } from '../core/config/config.schema.ts';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { scripts: Record<string, string> };

describe('README', () => {
  it('documents every configuration variable', () => {
    const missing = Object.keys(configVariables).filter((name) => !readme.includes(`| \`${name}\` |`));
    expect(missing).toEqual([]);
  });

  it('has a quick start of the two commands that exist', () => {
    expect(readme).toMatch(/npm run demo/);
    expect(readme).toMatch(/npm test/);
    expect(pkg.scripts.demo).toBeDefined();
    expect(pkg.scripts.test).toBeDefined();
  });
});
