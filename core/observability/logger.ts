// pino loggers with stable field names (step, topic, partition, offset, feedbackId, role).
// Logs go to stderr so that commands printing data on stdout (`voc tag`, `--json`) stay clean.
import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(opts: { level: string; name?: string; pretty?: boolean }): Logger {
  const base = { level: opts.level, name: opts.name ?? 'voc', redact: ['req.headers.authorization'] };
  if (opts.pretty) {
    return pino(base, pino.transport({ target: 'pino-pretty', options: { destination: 2, translateTime: 'HH:MM:ss.l', ignore: 'pid,hostname' } }));
  }
  return pino(base, pino.destination(2));
}
