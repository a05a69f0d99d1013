/**
 * One abort listener per AbortSignal, whatever the number of requests that wait on it.
 * Adding and removing an EventTarget listener for every request costs microseconds each
 * (a walk passes its signal to thousands of requests); a set per signal costs nanoseconds.
 * The listener stays on the signal until it aborts; it holds only the requests in flight
 * under it, so a long-lived signal keeps nothing else alive.
 */

/** What waits on a signal: aborted by the listener. */
export interface AbortWaiter {
  handleEvent(): void;
}

const watched = new WeakMap<AbortSignal, Set<AbortWaiter>>();

/** Calls `waiter.handleEvent()` when `signal` aborts, until {@link unwatchAbort}. */
export function watchAbort(signal: AbortSignal, waiter: AbortWaiter): void {
  let set = watched.get(signal);
  if (set === undefined) {
    const waiters = new Set<AbortWaiter>();
    set = waiters;
    watched.set(signal, waiters);
    signal.addEventListener(
      'abort',
      () => {
        watched.delete(signal);
        for (const w of [...waiters]) w.handleEvent();
        waiters.clear();
      },
      { once: true },
    );
  }
  set.add(waiter);
}

/** Stops watching for `waiter` (it finished). */
export function unwatchAbort(signal: AbortSignal, waiter: AbortWaiter): void {
  watched.get(signal)?.delete(waiter);
}
