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
  /**
   * Optional: lets a timer keep the process alive (true) or not (false). With it, a timer
   * is left armed (and unref'd) when nothing waits, instead of being cleared and made
   * again for the next request: one request after another then costs no timer churn.
   */
  refTimer?(handle: unknown, ref: boolean): void;
}

/** The real clock: `performance.now()` and `setTimeout`. */
export const systemClock: Clock = {
  now: () => performance.now(),
  setTimer: (fn, ms) => setTimeout(fn, ms),
  clearTimer: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
  refTimer: (h, ref) => void (ref ? (h as ReturnType<typeof setTimeout>).ref() : (h as ReturnType<typeof setTimeout>).unref()),
};

/** Empty lists kept for reuse (a sequential requester empties and refills one list per request). */
const MAX_LISTS = 64;

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
  /** True while the armed timer is unref'd because nothing waits. */
  #idle = false;
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
    // Whole milliseconds (rounded up, never early): a small integer is stored in the entry
    // as it is, where a fraction would be a heap number allocated per request.
    const deadline = Math.ceil(this.#clock.now() + duration);
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
    if (this.#expiring) return;
    if (deadline < this.#armedFor) this.#arm(deadline);
    else if (this.#idle) {
      this.#idle = false;
      this.#clock.refTimer!(this.#timer, true);
    }
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
    if (list.head === undefined && this.#lists.size > MAX_LISTS) this.#lists.delete(list.duration);
    if (this.#size === 0 && !this.#expiring) {
      if (this.#clock.refTimer !== undefined && this.#timer !== undefined) {
        // Leave it armed but unref'd: it fires once, finds nothing, and stops.
        this.#idle = true;
        this.#clock.refTimer(this.#timer, false);
      } else {
        this.#disarm();
      }
    }
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
    this.#idle = false;
    this.#armedFor = deadline;
    const delay = deadline - this.#clock.now();
    this.#timer = this.#clock.setTimer(this.#fire, delay > 1 ? Math.ceil(delay) : 1);
  }

  #disarm(): void {
    if (this.#timer !== undefined) this.#clock.clearTimer(this.#timer);
    this.#timer = undefined;
    this.#armedFor = Infinity;
    this.#idle = false;
  }

  #expire(): void {
    this.#timer = undefined;
    this.#armedFor = Infinity;
    this.#idle = false;
    const now = this.#clock.now();
    const expired: E[] = [];
    this.#expiring = true;
    for (const [duration, list] of this.#lists) {
      for (let e = list.head; e !== undefined && e.deadline <= now; e = list.head) {
        this.remove(e as E);
        expired.push(e as E);
      }
      if (list.head === undefined) this.#lists.delete(duration);
    }
    // Callbacks may add entries (retries); the timer is armed once they are done.
    try {
      for (const e of expired) this.#onExpire(e);
    } finally {
      this.#expiring = false;
    }
    if (this.#size > 0) {
      let next = Infinity;
      for (const list of this.#lists.values()) if (list.head !== undefined && list.head.deadline < next) next = list.head.deadline;
      this.#arm(next);
    }
  }
}
