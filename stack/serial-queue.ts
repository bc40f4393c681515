// Runs tasks one at a time within this process. Maven 3.8's local repository and dpkg's
// lock do not tolerate concurrent runs, while the stack otherwise starts services in parallel.
export type SerialQueue = <T>(task: () => Promise<T>) => Promise<T>;

export function createSerialQueue(): SerialQueue {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(task: () => Promise<T>): Promise<T> => {
    const run = tail.then(task, task);
    tail = run.catch(() => undefined);
    return run;
  };
}
