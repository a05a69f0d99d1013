/**
 * snmpset's `TYPE VALUE` pairs, read as net-snmp 5.9's `snmp_add_var()` reads them (checked
 * byte for byte against `snmpset -d`):
 *
 * | type | SMI type | value |
 * |---|---|---|
 * | `i` | INTEGER | decimal, optional sign and leading blanks; -2^31..2^31-1 |
 * | `u` | Gauge32 (net-snmp's "unsigned") | decimal; a negative number wraps as strtoul does (`-1` is 4294967295) |
 * | `t` | TimeTicks | as `u` |
 * | `a` | IpAddress | dotted quad in inet_aton forms: `10.1`, `0x7f.1`, octal `010.0.0.1` |
 * | `o` | OBJECT IDENTIFIER | an OID |
 * | `s` | OCTET STRING | the text's UTF-8 octets |
 * | `x` | OCTET STRING | hex pairs, spaces allowed between pairs, optional `0x` |
 * | `d` | OCTET STRING | decimal octets separated by `.` or spaces |
 * | `b` | OCTET STRING (BITS) | bit numbers separated by spaces or commas |
 * | `n` | NULL | ignored |
 * | `U` `I` `F` `D` | Opaque | net-snmp's wrapped UInt64, Int64, Float, Double |
 * | `c` `C` | Counter32, Counter64 | as `u`, and 0..2^64-1 (net-snmp's library knows them; its snmpset refuses them) |
 *
 * Where net-snmp would send a malformed or silently truncated value (an `i` beyond 32
 * bits, a `u` beyond 2^32, a `U` written in hex), tsnmp refuses it with net-snmp's
 * "Value out of range" or "Bad value notation" message instead.
 */
import { InvalidArgumentError } from '../../errors.js';
import { bitsFromPositions } from '../../smi/bits.js';
import type { Oid } from '../../smi/oid.js';
import { octetsFromText } from '../../smi/octets.js';
import type { VarBind } from '../../smi/types.js';
import { encodeOpaqueSpecial } from '../format/opaque.js';

/** The type letters tsnmp's set accepts. */
export const SET_TYPE_LETTERS = 'iutaosxdbnUIFDcC';

function outOfRange(value: string): InvalidArgumentError {
  return new InvalidArgumentError(`Value out of range (${value})`);
}

function badNotation(value: string): InvalidArgumentError {
  return new InvalidArgumentError(`Bad value notation (${value})`);
}

/** strtol/strtoul over a whole word: blanks, a sign, decimal digits, nothing after. */
function decimal(value: string): bigint | undefined {
  const m = /^[ \t\n\v\f\r]*([+-]?)(\d+)$/.exec(value);
  if (m === null) return undefined;
  const n = BigInt(m[2]!);
  return m[1] === '-' ? -n : n;
}

/** An unsigned 32-bit value as `u`, `t` and `c` read it. */
function unsigned32(value: string): number {
  const n = decimal(value);
  if (n === undefined) throw badNotation(value);
  // strtoul: a negative number is negated in unsigned arithmetic.
  const v = n < 0n ? (1n << 64n) + n : n;
  if (n < 0n ? -n > 0xffffffffn : v > 0xffffffffn) throw outOfRange(value);
  return Number(n < 0n ? v & 0xffffffffn : v);
}

/** inet_aton: 1 to 4 parts in decimal, octal (leading 0) or hex (0x); the last fills the rest. */
export function inetAton(value: string): string | undefined {
  if (value === '') return undefined;
  const parts = value.split('.');
  if (parts.length > 4) return undefined;
  const nums: number[] = [];
  for (const p of parts) {
    let n: number;
    if (/^0[xX][0-9a-fA-F]*$/.test(p)) n = p.length === 2 ? 0 : Number.parseInt(p.slice(2), 16);
    else if (/^0[0-7]*$/.test(p)) n = p.length === 1 ? 0 : Number.parseInt(p.slice(1), 8);
    else if (/^[1-9]\d*$/.test(p)) n = Number(p);
    else return undefined;
    nums.push(n);
  }
  const last = nums.length - 1;
  for (let i = 0; i < last; i++) if (nums[i]! > 255) return undefined;
  const room = 2 ** (8 * (4 - last)) - 1;
  if (nums[last]! > room) return undefined;
  const out = [0, 0, 0, 0];
  for (let i = 0; i < last; i++) out[i] = nums[i]!;
  let rest = nums[last]!;
  for (let i = 3; i >= last; i--) {
    out[i] = rest % 256;
    rest = Math.floor(rest / 256);
  }
  return out.join('.');
}

/** `x`: hex pairs with spaces between pairs, an optional leading `0x`. */
function hexOctets(value: string): Uint8Array {
  let s = value;
  const bytes: number[] = [];
  s = s.replace(/^ +/, '');
  if (/^0[xX]/.test(s)) s = s.slice(2);
  let i = 0;
  while (i < s.length) {
    if (s[i] === ' ') {
      i++;
      continue;
    }
    const pair = s.slice(i, i + 2);
    if (!/^[0-9a-fA-F]{2}$/.test(pair)) throw badNotation(value);
    bytes.push(Number.parseInt(pair, 16));
    i += 2;
  }
  return Uint8Array.from(bytes);
}

/** `d`: decimal octets separated by dots or spaces. */
function decimalOctets(value: string): Uint8Array {
  const bytes: number[] = [];
  for (const p of value.split(/[. ]+/)) {
    if (p === '') continue;
    if (!/^\d+$/.test(p) || Number(p) > 255) throw badNotation(value);
    bytes.push(Number(p));
  }
  return Uint8Array.from(bytes);
}

/** `b`: bit numbers separated by spaces, commas or tabs. */
function bitOctets(value: string): Uint8Array {
  const positions: number[] = [];
  for (const p of value.split(/[ ,\t]+/)) {
    if (p === '') continue;
    if (!/^\d+$/.test(p) || Number(p) > 0xffff) throw outOfRange(value);
    positions.push(Number(p));
  }
  return bitsFromPositions(positions);
}

function float(value: string): number {
  const t = value.trim();
  if (/^[+-]?(inf|infinity)$/i.test(t)) return t.startsWith('-') ? -Infinity : Infinity;
  if (/^[+-]?nan$/i.test(t)) return Number.NaN;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t)) throw badNotation(value);
  return Number(t);
}

/**
 * Builds the varbind of one `OID TYPE VALUE` triple.
 * @param parseOid reads an `o` value (numeric, or a name when a MIB namer is loaded).
 * @throws InvalidArgumentError with net-snmp's words: `Bad object type: q`,
 *   `Value out of range (x)`, `Bad value notation (x)`, `Unknown Object Identifier (x)`.
 */
export function parseSetValue(oid: Oid, type: string, value: string, parseOid: (text: string) => Oid): VarBind {
  if (type.length !== 1 || !SET_TYPE_LETTERS.includes(type)) throw new InvalidArgumentError(`Bad object type: ${type}`);
  switch (type) {
    case 'i': {
      if (value === '') throw badNotation(value);
      const n = decimal(value);
      if (n === undefined || n < -0x80000000n || n > 0x7fffffffn) throw outOfRange(value);
      return { oid, type: 'Integer32', value: Number(n) };
    }
    case 'u':
      return { oid, type: 'Gauge32', value: unsigned32(value) };
    case 't':
      return { oid, type: 'TimeTicks', value: unsigned32(value) };
    case 'c':
      return { oid, type: 'Counter32', value: unsigned32(value) };
    case 'C': {
      const n = decimal(value);
      if (n === undefined) throw badNotation(value);
      if (n < 0n || n > 0xffffffffffffffffn) throw outOfRange(value);
      return { oid, type: 'Counter64', value: n };
    }
    case 'a': {
      const ip = inetAton(value);
      if (ip === undefined) throw badNotation(value);
      return { oid, type: 'IpAddress', value: ip };
    }
    case 'o':
      return { oid, type: 'ObjectIdentifier', value: parseOid(value) };
    case 's':
      return { oid, type: 'OctetString', value: octetsFromText(value) };
    case 'x':
      return { oid, type: 'OctetString', value: hexOctets(value) };
    case 'd':
      return { oid, type: 'OctetString', value: decimalOctets(value) };
    case 'b':
      return { oid, type: 'OctetString', value: bitOctets(value) };
    case 'n':
      return { oid, type: 'Null', value: null };
    case 'U': {
      const n = decimal(value);
      if (n === undefined) throw badNotation(value);
      const v = n < 0n ? (1n << 64n) + n : n;
      if (v < 0n || v > 0xffffffffffffffffn) throw outOfRange(value);
      return { oid, type: 'Opaque', value: encodeOpaqueSpecial({ kind: 'UInt64', value: v }) };
    }
    case 'I': {
      const n = decimal(value);
      if (n === undefined) throw badNotation(value);
      if (n < -(1n << 63n) || n >= 1n << 63n) throw outOfRange(value);
      return { oid, type: 'Opaque', value: encodeOpaqueSpecial({ kind: 'Int64', value: n }) };
    }
    case 'F':
      return { oid, type: 'Opaque', value: encodeOpaqueSpecial({ kind: 'Float', value: float(value), negativeNan: false }) };
    default:
      return { oid, type: 'Opaque', value: encodeOpaqueSpecial({ kind: 'Double', value: float(value), negativeNan: false }) };
  }
}
