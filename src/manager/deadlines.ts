/**
 * Timeouts for thousands of pending requests with one timer. Requests that wait the same
 * duration expire in the order they were added, so each distinct duration keeps a FIFO
 * list (O(1) add and remove) and the single timer is armed for the earliest head. With
 * exponential backoff a session uses a handful of durations (timeout, 2×, 4×, …), so the
 * number of lists stays small whatever the number of requests.
 */

/** The time source and timer the dispatcher uses; tests substitute a fake one. */
export interface Clock {
  /** Milliseconds from an arbitrary origin, monotonic. */
  now(): number;
  /** Calls `fn` once after `ms` milliseconds; returns a handle for {@link clearTimer}. */
  setTimer(fn: () => void, ms: number): unknown;
  /** Cancels a timer. */
  clearTimer(handle: unknown): void;
}

/** The real clock: `performance.now()` and `setTimeout`. */
export const systemClock: Clock = {
  now: () => performance.now(),
  setTimer: (fn, ms) => setTimeout(fn, ms),
  clearTimer: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

/** An entry of a deadline list; the dispatcher's pending requests extend it. */
export class DeadlineEntry {
  /** When it expires, in clock milliseconds. */
  deadline = 0;
  /** @internal */ dPrev: DeadlineEntry | undefined = undefined;
  /** @internal */ dNext: DeadlineEntry | undefined = undefined;
  /** @internal */ dList: DeadlineList | undefined = undefined;
}

class DeadlineList {
  head: DeadlineEntry | undefined = undefined;
  tail: DeadlineEntry | undefined = undefined;
  constructor(readonly duration: number) {}
}

/** Keeps entries until their deadline and calls `onExpire` for each expired one. */
export class Deadlines<E extends DeadlineEntry> {
  readonly #clock: Clock;
  readonly #onExpire: (entry: E) => void;
  readonly #lists = new Map<number, DeadlineList>();
  #timer: unknown = undefined;
  #armedFor = Infinity;
  #size = 0;
  #expiring = false;
  readonly #fire = (): void => this.#expire();

  constructor(clock: Clock, onExpire: (entry: E) => void) {
    this.#clock = clock;
    this.#onExpire = onExpire;
  }

  /** Entries waiting. */
  get size(): number {
    return this.#size;
  }

  /** Adds an entry that expires `duration` milliseconds from now. */
  add(entry: E, duration: number): void {
    const deadline = this.#clock.now() + duration;
    entry.deadline = deadline;
    let list = this.#lists.get(duration);
    if (list === undefined) {
      list = new DeadlineList(duration);
      this.#lists.set(duration, list);
    }
    entry.dList = list;
    entry.dNext = undefined;
    entry.dPrev = list.tail;
    if (list.tail === undefined) list.head = entry;
    else list.tail.dNext = entry;
    list.tail = entry;
    this.#size++;
    if (deadline < this.#armedFor && !this.#expiring) this.#arm(deadline);
  }

  /** Removes an entry (no-op when it is not in a list). The timer stays armed; it re-arms lazily. */
  remove(entry: E): void {
    const list = entry.dList;
    if (list === undefined) return;
    const p = entry.dPrev;
    const n = entry.dNext;
    if (p === undefined) list.head = n;
    else p.dNext = n;
    if (n === undefined) list.tail = p;
    else n.dPrev = p;
    entry.dPrev = entry.dNext = entry.dList = undefined;
    this.#size--;
    if (list.head === undefined) this.#lists.delete(list.duration);
    if (this.#size === 0 && !this.#expiring) this.#disarm();
  }

  /** Removes every entry without calling `onExpire`; returns them. */
  clear(): E[] {
    const out: E[] = [];
    for (const list of this.#lists.values()) {
      for (let e = list.head; e !== undefined; ) {
        const next = e.dNext;
        e.dPrev = e.dNext = e.dList = undefined;
        out.push(e as E);
        e = next;
      }
    }
    this.#lists.clear();
    this.#size = 0;
    this.#disarm();
    return out;
  }

  #arm(deadline: number): void {
    if (this.#timer !== undefined) this.#clock.clearTimer(this.#timer);
    this.#armedFor = deadline;
    const delay = deadline - this.#clock.now();
    this.#timer = this.#clock.setTimer(this.#fire, delay > 1 ? Math.ceil(delay) : 1);
  }

  #disarm(): void {
    if (this.#timer !== undefined) this.#clock.clearTimer(this.#timer);
    this.#timer = undefined;
    this.#armedFor = Infinity;
  }

  #expire(): void {
    this.#timer = undefined;
    this.#armedFor = Infinity;
    const now = this.#clock.now();
    const expired: E[] = [];
    for (const list of this.#lists.values()) {
      for (let e = list.head; e !== undefined && e.deadline <= now; e = list.head) {
        this.remove(e as E);
        expired.push(e as E);
      }
    }
    // Callbacks may add entries (retries); the timer is armed once they are done.
    this.#expiring = true;
    try {
      for (const e of expired) this.#onExpire(e);
    } finally {
      this.#expiring = false;
    }
    if (this.#size > 0) {
      let next = Infinity;
      for (const list of this.#lists.values()) if (list.head!.deadline < next) next = list.head!.deadline;
      this.#arm(next);
    }
  }
}
