import type { Oid } from './oid.js';

/**
 * The SMI value types a varbind can carry, with their BER tags (RFC 2578, RFC 3416,
 * RFC 1442's BIT STRING, and the three exception values).
 */
export const SmiTag = {
  Integer32: 0x02,
  BitString: 0x03,
  OctetString: 0x04,
  Null: 0x05,
  ObjectIdentifier: 0x06,
  IpAddress: 0x40,
  Counter32: 0x41,
  Gauge32: 0x42,
  TimeTicks: 0x43,
  Opaque: 0x44,
  NsapAddress: 0x45,
  Counter64: 0x46,
  UInteger32: 0x47,
  NoSuchObject: 0x80,
  NoSuchInstance: 0x81,
  EndOfMibView: 0x82,
} as const;

/** Name of an SMI value type. */
export type SmiType = keyof typeof SmiTag;

/** The SMI type name for each BER tag. */
export const SmiTypeByTag: Readonly<Record<number, SmiType>> = Object.freeze(
  Object.fromEntries(Object.entries(SmiTag).map(([k, v]) => [v, k as SmiType])),
);

/** A BIT STRING value (tag 0x03): its bytes and the count of unused bits in the last byte. */
export interface BitStringValue {
  /** The bytes; the value is `bytes.length * 8 - unusedBits` bits long. */
  readonly bytes: Uint8Array;
  /** Unused bits at the end of the last byte, 0..7 (0 when there are no bytes). */
  readonly unusedBits: number;
}

/** The JavaScript type of each SMI value. */
export interface SmiValueMap {
  Integer32: number;
  BitString: BitStringValue;
  OctetString: Uint8Array;
  Null: null;
  ObjectIdentifier: Oid;
  IpAddress: string;
  Counter32: number;
  Gauge32: number;
  TimeTicks: number;
  Opaque: Uint8Array;
  NsapAddress: Uint8Array;
  Counter64: bigint;
  UInteger32: number;
  NoSuchObject: null;
  NoSuchInstance: null;
  EndOfMibView: null;
}

/** A typed SMI value: `{ type: 'Counter32', value: 5 }`. */
export type SmiValue = { [K in SmiType]: { readonly type: K; readonly value: SmiValueMap[K] } }[SmiType];

/**
 * A variable binding: an OID and a typed value. A discriminated union on `type`, so
 * `if (vb.type === 'Counter64') vb.value` is a bigint.
 */
export type VarBind = { [K in SmiType]: { readonly oid: Oid; readonly type: K; readonly value: SmiValueMap[K] } }[SmiType];

/** A varbind of a given type. */
export type VarBindOf<K extends SmiType> = Extract<VarBind, { type: K }>;

/** The three exception types of RFC 3416 §3 (values, not errors). */
export type ExceptionType = 'NoSuchObject' | 'NoSuchInstance' | 'EndOfMibView';

/** True for noSuchObject, noSuchInstance and endOfMibView. */
export function isException(vb: { readonly type: SmiType }): boolean {
  const t = vb.type;
  return t === 'NoSuchObject' || t === 'NoSuchInstance' || t === 'EndOfMibView';
}

/** The SMI types whose value is an unsigned 32-bit number. */
export type Unsigned32Type = 'Counter32' | 'Gauge32' | 'TimeTicks' | 'UInteger32';
