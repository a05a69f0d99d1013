/**
 * snmpset's checks of a value against the MIB when the object is known (net-snmp's
 * snmp_add_var with a MIB tree, checked against snmpset -d): the type letter must suit the
 * object's syntax (`Bad variable type (Type of attribute is OCTET STRING, not INTEGER)`),
 * `=` takes the syntax's type, INTEGER values may be enumeration labels and must lie in
 * the ranges (`Value out of range (15 :: {(1..10), (20)})`), octet strings are read with
 * their DISPLAY-HINT (text that does not follow it is taken as is) and must have an
 * allowed size (`Value out of range (Bad string length :: {(2)})`, or `Value does not
 * match DISPLAY-HINT` when the object has a hint).
 */
import { InvalidArgumentError } from '../../errors.js';
import type { MibRange } from '../../mib/model.js';
import { NsType, type NsView } from '../../mib/ns-view.js';
import { parseOctetHint } from '../../mib/oid-parse.js';
import type { Oid } from '../../smi/oid.js';
import type { VarBind } from '../../smi/types.js';
import { parseSetValue } from '../args/set-values.js';

/** net-snmp's names of the node types in "Type of attribute is …". */
const ATTR: Readonly<Record<number, string>> = {
  [NsType.ObjectId]: 'OBJECT IDENTIFIER',
  [NsType.OctetStr]: 'OCTET STRING',
  [NsType.Integer]: 'INTEGER',
  [NsType.NetAddr]: 'NetworkAddress',
  [NsType.IpAddr]: 'IpAddress',
  [NsType.Counter]: 'Counter32',
  [NsType.Gauge]: 'Gauge32',
  [NsType.TimeTicks]: 'Timeticks',
  [NsType.Opaque]: 'Opaque',
  [NsType.Null]: 'NULL',
  [NsType.Counter64]: 'Counter64',
  [NsType.BitString]: 'BITS',
  [NsType.NsapAddress]: 'NsapAddress',
  [NsType.UInteger]: 'UInteger32',
  [NsType.Unsigned32]: 'Unsigned32',
  [NsType.Integer32]: 'Integer32',
};

/** For each letter: the type name snmpset says it wants, and the node types it suits. */
const LETTER: Readonly<Record<string, readonly [string, readonly number[]]>> = {
  i: ['INTEGER', [NsType.Integer, NsType.Integer32]],
  u: ['Unsigned32', [NsType.Gauge, NsType.Unsigned32, NsType.UInteger]],
  t: ['Timeticks', [NsType.TimeTicks]],
  a: ['IpAddress', [NsType.IpAddr, NsType.NetAddr]],
  o: ['OBJECT IDENTIFIER', [NsType.ObjectId]],
  s: ['OCTET STRING', [NsType.OctetStr, NsType.Opaque]],
  x: ['OCTET STRING', [NsType.OctetStr, NsType.Opaque, NsType.BitString]],
  d: ['OCTET STRING', [NsType.OctetStr, NsType.Opaque]],
  b: ['BITS', [NsType.BitString]],
  c: ['Counter32', [NsType.Counter]],
  C: ['Counter64', [NsType.Counter64]],
};

/** The letter `=` stands for, by node type. */
const EQUALS: Readonly<Record<number, string>> = {
  [NsType.ObjectId]: 'o',
  [NsType.OctetStr]: 's',
  [NsType.Integer]: 'i',
  [NsType.Integer32]: 'i',
  [NsType.IpAddr]: 'a',
  [NsType.NetAddr]: 'a',
  [NsType.Counter]: 'c',
  [NsType.Gauge]: 'u',
  [NsType.Unsigned32]: 'u',
  [NsType.UInteger]: 'u',
  [NsType.TimeTicks]: 't',
  [NsType.Counter64]: 'C',
  [NsType.BitString]: 'b',
  [NsType.Null]: 'n',
};

function rangesText(ranges: readonly MibRange[]): string {
  return `{${ranges.map((r) => (r.min === r.max ? `(${r.min})` : `(${r.min}..${r.max})`)).join(', ')}}`;
}

function inRanges(ranges: readonly MibRange[], n: bigint): boolean {
  return ranges.some((r) => n >= r.min && n <= r.max);
}

/**
 * The varbind for `OID TYPE VALUE` of an object the MIB describes.
 * @throws InvalidArgumentError with snmpset's words.
 */
export function mibSetValue(v: NsView, oid: Oid, type: string, value: string, parseOid: (t: string) => Oid): VarBind {
  let letter = type;
  if (letter === '=') {
    const l = EQUALS[v.type];
    if (l === undefined) throw new InvalidArgumentError('Bad variable type ("=")');
    letter = l;
  }
  const want = LETTER[letter];
  if (want !== undefined && !want[1].includes(v.type)) {
    throw new InvalidArgumentError(`Bad variable type (Type of attribute is ${ATTR[v.type] ?? 'OTHER'}, not ${want[0]})`);
  }
  if (letter === 'i') {
    const label = v.enums?.find((e) => e.name === value);
    const vb = label !== undefined ? { oid, type: 'Integer32' as const, value: label.value } : parseSetValue(oid, 'i', value, parseOid);
    if (vb.type === 'Integer32' && v.ranges !== undefined && v.ranges.length > 0 && !inRanges(v.ranges, BigInt(vb.value))) {
      throw new InvalidArgumentError(`Value out of range (${value} :: ${rangesText(v.ranges)})`);
    }
    return vb;
  }
  if (letter === 's' || letter === 'x' || letter === 'd') {
    let vb: VarBind;
    if (letter === 's' && v.hint !== undefined) {
      // Text that does not follow the hint is sent as it is, as net-snmp does.
      const octets = parseOctetHint(v.hint, value);
      vb = octets === undefined ? parseSetValue(oid, 's', value, parseOid) : { oid, type: 'OctetString', value: Uint8Array.from(octets) };
    } else {
      vb = parseSetValue(oid, letter, value, parseOid);
    }
    const len = (vb.value as Uint8Array).length;
    if (v.ranges !== undefined && v.ranges.length > 0 && !inRanges(v.ranges, BigInt(len))) {
      throw new InvalidArgumentError(`Value out of range (${v.hint !== undefined ? 'Value does not match DISPLAY-HINT' : 'Bad string length'} :: ${rangesText(v.ranges)})`);
    }
    return vb;
  }
  return parseSetValue(oid, letter, value, parseOid);
}
