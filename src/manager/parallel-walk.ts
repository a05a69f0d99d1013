/**
 * A GetBulk walk that keeps several requests in flight: `bulkWalk(oid, { parallel: n })`.
 *
 * A walk is a chain of requests, each asking for what follows the last OID of the answer
 * before, so a plain walk waits for the agent one round trip at a time. This one splits
 * the subtree into ranges of OIDs and walks up to `n` of them at once, handing out their
 * varbinds in order: the same varbinds a plain walk returns, from an agent whose data does
 * not change during the walk, sooner (against net-snmp's snmpd, 4 ranges at once walk a
 * 100,000-varbind table in 0.5 to 0.6 of the time one request at a time takes).
 *
 * The ranges come from the first response: when its varbinds share a prefix below the
 * root (a table's first column, or the `system` group of mib-2), the siblings of that
 * prefix are the ranges (the table's next columns, mib-2's next groups). Each range is
 * walked from its first OID up to the next range's; the ranges after the last one that
 * holds anything are found empty with one request each. A walk whose first response has
 * no such prefix (a single column, indexed by its rows) goes on one request at a time.
 *
 * An object whose OID is a range's first OID exactly (GetBulk asks for what follows it,
 * so the range's own requests cannot see it) is found by the range before, which reads on
 * until it meets an OID at or past its end.
 *
 * Options the plain walk has and this one does not split (a limit of varbinds or requests,
 * `checkIncreasing: false`, `includeRequested`, non-repeaters, SNMPv1) make it a plain walk.
 */
import { InvalidArgumentError, WalkAbortedError } from '../errors.js';
import { ErrorStatus } from '../pdu/error-status.js';
import type { Oid } from '../smi/oid.js';
import { isException, type VarBind } from '../smi/types.js';
import { bulkRequest, countOption, nullVarbinds, type Requester, toOid } from './requests.js';
import type { Target } from './target.js';
import { commonPrefix, Range, sibling } from './walk-ranges.js';
import { type BulkWalkOptions, bulkWalk, endError, getRequested, type Walk } from './walk.js';

/** The most requests a parallel walk keeps in flight (each range's first request is a guess). */
export const MAX_PARALLEL = 64;
/** Pages a range keeps before its requests wait for the reader. */
const MAX_BUFFERED_PAGES = 64;
/** How far ahead of the range being read new ranges start, in ranges per request in flight. */
const RANGES_AHEAD = 4;
const END: IteratorReturnResult<undefined> = Object.freeze({ value: undefined, done: true });

/**
 * A GetBulk walk with up to `parallel` requests in flight (see the module's description);
 * a plain {@link bulkWalk} when `parallel` is 1 or the options need one.
 * @throws (while iterating) WalkAbortedError, ResponseStatusError, RequestTimeoutError, AbortError
 */
export function parallelBulkWalk(r: Requester, root: Oid, o: BulkWalkOptions, parallel: number): Walk {
  const plain =
    parallel <= 1 ||
    r.version === 'v1' ||
    o.maxVarbinds !== undefined ||
    o.maxRequests !== undefined ||
    o.checkIncreasing === false ||
    o.includeRequested === true ||
    (o.nonRepeaters ?? 0) !== 0;
  if (plain) return bulkWalk(r, root, o);
  if (root.length === 0) throw new InvalidArgumentError('A walk needs a root OID with at least one arc');
  return new ParallelWalk(r, root, o, parallel);
}

class ParallelWalk implements Walk {
  readonly #r: Requester;
  readonly #root: Oid;
  readonly #end: Oid | undefined;
  readonly #o: BulkWalkOptions;
  readonly #parallel: number;
  #reps: number;
  #target: Target | undefined;
  readonly #ranges: Range[] = [];
  /** The range being read. */
  #reading = 0;
  /** Where the next range starts, once a response showed how to split (undefined: no more ranges). */
  #nextStart: Oid | undefined = undefined;
  /** The object at #nextStart, when a response showed it (the next range then starts with it). */
  #nextHead: VarBind | undefined = undefined;
  /** The OID whose children the ranges are (undefined: the next range goes to the end of the bounds). */
  #parent: Oid | undefined = undefined;
  /** Index of the last range that can hold anything (found at the end of the bounds). */
  #last = Infinity;
  #active = 0;
  /** Varbinds (and ending exceptions) met inside the bounds: none means the walk was empty. */
  #count = 0;
  #closed = false;
  #finished = false;
  /** What the varbind iterator hands out. */
  #page: readonly VarBind[] = [];
  #pos = 0;
  #emptyChecked = false;
  #started = false;
  /** The last read asked for, while one is in progress (see #serial). */
  #tail: Promise<void> | undefined = undefined;
  /** Objects at the first OID of a range not started yet, found by the range before it (rare). */
  readonly #heads: VarBind[] = [];

  constructor(r: Requester, root: Oid, o: BulkWalkOptions, parallel: number) {
    this.#r = r;
    this.#root = root;
    this.#o = o;
    this.#end = o.endOid === undefined ? undefined : toOid(o.endOid, 'endOid');
    this.#parallel = parallel;
    this.#reps = countOption(o.maxRepetitions, 'maxRepetitions', r.maxRepetitions, 1);
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  next(): Promise<IteratorResult<VarBind, undefined>> {
    if (this.#tail === undefined && this.#pos < this.#page.length) return Promise.resolve({ value: this.#page[this.#pos++]!, done: false });
    return this.#serial(() => this.#nextVarbind());
  }

  async #nextVarbind(): Promise<IteratorResult<VarBind, undefined>> {
    while (this.#pos >= this.#page.length) {
      const r = await this.#readPage();
      if (r.done === true) return END;
      this.#page = r.value;
      this.#pos = 0;
    }
    return { value: this.#page[this.#pos++]!, done: false };
  }

  pages(): AsyncIterableIterator<readonly VarBind[]> {
    const pages: AsyncIterableIterator<readonly VarBind[]> = {
      next: () => this.#serial(() => this.#nextPage()),
      return: () => this.return() as Promise<IteratorReturnResult<undefined>>,
      [Symbol.asyncIterator]: () => pages,
    };
    return pages;
  }

  /** The rest of a page the varbind iterator started, or the next page. */
  #nextPage(): Promise<IteratorResult<readonly VarBind[], undefined>> {
    if (this.#pos < this.#page.length) {
      const rest = this.#page.slice(this.#pos);
      this.#pos = this.#page.length;
      return Promise.resolve({ value: rest, done: false });
    }
    return this.#readPage();
  }

  /** Runs reads one after the other, in the order they were asked for (next() may be called again before the last one settled). */
  #serial<T>(read: () => Promise<T>): Promise<T> {
    const before = this.#tail;
    const p = before === undefined ? read() : before.then(() => read());
    const tail = p.then(
      () => undefined,
      () => undefined,
    );
    this.#tail = tail;
    void tail.then(() => {
      if (this.#tail === tail) this.#tail = undefined;
    });
    return p;
  }

  /** Stops the walk: requests in flight finish quietly. */
  return(): Promise<IteratorResult<VarBind, undefined>> {
    this.#stop();
    this.#page = [];
    this.#pos = 0;
    return Promise.resolve(END);
  }

  #stop(): void {
    this.#closed = true;
    this.#finished = true;
    this.#release();
  }

  /** Ends the requests: those waiting for the reader wake and see that the walk is over. */
  #release(): void {
    this.#closed = true;
    this.#nextStart = undefined;
    for (const range of this.#ranges) {
      const w = range.wakeWalker;
      range.wakeWalker = undefined;
      w?.();
    }
  }

  async #readPage(): Promise<IteratorResult<readonly VarBind[], undefined>> {
    // The first request goes out when the walk is first read, as the plain walk's does.
    if (!this.#started) {
      this.#started = true;
      if (!this.#finished) this.#spawn(this.#root, undefined, undefined);
    }
    for (;;) {
      if (this.#finished) return END;
      const range = this.#ranges[this.#reading];
      if (range === undefined || this.#reading > this.#last) {
        this.#finished = true;
        this.#release();
        return this.#emptyWalk();
      }
      if (range.head !== undefined) {
        const head = range.head;
        range.head = undefined;
        return { value: [head], done: false };
      }
      const page = range.pages.shift();
      if (page !== undefined) {
        const w = range.wakeWalker;
        range.wakeWalker = undefined;
        w?.();
        return { value: page, done: false };
      }
      if (range.done) {
        if (range.error !== undefined) {
          this.#stop();
          throw range.error;
        }
        this.#reading++;
        this.#fill();
        continue;
      }
      await new Promise<void>((resolve) => (range.wakeReader = resolve));
    }
  }

  /** A walk that found nothing GETs its root, as the plain walk does. */
  async #emptyWalk(): Promise<IteratorResult<readonly VarBind[], undefined>> {
    if (this.#count > 0 || this.#emptyChecked) return END;
    this.#emptyChecked = true;
    if (!(this.#o.getRequestedIfEmpty ?? true)) return END;
    const got = await getRequested(this.#r, this.#root, this.#o);
    return got.length > 0 ? { value: got, done: false } : END;
  }

  #inBounds(oid: Oid): boolean {
    return this.#end === undefined ? oid.startsWith(this.#root) : oid.compare(this.#end) < 0;
  }

  #spawn(start: Oid, end: Oid | undefined, head: VarBind | undefined): void {
    const range = new Range(this.#ranges.length, start, end);
    range.head = head;
    if (head === undefined && this.#heads.length > 0) {
      const at = this.#heads.findIndex((vb) => vb.oid.equals(start));
      if (at >= 0) range.head = this.#heads.splice(at, 1)[0];
    }
    this.#ranges.push(range);
    this.#active++;
    this.#walk(range).then(
      () => this.#rangeDone(range, undefined),
      (err: unknown) => this.#rangeDone(range, err),
    );
  }

  #rangeDone(range: Range, err: unknown): void {
    range.done = true;
    this.#active--;
    if (err !== undefined && !this.#closed) {
      range.error = err;
      // Nothing after a failed range is read: start no more.
      this.#nextStart = undefined;
      if (range.index < this.#last) this.#last = range.index;
    }
    range.wake();
    this.#fill();
  }

  /** Starts ranges while fewer than `parallel` are walked and the reader is not too far behind. */
  #fill(): void {
    while (!this.#closed && this.#nextStart !== undefined && this.#active < this.#parallel && this.#ranges.length <= this.#last && this.#ranges.length - this.#reading < this.#parallel * RANGES_AHEAD) {
      const start = this.#nextStart;
      const parent = this.#parent;
      // A child of the parent, or everything to the end of the bounds (split again from its first response).
      const end = parent === undefined ? undefined : sibling(start.slice(0, parent.length + 1));
      const head = this.#nextHead;
      this.#nextStart = end;
      this.#nextHead = undefined;
      this.#spawn(start, end, head);
    }
  }

  /**
   * A range met `vb`, past its end and inside the bounds, as the successor of its last
   * OID: nothing lies between, so ranges not started yet before `vb` would be empty. The
   * next range starts with it instead: as a child of the same parent, or, past the
   * parent's subtree, as a range to the end of the bounds.
   */
  #sawBeyond(vb: VarBind): void {
    const next = this.#nextStart;
    if (next === undefined || vb.oid.compare(next) <= 0) return;
    this.#nextStart = vb.oid;
    this.#nextHead = vb;
    const parent = this.#parent;
    if (parent !== undefined && !(vb.oid.length > parent.length && vb.oid.startsWith(parent))) this.#parent = undefined;
  }

  /** Nothing lies past range `index`: the ranges after it are empty. */
  #endAfter(index: number): void {
    if (index < this.#last) this.#last = index;
    this.#nextStart = undefined;
  }

  /** Walks one range, page after page, until its end or the end of the bounds. */
  async #walk(range: Range): Promise<void> {
    const r = this.#r;
    const o = this.#o;
    let name = range.start;
    let prev = range.start;
    let first = true;
    this.#target ??= await r.target();
    const target = this.#target;
    for (;;) {
      while (range.pages.length >= MAX_BUFFERED_PAGES && !this.#closed) await new Promise<void>((resolve) => (range.wakeWalker = resolve));
      if (this.#closed || range.index > this.#last) return;
      const reps = Math.min(this.#reps, target.maxRepetitions);
      const res = await r.request(bulkRequest(0, reps, nullVarbinds(name)), o);
      if (this.#closed || range.index > this.#last) return;
      if (res.errorStatus !== ErrorStatus.noError) {
        // RFC 3416 §4.2.3 lets an agent answer tooBig; ask for fewer repetitions and remember it.
        if (res.errorStatus === ErrorStatus.tooBig && reps > 1) {
          this.#reps = reps >> 1;
          if (this.#reps < target.maxRepetitions) target.maxRepetitions = this.#reps;
          continue;
        }
        // v1's noSuchName (which some v2c agents answer too) ends the walk quietly, as in the plain walk.
        const err = endError(res, name);
        if (err !== undefined) throw err;
        this.#endAfter(range.index);
        return;
      }
      const vbs = res.varbinds;
      if (vbs.length === 0) throw new WalkAbortedError('cycle', 'The agent answered a GetBulk with no varbinds');
      const page: VarBind[] = [];
      let stop = false;
      let failure: WalkAbortedError | undefined;
      for (const vb of vbs) {
        if (!this.#inBounds(vb.oid)) {
          this.#endAfter(range.index);
          stop = true;
          break;
        }
        if (isException(vb)) {
          this.#count++;
          if (o.includeExceptions === true) page.push(vb);
          this.#endAfter(range.index);
          stop = true;
          break;
        }
        const end = range.end;
        if (end !== undefined && vb.oid.compare(end) >= 0) {
          // The next range's own requests start after its first OID: an object there is its head.
          if (vb.oid.equals(end)) {
            const next = this.#ranges[range.index + 1];
            if (next !== undefined) {
              if (next.start.equals(end)) next.head = vb;
            } else this.#heads.push(vb);
          }
          this.#sawBeyond(vb);
          stop = true;
          break;
        }
        if (vb.oid.compare(prev) <= 0) {
          // The varbinds before it are handed out first, as in the plain walk.
          failure = new WalkAbortedError('nonIncreasing', `OID not increasing: ${prev.toString()} >= ${vb.oid.toString()}`);
          break;
        }
        page.push(vb);
        prev = vb.oid;
      }
      this.#count += page.length;
      // The last range, to the end of the bounds: its first response may show how to split the rest.
      if (first && !stop && failure === undefined && range.end === undefined && range.index === this.#ranges.length - 1) this.#split(range, page);
      first = false;
      if (page.length > 0) {
        range.pages.push(page);
        range.wake();
      }
      if (failure !== undefined) throw failure;
      if (stop) return;
      name = prev;
    }
  }

  /**
   * After the first response: when its varbinds share a prefix below the root, the first
   * range ends at that prefix's next sibling, and the siblings after it are the next ranges.
   */
  #split(range: Range, page: readonly VarBind[]): void {
    if (page.length < 2) return;
    const prefix = commonPrefix(page);
    if (prefix.length <= this.#root.length) return;
    const next = sibling(prefix);
    if (next === undefined) return;
    range.end = next;
    this.#nextStart = next;
    this.#nextHead = undefined;
    this.#parent = prefix.parent();
    this.#fill();
  }
}

