/**
 * A manager session with one agent (seed 000's `snmp_sess_open` … `snmp_sess_close`):
 * get, getNext, getBulk and set; walks and tables as async iterables. Sessions share a
 * dispatcher, and through it one socket per address family.
 */
import { AbortError, InvalidArgumentError, RequestError } from '../errors.js';
import { ErrorStatus } from '../pdu/error-status.js';
import type { BasicPdu, GetBulkPdu } from '../pdu/types.js';
import type { VarBind } from '../smi/types.js';
import { checkVarBind } from '../smi/values.js';
import { formatAddress, parseAddress, resolveAddress } from '../transport/address.js';
import type { TransportAddress } from '../transport/types.js';
import { Dispatcher, type SubmitParams } from './dispatcher.js';
import { type RequestOptions, type ResolvedSessionOptions, resolveSessionOptions, type SessionOptions, type SessionVersion } from './options.js';
import { basicRequest, bulkRequest, countOption, nullVarbinds, type OidInput, type Requester, statusError, toOid } from './requests.js';
import { type EncodedList, ListCache } from './list-cache.js';
import { type RequestSecurity, securityFor } from './security-model.js';
import { type TableOptions, type TableRow, tableRows } from './table.js';
import type { Target } from './target.js';
import { MAX_PARALLEL, parallelBulkWalk } from './parallel-walk.js';
import { type BulkWalkOptions, type Walk, walk, type WalkOptions } from './walk.js';

/** Options of {@link Session.getBulk}. */
export interface GetBulkOptions extends RequestOptions {
  /** Leading varbinds that get one successor each (RFC 3416 §4.2.3). Default 0. */
  nonRepeaters?: number;
  /** Successors of each other varbind. Default: the session's `maxRepetitions` (10). */
  maxRepetitions?: number;
}

/** Options of a session constructor beyond {@link SessionOptions}. */
export interface SessionExtraOptions {
  /** The dispatcher to send through. Default: one shared by all sessions made without one. */
  dispatcher?: Dispatcher;
}

let sharedDispatcher: Dispatcher | undefined;

/** The dispatcher sessions share when they are not given one (for its `stats`). */
export function defaultDispatcher(): Dispatcher {
  if (sharedDispatcher === undefined || sharedDispatcher.closed) sharedDispatcher = new Dispatcher();
  return sharedDispatcher;
}

const MIB2 = '1.3.6.1.2.1';

/** What a Get/GetNext of an encoded list needs when its response comes. */
interface ListContext {
  readonly session: Session;
  readonly type: 'GetRequest' | 'GetNextRequest';
  readonly oids: readonly OidInput[];
  readonly target: Target;
  readonly options: RequestOptions | undefined;
}

/**
 * A session with one agent.
 *
 * ```ts
 * const s = new Session({ peer: 'udp:192.0.2.1:161', community: 'public' });
 * const [descr] = await s.get(['1.3.6.1.2.1.1.1.0']);
 * for await (const vb of s.bulkWalk('1.3.6.1.2.1.2.2')) console.log(vb.oid.toString());
 * await s.close();
 * ```
 */
export class Session {
  /** The agent address as given (names are resolved on connect). */
  readonly peer: TransportAddress;
  /** SNMP version. */
  readonly version: SessionVersion;
  readonly #options: ResolvedSessionOptions;
  readonly #dispatcher: Dispatcher;
  readonly #security: RequestSecurity;
  readonly #params: SubmitParams;
  readonly #requester: Requester;
  #target: Target | undefined;
  #connecting: Promise<Target> | undefined;
  #closing: Promise<void> | undefined;
  readonly #lists = new ListCache<ListContext>();

  /**
   * Validates the options; the transport opens on the first request (or {@link connect}).
   * @throws InvalidArgumentError for an option or peer that is not acceptable.
   */
  constructor(options: SessionOptions & SessionExtraOptions) {
    const o = resolveSessionOptions(options);
    this.#options = o;
    this.version = o.version;
    this.peer = typeof options.peer === 'string' ? parseAddress(options.peer) : parseAddress(formatAddress(options.peer));
    this.#dispatcher = options.dispatcher ?? defaultDispatcher();
    this.#security = securityFor(o);
    this.#params = { security: this.#security, timeout: o.timeout, retries: o.retries, backoff: o.backoff, signal: undefined };
    const self = this;
    this.#requester = {
      version: o.version,
      maxRepetitions: o.maxRepetitions,
      request: (pdu, opts) => self.#request(pdu, opts),
      target: () => self.#targetOrConnect(),
    };
  }

  /**
   * Makes a session and connects it, so that a bad address or a failed bind shows now.
   * @throws InvalidArgumentError, TransportError
   */
  static async open(options: SessionOptions & SessionExtraOptions): Promise<Session> {
    const s = new Session(options);
    try {
      await s.connect();
    } catch (err) {
      await s.close();
      throw err;
    }
    return s;
  }

  /** True once {@link close} was called. */
  get closed(): boolean {
    return this.#closing !== undefined;
  }

  /** The agent as net-snmp writes it (resolved once connected). */
  get target(): string {
    return this.#target?.text ?? formatAddress(this.peer);
  }

  /**
   * Resolves the peer's name and opens (or shares) the transport. Idempotent; requests call
   * it themselves.
   * @throws TransportError when the name does not resolve or the transport cannot open;
   *   AbortError when the session is closed.
   */
  async connect(): Promise<void> {
    await this.#targetOrConnect();
  }

  #targetOrConnect(): Promise<Target> {
    if (this.#target !== undefined) return Promise.resolve(this.#target);
    if (this.#closing !== undefined) return Promise.reject(new AbortError('The session is closed'));
    this.#connecting ??= this.#doConnect().catch((err: unknown) => {
      this.#connecting = undefined;
      throw err;
    });
    return this.#connecting;
  }

  async #doConnect(): Promise<Target> {
    const o = this.#options;
    const remote = await resolveAddress(this.peer);
    const target = await this.#dispatcher.openTarget(remote, o.localAddress, o.localPort, o.maxInFlight);
    if (this.#closing !== undefined) {
      await this.#dispatcher.releaseTarget(target, 'The session was closed');
      throw new AbortError('The session is closed');
    }
    this.#target = target;
    return target;
  }

  /**
   * Sends any request PDU (its request id is chosen here) and resolves with the Response
   * PDU as received, without checking its error status: the low-level call the commands
   * are built on.
   * @throws RequestTimeoutError, AbortError, RequestError, EncodeError, TransportError
   */
  request(pdu: BasicPdu | GetBulkPdu, options?: RequestOptions): Promise<BasicPdu> {
    return this.#request({ ...pdu, varbinds: [...pdu.varbinds] }, options);
  }

  #request(pdu: BasicPdu | GetBulkPdu, options: RequestOptions | undefined): Promise<BasicPdu> {
    const target = this.#target;
    if (target === undefined) return this.#targetOrConnect().then(() => this.#request(pdu, options));
    const d = this.#dispatcher;
    const id = d.freshRequestId();
    pdu.requestId = id;
    let bytes: Uint8Array;
    try {
      bytes = this.#security.encode(pdu);
    } catch (err) {
      return Promise.reject(err);
    }
    return d.submit(target, id, bytes, options === undefined ? this.#params : this.#paramsFor(options));
  }

  #paramsFor(o: RequestOptions): SubmitParams {
    const p = this.#params;
    return {
      security: p.security,
      timeout: o.timeout ?? p.timeout,
      retries: countOption(o.retries, 'retries', p.retries),
      backoff: p.backoff,
      signal: o.signal,
    };
  }

  /**
   * GetRequest (RFC 3416 §4.2.1). Resolves with one varbind per OID, in order; a missing
   * object is a varbind of type NoSuchObject or NoSuchInstance (v2c). Requests the agent
   * finds too big are split and the working size is remembered for this target.
   * @throws ResponseStatusError (v1 noSuchName, …), RequestTimeoutError, AbortError, RequestError
   */
  get(oids: OidInput | readonly OidInput[], options?: RequestOptions): Promise<VarBind[]> {
    return this.#getOrNext('GetRequest', oids, options);
  }

  /**
   * GetNextRequest (RFC 3416 §4.2.2): the successor of each OID.
   * @throws ResponseStatusError, RequestTimeoutError, AbortError, RequestError
   */
  getNext(oids: OidInput | readonly OidInput[], options?: RequestOptions): Promise<VarBind[]> {
    return this.#getOrNext('GetNextRequest', oids, options);
  }

  #getOrNext(type: 'GetRequest' | 'GetNextRequest', oids: OidInput | readonly OidInput[], options: RequestOptions | undefined): Promise<VarBind[]> {
    const target = this.#target;
    if (target !== undefined && Array.isArray(oids) && oids.length > 0 && oids.length <= target.maxVarbinds) {
      // The poller's path: the list encoded once, the message built around its bytes.
      const d = this.#dispatcher;
      const id = d.freshRequestId();
      let list: EncodedList<ListContext>;
      let bytes: Uint8Array;
      try {
        list = this.#lists.lookup(oids as readonly OidInput[]);
        bytes = this.#security.encodeWithList(type, id, list.shared.bytes);
      } catch (err) {
        return Promise.reject(err);
      }
      let context: ListContext;
      const items = list.shared.items;
      if (options !== undefined) context = { session: this, type, oids: items, target, options };
      else if (type === 'GetRequest') context = list.get ??= { session: this, type, oids: items, target, options };
      else context = list.next ??= { session: this, type, oids: items, target, options };
      return d.submit<VarBind[]>(target, id, bytes, options === undefined ? this.#params : this.#paramsFor(options), Session.#completeList, context, type === 'GetRequest' ? list.shared.names : undefined);
    }
    try {
      return this.#getLike(type, nullVarbinds(oids), options, 0);
    } catch (err) {
      return Promise.reject(err);
    }
  }

  /** The completion of a Get/GetNext of an encoded list (called by the dispatcher). */
  static #completeList(this: void, res: BasicPdu, context: unknown): VarBind[] | Promise<VarBind[]> {
    const c = context as ListContext;
    if (res.errorStatus === ErrorStatus.noError) {
      if (res.varbinds.length !== c.oids.length) throw new RequestError(`The response has ${res.varbinds.length} varbinds for ${c.oids.length} requested`);
      return res.varbinds;
    }
    const vbs = nullVarbinds(c.oids);
    if (res.errorStatus === ErrorStatus.tooBig && vbs.length > 1) {
      const size = Math.max(1, vbs.length >> 1);
      if (size < c.target.maxVarbinds) c.target.maxVarbinds = size;
      return c.session.#split(c.type, vbs, c.options, 0, size);
    }
    throw statusError(res, vbs, 0);
  }

  async #getLike(type: 'GetRequest' | 'GetNextRequest', vbs: VarBind[], options: RequestOptions | undefined, offset: number): Promise<VarBind[]> {
    const target = this.#target ?? (await this.#targetOrConnect());
    if (vbs.length > target.maxVarbinds) return this.#split(type, vbs, options, offset, target.maxVarbinds);
    const res = await this.#request(basicRequest(type, vbs), options);
    if (res.errorStatus === ErrorStatus.noError) {
      if (res.varbinds.length !== vbs.length) throw new RequestError(`The response has ${res.varbinds.length} varbinds for ${vbs.length} requested`);
      return res.varbinds;
    }
    // RFC 3416 §4.2.1: tooBig means the response would not fit; ask for fewer at a time.
    if (res.errorStatus === ErrorStatus.tooBig && vbs.length > 1) {
      const size = Math.max(1, vbs.length >> 1);
      if (size < target.maxVarbinds) target.maxVarbinds = size;
      return this.#split(type, vbs, options, offset, size);
    }
    throw statusError(res, vbs, offset);
  }

  async #split(type: 'GetRequest' | 'GetNextRequest', vbs: VarBind[], options: RequestOptions | undefined, offset: number, size: number): Promise<VarBind[]> {
    const parts: Promise<VarBind[]>[] = [];
    for (let i = 0; i < vbs.length; i += size) parts.push(this.#getLike(type, vbs.slice(i, i + size), options, offset + i));
    return (await Promise.all(parts)).flat();
  }

  /**
   * GetBulkRequest (RFC 3416 §4.2.3), v2c and v3. When the agent answers tooBig the
   * max-repetitions is halved until it fits, and remembered for this target.
   * @throws ResponseStatusError, RequestTimeoutError, AbortError, RequestError (v1)
   */
  async getBulk(oids: OidInput | readonly OidInput[], options?: GetBulkOptions): Promise<VarBind[]> {
    if (this.version === 'v1') throw new RequestError('GetBulk is not part of SNMPv1 (RFC 3584 §2)');
    const vbs = nullVarbinds(oids);
    const nonRepeaters = countOption(options?.nonRepeaters, 'nonRepeaters', 0);
    let reps = countOption(options?.maxRepetitions, 'maxRepetitions', this.#options.maxRepetitions);
    const target = this.#target ?? (await this.#targetOrConnect());
    for (;;) {
      const sent = Math.min(reps, target.maxRepetitions);
      const res = await this.#request(bulkRequest(nonRepeaters, sent, vbs), options);
      if (res.errorStatus === ErrorStatus.noError) return res.varbinds;
      if (res.errorStatus === ErrorStatus.tooBig && sent > 1) {
        reps = sent >> 1;
        if (reps < target.maxRepetitions) target.maxRepetitions = reps;
        continue;
      }
      throw statusError(res, vbs);
    }
  }

  /**
   * SetRequest (RFC 3416 §4.2.5) with typed values. Never split: a set is all or nothing.
   * @throws InvalidArgumentError for a bad value, ResponseStatusError (noAccess,
   *   notWritable, wrongType, …; v1: noSuchName, badValue, readOnly), RequestTimeoutError,
   *   AbortError, RequestError
   */
  async set(varbinds: readonly VarBind[], options?: RequestOptions): Promise<VarBind[]> {
    const vbs = varbinds.map((vb) => {
      const v = { ...vb, oid: toOid(vb.oid) } as VarBind;
      checkVarBind(v);
      return v;
    });
    const res = await this.#request(basicRequest('SetRequest', vbs), options);
    if (res.errorStatus !== ErrorStatus.noError) throw statusError(res, vbs);
    return res.varbinds;
  }

  /**
   * Walks a subtree with GetNext, as net-snmp's `snmpwalk` does (see {@link WalkOptions}):
   * `for await (const vb of session.walk('1.3.6.1.2.1.1'))`, or a response at a time with
   * {@link Walk.pages}. Breaking out of the loop stops the requests. Default root: mib-2
   * (1.3.6.1.2.1).
   * @throws (while iterating) WalkAbortedError, ResponseStatusError, RequestTimeoutError, AbortError
   */
  walk(oid: OidInput = MIB2, options: WalkOptions = {}): Walk {
    return walk(this.#requester, toOid(oid), options);
  }

  /**
   * Walks a subtree with GetBulk, as net-snmp's `snmpbulkwalk` does (see
   * {@link BulkWalkOptions}); over SNMPv1 it walks with GetNext.
   * @throws (while iterating) WalkAbortedError, ResponseStatusError, RequestTimeoutError, AbortError
   */
  bulkWalk(oid: OidInput = MIB2, options: BulkWalkOptions = {}): Walk {
    const parallel = countOption(options.parallel, 'parallel', 1, 1);
    if (parallel > MAX_PARALLEL) throw new InvalidArgumentError(`parallel must be at most ${MAX_PARALLEL}, not ${parallel}`);
    return parallelBulkWalk(this.#requester, toOid(oid), options, parallel);
  }

  /**
   * Reads a table by its entry OID (e.g. ifEntry 1.3.6.1.2.1.2.2.1): rows in index order,
   * each with its index and its columns by number. With `columns`, the columns are fetched
   * together with GetBulk (GetNext over v1).
   * @throws (while iterating) WalkAbortedError, ResponseStatusError, RequestTimeoutError, AbortError
   */
  table(entry: OidInput, options: TableOptions = {}): AsyncIterable<TableRow> {
    return tableRows(this.#requester, toOid(entry, 'table entry OID'), options);
  }

  /**
   * Closes the session: its pending requests reject with `AbortError`, and its socket
   * closes when no other session shares it. Idempotent.
   */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      const target = this.#target ?? (await this.#connecting?.catch(() => undefined));
      this.#target = undefined;
      if (target !== undefined) await this.#dispatcher.releaseTarget(target, 'The session was closed');
    })();
    return this.#closing;
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `Session(${this.version} ${this.target}${this.closed ? ', closed' : ''})`;
  }
}
