/**
 * The per-target state of the dispatcher: where requests go, how many are in flight, the
 * ones waiting for a slot, and the sizes the session has learned work with this agent.
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

/**
 * One request known to the dispatcher, from submission until its response, timeout or
 * abort. It is its own abort listener (`handleEvent`), so no closure is made per request.
 * @internal
 */
export class PendingRequest extends DeadlineEntry {
  state: number = WAITING;
  attempt = 0;
  /** Sends whose outcome the transport has reported (the next report is for this attempt). */
  sends = 0;
  /** The current attempt's timeout. */
  wait: number;
  constructor(
    readonly id: number,
    readonly bytes: Uint8Array,
    readonly target: Target,
    readonly params: SubmitParams,
    readonly resolve: Resolve,
    readonly reject: Reject,
    readonly complete: Completion | undefined,
    readonly context: unknown,
    /** The names the response should carry (a GetRequest's), for the decoder to reuse. */
    readonly names: ExpectedNames | undefined,
  ) {
    super();
    this.wait = params.timeout;
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
 * A target: one agent address on one shared transport, with its in-flight limit and
 * queue, and what its session has learned about message sizes.
 */
export class Target {
  /** Requests sent and not yet answered, timed out or aborted. */
  inFlight = 0;
  /** Requests waiting for a slot (aborted ones are skipped when reached). */
  readonly waiting: PendingRequest[] = [];
  /** Index of the first live entry of {@link waiting}. */
  waitingHead = 0;
  /** True while the target sits in the dispatcher's list of targets with sendable requests. */
  queued = false;
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
    /** Requests kept in flight at once. */
    readonly maxInFlight: number,
    /** What an abort signal of one of its requests calls (the dispatcher's handler). */
    readonly onAbort: (req: PendingRequest) => void,
  ) {}

  /** The transport (open by the time a target exists). */
  get transport(): Transport {
    return this.entry.transport!;
  }

  /** True when a waiting request could be sent as far as this target's limit goes. */
  get sendable(): boolean {
    return this.inFlight < this.maxInFlight && this.waitingHead < this.waiting.length;
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
