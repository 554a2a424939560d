// An async generator's return() waits until the generator next yields: a subscription waiting
// for the next event of an idle job would keep its listener until that event came, maybe never.
// Here return() first aborts a signal the generator's waits listen to, so the generator wakes,
// leaves through its finally (removing its listener) and the return completes at once.

/** Wraps `make(signal)`; return() or throw() on the result aborts `signal` first. */
export function stoppable<T>(make: (signal: AbortSignal) => AsyncGenerator<T>): AsyncIterableIterator<T> {
  const stop = new AbortController();
  const gen = make(stop.signal);
  return {
    next: () => gen.next(),
    return: (value?: unknown) => {
      stop.abort();
      return gen.return(value as T);
    },
    throw: (err?: unknown) => {
      stop.abort();
      return gen.throw(err);
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

/** Resolves when `signal` aborts (at once if it already has). */
export function whenAborted(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener("abort", () => resolve(), { once: true }));
}
