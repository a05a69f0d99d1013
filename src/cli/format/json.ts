/**
 * `--json`: one JSON object per varbind, one per line:
 * `{"oid":"1.3.6.1.2.1.1.5.0","type":"OctetString","value":"router1","hex":"726f7574657231"}`.
 *
 * - `oid` is numeric without a leading dot; `type` is tsnmp's SMI type name.
 * - Numbers are JSON numbers; Counter64 (and an Opaque's 64-bit values) are decimal strings.
 * - Octet strings (and Opaque, NsapAddress): `value` is the text when the octets are
 *   printable UTF-8 (tab, newline and carriage return allowed), otherwise the octets in
 *   hex; `hex` always has the octets in hex.
 * - ObjectIdentifier and IpAddress values are dotted strings; BitString gives `hex` and
 *   `unusedBits`; NULL and the exception values have `value: null`.
 * - An Opaque carrying one of net-snmp's wrapped types adds `opaqueType` (`Float`,
 *   `Double`, `Int64`, `UInt64`, `Counter64`) and gives the number as `value` (a string
 *   for the 64-bit integers; a non-finite float as the string `"inf"`, `"-inf"` or `"nan"`).
 */
import { isUtf8 } from '../../smi/octets.js';
import type { VarBind } from '../../smi/types.js';
import { decodeOpaqueSpecial } from './opaque.js';

function hex(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex');
}

function printableText(b: Uint8Array): string | undefined {
  for (let i = 0; i < b.length; i++) {
    const c = b[i]!;
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0x7f) return undefined;
  }
  if (!isUtf8(b)) return undefined;
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('utf8');
}

/** The JSON object of a varbind. */
export function varBindJson(vb: VarBind): Record<string, unknown> {
  const base = { oid: vb.oid.toString(), type: vb.type };
  switch (vb.type) {
    case 'OctetString':
    case 'NsapAddress':
      return { ...base, value: printableText(vb.value) ?? hex(vb.value), hex: hex(vb.value) };
    case 'Opaque': {
      const special = decodeOpaqueSpecial(vb.value);
      if (special === undefined) return { ...base, value: hex(vb.value), hex: hex(vb.value) };
      const v = special.value;
      const value = typeof v === 'bigint' ? v.toString() : Number.isFinite(v) ? v : Number.isNaN(v) ? 'nan' : v > 0 ? 'inf' : '-inf';
      return { ...base, value, opaqueType: special.kind, hex: hex(vb.value) };
    }
    case 'BitString':
      return { ...base, value: hex(vb.value.bytes), hex: hex(vb.value.bytes), unusedBits: vb.value.unusedBits };
    case 'Counter64':
      return { ...base, value: vb.value.toString() };
    case 'ObjectIdentifier':
      return { ...base, value: vb.value.toString() };
    default:
      return { ...base, value: vb.value };
  }
}

/** The JSON line of a varbind (with its newline). */
export function varBindJsonLine(vb: VarBind): string {
  return `${JSON.stringify(varBindJson(vb))}\n`;
}
