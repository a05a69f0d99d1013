/**
 * The place of the security model in the request path: a request PDU is wrapped into a
 * message on the way out, and a matched response message is unwrapped into its PDU on the
 * way in. The community model (RFC 1157, RFC 1901) is here; the user-based model (RFC 3414)
 * takes the same place in the v3 issue.
 *
 * Requests are encoded with the codec's writer directly into a reused buffer and copied
 * once into a small pooled Buffer (cheaper to allocate and collect than a fresh
 * ArrayBuffer per request). A varbind list that a poller sends again and again can be
 * encoded once ({@link CommunitySecurity.encodeVarbindList}) and copied in as bytes.
 */
import { BerWriter } from '../ber/writer.js';
import { RequestError } from '../errors.js';
import { checkCommunityPdu } from '../message/codec.js';
import type { Message } from '../message/types.js';
import { writePdu } from '../pdu/codec.js';
import { writeVarBinds } from '../pdu/varbinds.js';
import type { BasicPdu, BasicPduType, Pdu } from '../pdu/types.js';
import { PduTag } from '../pdu/types.js';
import { octetsEqual } from '../smi/octets.js';
import type { VarBind } from '../smi/types.js';
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
   * Encodes a Get/GetNext/Set request whose varbind list is already encoded.
   * @throws EncodeError, RequestError
   */
  encodeWithList(type: BasicPduType, requestId: number, varbindList: Uint8Array): Uint8Array;
  /**
   * The PDU of a response the dispatcher matched to a request (version and source checked).
   * @throws RequestError (or, for v3, ReportError/AuthenticationError) when it cannot be used.
   */
  open(message: Message): BasicPdu;
}

/** One writer for every session's encoding: encoding is synchronous, never re-entered. */
const writer = new BerWriter(16384);

/** A copy of the writer's output in a pooled Buffer. */
function output(w: BerWriter): Uint8Array {
  const view = w.view();
  const out = Buffer.allocUnsafe(view.length);
  out.set(view);
  return out;
}

/** Encodes a VarBindList (RFC 3416 §3) once, for requests that repeat it. @throws EncodeError @internal */
export function encodeVarbindList(varbinds: readonly VarBind[]): Uint8Array {
  const w = writer;
  w.reset();
  writeVarBinds(w, varbinds);
  return output(w);
}

/**
 * The smallest request id whose INTEGER takes four octets (X.690 §8.3.2: the shortest
 * encoding). The dispatcher picks ids from here to 2^30-1, so that a request's length
 * does not depend on its id.
 */
export const MIN_FOUR_OCTET_ID = 0x800000;

/** A whole request message for a varbind list, made once. */
interface ListTemplate {
  readonly type: BasicPduType;
  readonly version: number;
  /** The community it was made with (the session's own copy of it). */
  readonly community: Uint8Array;
  readonly list: Uint8Array;
  readonly bytes: Uint8Array;
  /** Offset of the request id's four content octets. */
  readonly idAt: number;
}

/**
 * Templates made so far, by list (the bytes of a list shared by sessions, see
 * list-cache.ts): the sessions with the same version and community share one template per
 * list and PDU type, which then stays in the processor's caches.
 */
const templatesByList = new WeakMap<Uint8Array, ListTemplate[]>();

/** Templates kept per list (its PDU types, times the versions and communities in use). */
const TEMPLATES = 16;

/** SNMPv1 and SNMPv2c: the community travels in clear (RFC 1157 §4, RFC 1901 §3). @internal */
export class CommunitySecurity implements RequestSecurity {
  readonly version: 0 | 1;
  readonly #community: Uint8Array;
  /** The template used last (a poller's session uses one again and again). */
  #last: ListTemplate | undefined = undefined;

  constructor(version: 0 | 1, community: Uint8Array) {
    this.version = version;
    this.#community = community;
  }

  encode(pdu: Pdu): Uint8Array {
    checkCommunityPdu(this.version, pdu);
    const w = writer;
    w.reset();
    writePdu(w, pdu);
    return this.#envelope(w, 0);
  }

  encodeWithList(type: BasicPduType, requestId: number, varbindList: Uint8Array): Uint8Array {
    if (requestId >= MIN_FOUR_OCTET_ID && requestId <= 0x7fffffff) {
      // The dispatcher's ids all take four octets: the message is a copy of a template
      // made once for this list, with the id written in.
      const t = this.#template(type, varbindList);
      const out = Buffer.allocUnsafe(t.bytes.length);
      out.set(t.bytes);
      const at = t.idAt;
      out[at] = requestId >>> 24;
      out[at + 1] = (requestId >>> 16) & 0xff;
      out[at + 2] = (requestId >>> 8) & 0xff;
      out[at + 3] = requestId & 0xff;
      return out;
    }
    return this.#encodeList(type, requestId, varbindList);
  }

  #encodeList(type: BasicPduType, requestId: number, varbindList: Uint8Array): Uint8Array {
    const w = writer;
    w.reset();
    w.writeRaw(varbindList);
    w.writeInteger32(0x02, 0); // error-index
    w.writeInteger32(0x02, 0); // error-status
    w.writeInteger32(0x02, requestId);
    w.writeSequence(PduTag[type], 0);
    return this.#envelope(w, 0);
  }

  /** The message for a list and PDU type with a four-octet request id, and where the id's octets are. */
  #template(type: BasicPduType, varbindList: Uint8Array): ListTemplate {
    const last = this.#last;
    if (last !== undefined && last.list === varbindList && last.type === type) return last;
    let ts = templatesByList.get(varbindList);
    if (ts === undefined) {
      ts = [];
      templatesByList.set(varbindList, ts);
    }
    for (const t of ts) {
      if (t.type === type && t.version === this.version && octetsEqual(t.community, this.#community)) return (this.#last = t);
    }
    const bytes = this.#encodeList(type, MIN_FOUR_OCTET_ID, varbindList);
    // The list follows error-index (02 01 00) and error-status (02 01 00), which follow the id.
    const t: ListTemplate = { type, version: this.version, community: this.#community, list: varbindList, bytes, idAt: bytes.length - varbindList.length - 6 - 4 };
    if (ts.length >= TEMPLATES) ts.shift();
    ts.push(t);
    return (this.#last = t);
  }

  /** RFC 1157 §4: Message ::= SEQUENCE { version, community, data }. */
  #envelope(w: BerWriter, mark: number): Uint8Array {
    w.writeOctets(0x04, this.#community);
    w.writeInteger32(0x02, this.version);
    w.writeSequence(0x30, mark);
    return output(w);
  }

  open(message: Message): BasicPdu {
    if (message.version === 3) throw new RequestError('An SNMPv3 message answered a community request');
    const pdu = message.pdu;
    if (pdu.type !== 'Response') throw new RequestError(`Expected a Response, received ${pdu.type}`);
    return pdu;
  }

  /** Secrets stay out of inspection. */
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `CommunitySecurity(v${this.version === 0 ? '1' : '2c'}, community: <hidden ${this.#community.length} octets>)`;
  }
}

const V3_MISSING = 'SNMPv3 requests are not implemented yet: the user-based security model (RFC 3414) comes in a later release; use v1 or v2c';

/**
 * SNMPv3 until the user-based security model lands: the options are validated and kept,
 * and every request fails with a clear RequestError. @internal
 */
export class PendingV3Security implements RequestSecurity {
  readonly version = 3;

  encode(): Uint8Array {
    throw new RequestError(V3_MISSING);
  }

  encodeWithList(): Uint8Array {
    throw new RequestError(V3_MISSING);
  }

  open(): BasicPdu {
    throw new RequestError('SNMPv3 responses are not implemented yet');
  }
}

/** The security model for a session's options. @internal */
export function securityFor(options: ResolvedSessionOptions): RequestSecurity {
  if (options.version === 'v3') return new PendingV3Security();
  return new CommunitySecurity(options.version === 'v1' ? 0 : 1, options.community);
}
