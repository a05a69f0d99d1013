/**
 * Walks with GetNext and GetBulk, with the semantics of net-snmp 5.9's `snmpwalk` and
 * `snmpbulkwalk`:
 *
 * - `snmpwalk` returns the varbinds below the root, up to (not including) the end OID,
 *   which is the root's next sibling unless given (`-CE`); `snmpbulkwalk` returns those
 *   that start with the root.
 * - An exception value (endOfMibView, noSuchObject, noSuchInstance) inside the bounds is
 *   returned, and ends the walk; v1's noSuchName ends it quietly (net-snmp prints
 *   "End of MIB").
 * - `-Ci` (includeRequested) first GETs the root itself and returns what comes back.
 * - When the walk returned nothing (the root was a leaf instance, or nothing lies below
 *   it), the root is fetched with a GET and whatever comes back is returned, exception
 *   values included; an error status there is ignored, as net-snmp does (`-CI` turns it off).
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
import { PagedIterator } from './paged.js';
import { basicRequest, bulkRequest, countOption, nullVarbinds, type OidInput, type Requester, statusError, toOid } from './requests.js';
import type { Target } from './target.js';

/** Options of a GetNext walk (the `-C` flags of net-snmp's `snmpwalk`). */
export interface WalkOptions extends RequestOptions {
  /** `-Ci`: GET the root first and return it too. Default false. */
  includeRequested?: boolean;
  /** When the walk returns nothing, GET the root and return that (`-CI` sets false). Default true. */
  getRequestedIfEmpty?: boolean;
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

/** GET of the root, returning nothing when the response carries an error status (as net-snmp's snmp_get_and_print). */
async function getRequested(r: Requester, root: Oid, o: RequestOptions): Promise<VarBind[]> {
  const res = await r.request(basicRequest('GetRequest', nullVarbinds(root)), o);
  return res.errorStatus === ErrorStatus.noError ? res.varbinds : [];
}

function endError(res: BasicPdu, request: Oid): Error | undefined {
  // v1 (RFC 1157 §4.1.3): noSuchName on GetNext means the end of the MIB view.
  if (res.errorStatus === ErrorStatus.noSuchName) return undefined;
  return statusError(res, nullVarbinds(request));
}

/** How the next request of a walk is made: GetNext, or GetBulk with these fields. */
interface BulkFields {
  readonly nonRepeaters: number;
  reps: number;
  readonly target: Target;
}

const noop = (): void => undefined;
const nextTurn = (resolve: () => void): void => void setImmediate(resolve);

/**
 * A GetNext walk as `snmpwalk` does it.
 * @throws (while iterating) WalkAbortedError, ResponseStatusError, RequestTimeoutError, AbortError
 */
export function walk(r: Requester, rootOid: Oid, o: WalkOptions): AsyncIterableIterator<VarBind> {
  const root = rootOf(rootOid);
  const end = o.endOid === undefined ? (root.nextSibling() ?? undefined) : toOid(o.endOid, 'endOid');
  return new PagedIterator(walkPages(r, { root, end }, o, undefined));
}

/**
 * A GetBulk walk as `snmpbulkwalk` does it (a GetNext walk over SNMPv1).
 * @throws (while iterating) WalkAbortedError, ResponseStatusError, RequestTimeoutError, AbortError
 */
export function bulkWalk(r: Requester, rootOid: Oid, o: BulkWalkOptions): AsyncIterableIterator<VarBind> {
  const root = rootOf(rootOid);
  const bounds: Bounds = { root, end: o.endOid === undefined ? undefined : toOid(o.endOid, 'endOid') };
  if (r.version === 'v1') return new PagedIterator(walkPages(r, bounds, o, undefined));
  const nonRepeaters = countOption(o.nonRepeaters, 'nonRepeaters', 0);
  const reps = countOption(o.maxRepetitions, 'maxRepetitions', r.maxRepetitions, 1);
  return new PagedIterator(bulkPages(r, bounds, o, nonRepeaters, reps));
}

async function* bulkPages(r: Requester, bounds: Bounds, o: WalkOptions, nonRepeaters: number, reps: number): AsyncGenerator<readonly VarBind[], void, undefined> {
  yield* walkPages(r, bounds, o, { nonRepeaters, reps, target: await r.target() });
}

/**
 * The pages (response varbinds within the bounds) of a walk. The next request goes out as
 * soon as a response is checked, before its varbinds are handed out, so that the agent
 * works on it while the caller processes the page (requests stay one at a time).
 */
async function* walkPages(r: Requester, bounds: Bounds, o: WalkOptions, bulk: BulkFields | undefined): AsyncGenerator<readonly VarBind[], void, undefined> {
  const root = bounds.root;
  const st = new WalkState(o, root);
  if (o.includeRequested === true) {
    const got = await getRequested(r, root, o);
    st.count += got.length;
    yield got;
  }
  let sent = 0;
  const send = (oid: Oid): Promise<BasicPdu> => {
    if (bulk === undefined) return r.request(basicRequest('GetNextRequest', nullVarbinds(oid)), o);
    sent = Math.min(bulk.reps, bulk.target.maxRepetitions);
    return r.request(bulkRequest(bulk.nonRepeaters, sent, nullVarbinds(oid)), o);
  };
  let name = root;
  st.beforeRequest(name);
  let pending: Promise<BasicPdu> | undefined = send(name);
  try {
    for (;;) {
      const res: BasicPdu = await (pending as Promise<BasicPdu>);
      pending = undefined;
      if (res.errorStatus !== ErrorStatus.noError) {
        // RFC 3416 §4.2.3 lets an agent answer tooBig; ask for fewer repetitions and remember it.
        if (bulk !== undefined && res.errorStatus === ErrorStatus.tooBig && sent > 1) {
          bulk.reps = sent >> 1;
          if (bulk.reps < bulk.target.maxRepetitions) bulk.target.maxRepetitions = bulk.reps;
          pending = send(name);
          continue;
        }
        const err = endError(res, name);
        if (err === undefined) break;
        throw err;
      }
      const vbs = res.varbinds;
      if (vbs.length === 0) throw new WalkAbortedError('cycle', `The agent answered a ${bulk === undefined ? 'GetNext' : 'GetBulk'} with no varbinds`);
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
          st.count++;
          n++;
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
        name = prev;
        try {
          st.beforeRequest(name);
          pending = send(name);
        } catch (err) {
          error = err;
          stop = true;
        }
        // Node's dgram sends to an address on the next tick, which waits for the promise
        // jobs to drain: let it go before the caller gets the page, or the agent would
        // wait for the caller's processing.
        if (pending !== undefined) await new Promise<void>(nextTurn);
      }
      if (n > 0) yield n === vbs.length ? vbs : vbs.slice(0, n);
      if (error !== undefined) throw error;
      if (stop) break;
    }
  } finally {
    // A request sent ahead for a page nobody will read: let it finish quietly.
    pending?.then(noop, noop);
  }
  if (st.count === 0 && (o.getRequestedIfEmpty ?? true)) yield await getRequested(r, root, o);
}
