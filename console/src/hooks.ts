// Loading data for a page: one request (or several at once) per change of its inputs,
// the previous one aborted, with loading and error states for the page to show.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

export type Loaded<T> = { data: T | undefined; error: unknown; loading: boolean; reload(): void };

export function useLoad<T>(load: (signal: AbortSignal) => Promise<T>, deps: readonly unknown[]): Loaded<T> {
  const [state, setState] = useState<{ data: T | undefined; error: unknown; loading: boolean }>({ data: undefined, error: undefined, loading: true });
  const [tick, setTick] = useState(0);
  const latest = useRef(load);
  latest.current = load;
  useEffect(() => {
    const controller = new AbortController();
    setState((s) => ({ data: s.data, error: undefined, loading: true }));
    latest.current(controller.signal).then(
      (data) => controller.signal.aborted || setState({ data, error: undefined, loading: false }),
      (error: unknown) => controller.signal.aborted || setState({ data: undefined, error, loading: false }),
    );
    return () => controller.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { ...state, reload };
}

/** An action started by the reader (a save, an acknowledgement): its running state and error. */
export function useAction<A extends unknown[], T>(run: (...args: A) => Promise<T>): { busy: boolean; error: unknown; result: T | undefined; start(...args: A): Promise<T | undefined>; reset(): void } {
  const [state, setState] = useState<{ busy: boolean; error: unknown; result: T | undefined }>({ busy: false, error: undefined, result: undefined });
  const start = async (...args: A) => {
    setState({ busy: true, error: undefined, result: undefined });
    try {
      const result = await run(...args);
      setState({ busy: false, error: undefined, result });
      return result;
    } catch (error) {
      setState({ busy: false, error, result: undefined });
      return undefined;
    }
  };
  return { ...state, start, reset: () => setState({ busy: false, error: undefined, result: undefined }) };
}
