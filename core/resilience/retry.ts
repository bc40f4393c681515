// Retry with exponential back-off and jitter around one operation. Only retriable errors
// (see core/errors.ts) are retried; shutdown aborts the wait and surfaces ShutdownError.
import pRetry, { AbortError } from 'p-retry';
import { ShutdownError, isRetriable } from '../errors.ts';

export type RetryPolicy = { minMs: number; maxMs: number; retries?: number };

export async function withRetry<T>(
  operation: (attempt: number) => Promise<T>,
  policy: RetryPolicy,
  opts: { signal?: AbortSignal; onRetry?: (error: unknown, attempt: number, delayHintMs: number) => void | Promise<void> } = {},
): Promise<T> {
  try {
    return await pRetry(
      async (attempt) => {
        if (opts.signal?.aborted) throw new AbortError(new ShutdownError('shutdown requested'));
        try {
          return await operation(attempt);
        } catch (error) {
          if (!isRetriable(error)) throw new AbortError(error instanceof Error ? error : new Error(String(error)));
          throw error;
        }
      },
      {
        retries: policy.retries ?? Number.POSITIVE_INFINITY,
        minTimeout: policy.minMs,
        maxTimeout: policy.maxMs,
        factor: 2,
        randomize: true,
        signal: opts.signal,
        onFailedAttempt: async ({ error, attemptNumber }) => {
          await opts.onRetry?.(error, attemptNumber, Math.min(policy.maxMs, policy.minMs * 2 ** (attemptNumber - 1)));
        },
      },
    );
  } catch (error) {
    if (opts.signal?.aborted && !(error instanceof ShutdownError)) throw new ShutdownError('shutdown requested while retrying', { cause: error });
    throw error;
  }
}
