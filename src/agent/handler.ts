/**
 * The handler contract: what the registry dispatches a request's varbinds to. One
 * interface serves every kind of entry: a local scalar or table, a generated MIB stub, the
 * simulator's recorded data, and (later) a remote AgentX subagent session that answers a
 * whole batch in one round trip (RFC 2741 §7.2).
 *
 * A GetBulk reaches handlers as rounds of getNext: the non-repeaters and the first
 * repetition together, then one round per further repetition, each round one call per
 * handler with every varbind of that round in its subtree.
 */
import type { Oid } from '../smi/oid.js';
import type { VarBind } from '../smi/types.js';
import type { MessageSource } from '../transport/types.js';

/** The request kinds a handler sees (GetBulk arrives as rounds of getNext). */
export type AgentRequestType = 'GetRequest' | 'GetNextRequest' | 'GetBulkRequest' | 'SetRequest';

/** What a handler may know about the request it serves. Read-only; shared by every call of one request. */
export interface RequestContext {
  /** Wire version: 0 (v1), 1 (v2c), 3 (v3). */
  readonly version: number;
  /** The PDU kind being served. */
  readonly pduType: AgentRequestType;
  /** The request-id of the PDU. */
  readonly requestId: number;
  /** The access profile's name (the community profile's name, or the v3 security name). Never the community itself. */
  readonly principal: string;
  /** The SNMP context (empty for the default context). */
  readonly contextName: string;
  /** Where the request came from; undefined for requests not received from the network. */
  readonly source: MessageSource | undefined;
}

/**
 * One varbind of a request, as handed to a handler. A call carries one or several of
 * them, all of one request and all inside the handler's registered subtree. The handler
 * answers by setting {@link result} (get, getNext) or {@link status} (set phases).
 */
export interface HandlerItem {
  /** 0-based position in the request's varbind list (the error-index is `index + 1`). */
  readonly index: number;
  /**
   * get and the set phases: the requested name. getNext: the start of the search range
   * (RFC 2741 §5.2 SearchRange), exclusive unless {@link include} is true.
   */
  readonly oid: Oid;
  /** getNext: true when {@link oid} itself may be returned (the search entered this subtree from outside). */
  readonly include: boolean;
  /** getNext: the exclusive end of the search range, or undefined when it is unbounded. Never return an OID at or past it. */
  readonly end: Oid | undefined;
  /** Set phases: the value to write (its `oid` equals {@link oid}). Undefined for reads. */
  readonly value: VarBind | undefined;
  /**
   * get: the answer, whose `oid` must equal {@link oid}, or a `NoSuchObject` /
   * `NoSuchInstance` exception; left undefined it reads as noSuchObject.
   * getNext: the first varbind after {@link oid} and before {@link end}; left undefined
   * when the range holds nothing, and the registry moves on to the next subtree.
   */
  result: VarBind | undefined;
  /**
   * An RFC 3416 error status for this varbind (see `ErrorStatus`): 0 while all is well.
   * testSet sets wrongType, wrongLength, wrongValue, notWritable, noCreation,
   * inconsistentValue, resourceUnavailable...; commitSet sets commitFailed; undoSet
   * undoFailed. A read may set genErr.
   */
  status: number;
}

/** The result of a handler call: nothing, or a promise of nothing when it answers later. */
export type HandlerReturn = void | PromiseLike<void>;

/**
 * A handler of one registered subtree. Every method receives a batch of varbinds of one
 * request, all for this subtree, and may answer synchronously (fast path: no promise is
 * made) or return a promise. Throwing (or rejecting) makes the request fail with genErr
 * at the first item of the batch; a thrown `ResponseStatusError` gives its own status.
 *
 * The set methods follow RFC 3416 §4.2.5 and AgentX's TestSet / CommitSet / UndoSet /
 * CleanupSet (RFC 2741 §7.2.4): `testSet` for every varbind of the request first; if all
 * pass, `commitSet`; if a commit fails, `undoSet` on every batch that was committed;
 * `cleanupSet` always last on every batch that was tested. Without `testSet` the subtree
 * is not writable (notWritable).
 *
 * ```ts
 * const uptime: SubtreeHandler = {
 *   get(items) {
 *     for (const it of items) {
 *       it.result = it.oid.equals(INSTANCE)
 *         ? { oid: it.oid, type: 'TimeTicks', value: ticks() }
 *         : { oid: it.oid, type: 'NoSuchInstance', value: null };
 *     }
 *   },
 *   getNext(items) {
 *     for (const it of items) {
 *       const after = it.include ? it.oid.compare(INSTANCE) <= 0 : it.oid.compare(INSTANCE) < 0;
 *       if (after && (it.end === undefined || INSTANCE.compare(it.end) < 0))
 *         it.result = { oid: INSTANCE, type: 'TimeTicks', value: ticks() };
 *     }
 *   },
 * };
 * agent.registry.register('1.3.6.1.2.1.1.3', uptime);
 * ```
 */
export interface SubtreeHandler {
  /** Answers exact names. */
  get(items: readonly HandlerItem[], context: RequestContext): HandlerReturn;
  /** Answers the successor of each item's start within its range. */
  getNext(items: readonly HandlerItem[], context: RequestContext): HandlerReturn;
  /** Checks each new value without applying it (RFC 3416 §4.2.5 steps 1-6). */
  testSet?(items: readonly HandlerItem[], context: RequestContext): HandlerReturn;
  /** Applies the values tested; sets commitFailed on an item that could not be applied. */
  commitSet?(items: readonly HandlerItem[], context: RequestContext): HandlerReturn;
  /** Reverts what commitSet applied; sets undoFailed when it cannot. */
  undoSet?(items: readonly HandlerItem[], context: RequestContext): HandlerReturn;
  /** Releases whatever testSet reserved; called last, whatever the outcome. Errors are ignored. */
  cleanupSet?(items: readonly HandlerItem[], context: RequestContext): HandlerReturn;
}

/** True when a handler call answered with a promise. */
export function isPromiseLike(v: unknown): v is PromiseLike<void> {
  return v !== undefined && v !== null && typeof (v as { then?: unknown }).then === 'function';
}
