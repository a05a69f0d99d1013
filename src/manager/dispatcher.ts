/**
 * The request dispatcher: many sessions, one socket per address family. It sends encoded
 * requests, retries them with exponential backoff, matches responses by request id (and
 * checks they come from where the request went), and keeps the number of requests in
 * flight within limits per agent address (over all its sessions) and overall. Anything it
 * cannot match is dropped and reported on `tsnmp:manager:drop`, never given to the wrong
 * caller.
 */
import { DEFAULT_DECODE_LIMITS, type DecodeOptions } from '../ber/limits.js';
import { AbortError, InvalidArgumentError, RequestError, RequestTimeoutError } from '../errors.js';
import { decodeMessage, decodeMessageExpecting, peekRequestId } from '../message/codec.js';
import { decodeExpectedResponse } from '../message/expected-response.js';
import type { Message } from '../message/types.js';
import type { BasicPdu } from '../pdu/types.js';
import type { ExpectedNames } from '../pdu/varbinds.js';
import { formatAddress, sameAddress } from '../transport/address.js';
import type { MessageSource, TransportAddress } from '../transport/types.js';
import { unwatchAbort, watchAbort } from './abort-watch.js';
import { type Clock, Deadlines, systemClock } from './deadlines.js';
import type { DispatcherOptions, DispatcherStats } from './dispatcher-options.js';
import { type DropReason, dropChannel, sendChannel, timeoutChannel } from './diagnostics.js';
import { PendingTable } from './pending-table.js';
import { SettleBatch } from './settle-batch.js';
import { defaultTransportFactory, SharedTransports } from './shared-transports.js';
import { MIN_FOUR_OCTET_ID } from './security-model.js';
import { type Completion, DONE, IN_FLIGHT, PendingRequest, Peer, type Reject, type Resolve, type SubmitParams, Target, type TransportEntry, WAITING } from './target.js';

export type { DispatcherOptions, DispatcherStats, TransportFactory, TransportSpec } from './dispatcher-options.js';
export type { SubmitParams } from './target.js';

// One promise executor for every request: it hands out the resolving functions, so that no
// closure is made per request.
let capturedResolve: Resolve;
let capturedReject: Reject;
const capture = (resolve: Resolve, reject: Reject): void => {
  capturedResolve = resolve;
  capturedReject = reject;
};

/**
 * Sends requests for any number of sessions over shared transports. Sessions use a shared
 * default dispatcher unless given one; make your own to set limits or keep a group of
 * sessions apart.
 */
export class Dispatcher {
  readonly #maxInFlight: number;
  readonly #clock: Clock;
  readonly #decodeOptions: DecodeOptions | undefined;
  readonly #copyOctets: boolean;
  readonly #maxVarBinds: number;
  readonly #maxMessageSize: number;
  readonly #pending = new PendingTable<PendingRequest>();
  readonly #transports: SharedTransports;
  /** Agent addresses in use, by domain, host and port: their shared in-flight counts. */
  readonly #peers = new Map<string, Peer>();
  readonly #deadlines: Deadlines<PendingRequest>;
  /** Agent addresses with waiting requests they may send once the overall limit allows. */
  readonly #ready: Peer[] = [];
  #readyHead = 0;
  #inFlight = 0;
  #closed = false;
  /** Requests answered and not yet settled (see settle-batch.ts). */
  readonly #answered = new SettleBatch<PendingRequest, Message>((req, msg) => this.#settle(req, msg));
  readonly #abortRequest = (req: PendingRequest): void => this.#onAbort(req);
  /** Counters since the dispatcher was made. */
  readonly stats: DispatcherStats = {
    requests: 0,
    sent: 0,
    retries: 0,
    responses: 0,
    timeouts: 0,
    dropped: { malformed: 0, unknownRequest: 0, wrongSource: 0, wrongVersion: 0, notResponse: 0 },
  };

  /** @throws InvalidArgumentError for a bad limit. */
  constructor(options: DispatcherOptions = {}) {
    const max = options.maxInFlight ?? 1000;
    if (!Number.isInteger(max) || max < 1) throw new InvalidArgumentError(`maxInFlight must be a positive integer, not ${String(max)}`);
    this.#maxInFlight = max;
    this.#clock = options.clock ?? systemClock;
    this.#decodeOptions = options.decodeOptions;
    this.#copyOctets = options.decodeOptions?.copyOctets === true;
    this.#maxVarBinds = options.decodeOptions?.maxVarBinds ?? DEFAULT_DECODE_LIMITS.maxVarBinds;
    this.#maxMessageSize = options.decodeOptions?.maxMessageSize ?? DEFAULT_DECODE_LIMITS.maxMessageSize;
    this.#transports = new SharedTransports(options.transportFactory ?? defaultTransportFactory, options.connectUdp ?? false, (e, message, source) => this.#receive(e, message, source));
    this.#deadlines = new Deadlines(this.#clock, (req) => this.#onTimeout(req));
  }

  /** Requests submitted and not yet settled (waiting or in flight). */
  get pending(): number {
    return this.#pending.size;
  }

  /** Requests in flight now. */
  get inFlight(): number {
    return this.#inFlight;
  }

  /** Transports open now. */
  get transports(): number {
    return this.#transports.size;
  }

  /** True once closed. */
  get closed(): boolean {
    return this.#closed;
  }

  /**
   * Opens a target: shares (or opens) the transport for its domain and local endpoint.
   * UDP transports are shared by every target of the family with the same local address
   * and port; a TCP transport belongs to one agent and is shared by the sessions to it.
   * Targets with the same agent address (domain, host and port) share one in-flight count:
   * `maxInFlight` limits the requests in flight to that address from every session.
   * @internal
   * @throws TransportError when the transport cannot be opened; AbortError after close.
   */
  async openTarget(remote: TransportAddress, localAddress: string | undefined, localPort: number, maxInFlight: number): Promise<Target> {
    if (this.#closed) throw new AbortError('The dispatcher is closed');
    const entry = await this.#transports.acquire(remote, localAddress, localPort);
    if (this.#closed) {
      void this.#transports.release(entry);
      throw new AbortError('The dispatcher is closed');
    }
    const text = formatAddress(remote);
    let peer = this.#peers.get(text);
    if (peer === undefined) {
      peer = new Peer(text);
      this.#peers.set(text, peer);
    }
    peer.refs++;
    return new Target(remote, text, entry, peer, maxInFlight, this.#abortRequest);
  }

  /**
   * Releases a target: its pending requests (only its own) reject with `AbortError`, which
   * frees their slots for the other sessions to the address, and its transport closes when
   * no other target uses it.
   * @internal
   */
  async releaseTarget(target: Target, reason: string): Promise<void> {
    if (!target.open) return;
    target.open = false;
    if (target.inFlight > 0 || target.waitingHead < target.waiting.length) {
      for (const req of this.#pending.values()) {
        if (req.target === target && req.state !== DONE) {
          this.#finish(req);
          req.reject(new AbortError(reason));
        }
      }
    }
    target.waiting.length = 0;
    target.waitingHead = 0;
    const peer = target.peer;
    peer.remove(target);
    if (--peer.refs === 0 && this.#peers.get(peer.key) === peer) this.#peers.delete(peer.key);
    else if (peer.sendable) {
      this.#markReady(peer);
      this.#pump();
    }
    await this.#transports.release(target.entry);
  }

  /**
   * A random request id that no pending request uses, from 2^23 so that it always takes
   * four octets (requests of a list are then copies of one template), below 2^30 so that
   * V8 keeps it a small integer (no heap number per request), and with a free slot in the
   * table of pending requests (see pending-table.ts). @internal
   */
  freshRequestId(): number {
    return this.#pending.freshId(MIN_FOUR_OCTET_ID, 0x40000000);
  }

  /**
   * Sends an encoded request (whose request id, or v3 msgID, is `id`) and resolves with the
   * response PDU, unwrapped by the request's security model, or with what `complete`
   * makes of it.
   * @internal
   * @throws (rejects) RequestTimeoutError after the last retry; AbortError when the signal
   *   aborts or the target is released; RequestError when the transport cannot send.
   */
  submit(target: Target, id: number, bytes: Uint8Array, p: SubmitParams): Promise<BasicPdu>;
  submit<T>(target: Target, id: number, bytes: Uint8Array, p: SubmitParams, complete: Completion, context: unknown, names?: ExpectedNames): Promise<T>;
  submit(target: Target, id: number, bytes: Uint8Array, p: SubmitParams, complete?: Completion, context?: unknown, names?: ExpectedNames): Promise<unknown> {
    if (!target.open || this.#closed) return Promise.reject(new AbortError(this.#closed ? 'The dispatcher is closed' : 'The session is closed'));
    const signal = p.signal;
    if (signal?.aborted === true) return Promise.reject(new AbortError(undefined, { cause: signal.reason }));
    const promise = new Promise<unknown>(capture);
    const req = new PendingRequest(id, bytes, target, p, capturedResolve, capturedReject, complete, context, names);
    this.#pending.set(req);
    this.stats.requests++;
    if (signal !== undefined) watchAbort(signal, req);
    const peer = target.peer;
    // A request starts at once only when no session waits for this address (it would pass them).
    if (!peer.waiting && peer.inFlight < target.maxInFlight && this.#inFlight < this.#maxInFlight) {
      this.#start(req);
    } else {
      target.waiting.push(req);
      peer.enqueue(target);
      if (peer.sendable) this.#markReady(peer);
    }
    return promise;
  }

  #markReady(peer: Peer): void {
    if (peer.queued) return;
    peer.queued = true;
    this.#ready.push(peer);
  }

  #start(req: PendingRequest): void {
    req.state = IN_FLIGHT;
    const target = req.target;
    target.inFlight++;
    target.peer.inFlight++;
    this.#inFlight++;
    this.#deadlines.add(req, req.wait);
    this.#transmit(req);
  }

  #transmit(req: PendingRequest): void {
    const target = req.target;
    this.stats.sent++;
    if (sendChannel.hasSubscribers) {
      sendChannel.publish({ requestId: req.id, target: target.text, attempt: req.attempt, timeout: req.wait, length: req.bytes.length });
    }
    const transport = target.transport;
    if (transport.post !== undefined) {
      transport.post(req.bytes, target.address, this.#sent, req);
    } else {
      const attempt = req.attempt;
      transport.send(req.bytes, target.address).then(
        () => this.#sendDone(req, attempt, undefined),
        (err: unknown) => this.#sendDone(req, attempt, err),
      );
    }
  }

  /** The outcome of a post: one function for every request (the request is the context). */
  readonly #sent = (err: unknown, context: unknown): void => {
    const req = context as PendingRequest;
    // Each attempt posts once and the outcomes come in order: this one is for attempt `sends`.
    this.#sendDone(req, req.sends++, err);
  };

  /** A send the transport could not make fails its request, if that attempt is still the current one. */
  #sendDone(req: PendingRequest, attempt: number, err: unknown): void {
    if (err === undefined) return;
    if (req.state !== IN_FLIGHT || req.attempt !== attempt) return;
    this.#finish(req);
    req.reject(new RequestError(`Cannot send to ${req.target.text}: ${(err as Error)?.message ?? String(err)}`, { cause: err }));
  }

  /** Takes a request out of every structure and frees its slot. */
  #finish(req: PendingRequest): void {
    const state = req.state;
    req.state = DONE;
    this.#pending.delete(req);
    if (req.signal !== undefined) unwatchAbort(req.signal, req);
    if (state === IN_FLIGHT) {
      this.#deadlines.remove(req);
      const target = req.target;
      const peer = target.peer;
      target.inFlight--;
      peer.inFlight--;
      this.#inFlight--;
      if (peer.sendable) this.#markReady(peer);
      this.#pump();
    }
  }

  /**
   * Sends waiting requests while the limits allow, round-robin over agent addresses and,
   * within one address, over its sessions.
   */
  #pump(): void {
    if (this.#closed) return;
    const ready = this.#ready;
    while (this.#inFlight < this.#maxInFlight && this.#readyHead < ready.length) {
      const peer = ready[this.#readyHead++]!;
      peer.queued = false;
      if (this.#readyHead === ready.length) {
        ready.length = 0;
        this.#readyHead = 0;
      }
      const req = peer.next();
      if (req === undefined) continue;
      this.#start(req);
      if (peer.sendable) this.#markReady(peer);
    }
    if (this.#readyHead > 1024 && this.#readyHead * 2 > ready.length) {
      ready.splice(0, this.#readyHead);
      this.#readyHead = 0;
    }
  }

  #onTimeout(req: PendingRequest): void {
    if (req.state !== IN_FLIGHT) return;
    if (req.retriesLeft > 0) {
      req.attempt++;
      req.wait *= req.params.backoff;
      this.stats.retries++;
      this.#deadlines.add(req, req.wait);
      this.#transmit(req);
      return;
    }
    this.stats.timeouts++;
    this.#finish(req);
    if (timeoutChannel.hasSubscribers) timeoutChannel.publish({ requestId: req.id, target: req.target.text, attempts: req.attempt + 1 });
    req.reject(new RequestTimeoutError(req.target.text, req.params.timeout, req.params.retries));
  }

  #onAbort(req: PendingRequest): void {
    if (req.state === DONE) return;
    this.#finish(req);
    req.reject(new AbortError(undefined, { cause: req.signal?.reason }));
  }

  #receive(entry: TransportEntry, bytes: Uint8Array, source: MessageSource): void {
    // A GetRequest's answer names what was asked: the request found from the first octets
    // lends its names to the decoder, which then makes no new Oid for those that match, and
    // a plain answer is read on the fast path (anything else goes to the full decoder).
    const peeked = peekRequestId(bytes);
    const found = peeked === undefined ? undefined : this.#pending.get(peeked);
    const expected = found?.names;
    let msg: Message | undefined = expected === undefined || this.#copyOctets ? undefined : decodeExpectedResponse(bytes, expected, this.#maxVarBinds, this.#maxMessageSize);
    if (msg === undefined) {
      try {
        msg = expected === undefined ? decodeMessage(bytes, this.#decodeOptions) : decodeMessageExpecting(bytes, this.#decodeOptions, expected);
      } catch (err) {
        this.#drop('malformed', source, bytes, undefined, err as Error);
        return;
      }
    }
    let id: number;
    if (msg.version === 3) {
      id = msg.msgId;
    } else {
      const pdu = msg.pdu;
      if (pdu.type === 'Trap') {
        this.#drop('notResponse', source, bytes, undefined, undefined);
        return;
      }
      id = pdu.requestId;
    }
    const req = id === peeked ? found : this.#pending.get(id);
    if (req === undefined || req.state !== IN_FLIGHT) {
      this.#drop('unknownRequest', source, bytes, id, undefined);
      return;
    }
    const target = req.target;
    if (target.entry !== entry || !sameAddress(source.remote, target.address)) {
      this.#drop('wrongSource', source, bytes, id, undefined);
      return;
    }
    if (msg.version !== req.params.security.version) {
      this.#drop('wrongVersion', source, bytes, id, undefined);
      return;
    }
    // RFC 3416 §4.2: the answer to a request is a Response; RFC 3412 §7.2.10: or a Report (v3).
    if (msg.version !== 3 && msg.pdu.type !== 'Response') {
      this.#drop('notResponse', source, bytes, id, undefined);
      return;
    }
    this.stats.responses++;
    this.#finish(req);
    // Settled with the other responses of this turn of the event loop (see #settle).
    this.#answered.add(req, msg);
  }

  /** Settles an answered request (a batch at a time, see settle-batch.ts). A request answered before an abort or a close settles with its answer. */
  #settle(req: PendingRequest, msg: Message): void {
    let value: unknown;
    try {
      const pdu = req.params.security.open(msg);
      value = req.complete === undefined ? pdu : req.complete(pdu, req.context);
    } catch (err) {
      req.reject(err);
      return;
    }
    req.resolve(value);
  }

  #drop(reason: DropReason, source: MessageSource, bytes: Uint8Array, requestId: number | undefined, error: Error | undefined): void {
    this.stats.dropped[reason]++;
    if (dropChannel.hasSubscribers) dropChannel.publish({ reason, remote: source.remote, length: bytes.length, requestId, error });
  }

  /**
   * Closes the dispatcher: every pending request rejects with `AbortError` and every
   * transport closes. Idempotent.
   */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    for (const req of this.#pending.values()) {
      if (req.state === WAITING || req.state === IN_FLIGHT) {
        this.#finish(req);
        req.reject(new AbortError('The dispatcher was closed'));
      }
    }
    this.#deadlines.clear();
    await this.#transports.closeAll();
  }
}
