/**
 * Encoded sizes of varbinds, so that a response is known to fit before it is written
 * (RFC 3416 §4.2.3: a GetBulk response is cut to fit; others become tooBig).
 */
import { ResponseStatusError } from '../errors.js';
import { ErrorStatus } from '../pdu/error-status.js';
import { oidArcs, oidBerContent, type Oid } from '../smi/oid.js';
import type { VarBind } from '../smi/types.js';

/** Bytes of a tag and definite length header for `len` content bytes. */
export function headerSize(len: number): number {
  return len < 0x80 ? 2 : len < 0x100 ? 3 : len < 0x10000 ? 4 : len < 0x1000000 ? 5 : 6;
}

function subIdSize(v: number): number {
  return v < 0x80 ? 1 : v < 0x4000 ? 2 : v < 0x200000 ? 3 : v < 0x10000000 ? 4 : 5;
}

/** Content bytes of an OID's BER encoding. */
export function oidContentSize(oid: Oid): number {
  const ber = oidBerContent(oid);
  if (ber !== undefined) return ber.length;
  const a = oidArcs(oid);
  if (a.length === 0) return 1;
  let n = subIdSize(a[0]! * 40 + (a.length > 1 ? a[1]! : 0));
  for (let i = 2; i < a.length; i++) n += subIdSize(a[i]!);
  return n;
}

function intSize(v: number): number {
  // Two's complement, fewest bytes.
  if (v >= -0x80 && v < 0x80) return 1;
  if (v >= -0x8000 && v < 0x8000) return 2;
  if (v >= -0x800000 && v < 0x800000) return 3;
  return 4;
}

function uintSize(v: number): number {
  return v < 0x80 ? 1 : v < 0x8000 ? 2 : v < 0x800000 ? 3 : v < 0x80000000 ? 4 : 5;
}

function u64Size(v: bigint): number {
  let n = 1;
  let x = v;
  while (x >= 0x80n) {
    x >>= 8n;
    n++;
  }
  return n;
}

/** Content bytes of a varbind's value (an estimate of 0 for a value of the wrong JavaScript type; the encoder rejects it). */
export function valueContentSize(vb: VarBind): number {
  switch (vb.type) {
    case 'Integer32':
      return intSize(vb.value);
    case 'Counter32':
    case 'Gauge32':
    case 'TimeTicks':
    case 'UInteger32':
      return uintSize(vb.value);
    case 'Counter64':
      return typeof vb.value === 'bigint' ? u64Size(vb.value) : 9;
    case 'OctetString':
    case 'Opaque':
    case 'NsapAddress':
      return vb.value?.length ?? 0;
    case 'IpAddress':
      return 4;
    case 'ObjectIdentifier':
      return oidContentSize(vb.value);
    case 'BitString':
      return (vb.value?.bytes?.length ?? 0) + 1;
    default:
      return 0;
  }
}

/** Bytes of a whole encoded varbind (`SEQUENCE { name, value }`). */
export function varBindSize(vb: VarBind): number {
  const o = oidContentSize(vb.oid);
  const v = valueContentSize(vb);
  const inner = headerSize(o) + o + headerSize(v) + v;
  return headerSize(inner) + inner;
}

/**
 * DESIGN.md §4: the one function that maps what a handler threw to an RFC 3416 error
 * status. A `ResponseStatusError` carries its own status; anything else is genErr.
 */
export function statusOfError(err: unknown): number {
  if (err instanceof ResponseStatusError && err.statusCode > 0 && err.statusCode <= 18) return err.statusCode;
  return ErrorStatus.genErr;
}
