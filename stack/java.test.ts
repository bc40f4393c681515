import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compareJavaVersions, findJdk, javaMajor, parseReleaseFile, pickNewest } from './java.ts';
import { StackError } from './stack-error.ts';

const root = mkdtempSync(path.join(tmpdir(), 'voc-jvm-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const newDir = () => mkdtempSync(path.join(root, 'jvm-'));

/** A fake /usr/lib/jvm: directory name → version (undefined: not a JDK). */
function jvmDir(jdks: Record<string, string | undefined>) {
  const dir = newDir();
  const versions = new Map<string, string | undefined>();
  for (const [name, version] of Object.entries(jdks)) {
    mkdirSync(path.join(dir, name));
    versions.set(path.join(dir, name), version);
  }
  return { dir, readVersion: (home: string) => versions.get(home) ?? versionOf.get(home) };
}
const versionOf = new Map<string, string>([
  ['/opt/jdk-21', '21.0.4'],
  ['/opt/jdk-11', '11.0.2'],
  ['/opt/jdk-8', '1.8.0_292'],
]);

describe('java versions', () => {
  it('reads the major version of old and new schemes', () => {
    expect(javaMajor('17.0.15')).toBe(17);
    expect(javaMajor('25')).toBe(25);
    expect(javaMajor('1.8.0_292')).toBe(8);
  });

  it('compares numerically, not as text', () => {
    expect(compareJavaVersions('17.0.10', '17.0.9')).toBeGreaterThan(0);
    expect(compareJavaVersions('25.0.3', '21.0.8')).toBeGreaterThan(0);
    expect(compareJavaVersions('21', '21.0.0')).toBe(0);
  });

  it('parses the JDK release file', () => {
    expect(parseReleaseFile('IMPLEMENTOR="Eclipse Adoptium"\nJAVA_VERSION="25.0.3"\nJAVA_VERSION_DATE="2026-04-21"\n')).toBe('25.0.3');
    expect(parseReleaseFile('JAVA_VERSION_DATE="2026-04-21"\n')).toBeUndefined();
  });
});

describe('findJdk', () => {
  const jvm = jvmDir({ 'java-17-openjdk-amd64': '17.0.15', 'temurin-25-jdk-amd64': '25.0.3', 'openjdk-17': undefined, 'java-11': '11.0.2' });
  const search = { searchDirs: [jvm.dir], readVersion: jvm.readVersion };

  it('uses STACK_JAVA_HOME when given', () => {
    expect(findJdk({ ...search, configured: '/opt/jdk-21' })).toMatchObject({ home: '/opt/jdk-21', major: 21 });
  });

  it('rejects a STACK_JAVA_HOME that is too old or not a JDK', () => {
    expect(() => findJdk({ ...search, configured: '/opt/jdk-11' })).toThrow(/Java 11\.0\.2.*17 or newer/);
    expect(() => findJdk({ ...search, configured: '/nowhere' })).toThrow(StackError);
  });

  it('prefers JAVA_HOME when it is 17 or newer, even over a newer JDK', () => {
    expect(findJdk({ ...search, envJavaHome: '/opt/jdk-21' }).home).toBe('/opt/jdk-21');
  });

  it('skips an old JAVA_HOME and picks the newest JDK under the search directories', () => {
    expect(findJdk({ ...search, envJavaHome: '/opt/jdk-8' }).home).toBe(path.join(jvm.dir, 'temurin-25-jdk-amd64'));
    expect(findJdk(search).version).toBe('25.0.3');
  });

  it('fails listing everything it looked at', () => {
    const old = jvmDir({ 'java-11': '11.0.2', docs: undefined });
    try {
      findJdk({ searchDirs: [old.dir, '/no/such/jvm'], readVersion: old.readVersion, envJavaHome: '/opt/jdk-8' });
      expect.unreachable();
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toContain('JAVA_HOME=/opt/jdk-8 (Java 1.8.0_292)');
      expect(message).toContain(`${path.join(old.dir, 'java-11')} (Java 11.0.2)`);
      expect(message).toContain(`${path.join(old.dir, 'docs')} (not a JDK)`);
      expect(message).toContain('/no/such/jvm (missing)');
      expect(message).toContain('STACK_JAVA_HOME');
    }
  });
});

it('pickNewest prefers the real directory over an alias symlink of the same JDK', () => {
  const dir = newDir();
  mkdirSync(path.join(dir, 'java-17-openjdk-amd64'));
  symlinkSync(path.join(dir, 'java-17-openjdk-amd64'), path.join(dir, 'java-1.17.0-openjdk-amd64'));
  const alias = { home: path.join(dir, 'java-1.17.0-openjdk-amd64'), version: '17.0.15', major: 17 };
  const real = { home: path.join(dir, 'java-17-openjdk-amd64'), version: '17.0.15', major: 17 };
  expect(pickNewest([alias, real])?.home).toBe(real.home);
  expect(pickNewest([])).toBeUndefined();
});
