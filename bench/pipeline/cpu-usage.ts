// CPU per component over a window of time, from /proc: utime + stime of each process (all
// its threads) at the start and the end of the window, as a percentage of one core. The
// servers are found as processes on this machine: Elasticsearch by the pid its nodes API
// reports, Kafka by the stack's pid file or its main class, Redis by the pid INFO reports;
// each is checked against /proc/<pid>/cmdline, and a server running elsewhere is left out.
// `machine` is every core's busy time from /proc/stat, so `other` (machine minus the
// components) shows work on the machine that is none of the pipeline's.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Client } from '@elastic/elasticsearch';
import type { Config } from '../../core/config/config.ts';
import { createRedis } from '../../core/redis/redis.client.ts';
import { stackPaths } from '../../stack/stack-paths.ts';

export type Component = { name: string; pid: number };
export type CpuFigures = { seconds: number; percentOfOneCore: Record<string, number>; machine: number; other: number };

const TICKS_PER_S = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** utime + stime of a process in clock ticks; undefined once it is gone. */
export function processTicks(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: count fields after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return undefined;
  }
}

function machineBusyTicks(): number | undefined {
  try {
    const [, ...values] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/);
    const [user, nice, system, , , irq, softirq, steal] = values.map(Number);
    return (user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0);
  } catch {
    return undefined;
  }
}

function cmdline(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return '';
  }
}

function pgrep(pattern: string): number | undefined {
  try {
    const first = execFileSync('pgrep', ['-f', pattern], { encoding: 'utf8' }).split('\n')[0];
    return first ? Number(first) : undefined;
  } catch {
    return undefined;
  }
}

const verified = (pid: number | undefined, marker: string) => (pid !== undefined && cmdline(pid).includes(marker) ? pid : undefined);

/** Elasticsearch, Kafka and Redis processes on this machine, and the notes on those not found. */
export async function serverComponents(es: Client, config: Config): Promise<{ components: Component[]; notes: string[] }> {
  const components: Component[] = [];
  const notes: string[] = [];
  const esMain = 'org.elasticsearch.bootstrap.Elasticsearch';
  const reported = await es.nodes.info({ metric: ['process'] }).then(
    (r) => Object.values(r.nodes)[0]?.process?.id,
    () => undefined,
  );
  const esPid = verified(reported, 'org.elasticsearch') ?? verified(pgrep(esMain), esMain);
  if (esPid) components.push({ name: 'elasticsearch', pid: esPid });
  else notes.push('Elasticsearch: no process on this machine');

  let filed: number | undefined;
  try {
    filed = Number(readFileSync(stackPaths(config.stack).pidFile('kafka'), 'utf8').trim());
  } catch {
    filed = undefined;
  }
  const kafkaPid = verified(filed, 'kafka.Kafka') ?? verified(pgrep('kafka\\.Kafka'), 'kafka.Kafka');
  if (kafkaPid) components.push({ name: 'kafka', pid: kafkaPid });
  else notes.push('Kafka: no process on this machine');

  const redis = createRedis(config.redis, { maxRetriesPerRequest: 1 });
  try {
    const info = await redis.info('server');
    const redisPid = verified(Number(/process_id:(\d+)/.exec(info)?.[1]), 'redis');
    if (redisPid) components.push({ name: 'redis', pid: redisPid });
    else notes.push('Redis: no process on this machine');
  } catch (error) {
    notes.push(`Redis: ${(error as Error).message}`);
  } finally {
    redis.disconnect();
  }
  return { components, notes };
}

/** Starts measuring now; `stop()` gives each component's share of one core since then. */
export function cpuWindow(components: readonly Component[]): { stop(): CpuFigures } {
  const t0 = performance.now();
  const machine0 = machineBusyTicks();
  const start = components.map((c) => ({ ...c, ticks: processTicks(c.pid) }));
  return {
    stop() {
      const seconds = (performance.now() - t0) / 1000;
      const pct = (ticks: number) => Math.round((ticks / TICKS_PER_S / Math.max(seconds, 0.001)) * 1000) / 10;
      const percentOfOneCore: Record<string, number> = {};
      let sum = 0;
      for (const c of start) {
        const now = processTicks(c.pid);
        if (c.ticks === undefined || now === undefined) continue;
        // Components of one name (a role run twice) are summed.
        percentOfOneCore[c.name] = (percentOfOneCore[c.name] ?? 0) + pct(now - c.ticks);
        sum += now - c.ticks;
      }
      const machine1 = machineBusyTicks();
      const machine = machine0 !== undefined && machine1 !== undefined ? pct(machine1 - machine0) : Number.NaN;
      return { seconds: Math.round(seconds * 10) / 10, percentOfOneCore, machine, other: Math.max(0, Math.round((machine - pct(sum)) * 10) / 10) };
    },
  };
}
