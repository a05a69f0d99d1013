/**
 * Walks with GetNext and GetBulk, with the semantics of net-snmp 5.9's `snmpwalk` and
 * `snmpbulkwalk`:
 *
 * - `snmpwalk` returns the varbinds below the root, up to (not including) the end OID,
 *   which is the root's next sibling unless given (`-CE`); `snmpbulkwalk` returns those
 *   that start with the root.
 * - An exception value (endOfMibView, noSuchObject, noSuchInstance) inside the bounds
 *   ends the walk, and is returned only with `includeExceptions` (as snmpwalk prints it);
 *   v1's noSuchName ends it quietly (net-snmp prints "End of MIB").
 * - `-Ci` (includeRequested) first GETs the root itself and returns what comes back.
 * - When the walk returned nothing (the root was a leaf instance, or nothing lies below
 *   it), the root is fetched with a GET and what comes back is returned (an exception
 *   value only with `includeExceptions`); an error status there is ignored, as net-snmp
 *   does (`-CI` turns it off).
 * - OIDs must increase; otherwise `WalkAbortedError('nonIncreasing')` (`-Cc` turns the
 *   check off; a walk that would request the same OID twice then stops with `'cycle'`).
 *
 * Differences, all on misbehaving agents: net-snmp prints a non-increasing varbind before
 * it stops, and compares a bulk response's varbinds with the request's OID rather than
 * with each other; tsnmp compares each varbind with the one before and throws without
 * returning it. After an exception value tsnmp stops, where net-snmp also prints the rest
 * of that response.
 */
import { InvalidArgumentError, WalkAbortedError } from '../errors.js';
import { ErrorStatus } from '../pdu/error-status.js';
import type { BasicPdu } from '../pdu/types.js';
import type { Oid } from '../smi/oid.js';
import { isException, type VarBind } from '../smi/types.js';
import type { RequestOptions } from './options.js';
import { basicRequest, bulkRequest, countOption, nullVarbinds, type OidInput, type Requester, statusError, toOid } from './requests.js';
import type { Target } from './target.js';

/** Options of a GetNext walk (the `-C` flags of net-snmp's `snmpwalk`). */
export interface WalkOptions extends RequestOptions {
  /** `-Ci`: GET the root first and return it too. Default false. */
  includeRequested?: boolean;
  /** When the walk returns nothing, GET the root and return that (`-CI` sets false). Default true. */
  getRequestedIfEmpty?: boolean;
  /**
   * Return the exception value (endOfMibView, noSuchObject, noSuchInstance) that ends a walk
   * or answers its GET of the root, as net-snmp's snmpwalk prints it. Default false: a walk
   * yields values only.
   */
  includeExceptions?: boolean;
  /** `-CE`: stop before this OID instead of at the end of the root's subtree. Default: the root's next sibling (snmpwalk), the root's subtree (bulk walk). */
  endOid?: OidInput;
  /** `-Cc` sets false: do not check that OIDs increase. Default true. */
  checkIncreasing?: boolean;
  /** Stop with `WalkAbortedError('limit')` rather than return more varbinds. Default unlimited. */
  maxVarbinds?: number;
  /** Stop with `WalkAbortedError('limit')` rather than send more requests. Default unlimited. */
  maxRequests?: number;
}

/** Options of a GetBulk walk (the `-C` flags of net-snmp's `snmpbulkwalk`). */
export interface BulkWalkOptions extends WalkOptions {
  /** `-Cr`: max-repetitions per request. Default: the session's (10). */
  maxRepetitions?: number;
  /** `-Cn`: non-repeaters. Default 0. */
  nonRepeaters?: number;
  /**
   * Requests kept in flight at once, each walking its own range of the subtree (a table's
   * columns, a group's subgroups), the varbinds still handed out in order: the same walk,
   * sooner, from an agent whose data does not change meanwhile. 1 to 64; default 1 (one
   * request at a time, as snmpbulkwalk). Ignored (one at a time) with maxVarbinds,
   * maxRequests, checkIncreasing false, includeRequested, nonRepeaters, or over SNMPv1. The
   * session's maxInFlight also bounds it.
   */
  parallel?: number;
}

interface Bounds {
  readonly root: Oid;
  /** Exclusive end, or undefined for "starts with root". */
  readonly end: Oid | undefined;
}

function inBounds(b: Bounds, oid: Oid): boolean {
  return b.end === undefined ? oid.startsWith(b.root) : oid.compare(b.end) < 0;
}

/** State shared by both walks: counts, limits and the increasing check. */
class WalkState {
  count = 0;
  requests = 0;
  readonly check: boolean;
  readonly maxVarbinds: number;
  readonly maxRequests: number;
  readonly #requested: Set<string> | undefined;

  constructor(o: WalkOptions, root: Oid) {
    this.check = o.checkIncreasing ?? true;
    this.maxVarbinds = countOption(o.maxVarbinds, 'maxVarbinds', Infinity);
    this.maxRequests = countOption(o.maxRequests, 'maxRequests', Infinity);
    // Without the increasing check, remember what was asked: asking twice would loop.
    this.#requested = this.check ? undefined : new Set([root.toString()]);
  }

  beforeRequest(next: Oid): void {
    if (this.requests >= this.maxRequests) throw new WalkAbortedError('limit', `Walk stopped after ${this.requests} requests (maxRequests)`);
    this.requests++;
    if (this.#requested !== undefined && this.requests > 1) {
      const key = next.toString();
      if (this.#requested.has(key)) throw new WalkAbortedError('cycle', `Walk would request ${key} again: the agent returns OIDs in a loop`);
      this.#requested.add(key);
    }
  }

  accept(prev: Oid, vb: VarBind): void {
    if (this.check && vb.oid.compare(prev) <= 0) throw new WalkAbortedError('nonIncreasing', `OID not increasing: ${prev.toString()} >= ${vb.oid.toString()}`);
    if (this.count >= this.maxVarbinds) throw new WalkAbortedError('limit', `Walk stopped after ${this.count} varbinds (maxVarbinds)`);
    this.count++;
  }
}

function rootOf(root: Oid): Oid {
  if (root.length === 0) throw new InvalidArgumentError('A walk needs a root OID with at least one arc');
  return root;
}

/** GET of the root, returning nothing when the response carries an error status (as net-snmp's snmp_get_and_print). @internal */
export async function getRequested(r: Requester, root: Oid, o: WalkOptions): Promise<VarBind[]> {
  const res = await r.request(basicRequest('GetRequest', nullVarbinds(root)), o);
  if (res.errorStatus !== ErrorStatus.noError) return [];
  return o.includeExceptions === true ? res.varbinds : res.varbinds.filter((vb) => !isException(vb));
}

/** The error a walk's error status means, or undefined for its end (noSuchName). @internal */
export function endError(res: BasicPdu, request: Oid): Error | undefined {
  // v1 (RFC 1157 §4.1.3): noSuchName on GetNext means the end of the MIB view.
  if (res.errorStatus === ErrorStatus.noSuchName) return undefined;
  return statusError(res, nullVarbinds(request));
}

/** How the next request of a walk is made: GetNext, or GetBulk with these fields. */
interface BulkFields {
  readonly nonRepeaters: number;
  reps: number;
}

const noop = (): void => undefined;
const EMPTY: readonly VarBind[] = [];
const END: IteratorReturnResult<undefined> = Object.freeze({ value: undefined, done: true });

/** Phases of a walk: before its first request, walking, after its last, finished. */
const START = 0;
const WALKING = 1;
const ENDING = 2;
const FINISHED = 3;

/**
 * A walk in progress: `for await (const vb of walk)` hands out its varbinds one by one;
 * {@link Walk.pages} hands them out a response at a time, which spares a promise per
 * varbind (for programs that print or store whole walks). `break` (or `return()`) stops
 * the requests.
 */
export interface Walk extends AsyncIterableIterator<VarBind> {
  /**
   * The varbinds a response at a time, in order: what `next()` would hand out one by one
   * (the rest of a page it started comes first). Iterate one way or the other; breaking out
   * of either stops the walk.
   * @throws (while iterating) as the walk does
   */
  pages(): AsyncIterableIterator<readonly VarBind[]>;
}

/**
 * A GetNext walk as `snmpwalk` does it.
 * @throws (while iterating) WalkAbortedError, ResponseStatusError, RequestTimeoutError, AbortError
 */
export function walk(r: Requester, rootOid: Oid, o: WalkOptions): Walk {
  const root = rootOf(rootOid);
  const end = o.endOid === undefined ? (root.nextSibling() ?? undefined) : toOid(o.endOid, 'endOid');
  return new WalkIterator(r, { root, end }, o, undefined);
}

/**
 * A GetBulk walk as `snmpbulkwalk` does it (a GetNext walk over SNMPv1).
 * @throws (while iterating) WalkAbortedError, ResponseStatusError, RequestTimeoutError, AbortError
 */
export function bulkWalk(r: Requester, rootOid: Oid, o: BulkWalkOptions): Walk {
  const root = rootOf(rootOid);
  const bounds: Bounds = { root, end: o.endOid === undefined ? undefined : toOid(o.endOid, 'endOid') };
  if (r.version === 'v1') return new WalkIterator(r, bounds, o, undefined);
  const nonRepeaters = countOption(o.nonRepeaters, 'nonRepeaters', 0);
  const reps = countOption(o.maxRepetitions, 'maxRepetitions', r.maxRepetitions, 1);
  return new WalkIterator(r, bounds, o, { nonRepeaters, reps });
}

/**
 * The iterator of a walk, one response (a page of varbinds) at a time. The next request goes
 * out as soon as a response is checked, before its varbinds are handed out, so that the
 * agent works on it while the caller processes the page (requests stay one at a time). The
 * varbinds of a page are handed out without a promise job of the walk's own, which keeps
 * `for await` over a 100,000-varbind walk cheap. `break` (return) stops the requests: one
 * sent ahead is left to finish quietly.
 */
class WalkIterator implements Walk {
  readonly #r: Requester;
  readonly #bounds: Bounds;
  readonly #o: WalkOptions;
  readonly #st: WalkState;
  readonly #bulk: BulkFields | undefined;
  #target: Target | undefined;
  #phase = START;
  /** The varbinds being handed out, and the next one's index. */
  #page: readonly VarBind[] = EMPTY;
  #pos = 0;
  /** The OID the request in flight asks for, its max-repetitions, and its response. */
  #name: Oid;
  #sent = 0;
  #pending: Promise<BasicPdu> | undefined;
  /** An error to throw once the page before it is handed out. */
  #error: unknown;
  #failed = false;
  #closed = false;
  #gotRequested = false;
  #busy: Promise<unknown> | undefined;

  constructor(r: Requester, bounds: Bounds, o: WalkOptions, bulk: BulkFields | undefined) {
    this.#r = r;
    this.#bounds = bounds;
    this.#o = o;
    this.#st = new WalkState(o, bounds.root);
    this.#bulk = bulk;
    this.#name = bounds.root;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  next(): Promise<IteratorResult<VarBind, undefined>> {
    if (this.#pos < this.#page.length) return Promise.resolve({ value: this.#page[this.#pos++]!, done: false });
    if (this.#busy !== undefined) return this.#busy.then(() => this.next());
    const p = this.#advance(false) as Promise<IteratorResult<VarBind, undefined>>;
    this.#busy = p;
    return p;
  }

  pages(): AsyncIterableIterator<readonly VarBind[]> {
    const pages: AsyncIterableIterator<readonly VarBind[]> = {
      next: () => this.#nextPageResult(),
      return: () => this.return() as Promise<IteratorReturnResult<undefined>>,
      [Symbol.asyncIterator]: () => pages,
    };
    return pages;
  }

  #nextPageResult(): Promise<IteratorResult<readonly VarBind[], undefined>> {
    if (this.#pos < this.#page.length) {
      // What is left of a page the varbind iterator started.
      const rest = this.#pos === 0 ? this.#page : this.#page.slice(this.#pos);
      this.#page = EMPTY;
      this.#pos = 0;
      return Promise.resolve({ value: rest, done: false });
    }
    if (this.#busy !== undefined) return this.#busy.then(() => this.#nextPageResult());
    const p = this.#advance(true) as Promise<IteratorResult<readonly VarBind[], undefined>>;
    this.#busy = p;
    return p;
  }

  /** Stops the walk (what `break` calls); a request sent ahead finishes quietly. */
  return(): Promise<IteratorResult<VarBind, undefined>> {
    this.#closed = true;
    this.#phase = FINISHED;
    this.#failed = false;
    this.#page = EMPTY;
    this.#pos = 0;
    this.#quiet();
    return Promise.resolve(END);
  }

  /** Gets the next page with varbinds; hands out its first varbind, or (`whole`) all of it. */
  async #advance(whole: boolean): Promise<IteratorResult<unknown, undefined>> {
    try {
      for (;;) {
        const page = await this.#nextPage();
        if (this.#closed) {
          // return() came while this page was on its way: it is the last one handed out.
          this.#quiet();
          this.#page = EMPTY;
          this.#pos = 0;
          return page !== undefined && page.length > 0 ? { value: whole ? page : page[0]!, done: false } : END;
        }
        if (page === undefined) {
          this.#page = EMPTY;
          this.#pos = 0;
          return END;
        }
        if (page.length > 0) {
          if (whole) return { value: page, done: false };
          this.#page = page;
          this.#pos = 1;
          return { value: page[0]!, done: false };
        }
      }
    } catch (err) {
      this.#phase = FINISHED;
      this.#quiet();
      throw err;
    } finally {
      this.#busy = undefined;
    }
  }

  /** Lets a request sent ahead for a page nobody will read finish quietly. */
  #quiet(): void {
    const p = this.#pending;
    this.#pending = undefined;
    p?.then(noop, noop);
  }

  #send(oid: Oid): Promise<BasicPdu> {
    const bulk = this.#bulk;
    if (bulk === undefined) return this.#r.request(basicRequest('GetNextRequest', nullVarbinds(oid)), this.#o);
    this.#sent = Math.min(bulk.reps, this.#target!.maxRepetitions);
    return this.#r.request(bulkRequest(bulk.nonRepeaters, this.#sent, nullVarbinds(oid)), this.#o);
  }

  /** The next page of varbinds (possibly empty), or undefined at the end. */
  async #nextPage(): Promise<readonly VarBind[] | undefined> {
    const st = this.#st;
    const root = this.#bounds.root;
    switch (this.#phase) {
      case START: {
        if (this.#bulk !== undefined && this.#target === undefined) {
          this.#target = await this.#r.target();
          if (this.#closed) return undefined;
        }
        if (this.#o.includeRequested === true && !this.#gotRequested) {
          // The GET's page is handed out before the walk's first request goes.
          this.#gotRequested = true;
          const got = await getRequested(this.#r, root, this.#o);
          st.count += got.length;
          return got;
        }
        if (this.#closed) return undefined;
        this.#phase = WALKING;
        st.beforeRequest(root);
        this.#pending = this.#send(root);
        return EMPTY;
      }
      case WALKING:
        return this.#check(await (this.#pending as Promise<BasicPdu>));
      case ENDING:
        this.#phase = FINISHED;
        if (st.count === 0 && (this.#o.getRequestedIfEmpty ?? true)) return getRequested(this.#r, root, this.#o);
        return undefined;
      default:
        if (this.#failed) {
          this.#failed = false;
          throw this.#error;
        }
        return undefined;
    }
  }
  /** Checks a response, sends the next request unless the walk stops, and returns the page. */
  #check(res: BasicPdu): readonly VarBind[] {
    this.#pending = undefined;
    const st = this.#st;
    const bulk = this.#bulk;
    const name = this.#name;
    if (res.errorStatus !== ErrorStatus.noError) {
      // RFC 3416 §4.2.3 lets an agent answer tooBig; ask for fewer repetitions and remember it.
      if (bulk !== undefined && res.errorStatus === ErrorStatus.tooBig && this.#sent > 1) {
        bulk.reps = this.#sent >> 1;
        const target = this.#target!;
        if (bulk.reps < target.maxRepetitions) target.maxRepetitions = bulk.reps;
        this.#pending = this.#send(name);
        return EMPTY;
      }
      const err = endError(res, name);
      if (err !== undefined) throw err;
      this.#phase = ENDING;
      return EMPTY;
    }
    const vbs = res.varbinds;
    if (vbs.length === 0) throw new WalkAbortedError('cycle', `The agent answered a ${bulk === undefined ? 'GetNext' : 'GetBulk'} with no varbinds`);
    const bounds = this.#bounds;
    let n = 0;
    let stop = false;
    let error: unknown;
    let prev = name;
    for (; n < vbs.length; n++) {
      const vb = vbs[n]!;
      if (!inBounds(bounds, vb.oid)) {
        stop = true;
        break;
      }
      if (isException(vb)) {
        // Counted either way: the walk was not empty, so no GET of the root follows.
        st.count++;
        if (this.#o.includeExceptions === true) n++;
        stop = true;
        break;
      }
      try {
        st.accept(prev, vb);
      } catch (err) {
        error = err;
        stop = true;
        break;
      }
      prev = vb.oid;
    }
    if (!stop) {
      this.#name = prev;
      try {
        st.beforeRequest(prev);
        // tsnmp's transports hand the datagram to the system within send (no deferral), so
        // the agent already works on the next request while the caller gets this page.
        this.#pending = this.#send(prev);
      } catch (err) {
        error = err;
        stop = true;
      }
    }
    if (error !== undefined) {
      this.#error = error;
      this.#failed = true;
      this.#phase = FINISHED;
    } else if (stop) {
      this.#phase = ENDING;
    }
    return n === vbs.length ? vbs : vbs.slice(0, n);
  }
}
