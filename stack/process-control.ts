// Starting and stopping server processes that outlive the voc command that started them.
// Each server is spawned detached, so it leads its own process group (pgid = pid). Stopping
// sends SIGTERM to the leader only (Elasticsearch's launcher then shuts its server JVM down
// in order; signalling both makes it report a crash), waits for the whole group, and
// SIGKILLs the group if anything is left after the grace period.
// Liveness is read from /proc and ignores zombies: a server that died but was not yet
// reaped (our init may never reap) must count as stopped.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readdirSync, readFileSync } from 'node:fs';

export type SpawnOptions = {
  command: string;
  args: string[];
  /** Appended to, never truncated: it is the server's one log across restarts. */
  logFile: string;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Run as this user (we are root and the server refuses to be). */
  uid?: number;
  gid?: number;
};

/** Runs `use` with a child whose output goes to opts.logFile; the log's descriptor is closed after. */
async function withLoggedChild<T>(opts: SpawnOptions, detached: boolean, use: (child: ChildProcess) => Promise<T>): Promise<T> {
  const fd = openSync(opts.logFile, 'a');
  try {
    const child = spawn(opts.command, opts.args, {
      cwd: opts.cwd,
      env: opts.env ?? process.env,
      uid: opts.uid,
      gid: opts.gid,
      detached,
      stdio: ['ignore', fd, fd],
    });
    return await use(child);
  } finally {
    closeSync(fd);
  }
}

/** Launches a server in its own session with output to logFile; resolves once exec succeeded. */
export async function spawnDetached(opts: SpawnOptions): Promise<number> {
  return withLoggedChild(opts, true, async (child) => {
    await new Promise<void>((resolve, reject) => {
      child.once('spawn', resolve);
      child.once('error', reject);
    });
    child.unref();
    if (child.pid === undefined) throw new Error(`${opts.command} started without a pid`);
    return child.pid;
  });
}

/** Runs a command to completion with output appended to logFile; resolves with its exit code. */
export async function runLogged(opts: SpawnOptions): Promise<number> {
  return withLoggedChild(opts, false, (child) =>
    new Promise<number>((resolve, reject) => {
      child.once('error', reject);
      child.once('close', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
    }),
  );
}

type ProcStat = { state: string; pgrp: number };

function readStat(pid: number): ProcStat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may contain spaces and parentheses: fields start after the last ')'.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { state: fields[0] ?? '?', pgrp: Number(fields[2]) };
  } catch {
    return undefined;
  }
}

export function isAlive(pid: number): boolean {
  const stat = readStat(pid);
  if (stat) return stat.state !== 'Z' && stat.state !== 'X';
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').trim();
  } catch {
    return '';
  }
}

/** Live members of a process group (the leader may be gone while its forks linger). */
export function groupMembers(pgid: number): number[] {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return isAlive(pgid) ? [pgid] : [];
  }
  const members: number[] = [];
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(Number(entry));
    if (stat && stat.pgrp === pgid && stat.state !== 'Z' && stat.state !== 'X') members.push(Number(entry));
  }
  return members;
}

function signal(target: number, signal: NodeJS.Signals): void {
  try {
    process.kill(target, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return; // already gone
    if ((error as NodeJS.ErrnoException).code === 'EPERM') {
      throw new Error(`not permitted to signal process ${Math.abs(target)}: it was started by another user (run as that user or root)`);
    }
    throw error;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitGone(pgid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (groupMembers(pgid).length === 0) return true;
    await sleep(200);
  }
  return groupMembers(pgid).length === 0;
}

/** SIGTERM to the leader, SIGKILL to the group after graceMs; resolves once every member has exited. */
export async function stopProcessGroup(
  pgid: number,
  opts: { graceMs?: number } = {},
): Promise<'not-running' | 'terminated' | 'killed'> {
  if (groupMembers(pgid).length === 0) return 'not-running';
  // A leader that already died leaves orphans that only a group signal reaches.
  signal(isAlive(pgid) ? pgid : -pgid, 'SIGTERM');
  if (await waitGone(pgid, opts.graceMs ?? 20_000)) return 'terminated';
  signal(-pgid, 'SIGKILL');
  if (await waitGone(pgid, 10_000)) return 'killed';
  throw new Error(`process group ${pgid} survived SIGKILL: ${groupMembers(pgid).join(', ')}`);
}
