/**
 * Values printed as net-snmp 5.9 prints them (snmplib/mib.c, `sprint_realloc_by_type` and
 * the functions it calls), for every SMI type and the `-O` options that affect values.
 * MIB knowledge (enumerations, DISPLAY-HINT, UNITS) comes in through {@link ValueInfo};
 * without it the output is what net-snmp prints when it has no MIB for the object.
 *
 * net-snmp's quirks are kept on purpose, since scripts parse these lines: UInteger32 has no
 * type prefix, an empty string prints as `""` without `STRING:`, a BIT STRING prints its
 * unused-bits octet as data, an Opaque Double prints as `Opaque: Float:`, and an
 * NsapAddress prints `Variable has bad type` (net-snmp 5.9 does not dispatch that tag).
 */
import { formatOctetHint, uptimeString } from '../../mib/display-hint.js';
import type { Oid } from '../../smi/oid.js';
import type { VarBind } from '../../smi/types.js';
import { hexString, isPrintOrSpace } from './hex.js';
import { decodeOpaqueSpecial } from './opaque.js';
import type { OutputOptions } from './output-options.js';
import { DEFAULT_FLOAT_SPEC, formatFloat } from './printf.js';

/** What a MIB says about an object, for printing its values. */
export interface ValueInfo {
  /** Named numbers (INTEGER enumerations, BITS positions). */
  readonly enums?: ReadonlyMap<number, string>;
  /** The DISPLAY-HINT of the object's textual convention. */
  readonly displayHint?: string;
  /** The UNITS clause. */
  readonly units?: string;
}

/** Formats an OID value (an `OID:` value or an OID in a message) under the output options. */
export type OidText = (oid: Oid) => string;

/** The exception values' texts (snmplib/mib.c `sprint_realloc_variable`). */
export const EXCEPTION_TEXT = {
  NoSuchObject: 'No Such Object available on this agent at this OID',
  NoSuchInstance: 'No Such Instance currently exists at this OID',
  EndOfMibView: 'No more variables left in this MIB View (It is past the end of the MIB tree)',
} as const;

/** net-snmp's `sprint_realloc_asciistring`: printable octets, `"` and `\` escaped, others as `.`. */
function asciiString(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (isPrintOrSpace(b)) {
      if (b === 0x22 || b === 0x5c) s += '\\';
      s += String.fromCharCode(b);
    } else {
      s += '.';
    }
  }
  return s;
}

function withUnits(text: string, info: ValueInfo | undefined, o: OutputOptions): string {
  const units = o.dontPrintUnits ? undefined : info?.units;
  return units === undefined ? text : `${text} ${units}`;
}

/** RFC 2579 §3.1 integer DISPLAY-HINT: `d-N` (decimal point), `x`, `o`, `b`. */
function hintedInteger(value: number, unsigned: boolean, hint: string): string {
  const code = hint[0];
  let s: string;
  if (code === 'x') s = (unsigned ? value : value >>> 0).toString(16);
  else if (code === 'o') s = (unsigned ? value : value >>> 0).toString(8);
  else if (code === 'b') s = (unsigned ? value : value >>> 0).toString(2);
  else s = String(value);
  if (code === 'd' && hint[1] === '-') {
    const shift = Number.parseInt(hint.slice(2), 10) || 0;
    if (shift > 0) {
      const neg = s.startsWith('-');
      let digits = neg ? s.slice(1) : s;
      if (digits.length <= shift) digits = '0'.repeat(shift - digits.length) + digits;
      const intPart = digits.slice(0, digits.length - shift);
      s = `${neg ? '-' : ''}${intPart}.${digits.slice(digits.length - shift)}`;
    }
  }
  return s;
}

function octetString(bytes: Uint8Array, o: OutputOptions, info: ValueInfo | undefined): string {
  if (info?.displayHint !== undefined) {
    const text = formatOctetHint(info.displayHint, bytes, { twoDigitHex: o.leadingZeroHex });
    if (text !== undefined) return withUnits((o.quickPrint ? '' : 'STRING: ') + text, info, o);
    return `(Bad hint ignored: ${info.displayHint}) ` + octetString(bytes, o, withoutHint(info));
  }
  let hex: boolean;
  if (o.stringFormat === 'hex') hex = true;
  else if (o.stringFormat === 'ascii') hex = false;
  else {
    hex = false;
    for (let i = 0; i < bytes.length; i++) {
      if (!isPrintOrSpace(bytes[i]!)) {
        hex = true;
        break;
      }
    }
  }
  if (bytes.length === 0) return '""';
  let text: string;
  if (hex) text = o.quickPrint ? `"${hexString(bytes, o.hexText)}"` : `Hex-STRING: ${hexString(bytes, o.hexText)}`;
  else text = `${o.quickPrint ? '' : 'STRING: '}"${asciiString(bytes)}"`;
  return withUnits(text, info, o);
}

function withoutHint(info: ValueInfo): ValueInfo {
  const out: { enums?: ReadonlyMap<number, string>; units?: string } = {};
  if (info.enums !== undefined) out.enums = info.enums;
  if (info.units !== undefined) out.units = info.units;
  return out;
}

function integer(value: number, o: OutputOptions, info: ValueInfo | undefined): string {
  const label = o.numericEnums ? undefined : info?.enums?.get(value);
  let text: string;
  if (label === undefined) text = info?.displayHint !== undefined ? hintedInteger(value, false, info.displayHint) : String(value);
  else text = o.quickPrint ? label : `${label}(${value})`;
  return withUnits((o.quickPrint ? '' : 'INTEGER: ') + text, info, o);
}

function bits(vb: Extract<VarBind, { type: 'BitString' }>, o: OutputOptions, info: ValueInfo | undefined): string {
  // net-snmp keeps a BIT STRING's content octets as they are, unused-bits octet first.
  const content = new Uint8Array(vb.value.bytes.length + 1);
  content[0] = vb.value.unusedBits;
  content.set(vb.value.bytes, 1);
  if (o.quickPrint) return `"${hexString(content, o.hexText)}"`;
  let out = `BITS: ${hexString(content, o.hexText)}`;
  for (let i = 0; i < content.length; i++) {
    for (let bit = 0; bit < 8; bit++) {
      if ((content[i]! & (0x80 >> bit)) === 0) continue;
      const n = i * 8 + bit;
      const label = o.numericEnums ? undefined : info?.enums?.get(n);
      out += label === undefined ? `${n} ` : `${label}(${n}) `;
    }
  }
  return out;
}

function opaque(bytes: Uint8Array, o: OutputOptions, info: ValueInfo | undefined): string {
  const special = decodeOpaqueSpecial(bytes);
  if (special === undefined) return withUnits((o.quickPrint ? '' : 'OPAQUE: ') + hexString(bytes, o.hexText), info, o);
  let text: string;
  let prefix: string;
  switch (special.kind) {
    case 'Float':
    case 'Double':
      prefix = 'Opaque: Float: ';
      text = formatFloat(special.value, o.floatSpec ?? DEFAULT_FLOAT_SPEC, special.negativeNan);
      break;
    case 'Int64':
      prefix = 'Opaque: Int64: ';
      text = special.value.toString();
      break;
    case 'UInt64':
      prefix = 'Opaque: UInt64: ';
      text = special.value.toString();
      break;
    default:
      prefix = 'Opaque: Counter64: ';
      text = special.value.toString();
  }
  return withUnits((o.quickPrint ? '' : prefix) + text, info, o);
}

/**
 * A varbind's value as net-snmp prints it (the part after ` = `).
 * @param oidText formats OID values under the same output options.
 * @param info what a MIB knows about the object, if anything.
 */
export function formatValue(vb: VarBind, o: OutputOptions, oidText: OidText, info?: ValueInfo): string {
  const q = o.quickPrint;
  switch (vb.type) {
    case 'Integer32':
      return integer(vb.value, o, info);
    case 'OctetString':
      return octetString(vb.value, o, info);
    case 'BitString':
      return bits(vb, o, info);
    case 'Opaque':
      return opaque(vb.value, o, info);
    case 'ObjectIdentifier':
      return withUnits((q ? '' : 'OID: ') + oidText(vb.value), info, o);
    case 'TimeTicks':
      if (o.numericTimeticks) return String(vb.value);
      return withUnits((q ? '' : `Timeticks: (${vb.value}) `) + uptimeString(vb.value, q), info, o);
    case 'Gauge32': {
      const text = info?.displayHint !== undefined ? hintedInteger(vb.value, true, info.displayHint) : String(vb.value);
      return withUnits((q ? '' : 'Gauge32: ') + text, info, o);
    }
    case 'Counter32':
      return withUnits((q ? '' : 'Counter32: ') + String(vb.value), info, o);
    case 'UInteger32': {
      const label = o.numericEnums ? undefined : info?.enums?.get(vb.value);
      let text: string;
      if (label === undefined) text = info?.displayHint !== undefined ? hintedInteger(vb.value, true, info.displayHint) : String(vb.value);
      else text = q ? label : `${label}(${vb.value})`;
      return withUnits(text, info, o);
    }
    case 'IpAddress':
      return (q ? '' : 'IpAddress: ') + vb.value;
    case 'Null':
      return 'NULL';
    case 'Counter64':
      return withUnits((q ? '' : 'Counter64: ') + vb.value.toString(), info, o);
    case 'NsapAddress':
      return 'Variable has bad type';
    case 'NoSuchObject':
    case 'NoSuchInstance':
    case 'EndOfMibView':
      return EXCEPTION_TEXT[vb.type];
    default:
      return 'Variable has bad type';
  }
}
