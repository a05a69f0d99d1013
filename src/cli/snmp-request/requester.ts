/**
 * The MIB browser's request loop, with seed 004's two counters, which a manager Session
 * does not have (it drops invalid replies silently and backs off between retries):
 *
 * - the resend counter (`-r max_retries`): after `-w max_wait` seconds without a valid
 *   reply the same packet is sent again, after a pause of `-s` seconds, until the counter
 *   runs out (then: Timeout). A valid reply resets it for the next request.
 * - the ignore counter (`-i max_ignores`): a reply that does not decode, or carries another
 *   request id, version, community or PDU type, is ignored and the browser listens again
 *   (after `-s` seconds) while the counter lasts; once it runs out the request fails. A
 *   resend after a timeout resets it, as does a valid reply.
 */
import { RequestError, RequestTimeoutError } from '../../errors.js';
import { decodeMessage, encodeCommunityMessage } from '../../message/codec.js';
import type { BasicPdu, GetBulkPdu } from '../../pdu/types.js';
import { formatAddress } from '../../transport/address.js';
import type { Transport, TransportAddress } from '../../transport/types.js';

/** Counters and timing of a {@link BrowserRequester}. */
export interface BrowserTiming {
  /** Seconds to wait for a reply. */
  readonly maxWait: number;
  readonly maxRetries: number;
  readonly maxIgnores: number;
  /** Seconds to pause before a resend or a new listen. */
  readonly sleep: number;
}

/** What the requester reports as it goes (for `-d` dumps and the ignore notes). */
export interface BrowserEvents {
  sent?(bytes: Uint8Array): void;
  received?(bytes: Uint8Array): void;
  ignored?(reason: string, ignoresLeft: number): void;
  resent?(resendsLeft: number): void;
}

type Waiter = (bytes: Uint8Array | undefined) => void;

/** Sends requests to one agent and waits for their replies, counting resends and ignores. */
export class BrowserRequester {
  readonly #queue: Uint8Array[] = [];
  #waiter: Waiter | undefined;
  #nextId = (Math.random() * 0x3fffffff) | 0;

  constructor(
    readonly transport: Transport,
    readonly remote: TransportAddress,
    readonly version: 0 | 1,
    readonly community: Uint8Array,
    readonly timing: BrowserTiming,
    readonly events: BrowserEvents = {},
    readonly signal?: AbortSignal,
  ) {
    transport.onMessage((message) => {
      const w = this.#waiter;
      if (w !== undefined) {
        this.#waiter = undefined;
        w(message);
      } else this.#queue.push(message);
    });
  }

  /** The next message, or undefined after `ms` milliseconds (or an abort). */
  #next(ms: number): Promise<Uint8Array | undefined> {
    const queued = this.#queue.shift();
    if (queued !== undefined) return Promise.resolve(queued);
    return new Promise((resolve) => {
      const timer = setTimeout(() => done(undefined), ms);
      const onAbort = (): void => done(undefined);
      const done = (b: Uint8Array | undefined): void => {
        clearTimeout(timer);
        this.signal?.removeEventListener('abort', onAbort);
        this.#waiter = undefined;
        resolve(b);
      };
      this.signal?.addEventListener('abort', onAbort, { once: true });
      this.#waiter = done;
    });
  }

  #pause(): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, this.timing.sleep * 1000));
  }

  /** Why a message is not the reply to request `id`, or undefined when it is. */
  #invalid(bytes: Uint8Array, id: number): { reason: string } | { pdu: BasicPdu } {
    let m;
    try {
      m = decodeMessage(bytes);
    } catch (err) {
      return { reason: `undecodable packet: ${(err as Error).message}` };
    }
    if (m.version !== this.version) return { reason: `SNMP version ${m.version === 0 ? '1' : m.version === 1 ? '2c' : String(m.version)} instead of ${this.version === 0 ? '1' : '2c'}` };
    if (Buffer.compare(Buffer.from(m.community), Buffer.from(this.community)) !== 0) return { reason: 'another community' };
    if (m.pdu.type !== 'Response') return { reason: `${m.pdu.type} PDU instead of a Response` };
    if (m.pdu.requestId !== id) return { reason: `request id ${m.pdu.requestId} instead of ${id}` };
    return { pdu: m.pdu };
  }

  /**
   * Sends a request and resolves with its valid Response PDU.
   * @throws RequestTimeoutError after the last resend; RequestError when an invalid reply
   *   arrives with no ignores left; EncodeError, TransportError.
   */
  async request(pdu: BasicPdu | GetBulkPdu): Promise<BasicPdu> {
    this.#nextId = (this.#nextId + 1) & 0x7fffffff;
    const id = this.#nextId;
    const bytes = encodeCommunityMessage({ version: this.version, community: this.community, pdu: { ...pdu, requestId: id } });
    const t = this.timing;
    let resends = t.maxRetries;
    let ignores = t.maxIgnores;
    this.#queue.length = 0;
    this.events.sent?.(bytes);
    await this.transport.send(bytes, this.remote);
    for (;;) {
      const reply = await this.#next(t.maxWait * 1000);
      if (this.signal?.aborted === true) throw new RequestError('Interrupted');
      if (reply === undefined) {
        if (resends === 0) throw new RequestTimeoutError(formatAddress(this.remote), t.maxWait * 1000, t.maxRetries);
        resends--;
        ignores = t.maxIgnores;
        await this.#pause();
        this.events.resent?.(resends);
        this.events.sent?.(bytes);
        await this.transport.send(bytes, this.remote);
        continue;
      }
      this.events.received?.(reply);
      const r = this.#invalid(reply, id);
      if ('pdu' in r) return r.pdu;
      if (ignores === 0) throw new RequestError(`Invalid reply (${r.reason})`);
      ignores--;
      this.events.ignored?.(r.reason, ignores);
      await this.#pause();
    }
  }
}
