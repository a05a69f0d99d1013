/**
 * net-snmp's Opaque-wrapped types (draft-perkins-opaque-01, net-snmp's OPAQUE_SPECIAL_TYPES):
 * an Opaque whose content is itself a BER element with a two-octet tag `9F 7x`:
 * `9F 76` Counter64, `9F 78` Float (4 octets IEEE 754), `9F 79` Double (8 octets),
 * `9F 7A` Int64 (signed), `9F 7B` UInt64. snmpset's `U I F D` types send them and
 * snmpget prints them as `Opaque: Float: 1.500000`.
 */
import { InvalidArgumentError } from '../../errors.js';

/** A decoded Opaque-wrapped value. */
export type OpaqueSpecial =
  | { readonly kind: 'Float' | 'Double'; readonly value: number; readonly negativeNan: boolean }
  | { readonly kind: 'Counter64' | 'UInt64' | 'Int64'; readonly value: bigint };

const TAG1 = 0x9f;
/** Second tag octet of each wrapped type. */
export const OpaqueTag = { Counter64: 0x76, Float: 0x78, Double: 0x79, Int64: 0x7a, UInt64: 0x7b } as const;

/**
 * Decodes an Opaque's content when it is one of net-snmp's wrapped types, with net-snmp
 * 5.9's rules: the inner length must cover the rest exactly, a Float has 4 octets and a
 * Double 8, an Int64 at most 8, a Counter64 or UInt64 at most 9 (the ninth only as a
 * leading zero). Returns undefined for any other content, which is printed as plain
 * Opaque octets (net-snmp drops a whole message whose wrapped value is malformed).
 */
export function decodeOpaqueSpecial(content: Uint8Array): OpaqueSpecial | undefined {
  if (content.length < 3 || content[0] !== TAG1) return undefined;
  const tag = content[1]!;
  const len = content[2]!;
  if (len >= 0x80 || content.length !== 3 + len) return undefined;
  const v = content.subarray(3);
  switch (tag) {
    case OpaqueTag.Float: {
      if (len !== 4) return undefined;
      const dv = new DataView(v.buffer, v.byteOffset, 4);
      return { kind: 'Float', value: dv.getFloat32(0), negativeNan: (v[0]! & 0x80) !== 0 };
    }
    case OpaqueTag.Double: {
      if (len !== 8) return undefined;
      const dv = new DataView(v.buffer, v.byteOffset, 8);
      return { kind: 'Double', value: dv.getFloat64(0), negativeNan: (v[0]! & 0x80) !== 0 };
    }
    case OpaqueTag.Int64: {
      if (len > 8) return undefined;
      let x = 0n;
      for (const b of v) x = (x << 8n) | BigInt(b);
      if (len > 0 && (v[0]! & 0x80) !== 0) x -= 1n << BigInt(8 * len);
      return { kind: 'Int64', value: x };
    }
    case OpaqueTag.Counter64:
    case OpaqueTag.UInt64: {
      if (len > 9 || (len === 9 && v[0] !== 0)) return undefined;
      if (tag === OpaqueTag.Counter64 && len === 0) return undefined;
      let x = 0n;
      for (const b of v) x = (x << 8n) | BigInt(b);
      return { kind: tag === OpaqueTag.Counter64 ? 'Counter64' : 'UInt64', value: x };
    }
    default:
      return undefined;
  }
}

function wrap(tag: number, inner: Uint8Array): Uint8Array {
  const out = new Uint8Array(3 + inner.length);
  out[0] = TAG1;
  out[1] = tag;
  out[2] = inner.length;
  out.set(inner, 3);
  return out;
}

/** Minimal two's-complement octets of a signed 64-bit integer. */
function signedOctets(x: bigint): Uint8Array {
  const bytes: number[] = [];
  let v = x;
  for (;;) {
    const b = Number(v & 0xffn);
    bytes.unshift(b);
    v >>= 8n;
    if ((v === 0n && (b & 0x80) === 0) || (v === -1n && (b & 0x80) !== 0)) break;
  }
  return Uint8Array.from(bytes);
}

/** Minimal unsigned octets, with a leading zero when the top bit is set (as net-snmp encodes). */
function unsignedOctets(x: bigint): Uint8Array {
  const bytes: number[] = [];
  let v = x;
  do {
    bytes.unshift(Number(v & 0xffn));
    v >>= 8n;
  } while (v > 0n);
  if ((bytes[0]! & 0x80) !== 0) bytes.unshift(0);
  return Uint8Array.from(bytes);
}

/**
 * Encodes a value as net-snmp's snmpset does for the types `U` (UInt64), `I` (Int64),
 * `F` (Float) and `D` (Double): the Opaque's content octets.
 * @throws InvalidArgumentError when the value is out of the type's range.
 */
export function encodeOpaqueSpecial(special: OpaqueSpecial): Uint8Array {
  switch (special.kind) {
    case 'Float': {
      const b = new Uint8Array(4);
      new DataView(b.buffer).setFloat32(0, special.value);
      return wrap(OpaqueTag.Float, b);
    }
    case 'Double': {
      const b = new Uint8Array(8);
      new DataView(b.buffer).setFloat64(0, special.value);
      return wrap(OpaqueTag.Double, b);
    }
    case 'Int64':
      if (special.value < -(1n << 63n) || special.value >= 1n << 63n) throw new InvalidArgumentError(`Int64 out of range: ${special.value}`);
      return wrap(OpaqueTag.Int64, signedOctets(special.value));
    default:
      if (special.value < 0n || special.value >= 1n << 64n) throw new InvalidArgumentError(`${special.kind} out of range: ${special.value}`);
      return wrap(OpaqueTag[special.kind], unsignedOctets(special.value));
  }
}
