// Chooses the JDK that runs the local Kafka and Elasticsearch: STACK_JAVA_HOME if given
// (it must work), else JAVA_HOME if it is recent enough, else the newest JDK under
// /usr/lib/jvm. Both servers need Java 17 or newer. Versions come from the JDK's `release`
// file (no JVM start), falling back to `java -version` for JDKs without one.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { StackError } from './stack-error.ts';

export const MIN_JAVA_MAJOR = 17;

export type Jdk = { home: string; version: string; major: number };

export type JdkSearch = {
  /** config.stack.javaHome (STACK_JAVA_HOME). */
  configured?: string;
  /** The machine's JAVA_HOME, passed in by the caller. */
  envJavaHome?: string;
  searchDirs?: string[];
  /** Reads a JDK's version; replaced in tests. */
  readVersion?: (home: string) => string | undefined;
};

/** "17.0.15" → 17, "1.8.0_292" → 8, "25" → 25. */
export function javaMajor(version: string): number {
  const parts = version.split(/[._+-]/).map((p) => Number.parseInt(p, 10));
  const first = parts[0] ?? Number.NaN;
  return first === 1 ? (parts[1] ?? Number.NaN) : first;
}

export function compareJavaVersions(a: string, b: string): number {
  const pa = a.split(/[._+-]/).map((p) => Number.parseInt(p, 10) || 0);
  const pb = b.split(/[._+-]/).map((p) => Number.parseInt(p, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

export function parseReleaseFile(text: string): string | undefined {
  return /^JAVA_VERSION="([^"]+)"/m.exec(text)?.[1];
}

export function readJdkVersion(home: string): string | undefined {
  if (!existsSync(path.join(home, 'bin', 'java'))) return undefined;
  try {
    const fromRelease = parseReleaseFile(readFileSync(path.join(home, 'release'), 'utf8'));
    if (fromRelease) return fromRelease;
  } catch {
    /* no release file: ask the JVM */
  }
  const result = spawnSync(path.join(home, 'bin', 'java'), ['-version'], { encoding: 'utf8', timeout: 20_000 });
  return /version "([^"]+)"/.exec(result.stderr ?? '')?.[1];
}

export function findJdk(search: JdkSearch = {}): Jdk {
  const readVersion = search.readVersion ?? readJdkVersion;
  const inspect = (home: string): Jdk | undefined => {
    const version = readVersion(home);
    return version ? { home, version, major: javaMajor(version) } : undefined;
  };

  if (search.configured) {
    const jdk = inspect(search.configured);
    if (!jdk) throw new StackError(`STACK_JAVA_HOME=${search.configured} is not a JDK (no working bin/java)`);
    if (jdk.major < MIN_JAVA_MAJOR) {
      throw new StackError(
        `STACK_JAVA_HOME=${search.configured} is Java ${jdk.version}; Kafka 4 and Elasticsearch 8 need Java ${MIN_JAVA_MAJOR} or newer`,
      );
    }
    return jdk;
  }

  const looked: string[] = [];
  if (search.envJavaHome) {
    const jdk = inspect(search.envJavaHome);
    looked.push(`JAVA_HOME=${search.envJavaHome} (${jdk ? `Java ${jdk.version}` : 'not a JDK'})`);
    if (jdk && jdk.major >= MIN_JAVA_MAJOR) return jdk;
  } else {
    looked.push('JAVA_HOME (unset)');
  }

  const candidates: Jdk[] = [];
  for (const dir of search.searchDirs ?? ['/usr/lib/jvm']) {
    let entries: string[] = [];
    try {
      entries = readdirSync(dir).sort();
    } catch {
      looked.push(`${dir} (missing)`);
      continue;
    }
    for (const entry of entries) {
      const home = path.join(dir, entry);
      const jdk = inspect(home);
      looked.push(`${home} (${jdk ? `Java ${jdk.version}` : 'not a JDK'})`);
      if (jdk && jdk.major >= MIN_JAVA_MAJOR) candidates.push(jdk);
    }
  }
  const newest = pickNewest(candidates);
  if (newest) return newest;
  throw new StackError(
    `no JDK ${MIN_JAVA_MAJOR}+ found for the local Kafka and Elasticsearch. Looked at:\n` +
      looked.map((l) => `  - ${l}`).join('\n') +
      `\nInstall one (e.g. apt-get install openjdk-17-jdk-headless) or set STACK_JAVA_HOME.`,
  );
}

/** Newest version wins; among equals (Debian's alias symlinks) the real directory. */
export function pickNewest(candidates: Jdk[]): Jdk | undefined {
  const sorted = [...candidates].sort(
    (a, b) => compareJavaVersions(b.version, a.version) || Number(isSymlinkAlias(a)) - Number(isSymlinkAlias(b)),
  );
  return sorted[0];
}

function isSymlinkAlias(jdk: Jdk): boolean {
  try {
    return realpathSync(jdk.home) !== path.resolve(jdk.home);
  } catch {
    return false;
  }
}
