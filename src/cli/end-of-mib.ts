/**
 * snmpwalk's "End of MIB": a walk watches its traffic (a {@link PacketTap}) for a Response
 * with noSuchName to a GetNext or GetBulk, reading only the first octets of each message.
 */
import type { PacketTap } from './session.js';

// The readers below return the offset after what they read (-1 when the octets are not
// what a v1/v2c message holds there) and leave the value in one of these, so that peeking
// at a message allocates nothing.
let lengthRead = 0;
let intRead = 0;

/** The offset after the BER length at `p` (the length in `lengthRead`), or -1. */
function afterLength(b: Uint8Array, p: number): number {
  const first = b[p];
  if (first === undefined) return -1;
  if (first < 0x80) {
    lengthRead = first;
    return p + 1;
  }
  const n = first & 0x7f;
  if (n === 0 || n > 4 || p + 1 + n > b.length) return -1;
  let len = 0;
  for (let i = 0; i < n; i++) len = len * 256 + b[p + 1 + i]!;
  lengthRead = len;
  return p + 1 + n;
}

/** The offset after the INTEGER of one to four octets at `p` (its value in `intRead`), or -1. */
function afterSmallInt(b: Uint8Array, p: number): number {
  if (p < 0 || b[p] !== 0x02) return -1;
  const q = afterLength(b, p + 1);
  const len = lengthRead;
  if (q < 0 || len < 1 || len > 4 || q + len > b.length) return -1;
  let v = (b[q]! & 0x80) !== 0 ? -1 : 0;
  for (let i = 0; i < len; i++) v = v * 256 + b[q + i]!;
  intRead = v;
  return q + len;
}

/** The offset of the PDU's tag in a v1/v2c message, or -1. */
function pduOffset(b: Uint8Array): number {
  if (b[0] !== 0x30) return -1;
  const version = afterLength(b, 1);
  const community = afterSmallInt(b, version);
  if (community < 0 || intRead > 1 || intRead < 0 || b[community] !== 0x04) return -1;
  const contents = afterLength(b, community + 1);
  if (contents < 0) return -1;
  const tag = contents + lengthRead;
  return tag < b.length ? tag : -1;
}

/** The offset after the request id of the PDU whose tag is at `at` (the id in `intRead`), or -1. */
function afterRequestId(b: Uint8Array, at: number): number {
  const contents = afterLength(b, at + 1);
  return contents < 0 ? -1 : afterSmallInt(b, contents);
}

/**
 * The PDU tag, request id and error status of a v1/v2c message, read without decoding the
 * varbinds (the walk watches every response; a full decode would double its work).
 */
export function peekCommunityPdu(b: Uint8Array): { tag: number; requestId: number; errorStatus: number } | undefined {
  const at = pduOffset(b);
  if (at < 0) return undefined;
  const afterId = afterRequestId(b, at);
  if (afterId < 0) return undefined;
  const requestId = intRead;
  if (afterSmallInt(b, afterId) < 0) return undefined;
  return { tag: b[at]!, requestId, errorStatus: intRead };
}

const GET_REQUEST = 0xa0;
const RESPONSE = 0xa2;
/** RFC 3416 §3 (RFC 1157 §4.1.3): noSuchName(2), the v1 walk's end. */
const NO_SUCH_NAME = 2;
/**
 * The last messages one way, with the order in which they passed. Sent messages are kept
 * longer than received ones: a noSuchName answer is told from the end of a walk by its
 * request, which must still be there (retries send more messages than come back).
 */
class Ring {
  readonly messages: (Uint8Array | undefined)[];
  readonly order: Float64Array;
  readonly #mask: number;
  count = 0;

  /** @param size a power of two */
  constructor(size: number) {
    this.messages = new Array<Uint8Array | undefined>(size).fill(undefined);
    this.order = new Float64Array(size);
    this.#mask = size - 1;
  }

  add(bytes: Uint8Array, order: number): void {
    const i = this.count++ & this.#mask;
    this.messages[i] = bytes;
    this.order[i] = order;
  }

  /** How many messages are kept. */
  get kept(): number {
    return Math.min(this.count, this.#mask + 1);
  }

  /** The slot of the `k`-th oldest message kept (0 ≤ k < kept). */
  at(k: number): number {
    return (this.count - this.kept + k) & this.#mask;
  }
}

/**
 * A tap that notices net-snmp's "End of MIB": a Response with noSuchName(2) to anything
 * but a GetRequest (snmpwalk prints nothing when its GET of the root fails). Passing
 * traffic is only kept (the last few messages each way): a walk reads it when it needs
 * to know, at its end and before the first varbinds of a root, so that a long walk's
 * messages cost a store each.
 */
export class EndOfMibTap implements PacketTap {
  readonly #sent = new Ring(64);
  readonly #received = new Ring(8);
  #order = 0;
  /** Where the traffic of the current walk starts. */
  #since = 0;

  sent(bytes: Uint8Array): void {
    this.#sent.add(bytes, ++this.#order);
  }

  received(bytes: Uint8Array): void {
    this.#received.add(bytes, ++this.#order);
  }

  /**
   * The last messages received (eight), oldest first: a walk sends its next request ahead,
   * and a parallel walk has several in flight, whose answers may follow the last one read.
   */
  get recent(): Uint8Array[] {
    const r = this.#received;
    const out: Uint8Array[] = [];
    for (let k = 0; k < r.kept; k++) out.push(r.messages[r.at(k)]!);
    return out;
  }

  /** Starts watching a new walk: what came before no longer counts. */
  reset(): void {
    this.#since = this.#order;
  }

  /**
   * What the current walk's traffic says: whether a GetNext or GetBulk was answered with
   * noSuchName (`endOfMib`), and whether a GetRequest went out after that answer came
   * (`getAfterEnd`: a walk's GET of its root, after an empty walk).
   */
  check(): { endOfMib: boolean; getAfterEnd: boolean } {
    const r = this.#received;
    let endOrder = 0;
    for (let k = 0; k < r.kept && endOrder === 0; k++) {
      const i = r.at(k);
      if (r.order[i]! <= this.#since) continue;
      const bytes = r.messages[i]!;
      const at = pduOffset(bytes);
      if (at < 0 || bytes[at] !== RESPONSE) continue;
      const afterId = afterRequestId(bytes, at);
      if (afterId < 0) continue;
      const requestId = intRead;
      if (afterSmallInt(bytes, afterId) >= 0 && intRead === NO_SUCH_NAME && !this.#sentGet((id) => id === requestId)) endOrder = r.order[i]!;
    }
    if (endOrder === 0) return { endOfMib: false, getAfterEnd: false };
    return { endOfMib: true, getAfterEnd: this.#sentGet((_, order) => order > endOrder) };
  }

  /** True when a GetRequest kept among the messages sent matches. */
  #sentGet(match: (requestId: number, order: number) => boolean): boolean {
    const s = this.#sent;
    for (let k = 0; k < s.kept; k++) {
      const i = s.at(k);
      const bytes = s.messages[i]!;
      const at = pduOffset(bytes);
      if (at >= 0 && bytes[at] === GET_REQUEST && afterRequestId(bytes, at) >= 0 && match(intRead, s.order[i]!)) return true;
    }
    return false;
  }
}
