/**
 * Request processing (RFC 3416 §4.2, RFC 3584 §4.2 for v1): a Get, GetNext, GetBulk or Set
 * PDU, already authenticated, becomes the varbinds and error status of its Response. The
 * registry finds the handler of each varbind; varbinds of one handler travel in one call.
 * When every handler answers synchronously, no promise is made at all; the first promise a
 * handler returns switches the request to an asynchronous continuation of the same steps.
 */
import type { BasicPdu, GetBulkPdu } from '../pdu/types.js';
import { ErrorStatus, errorStatusToV1 } from '../pdu/error-status.js';
import { type Oid, oidArcs, oidFromTrustedArcs } from '../smi/oid.js';
import type { VarBind } from '../smi/types.js';
import type { MessageSource } from '../transport/types.js';
import type { AccessProfile } from './community.js';
import { type AgentRequestType, type RequestContext, isPromiseLike } from './handler.js';
import { compareArcs, type Registry } from './registry.js';
import { type SetJob, setCommitted, setTested, setUndone, startSet } from './set-phases.js';
import { statusOfError, varBindSize } from './sizes.js';
import {
  type Group,
  Item,
  type Method,
  P_FINISHED,
  P_GET_DONE,
  P_NEXT_DONE,
  P_NEXT_DONE_ALL_ENDED,
  P_NEXT_ROUND,
  P_SET_COMMITTED,
  P_SET_TESTED,
  P_SET_UNDONE,
  P_START,
} from './work-item.js';

/** A request PDU the agent serves. */
export type AgentRequestPdu = (BasicPdu & { type: 'GetRequest' | 'GetNextRequest' | 'SetRequest' }) | GetBulkPdu;

/** What {@link processPdu} needs besides the PDU. */
export interface ProcessInput {
  /** Wire version: 0, 1 or 3. */
  readonly version: number;
  readonly pdu: AgentRequestPdu;
  readonly access: AccessProfile;
  readonly registry: Registry;
  readonly source: MessageSource | undefined;
  /** Most bytes the encoded varbinds of the response may take (GetBulk stops adding before it). */
  readonly maxVarBindBytes: number;
  /** Most handler rounds one GetNext varbind may take (a view or v1 skipping Counter64s). Default 100,000. */
  readonly maxSteps?: number;
  /** Most varbinds in a GetBulk response (a local constraint, RFC 3416 §4.2.3). Default 1,024. */
  readonly maxBulkVarBinds?: number;
  /** What a GetBulk response holds once every repeater has reached the end of the MIB view. Default `truncate`. */
  readonly bulkEndOfMibView?: BulkEndOfMibView;
}

/**
 * RFC 3416 §4.2.3 lets a GetBulk response stop after the first repetition whose varbinds are
 * all endOfMibView (`truncate`, as net-snmp's snmpd does), or carry endOfMibView up to
 * max-repetitions (`fill`, as snmpsim does).
 */
export type BulkEndOfMibView = 'truncate' | 'fill';

/** The Response fields that processing produced. */
export interface ProcessOutcome {
  errorStatus: number;
  errorIndex: number;
  varbinds: VarBind[];
}

const NO_SUCH_OBJECT = 'NoSuchObject';
/** Fills result slots until their answer comes (keeps the array packed). */
const PLACEHOLDER: VarBind = { oid: oidFromTrustedArcs(new Uint32Array([0, 0])), type: 'Null', value: null };

/**
 * Processes one request PDU. Returns the outcome directly when every handler answered
 * synchronously, else a promise of it. Never throws: handler failures become error statuses.
 */
export function processPdu(input: ProcessInput): ProcessOutcome | Promise<ProcessOutcome> {
  const job = new Job(input);
  let p = job.step();
  if (p === undefined) return job.outcome();
  return (async () => {
    while (p !== undefined) {
      await p;
      p = job.step();
    }
    return job.outcome();
  })();
}

class Job implements SetJob {
  readonly input: ProcessInput;
  readonly ctx: RequestContext;
  readonly reqVbs: VarBind[];
  readonly v1: boolean;
  phase = P_START;
  results: VarBind[] = [];
  errorStatus = 0;
  errorIndex = 0;
  failIndex = 0;
  failStatus = 0;
  pending: Item[] = [];
  groups: Group[] = [];
  // GetBulk
  nonRepeaters = 0;
  repeaters = 0;
  reps = 0;
  maxReps = 0;
  usedBytes = 0;
  lastRepetition: Item[] = [];

  constructor(input: ProcessInput) {
    this.input = input;
    const pdu = input.pdu;
    this.reqVbs = pdu.varbinds;
    this.v1 = input.version === 0;
    this.ctx = {
      version: input.version,
      pduType: pdu.type as AgentRequestType,
      requestId: pdu.requestId,
      principal: input.access.name,
      contextName: input.access.contextName,
      source: input.source,
    };
  }

  outcome(): ProcessOutcome {
    if (this.errorStatus !== 0) {
      const status = this.v1 ? errorStatusToV1(this.errorStatus) : this.errorStatus;
      return { errorStatus: status, errorIndex: this.errorIndex, varbinds: this.reqVbs };
    }
    // RFC 3416 §4.2.5: a successful Set answers with the varbinds it was given.
    return { errorStatus: 0, errorIndex: 0, varbinds: this.input.pdu.type === 'SetRequest' ? this.reqVbs : this.results };
  }

  fail(status: number, index: number): void {
    if (this.failStatus === 0 || index < this.failIndex) {
      this.failStatus = status;
      this.failIndex = index;
    }
  }

  /** Runs until finished (undefined) or waiting for a handler (a promise to await before stepping again). */
  step(): PromiseLike<void> | undefined {
    for (;;) {
      let p: PromiseLike<void> | undefined;
      switch (this.phase) {
        case P_START:
          p = this.start();
          break;
        case P_GET_DONE:
          this.getDone();
          this.phase = P_FINISHED;
          break;
        case P_NEXT_ROUND:
          p = this.nextRound();
          break;
        case P_NEXT_DONE:
          this.nextDone();
          break;
        case P_SET_TESTED:
          p = setTested(this);
          break;
        case P_SET_COMMITTED:
          p = setCommitted(this);
          break;
        case P_SET_UNDONE:
          p = setUndone(this);
          break;
        case P_NEXT_DONE_ALL_ENDED:
          this.repetitionDone();
          break;
        default:
          return undefined;
      }
      if (p !== undefined) return p;
    }
  }

  start(): PromiseLike<void> | undefined {
    const pdu = this.input.pdu;
    switch (pdu.type) {
      case 'GetRequest':
        return this.startGet();
      case 'GetNextRequest':
        for (let i = 0; i < this.reqVbs.length; i++) this.results.push(PLACEHOLDER);
        for (let i = 0; i < this.reqVbs.length; i++) this.seedNext(i, this.reqVbs[i]!.oid, i);
        this.phase = P_NEXT_ROUND;
        return undefined;
      case 'GetBulkRequest': {
        // RFC 3416 §4.2.3: N = min(max(non-repeaters, 0), L), M = max(max-repetitions, 0), R = L - N.
        const l = this.reqVbs.length;
        const n = Math.min(Math.max(pdu.nonRepeaters, 0), l);
        this.nonRepeaters = n;
        this.repeaters = l - n;
        this.maxReps = this.repeaters === 0 ? 0 : Math.max(pdu.maxRepetitions, 0);
        const first = n + (this.maxReps > 0 ? this.repeaters : 0);
        for (let i = 0; i < first; i++) this.results.push(PLACEHOLDER);
        for (let i = 0; i < first; i++) this.seedNext(i, this.reqVbs[i]!.oid, i);
        this.phase = P_NEXT_ROUND;
        return undefined;
      }
      default:
        return this.startSet();
    }
  }

  // ---- Get ----

  startGet(): PromiseLike<void> | undefined {
    const vbs = this.reqVbs;
    const view = this.input.access.readView;
    const registry = this.input.registry;
    const results = this.results;
    for (let i = 0; i < vbs.length; i++) {
      const oid = vbs[i]!.oid;
      const arcs = oidArcs(oid);
      const ri = view.isEverything || view.includesArcs(arcs) ? registry.indexOf(arcs) : -1;
      if (ri < 0) {
        results.push({ oid, type: NO_SUCH_OBJECT, value: null });
        continue;
      }
      results.push(PLACEHOLDER);
      this.addToGroup(new Item(i, oid, undefined, registry.regions[ri], i));
    }
    this.phase = P_GET_DONE;
    return this.call('get');
  }

  getDone(): void {
    const results = this.results;
    for (const g of this.groups) {
      for (const it of g.items) {
        if (it.status !== 0) this.fail(it.status, it.index + 1);
        const r = it.result;
        if (r === undefined) results[it.slot] = { oid: it.oid, type: NO_SUCH_OBJECT, value: null };
        else if (r.oid !== it.oid && !r.oid.equals(it.oid)) this.fail(ErrorStatus.genErr, it.index + 1);
        else results[it.slot] = r;
      }
    }
    if (this.v1 && this.failStatus === 0) {
      // RFC 3584 §4.2.2.1: a v1 Get with an exception or a Counter64 value answers noSuchName.
      for (let i = 0; i < results.length; i++) {
        const t = results[i]!.type;
        if (t === 'NoSuchObject' || t === 'NoSuchInstance' || t === 'EndOfMibView' || t === 'Counter64') {
          this.fail(ErrorStatus.noSuchName, i + 1);
          break;
        }
      }
    }
    this.settle();
  }

  settle(): void {
    if (this.failStatus !== 0) {
      this.errorStatus = this.failStatus;
      this.errorIndex = this.failIndex;
    }
  }

  // ---- GetNext and GetBulk ----

  /** Starts a GetNext search after `oid` for result slot `slot`. */
  seedNext(index: number, oid: Oid, slot: number): void {
    const item = new Item(index, oid, undefined, undefined, slot);
    if (this.seek(item, oidArcs(oid), oid, false)) this.pending.push(item);
    else this.results[slot] = { oid, type: 'EndOfMibView', value: null };
  }

  /** Points an item at the region holding `arcs` (or the next one); false at the end of the MIB. */
  seek(item: Item, arcs: Uint32Array, oid: Oid | undefined, inclusive: boolean): boolean {
    const registry = this.input.registry;
    const regions = registry.regions;
    const i = registry.lastStartingAtOrBefore(arcs);
    if (i >= 0) {
      const r = regions[i]!;
      if (r.endArcs === undefined || compareArcs(arcs, r.endArcs) < 0) {
        item.oid = oid ?? oidFromTrustedArcs(arcs);
        item.include = inclusive;
        item.region = r;
        item.end = r.end;
        return true;
      }
    }
    const next = regions[i + 1];
    if (next === undefined) return false;
    item.region = next;
    item.oid = next.start;
    item.include = true;
    item.end = next.end;
    return true;
  }

  nextRound(): PromiseLike<void> | undefined {
    const pending = this.pending;
    if (pending.length === 0) {
      this.repetitionDone();
      return undefined;
    }
    this.groups = [];
    for (let i = 0; i < pending.length; i++) {
      const it = pending[i]!;
      it.result = undefined;
      it.end = it.region!.end;
      this.addToGroup(it);
    }
    this.phase = P_NEXT_DONE;
    return this.call('getNext');
  }

  nextDone(): void {
    const view = this.input.access.readView;
    const maxSteps = this.input.maxSteps ?? 100000;
    const still: Item[] = [];
    for (const it of this.pending) {
      if (it.status !== 0) {
        this.fail(it.status, it.index + 1);
        continue;
      }
      if (++it.steps > maxSteps) {
        this.fail(ErrorStatus.genErr, it.index + 1);
        continue;
      }
      const r = it.result;
      const t = r?.type;
      if (r === undefined || t === 'EndOfMibView' || t === 'NoSuchObject' || t === 'NoSuchInstance') {
        // Nothing left in this region: go on at the start of the next one.
        const endArcs = it.region!.endArcs;
        if (endArcs !== undefined && this.seek(it, endArcs, it.region!.end, true)) still.push(it);
        else this.results[it.slot] = { oid: it.origin, type: 'EndOfMibView', value: null };
        continue;
      }
      const arcs = oidArcs(r.oid);
      const c = compareArcs(arcs, oidArcs(it.oid));
      if (c < 0 || (c === 0 && !it.include) || (it.end !== undefined && compareArcs(arcs, oidArcs(it.end)) >= 0)) {
        // The handler answered outside its search range.
        this.fail(ErrorStatus.genErr, it.index + 1);
        continue;
      }
      if (!view.isEverything && !view.includesArcs(arcs)) {
        const cand = view.nextCandidate(arcs);
        if (cand === undefined || !this.seek(it, cand.arcs, cand.inclusive ? undefined : r.oid, cand.inclusive)) {
          this.results[it.slot] = { oid: it.origin, type: 'EndOfMibView', value: null };
        }
        else still.push(it);
        continue;
      }
      if (this.v1 && t === 'Counter64') {
        // RFC 3584 §4.2.2.1: a v1 GetNext skips Counter64 values.
        if (this.seek(it, arcs, r.oid, false)) still.push(it);
        else this.results[it.slot] = { oid: it.origin, type: 'EndOfMibView', value: null };
        continue;
      }
      this.results[it.slot] = r;
    }
    this.pending = still;
    this.phase = this.failStatus !== 0 ? P_FINISHED : P_NEXT_ROUND;
    if (this.failStatus !== 0) this.settle();
  }

  /** All searches of one repetition found their answer: v1 rules, bulk sizing, next repetition. */
  repetitionDone(): void {
    const results = this.results;
    if (this.input.pdu.type !== 'GetBulkRequest') {
      if (this.v1) {
        // RFC 3584 §4.2.2.1: endOfMibView in a v1 GetNext is noSuchName.
        for (let i = 0; i < results.length; i++) {
          if (results[i]!.type === 'EndOfMibView') {
            this.fail(ErrorStatus.noSuchName, i + 1);
            break;
          }
        }
        this.settle();
      }
      this.phase = P_FINISHED;
      return;
    }
    // RFC 3416 §4.2.3: stop adding repetitions when the response would not fit.
    const from = this.reps === 0 ? 0 : this.nonRepeaters + this.reps * this.repeaters;
    const budget = this.input.maxVarBindBytes;
    for (let i = from; i < results.length; i++) {
      const size = varBindSize(results[i]!);
      if (this.usedBytes + size > budget) {
        results.length = i;
        this.phase = P_FINISHED;
        return;
      }
      this.usedBytes += size;
    }
    this.reps++;
    const cap = this.input.maxBulkVarBinds ?? 1024;
    if (this.nonRepeaters + (this.reps + 1) * this.repeaters > cap) {
      // RFC 3416 §4.2.3: fewer repetitions than asked when a local constraint says so.
      this.phase = P_FINISHED;
      return;
    }
    if (this.reps >= this.maxReps) {
      this.phase = P_FINISHED;
      return;
    }
    // The next repetition continues from this one's answers.
    const base = this.nonRepeaters + (this.reps - 1) * this.repeaters;
    const slotBase = this.nonRepeaters + this.reps * this.repeaters;
    if (this.input.bulkEndOfMibView !== 'fill') {
      let ended = true;
      for (let j = 0; j < this.repeaters && ended; j++) ended = results[base + j]!.type === 'EndOfMibView';
      if (ended) {
        // RFC 3416 §4.2.3: every repeater is at the end, so the response may stop here.
        this.phase = P_FINISHED;
        return;
      }
    }
    for (let j = 0; j < this.repeaters; j++) results.push(PLACEHOLDER);
    let alive = 0;
    for (let j = 0; j < this.repeaters; j++) {
      const prev = results[base + j]!;
      if (prev.type === 'EndOfMibView') results[slotBase + j] = prev;
      else {
        alive++;
        this.seedNext(this.nonRepeaters + j, prev.oid, slotBase + j);
      }
    }
    // With every repeater at the end (and `fill`), the remaining repetitions are
    // endOfMibView too, as snmpsim answers; the size check of the next pass bounds them.
    this.phase = alive === 0 ? P_NEXT_DONE_ALL_ENDED : P_NEXT_ROUND;
  }

  // ---- Set: see set-phases.ts ----

  startSet(): PromiseLike<void> | undefined {
    return startSet(this);
  }

  // ---- dispatch ----

  addToGroup(item: Item): void {
    const handler = item.region!.registration.handler;
    const groups = this.groups;
    for (let i = 0; i < groups.length; i++) {
      const g = groups[i]!;
      if (g.handler === handler) {
        g.items.push(item);
        return;
      }
    }
    groups.push({ handler, items: [item] });
  }

  /** Calls one method on every group; a promise when any handler answered with one. */
  call(method: Method, thrownStatus?: number): PromiseLike<void> | undefined {
    let promises: PromiseLike<void>[] | undefined;
    for (const g of this.groups) {
      const h = g.handler;
      const fn = h[method];
      if (fn === undefined) continue;
      let r: unknown;
      try {
        r = fn.call(h, g.items, this.ctx);
      } catch (err) {
        this.fail(thrownStatus ?? statusOfError(err), g.items[0]!.index + 1);
        continue;
      }
      if (isPromiseLike(r)) {
        (promises ??= []).push(
          Promise.resolve(r).then(undefined, (err: unknown) => {
            this.fail(thrownStatus ?? statusOfError(err), g.items[0]!.index + 1);
          }),
        );
      }
    }
    if (promises === undefined) return undefined;
    return promises.length === 1 ? promises[0] : Promise.all(promises).then(() => undefined);
  }
}
