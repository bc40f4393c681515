// Errors say whether trying again can help. Retriable: outages, timeouts, 429 and 5xx —
// retried with backoff around the one operation that failed. Not retriable: bad input and
// mapping conflicts, which go to the dead-letter topic or back to the caller as a 4xx.

export class RetriableError extends Error {
  override readonly name: string = 'RetriableError';
  readonly retriable = true;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** A dependency (Kafka, Elasticsearch, Redis) cannot be reached now. */
export class UnavailableError extends RetriableError {
  override readonly name = 'UnavailableError';
  constructor(readonly dependency: 'kafka' | 'elasticsearch' | 'redis', message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** Shutdown was requested while waiting to retry; the work is left for a later run. */
export class ShutdownError extends Error {
  override readonly name = 'ShutdownError';
}

export function isRetriable(error: unknown): boolean {
  if (error instanceof RetriableError) return true;
  const e = error as { retriable?: unknown; name?: unknown } | null;
  if (e && e.retriable === true) return true; // kafkajs errors carry `retriable`
  return false;
}
