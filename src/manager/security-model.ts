/**
 * The place of the security model in the request path: a request PDU is wrapped into a
 * message on the way out, and a matched response message is unwrapped into its PDU on the
 * way in. The community model (RFC 1157, RFC 1901) is here; the user-based model (RFC 3414)
 * takes the same place in the v3 issue.
 */
import { RequestError } from '../errors.js';
import { encodeCommunityMessage } from '../message/codec.js';
import type { Message } from '../message/types.js';
import type { Pdu } from '../pdu/types.js';
import type { ResolvedSessionOptions } from './options.js';

/** Wraps requests and unwraps responses for one session. @internal */
export interface RequestSecurity {
  /** The wire version of the messages (0, 1 or 3). */
  readonly version: number;
  /**
   * Encodes a request whose PDU already carries its request id (for v3 the same number is
   * the msgID the dispatcher matches on).
   * @throws EncodeError, RequestError
   */
  encode(pdu: Pdu): Uint8Array;
  /**
   * The PDU of a response the dispatcher matched to a request (version and source checked).
   * @throws RequestError (or, for v3, ReportError/AuthenticationError) when it cannot be used.
   */
  open(message: Message): Pdu;
}

/** SNMPv1 and SNMPv2c: the community travels in clear (RFC 1157 §4, RFC 1901 §3). @internal */
export class CommunitySecurity implements RequestSecurity {
  readonly version: 0 | 1;
  readonly #community: Uint8Array;
  readonly #message: { version: 0 | 1; community: Uint8Array; pdu: Pdu };

  constructor(version: 0 | 1, community: Uint8Array) {
    this.version = version;
    this.#community = community;
    this.#message = { version, community, pdu: undefined as unknown as Pdu };
  }

  encode(pdu: Pdu): Uint8Array {
    // One message object reused: encodeCommunityMessage copies what it writes.
    const m = this.#message;
    m.pdu = pdu;
    try {
      return encodeCommunityMessage(m);
    } finally {
      m.pdu = undefined as unknown as Pdu;
    }
  }

  open(message: Message): Pdu {
    if (message.version === 3) throw new RequestError('An SNMPv3 message answered a community request');
    return message.pdu;
  }

  /** Secrets stay out of inspection. */
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `CommunitySecurity(v${this.version === 0 ? '1' : '2c'}, community: <hidden ${this.#community.length} octets>)`;
  }
}

/**
 * SNMPv3 until the user-based security model lands: the options are validated and kept,
 * and every request fails with a clear RequestError. @internal
 */
export class PendingV3Security implements RequestSecurity {
  readonly version = 3;

  encode(): Uint8Array {
    throw new RequestError('SNMPv3 requests are not implemented yet: the user-based security model (RFC 3414) comes in a later release; use v1 or v2c');
  }

  open(): Pdu {
    throw new RequestError('SNMPv3 responses are not implemented yet');
  }
}

/** The security model for a session's options. @internal */
export function securityFor(options: ResolvedSessionOptions): RequestSecurity {
  if (options.version === 'v3') return new PendingV3Security();
  return new CommunitySecurity(options.version === 'v1' ? 0 : 1, options.community);
}
