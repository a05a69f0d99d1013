/**
 * The manager's fast path for the commonest answer: a v1 or v2c Response to a GetRequest,
 * whose varbind names come back as they were asked, with plain values (numbers, octets,
 * addresses, NULL and the exceptions). Read on one straight path, with no reader object
 * and no view of the community made unless it is asked for.
 *
 * It accepts only what {@link decodeMessage} accepts and decodes it to the same message:
 * anything else (another PDU, a name that differs, an OID or BIT STRING value, a long-form
 * length where a short one is usual, a limit reached, any malformed byte) makes it return
 * undefined, and the full decoder then decodes the message or says what is wrong with it.
 */
import { unsigned64At } from '../ber/reader.js';
import type { ExpectedNames } from '../pdu/varbinds.js';
import type { BasicPdu } from '../pdu/types.js';
import type { VarBind } from '../smi/types.js';
import type { CommunityMessage } from './types.js';

/** A Response message read by {@link decodeExpectedResponse}; its community is a view made on first use. */
class ExpectedResponseMessage implements CommunityMessage {
  #community: Uint8Array | undefined = undefined;
  constructor(
    readonly version: 0 | 1,
    readonly pdu: BasicPdu,
    readonly bytes: Uint8Array,
    readonly communityAt: number,
    readonly communityLength: number,
  ) {}

  /** The community octets (a view of the input, as the full decoder gives). */
  get community(): Uint8Array {
    return (this.#community ??= this.bytes.subarray(this.communityAt, this.communityAt + this.communityLength));
  }
}

/** The length read by the last {@link lengthAt}. */
let len = 0;

/**
 * Reads a definite length at `p` (short form, or long form of 1 to 4 octets) for an element
 * that must end by `end`: returns the offset of its contents, with the length in `len`, or
 * -1 when it cannot be read or does not fit.
 */
function lengthAt(b: Uint8Array, p: number, end: number): number {
  if (p >= end) return -1;
  let l = b[p++]!;
  if (l >= 0x80) {
    const k = l & 0x7f;
    if (k === 0 || k > 4 || p + k > end) return -1;
    l = 0;
    for (let i = 0; i < k; i++) l = l * 256 + b[p++]!;
  }
  if (l > end - p) return -1;
  len = l;
  return p;
}

/** The value of the last {@link smallIntegerAt}. */
let intValue = 0;

/** Reads an INTEGER with a short-form length of 1 to 4 octets at `p` (ending by `end`); returns the offset after it, or -1. */
function smallIntegerAt(b: Uint8Array, p: number, end: number): number {
  if (p + 2 > end || b[p] !== 0x02) return -1;
  const l = b[p + 1]!;
  if (l < 1 || l > 4 || p + 2 + l > end) return -1;
  let v = (b[p + 2]! << 24) >> 24;
  for (let i = 1; i < l; i++) v = (v << 8) | b[p + 2 + i]!;
  intValue = v;
  return p + 2 + l;
}

/**
 * Decodes a v1/v2c Response whose names are `expected` (in order), or returns undefined
 * when the message is anything else or anything about it is unusual; see the module's
 * description. The varbinds' names are the expected Oid objects themselves.
 */
export function decodeExpectedResponse(b: Uint8Array, expected: ExpectedNames, maxVarBinds: number, maxMessageSize: number): CommunityMessage | undefined {
  const n = b.length;
  if (n > maxMessageSize || n < 2 || b[0] !== 0x30) return undefined;
  let p = lengthAt(b, 1, n);
  if (p < 0 || p + len !== n) return undefined;
  // version: INTEGER 0 (v1) or 1 (v2c)
  if (p + 3 > n || b[p] !== 0x02 || b[p + 1] !== 0x01) return undefined;
  const version = b[p + 2]!;
  if (version > 1) return undefined;
  p += 3;
  // community
  if (p >= n || b[p] !== 0x04) return undefined;
  p = lengthAt(b, p + 1, n);
  if (p < 0) return undefined;
  const communityAt = p;
  const communityLength = len;
  p += len;
  // Response-PDU: the last element of the message
  if (p >= n || b[p] !== 0xa2) return undefined;
  p = lengthAt(b, p + 1, n);
  if (p < 0 || p + len !== n) return undefined;
  p = smallIntegerAt(b, p, n);
  if (p < 0) return undefined;
  const requestId = intValue;
  p = smallIntegerAt(b, p, n);
  if (p < 0) return undefined;
  const errorStatus = intValue;
  p = smallIntegerAt(b, p, n);
  if (p < 0) return undefined;
  const errorIndex = intValue;
  // VarBindList: the last element of the PDU
  if (p >= n || b[p] !== 0x30) return undefined;
  p = lengthAt(b, p + 1, n);
  if (p < 0 || p + len !== n) return undefined;
  const names = expected.tlvs;
  const namesEnd = names.length;
  const oids = expected.oids;
  const varbinds: VarBind[] = [];
  // Where the next expected name starts in `names`.
  let q = 0;
  while (p < n) {
    const i = varbinds.length;
    if (i >= maxVarBinds || q >= namesEnd || b[p] !== 0x30) return undefined;
    p = lengthAt(b, p + 1, n);
    if (p < 0) return undefined;
    const vbEnd = p + len;
    // The name, octet for octet as asked (tag and length included).
    const nameEnd = q + 2 + names[q + 1]!;
    if (p + (nameEnd - q) > vbEnd) return undefined;
    for (; q < nameEnd; q++, p++) if (b[p] !== names[q]) return undefined;
    const oid = oids[i]!;
    // The value, which must end the varbind.
    if (p + 2 > vbEnd) return undefined;
    const tag = b[p]!;
    p = lengthAt(b, p + 1, vbEnd);
    if (p < 0 || p + len !== vbEnd) return undefined;
    const l = len;
    let vb: VarBind;
    switch (tag) {
      case 0x02: {
        if (l < 1 || l > 4) return undefined;
        let v = (b[p]! << 24) >> 24;
        for (let k = 1; k < l; k++) v = (v << 8) | b[p + k]!;
        vb = { oid, type: 'Integer32', value: v };
        break;
      }
      case 0x41:
      case 0x42:
      case 0x43:
      case 0x47: {
        // As the full decoder: a leading 00 octet (needed for a top bit set) is skipped.
        let at = p;
        let m = l;
        if (m === 5 && b[at] === 0) {
          at++;
          m--;
        }
        if (m < 1 || m > 4) return undefined;
        let v = 0;
        for (let k = 0; k < m; k++) v = v * 256 + b[at + k]!;
        vb = { oid, type: tag === 0x41 ? 'Counter32' : tag === 0x42 ? 'Gauge32' : tag === 0x43 ? 'TimeTicks' : 'UInteger32', value: v };
        break;
      }
      case 0x46: {
        let at = p;
        let m = l;
        if (m === 9 && b[at] === 0) {
          at++;
          m--;
        }
        if (m < 1 || m > 8) return undefined;
        vb = { oid, type: 'Counter64', value: unsigned64At(b, at, m) };
        break;
      }
      case 0x04:
        vb = { oid, type: 'OctetString', value: b.subarray(p, vbEnd) };
        break;
      case 0x40:
        if (l !== 4) return undefined;
        vb = { oid, type: 'IpAddress', value: `${b[p]}.${b[p + 1]}.${b[p + 2]}.${b[p + 3]}` };
        break;
      case 0x05:
        if (l !== 0) return undefined;
        vb = { oid, type: 'Null', value: null };
        break;
      case 0x80:
      case 0x81:
      case 0x82:
        if (l !== 0) return undefined;
        vb = { oid, type: tag === 0x80 ? 'NoSuchObject' : tag === 0x81 ? 'NoSuchInstance' : 'EndOfMibView', value: null };
        break;
      case 0x44:
        vb = { oid, type: 'Opaque', value: b.subarray(p, vbEnd) };
        break;
      case 0x45:
        vb = { oid, type: 'NsapAddress', value: b.subarray(p, vbEnd) };
        break;
      default:
        // OID and BIT STRING values, unknown tags: the full decoder's business.
        return undefined;
    }
    varbinds.push(vb);
    p = vbEnd;
  }
  const pdu: BasicPdu = { type: 'Response', requestId, errorStatus, errorIndex, varbinds };
  return new ExpectedResponseMessage(version as 0 | 1, pdu, b, communityAt, communityLength);
}
