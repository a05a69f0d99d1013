/**
 * The per-target state of the dispatcher: where requests go, how many are in flight to
 * each agent address (shared by the sessions to it), the ones waiting for a slot, and the
 * sizes a session has learned work with its agent.
 */
import type { BasicPdu } from '../pdu/types.js';
import type { ExpectedNames } from '../pdu/varbinds.js';
import type { Transport, TransportAddress } from '../transport/types.js';
import { DeadlineEntry } from './deadlines.js';
import type { RequestSecurity } from './security-model.js';

/** How one request is sent: version, timing, cancellation, and its security model. @internal */
export interface SubmitParams {
  readonly security: RequestSecurity;
  readonly timeout: number;
  readonly retries: number;
  readonly backoff: number;
  readonly signal: AbortSignal | undefined;
}

/** A shared transport and the sessions using it. @internal */
export interface TransportEntry {
  readonly key: string;
  transport: Transport | undefined;
  opening: Promise<Transport>;
  refs: number;
}

/** Request states. @internal */
export const WAITING = 0;
/** @internal */
export const IN_FLIGHT = 1;
/** @internal */
export const DONE = 2;

/** Settles a request's promise. @internal */
export type Resolve = (value: unknown) => void;
/** @internal */
export type Reject = (reason: unknown) => void;

/**
 * Turns a response PDU into what the request resolves with (it may throw, or return a
 * promise to follow), so that a request needs one promise, not one per layer. @internal
 */
export type Completion = (pdu: BasicPdu, context: unknown) => unknown;

/** What a settled request holds instead of its message bytes. */
const NO_BYTES = new Uint8Array(0);
const settledAlready: Resolve & Reject = () => {};

/**
 * One request known to the dispatcher, from submission until its response, timeout or
 * abort. It is its own abort listener (`handleEvent`), so no closure is made per request.
 *
 * Once settled it lets go of its message, its promise's resolving functions and its
 * completion context: a request object that outlives its request (one that happened to be
 * promoted to the old generation, say, and waits there for a full collection) must not
 * keep young objects alive, the response above all, or they are promoted in turn, and a
 * poller's every response with them.
 * @internal
 */
export class PendingRequest extends DeadlineEntry {
  state: number = WAITING;
  attempt = 0;
  /** Sends whose outcome the transport has reported (the next report is for this attempt). */
  sends = 0;
  /** The current attempt's timeout. */
  wait: number;
  /** The encoded request (sent again on a retry); empty once settled. */
  bytes: Uint8Array;
  #resolve: Resolve;
  #reject: Reject;
  /** Makes the response into the value the request resolves with. */
  complete: Completion | undefined;
  context: unknown;
  /** The names the response should carry (a GetRequest's), for the decoder to reuse. */
  names: ExpectedNames | undefined;

  constructor(
    readonly id: number,
    bytes: Uint8Array,
    readonly target: Target,
    readonly params: SubmitParams,
    resolve: Resolve,
    reject: Reject,
    complete: Completion | undefined,
    context: unknown,
    names: ExpectedNames | undefined,
  ) {
    super();
    this.bytes = bytes;
    this.#resolve = resolve;
    this.#reject = reject;
    this.complete = complete;
    this.context = context;
    this.names = names;
    this.wait = params.timeout;
  }

  /** Fulfils the request's promise (once; later calls do nothing). */
  resolve(value: unknown): void {
    const resolve = this.#resolve;
    this.#release();
    resolve(value);
  }

  /** Rejects the request's promise (once; later calls do nothing). */
  reject(reason: unknown): void {
    const reject = this.#reject;
    this.#release();
    reject(reason);
  }

  #release(): void {
    this.#resolve = this.#reject = settledAlready;
    this.bytes = NO_BYTES;
    this.complete = undefined;
    this.context = undefined;
    this.names = undefined;
  }

  /** The abort signal, if any. */
  get signal(): AbortSignal | undefined {
    return this.params.signal;
  }

  /** Retries not sent yet. */
  get retriesLeft(): number {
    return this.params.retries - this.attempt;
  }

  /** EventListener for the abort signal. */
  handleEvent(): void {
    this.target.onAbort(this);
  }
}

/**
 * An agent address (transport domain, host and port) as one dispatcher sees it: the
 * requests in flight to it from every session, and the sessions (targets) with requests
 * waiting for a slot, which take turns in order: the first in line waits until the count is
 * below its own limit, and no one passes it, so a session with a lower limit than others
 * is never starved. Shared by every target of the dispatcher with
 * that address, so that many sessions to one agent do not flood it. @internal
 */
export class Peer {
  /** Requests in flight to this address, from every session. */
  inFlight = 0;
  /** Targets using this address (the dispatcher forgets the peer at 0). */
  refs = 0;
  /** Targets that may have waiting requests, in round-robin order from {@link ringHead}. */
  readonly ring: Target[] = [];
  /** Index of the first entry of {@link ring}. */
  ringHead = 0;
  /** True while the peer sits in the dispatcher's list of peers with sendable requests. */
  queued = false;

  constructor(
    /** The address as net-snmp writes it (domain, host and port). */
    readonly key: string,
  ) {}

  /** True when some target waits for a slot here. */
  get waiting(): boolean {
    return this.ringHead < this.ring.length;
  }

  /** True when the first target in line could start a request as far as this address's count goes. */
  get sendable(): boolean {
    const r = this.ring;
    return this.ringHead < r.length && this.inFlight < r[this.ringHead]!.maxInFlight;
  }

  /** Puts a target with a new waiting request in the round-robin ring (once). */
  enqueue(target: Target): void {
    if (target.inRing) return;
    target.inRing = true;
    this.ring.push(target);
  }

  #shift(): Target {
    const r = this.ring;
    const t = r[this.ringHead]!;
    r[this.ringHead++] = undefined as unknown as Target;
    if (this.ringHead === r.length) {
      r.length = 0;
      this.ringHead = 0;
    } else if (this.ringHead > 1024 && this.ringHead * 2 > r.length) {
      r.splice(0, this.ringHead);
      this.ringHead = 0;
    }
    t.inRing = false;
    return t;
  }

  /** Takes a released target out of the ring. */
  remove(target: Target): void {
    if (!target.inRing) return;
    target.inRing = false;
    const r = this.ring;
    const kept = r.slice(this.ringHead).filter((t) => t !== target);
    r.length = 0;
    r.push(...kept);
    this.ringHead = 0;
  }

  /**
   * Takes the next waiting request that may start now: the first target in line's, if the
   * address's count is below that target's limit (else nothing: no one passes it). The
   * target served goes to the back of the line if it has more waiting.
   */
  next(): PendingRequest | undefined {
    while (this.ringHead < this.ring.length) {
      const head = this.ring[this.ringHead]!;
      if (head.open && this.inFlight >= head.maxInFlight) return undefined;
      const t = this.#shift();
      if (!t.open) continue;
      const req = t.nextWaiting();
      if (req === undefined) continue;
      if (t.waitingHead < t.waiting.length) this.enqueue(t);
      return req;
    }
    return undefined;
  }
}

/**
 * A target: one session's view of an agent address on one shared transport. Its requests
 * wait in its own queue; the in-flight limit counts every session's requests to the address
 * (its {@link Peer}). What the session has learned about message sizes stays here.
 */
export class Target {
  /** This session's requests sent and not yet answered, timed out or aborted. */
  inFlight = 0;
  /** Requests waiting for a slot (aborted ones are skipped when reached). */
  readonly waiting: PendingRequest[] = [];
  /** Index of the first live entry of {@link waiting}. */
  waitingHead = 0;
  /** True while the target sits in its peer's round-robin ring. */
  inRing = false;
  /** False once released. */
  open = true;
  /** Most varbinds a Get/GetNext may carry; learned from tooBig. */
  maxVarbinds = Infinity;
  /** Largest max-repetitions that worked after a tooBig. */
  maxRepetitions = Infinity;

  constructor(
    /** The agent's resolved address. */
    readonly address: TransportAddress,
    /** The address as net-snmp writes it, for messages. */
    readonly text: string,
    /** The transport shared with other targets. */
    readonly entry: TransportEntry,
    /** The agent address's shared in-flight count and queue of sessions. */
    readonly peer: Peer,
    /** Requests kept in flight at once to the address, counting every session's. */
    readonly maxInFlight: number,
    /** What an abort signal of one of its requests calls (the dispatcher's handler). */
    readonly onAbort: (req: PendingRequest) => void,
  ) {}

  /** The transport (open by the time a target exists). */
  get transport(): Transport {
    return this.entry.transport!;
  }

  /** Takes the next live waiting request, or undefined. */
  nextWaiting(): PendingRequest | undefined {
    const w = this.waiting;
    while (this.waitingHead < w.length) {
      const req = w[this.waitingHead]!;
      w[this.waitingHead++] = undefined as unknown as PendingRequest;
      if (this.waitingHead === w.length) {
        w.length = 0;
        this.waitingHead = 0;
      } else if (this.waitingHead > 1024 && this.waitingHead * 2 > w.length) {
        w.splice(0, this.waitingHead);
        this.waitingHead = 0;
      }
      if (req.state === WAITING) return req;
    }
    return undefined;
  }
}
