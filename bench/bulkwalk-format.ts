/**
 * Formats a varbind the way net-snmp 5.9 prints it with `-On` and no MIB (snmplib/mib.c):
 * enough for the bulk walk benchmark's stand-in command to print what `snmpbulkwalk -On`
 * prints, byte for byte, for the types of the benchmark table.
 */
import type { VarBind } from '../src/smi/types.js';

const HEX: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).toUpperCase().padStart(2, '0'));

/** isprint() or isspace() in the C locale. */
function printable(b: number): boolean {
  return (b >= 0x20 && b < 0x7f) || (b >= 0x09 && b <= 0x0d);
}

/** net-snmp's sprint_realloc_hexstring: "XX " per byte, 16 to a line. */
function hex(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) {
    if (i > 0 && i % 16 === 0) out += '\n';
    out += `${HEX[bytes[i]!]} `;
  }
  return out;
}

function octetString(bytes: Uint8Array): string {
  if (bytes.length === 0) return '""';
  let text = '"';
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (!printable(b)) return `Hex-STRING: ${hex(bytes)}`;
    // sprint_realloc_asciistring escapes backslash and double quote.
    if (b === 0x5c || b === 0x22) text += '\\';
    text += String.fromCharCode(b);
  }
  return `STRING: ${text}"`;
}

/** net-snmp's uptimeString: "(ticks) [N day[s], ]H:MM:SS.cc". */
function timeticks(t: number): string {
  const cs = t % 100;
  let s = Math.floor(t / 100);
  const days = Math.floor(s / 86400);
  s %= 86400;
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const hms = `${h}:${String(m).padStart(2, '0')}:${String(sec).padStart(2, '0')}.${String(cs).padStart(2, '0')}`;
  return `Timeticks: (${t}) ${days === 0 ? '' : days === 1 ? '1 day, ' : `${days} days, `}${hms}`;
}

/** The value part of net-snmp's `-On` line for a varbind. */
export function formatValue(vb: VarBind): string {
  switch (vb.type) {
    case 'Integer32':
      return `INTEGER: ${vb.value}`;
    case 'OctetString':
      return octetString(vb.value);
    case 'ObjectIdentifier':
      return `OID: .${vb.value.toString()}`;
    case 'IpAddress':
      return `IpAddress: ${vb.value}`;
    case 'Counter32':
      return `Counter32: ${vb.value}`;
    case 'Gauge32':
      return `Gauge32: ${vb.value}`;
    case 'UInteger32':
      return `UInteger32: ${vb.value}`;
    case 'Counter64':
      return `Counter64: ${vb.value}`;
    case 'TimeTicks':
      return timeticks(vb.value);
    case 'Opaque':
      return `OPAQUE: ${hex(vb.value)}`;
    case 'NsapAddress':
      return `Network Address: ${hex(vb.value)}`;
    case 'BitString':
      return `BITS: ${hex(vb.value.bytes)}`;
    case 'Null':
      return 'NULL';
    case 'NoSuchObject':
      return 'No Such Object available on this agent at this OID';
    case 'NoSuchInstance':
      return 'No Such Instance currently exists at this OID';
    case 'EndOfMibView':
      return 'No more variables left in this MIB View (It is past the end of the MIB tree)';
  }
}

/** The whole `-On` line, without its newline. */
export function formatVarBind(vb: VarBind): string {
  return `.${vb.oid.toString()} = ${formatValue(vb)}`;
}
