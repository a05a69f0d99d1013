/**
 * Varbind values printed as net-snmp's tools print them with MIBs loaded: the type label
 * (`INTEGER:`, `STRING:`, `Counter32:`...), enumerations as `up(1)`, DISPLAY-HINTs
 * (DateAndTime, MacAddress, `d-2`...), BITS with their names, UNITS, TimeTicks as
 * `(123) 0:00:01.23`, and `Wrong Type (should be ...)` when the value does not match the
 * MIB. Options follow net-snmp's `-O` letters.
 */
import { oidArcs } from '../smi/oid.js';
import type { VarBind } from '../smi/types.js';
import { asciiString, formatIntegerHint, formatOctetHint, isPrintOrSpace, uptimeString } from './display-hint.js';
import { NsType, nsView } from './ns-view.js';
import type { NsView } from './ns-view.js';
import type { MibNamedNumber } from './model.js';
import { formatOid } from './oid-format.js';
import type { FormatOidOptions } from './oid-format.js';
import type { MibStore } from './store.js';

/** Options of {@link formatValue} and {@link formatVarBind} (net-snmp `-O` letters). */
export interface FormatValueOptions extends FormatOidOptions {
  /** Quick print, no type labels (`-Oq`). Default false. */
  quick?: boolean;
  /** Quick print with ` = ` (`-OQ`). Default false. */
  quickEquals?: boolean;
  /** Print the value only (`-Ov`). Default false. */
  valueOnly?: boolean;
  /** Enumerations as numbers (`-Oe`). Default false. */
  numericEnums?: boolean;
  /** TimeTicks as a plain number (`-Ot`). Default false. */
  numericTimeticks?: boolean;
  /** Leave UNITS out (`-OU`). Default false. */
  noUnits?: boolean;
  /** Ignore DISPLAY-HINTs (`-Ih`). Default false. */
  noHints?: boolean;
  /** Strings: `guess` (default), `ascii` (`-Oa`) or `hex` (`-Ox`). */
  strings?: 'guess' | 'ascii' | 'hex';
  /** Single hex digits with a leading zero (`-O0`). Default false. */
  twoDigitHex?: boolean;
  /** Text beside hex strings (`-OT`). Default false. */
  hexText?: boolean;
  /** Octets per line of hex output; 0 for one line. Default 0, as the tools print. */
  hexLineLength?: number;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).toUpperCase().padStart(2, '0'));

/** The type each net-snmp node type expects, with the word of its `Wrong Type` message. */
const EXPECTED: Readonly<Record<number, readonly [string[], string]>> = {
  [NsType.ObjectId]: [['ObjectIdentifier'], 'OBJECT IDENTIFIER'],
  [NsType.OctetStr]: [['OctetString'], 'OCTET STRING'],
  [NsType.Integer]: [['Integer32'], 'INTEGER'],
  [NsType.Integer32]: [['Integer32'], 'INTEGER'],
  [NsType.NetAddr]: [['IpAddress'], 'NetworkAddress'],
  [NsType.IpAddr]: [['IpAddress'], 'IpAddress'],
  [NsType.Counter]: [['Counter32'], 'Counter32'],
  [NsType.Gauge]: [['Gauge32'], 'Gauge32 or Unsigned32'],
  [NsType.Unsigned32]: [['Gauge32'], 'Gauge32 or Unsigned32'],
  [NsType.TimeTicks]: [['TimeTicks'], 'Timeticks'],
  [NsType.Opaque]: [['Opaque'], 'Opaque'],
  [NsType.Null]: [['Null'], 'NULL'],
  [NsType.Counter64]: [['Counter64'], 'Counter64'],
  [NsType.BitString]: [['BitString', 'OctetString'], 'BITS'],
  [NsType.NsapAddress]: [['NsapAddress'], 'NsapAddress'],
  [NsType.UInteger]: [['UInteger32'], 'UInteger32'],
};

/**
 * Formats a varbind as net-snmp prints it: `IF-MIB::ifDescr.1 = STRING: eth0`.
 * @param store the MIBs; names and types come from it.
 */
export function formatVarBind(store: MibStore, vb: VarBind, options: FormatValueOptions = {}): string {
  const name = formatOid(store, vb.oid, options);
  const value = formatValue(store, vb, options);
  if (options.valueOnly ?? false) return value;
  if (options.quickEquals ?? false) return `${name} = ${value}`;
  return (options.quick ?? false) ? `${name} ${value}` : `${name} = ${value}`;
}

/**
 * Formats a varbind's value by the MIB object its OID falls under (the deepest known node).
 * @param store the MIBs.
 */
export function formatValue(store: MibStore, vb: VarBind, options: FormatValueOptions = {}): string {
  switch (vb.type) {
    case 'NoSuchObject':
      return 'No Such Object available on this agent at this OID';
    case 'NoSuchInstance':
      return 'No Such Instance currently exists at this OID';
    case 'EndOfMibView':
      return 'No more variables left in this MIB View (It is past the end of the MIB tree)';
    default:
      break;
  }
  let { node } = store.tree.closest(oidArcs(vb.oid));
  while (node.labels.length === 0 && node.parent !== undefined) node = node.parent;
  const v = node.labels.length > 0 ? nsView(store, node) : undefined;
  const o: FormatValueOptions = { ...options, quick: (options.quick ?? false) || (options.quickEquals ?? false) };
  const units = o.noUnits ?? false ? undefined : v?.object?.units;
  const hint = o.noHints ?? false ? undefined : v?.hint;
  const enums = v?.enums;
  if (v === undefined || v.type === NsType.Other || v.type > 16) return byType(store, vb, enums, hint, units, o);
  const exp = EXPECTED[v.type];
  if (exp !== undefined && !exp[0].includes(vb.type) && !(options.quickEquals ?? false)) {
    return `Wrong Type (should be ${exp[1]}): ${byType(store, vb, undefined, undefined, undefined, o)}`;
  }
  return byNodeType(store, v, vb, enums, hint, units, o);
}

/** The printer net-snmp's set_function picks for a node type. */
function byNodeType(store: MibStore, v: NsView, vb: VarBind, enums: readonly MibNamedNumber[] | undefined, hint: string | undefined, units: string | undefined, o: FormatValueOptions): string {
  switch (v.type) {
    case NsType.NetAddr:
      return networkAddress(vb, o);
    case NsType.BitString:
      return bits(vb, enums, o);
    case NsType.Unsigned32:
      return gauge(vb, hint, units, o);
    default:
      return byType(store, vb, enums, hint, units, o);
  }
}

function withUnits(s: string, units: string | undefined): string {
  return units === undefined ? s : `${s} ${units}`;
}

/** sprint_realloc_by_type. */
function byType(store: MibStore, vb: VarBind, enums: readonly MibNamedNumber[] | undefined, hint: string | undefined, units: string | undefined, o: FormatValueOptions): string {
  const q = o.quick ?? false;
  switch (vb.type) {
    case 'Integer32': {
      const e = o.numericEnums ?? false ? undefined : enums?.find((x) => x.value === vb.value);
      let s: string;
      if (e === undefined) s = hint !== undefined ? formatIntegerHint(hint, vb.value) : String(vb.value);
      else s = q ? e.name : `${e.name}(${vb.value})`;
      return withUnits(q ? s : `INTEGER: ${s}`, units);
    }
    case 'OctetString':
      return octetString(vb.value, hint, units, o);
    case 'BitString':
      return bits({ ...vb, type: 'OctetString', value: vb.value.bytes } as VarBind, enums, o);
    case 'Opaque':
      return opaque(vb.value, units, o);
    case 'ObjectIdentifier':
      return withUnits(`${q ? '' : 'OID: '}${formatOid(store, vb.value, o)}`, units);
    case 'TimeTicks': {
      if (o.numericTimeticks ?? false) return String(vb.value);
      const t = uptimeString(vb.value, q);
      return withUnits(q ? t : `Timeticks: (${vb.value >>> 0}) ${t}`, units);
    }
    case 'Gauge32':
      return gauge(vb, hint, units, o);
    case 'Counter32':
      return withUnits(`${q ? '' : 'Counter32: '}${vb.value >>> 0}`, units);
    case 'IpAddress':
      return `${q ? '' : 'IpAddress: '}${vb.value}`;
    case 'Null':
      return 'NULL';
    case 'UInteger32': {
      const e = o.numericEnums ?? false ? undefined : enums?.find((x) => x.value === vb.value);
      let s: string;
      if (e === undefined) s = hint !== undefined ? formatIntegerHint(hint, vb.value, true) : String(vb.value >>> 0);
      else s = q ? e.name : `${e.name}(${vb.value >>> 0})`;
      return withUnits(s, units);
    }
    case 'Counter64':
      return withUnits(`${q ? '' : 'Counter64: '}${vb.value}`, units);
    case 'NsapAddress':
      return `${q ? '' : 'NsapAddress: '}${hexString(vb.value, o)}`;
    default:
      return 'Variable has bad type';
  }
}

function gauge(vb: VarBind, hint: string | undefined, units: string | undefined, o: FormatValueOptions): string {
  const n = typeof vb.value === 'number' ? vb.value >>> 0 : 0;
  const s = hint !== undefined ? formatIntegerHint(hint, n, true) : String(n);
  return withUnits((o.quick ?? false) ? s : `Gauge32: ${s}`, units);
}

/** sprint_realloc_hexstring: `0A 1B ` (each octet followed by a space), in lines when asked. */
export function hexString(bytes: Uint8Array, o: FormatValueOptions = {}): string {
  const line = o.hexLineLength ?? 0;
  const per = line > 0 ? line : bytes.length;
  let out = '';
  for (let at = 0; at < bytes.length || at === 0; at += per) {
    const end = Math.min(bytes.length, at + per);
    if (at > 0) out += '\n';
    for (let i = at; i < end; i++) out += `${HEX[bytes[i]!]} `;
    if (o.hexText ?? false) {
      out += '  [';
      for (let i = at; i < end; i++) out += isPrintOrSpace(bytes[i]!) ? String.fromCharCode(bytes[i]!) : '.';
      out += ']';
    }
    if (bytes.length === 0) break;
  }
  return out;
}

/** sprint_realloc_octet_string. */
function octetString(bytes: Uint8Array, hint: string | undefined, units: string | undefined, o: FormatValueOptions): string {
  const q = o.quick ?? false;
  if (hint !== undefined) {
    const text = formatOctetHint(hint, bytes, o.twoDigitHex === undefined ? {} : { twoDigitHex: o.twoDigitHex });
    if (text === undefined) return `(Bad hint ignored: ${hint}) ${octetString(bytes, undefined, undefined, o)}`;
    return withUnits(q ? text : `STRING: ${text}`, units);
  }
  const mode = o.strings ?? 'guess';
  let hex = mode === 'hex';
  if (mode === 'guess') for (let i = 0; i < bytes.length; i++) if (!isPrintOrSpace(bytes[i]!)) hex = true;
  if (bytes.length === 0) return '""';
  let s: string;
  if (hex) s = q ? `"${hexString(bytes, o)}"` : `Hex-STRING: ${hexString(bytes, o)}`;
  else s = `${q ? '' : 'STRING: '}"${asciiString(bytes)}"`;
  return withUnits(s, units);
}

/** sprint_realloc_bitstring: the octets in hex, then the set bits by name. */
function bits(vb: VarBind, enums: readonly MibNamedNumber[] | undefined, o: FormatValueOptions): string {
  const bytes = vb.value instanceof Uint8Array ? vb.value : new Uint8Array(0);
  const q = o.quick ?? false;
  let s = q ? `"${hexString(bytes, o)}"` : `BITS: ${hexString(bytes, o)}`;
  if (q) return s;
  for (let i = 0; i < bytes.length; i++) {
    for (let b = 0; b < 8; b++) {
      if ((bytes[i]! & (0x80 >> b)) === 0) continue;
      const pos = i * 8 + b;
      const e = o.numericEnums ?? false ? undefined : enums?.find((x) => x.value === pos);
      s += e === undefined ? `${pos} ` : `${e.name}(${pos}) `;
    }
  }
  return s;
}

/** sprint_realloc_networkaddress: octets in hex separated by colons. */
function networkAddress(vb: VarBind, o: FormatValueOptions): string {
  if (vb.type !== 'IpAddress') return byTypeFallback(vb);
  const parts = vb.value.split('.').map((x) => HEX[Number(x) & 0xff]!);
  return `${o.quick ?? false ? '' : 'Network Address: '}${parts.join(':')}`;
}

function byTypeFallback(vb: VarBind): string {
  return `Wrong Type (should be NetworkAddress): ${String(vb.value)}`;
}

/**
 * Opaque values: net-snmp decodes the special types of the opaque encoding (float,
 * double, 64-bit integers: tag 0x9f 0x7N inside the octets) and prints other Opaques in hex.
 */
function opaque(bytes: Uint8Array, units: string | undefined, o: FormatValueOptions): string {
  const q = o.quick ?? false;
  if (bytes.length >= 3 && bytes[0] === 0x9f) {
    const tag = bytes[1]!;
    const len = bytes[2]!;
    const body = bytes.subarray(3, 3 + len);
    if (body.length === len) {
      const dv = new DataView(body.buffer, body.byteOffset, body.byteLength);
      if (tag === 0x78 && len === 4) return withUnits(`${q ? '' : 'Opaque: Float: '}${dv.getFloat32(0).toFixed(6)}`, units);
      if (tag === 0x79 && len === 8) return withUnits(`${q ? '' : 'Opaque: Float: '}${dv.getFloat64(0).toFixed(6)}`, units);
      if ((tag === 0x76 || tag === 0x7a || tag === 0x7b) && len <= 9) {
        let v = 0n;
        for (const b of body) v = (v << 8n) | BigInt(b);
        const signed = tag === 0x7a;
        if (signed && len > 0 && (body[0]! & 0x80) !== 0) v -= 1n << BigInt(len * 8);
        const label = tag === 0x7a ? 'Int64: ' : tag === 0x7b ? 'UInt64: ' : 'Counter64: ';
        return withUnits(`${q ? '' : `Opaque: ${label}`}${BigInt.asUintN(64, v) === v || signed ? v : BigInt.asUintN(64, v)}`, units);
      }
    }
  }
  return withUnits(`${q ? '' : 'OPAQUE: '}${hexString(bytes, o)}`, units);
}
