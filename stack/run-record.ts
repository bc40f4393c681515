// What `voc stack` remembers about a server it started: run/<service>.pid (the process
// group to stop) and run/<service>.json (port, version, start time, where it lives).
// Only processes with a record are ever stopped; a record whose process is gone, or
// whose pid now belongs to another program, is stale.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { commandLine, isAlive } from './process-control.ts';
import type { ServiceName } from './service-name.ts';
import type { StackPaths } from './stack-paths.ts';

export type RunRecord = { pid: number; port: number; startedAt: string; version: string; home?: string };

export function readRunRecord(paths: StackPaths, name: ServiceName): RunRecord | undefined {
  const pidFile = paths.pidFile(name);
  if (!existsSync(pidFile)) return undefined;
  const pid = Number.parseInt(readFileSync(pidFile, 'utf8').trim(), 10);
  let details: Partial<RunRecord> = {};
  try {
    details = JSON.parse(readFileSync(paths.recordFile(name), 'utf8')) as Partial<RunRecord>;
  } catch {
    /* the pid file alone is enough to stop the process */
  }
  return {
    pid: Number.isInteger(pid) && pid > 0 ? pid : -1,
    port: details.port ?? 0,
    startedAt: details.startedAt ?? '',
    version: details.version ?? 'unknown',
    home: details.home,
  };
}

function writeAtomically(file: string, text: string): void {
  writeFileSync(`${file}.tmp`, text);
  renameSync(`${file}.tmp`, file);
}

export function writeRunRecord(paths: StackPaths, name: ServiceName, record: RunRecord): void {
  mkdirSync(paths.run, { recursive: true });
  writeAtomically(paths.recordFile(name), JSON.stringify(record, null, 2) + '\n');
  writeAtomically(paths.pidFile(name), `${record.pid}\n`);
}

export function removeRunRecord(paths: StackPaths, name: ServiceName): void {
  rmSync(paths.pidFile(name), { force: true });
  rmSync(paths.recordFile(name), { force: true });
}

/** Our record if its process still runs the expected program. */
export function liveRecord(
  paths: StackPaths,
  name: ServiceName,
  processMarker: string,
): { record: RunRecord; live: boolean } | undefined {
  const record = readRunRecord(paths, name);
  if (!record) return undefined;
  const live = record.pid > 0 && isAlive(record.pid) && commandLine(record.pid).includes(processMarker);
  return { record, live };
}
