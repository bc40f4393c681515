// voc roles as separate processes, the way they are deployed: `node bin/voc.mjs serve
// --roles <role>` with a lane's environment. The API's address is read from the line
// `voc serve` prints once it listens (API_PORT=0 picks a free port); a processor gets
// METRICS_PORT so that its /metrics can be read at the end of a phase. Child output is kept
// (the last lines explain an early exit) and passed on to stderr with the child's name.
// Every child started here is in `running`: `killChildren` ends them all at once, for
// process exit; `stop` asks one to finish (SIGTERM: the processor commits what it did).
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const VOC_BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bin/voc.mjs');
const TAIL_LINES = 40;

export type ChildRole = {
  name: string;
  pid: number;
  apiUrl?: string;
  metricsUrl?: string;
  /** Settles when the process ends, for whatever reason: its exit code, null when a signal ended it. */
  exited: Promise<number | null>;
  /** The last lines the child wrote, for error messages. */
  tail(): string[];
  stop(): Promise<void>;
};

const running = new Set<ChildProcess>();

/** SIGKILL to every child still running; synchronous, so it works in an 'exit' handler. */
export function killChildren(): void {
  for (const child of running) child.kill('SIGKILL');
}

/** Asks every child still running to stop (SIGTERM), SIGKILL after `graceMs`. */
export async function stopChildren(graceMs = 30_000): Promise<void> {
  await Promise.all(
    [...running].map(
      (child) =>
        new Promise<void>((resolve) => {
          const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
          child.once('exit', () => {
            clearTimeout(timer);
            resolve();
          });
          child.kill('SIGTERM');
        }),
    ),
  );
}

/** A port nobody listens on now (another process could take it before the child does; unlikely on 127.0.0.1). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export async function startChildRole(opts: {
  name: string;
  role: 'api' | 'processor';
  env: Record<string, string>;
  /** Child log lines are copied to stderr unless false. */
  echo?: boolean;
  startTimeoutMs?: number;
}): Promise<ChildRole> {
  const metricsPort = opts.role === 'processor' ? await freePort() : undefined;
  const env = { ...opts.env, ...(metricsPort ? { METRICS_PORT: String(metricsPort) } : {}) };
  const child = spawn(process.execPath, [VOC_BIN, 'serve', '--roles', opts.role], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  const lines: string[] = [];
  let apiUrl: ((url: string) => void) | undefined;
  const listening = new Promise<string>((resolve) => (apiUrl = resolve));
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => {
      running.delete(child);
      resolve(code);
    });
    child.once('error', (error) => {
      lines.push(`spawn failed: ${error.message}`);
      running.delete(child);
      resolve(null);
    });
  });
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => {
      lines.push(line);
      if (lines.length > TAIL_LINES) lines.shift();
      const m = /voc API on (\S+)/.exec(line);
      if (m) apiUrl?.(m[1]!);
      else if (opts.echo !== false) process.stderr.write(`[${opts.name}] ${line}\n`);
    });
  }
  const handle: ChildRole = {
    name: opts.name,
    pid: child.pid ?? -1,
    metricsUrl: metricsPort ? `http://127.0.0.1:${metricsPort}` : undefined,
    exited,
    tail: () => [...lines],
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(timer);
    },
  };
  if (opts.role === 'api') {
    const timeoutMs = opts.startTimeoutMs ?? 120_000;
    let timer: NodeJS.Timeout | undefined;
    const outcome = await Promise.race([
      listening.then((url) => ({ url })),
      exited.then((code) => ({ failed: `exited with code ${code} before listening` })),
      new Promise<{ failed: string }>((resolve) => (timer = setTimeout(() => resolve({ failed: `not listening after ${timeoutMs / 1000} s` }), timeoutMs))),
    ]);
    clearTimeout(timer);
    if ('failed' in outcome) {
      await handle.stop();
      throw new Error(`${opts.name} ${outcome.failed}; its last output:\n${lines.join('\n')}`);
    }
    handle.apiUrl = outcome.url;
  }
  return handle;
}

/** Sum of `voc_processor_messages_total{outcome="indexed"}` on a processor's /metrics; undefined when unreadable. */
export async function indexedByProcessor(child: ChildRole): Promise<number | undefined> {
  if (!child.metricsUrl) return undefined;
  try {
    const text = await (await fetch(`${child.metricsUrl}/metrics`, { signal: AbortSignal.timeout(5000) })).text();
    let sum = 0;
    for (const m of text.matchAll(/^voc_processor_messages_total\{[^}]*outcome="indexed"[^}]*\}\s+(\S+)$/gm)) sum += Number(m[1]);
    return sum;
  } catch {
    return undefined;
  }
}
