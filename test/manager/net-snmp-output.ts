/**
 * Reads what net-snmp 5.9's tools print with `-On` and no MIB files (`snmpwalk`,
 * `snmpbulkwalk`, `snmpget`), and compares it with tsnmp varbinds, for interop tests.
 *
 * Each varbind is one record `.1.3.6… = TYPE: value` (or `= value` for an empty string
 * and the exception values); a STRING with newlines and a long Hex-STRING continue on the
 * following lines; the line `End of MIB` (v1 walks) is skipped. Run the tools with `encoding: 'latin1'` so that octets stay octets.
 */
import { octetsToHex } from '../../src/smi/octets.js';
import type { VarBind } from '../../src/smi/types.js';

/** One varbind as net-snmp printed it. */
export interface PrintedVarBind {
  /** Dotted OID without the leading dot. */
  oid: string;
  /** The type word net-snmp printed (`STRING`, `Hex-STRING`, `INTEGER`, `OID`, `Timeticks`, …, `""` for an empty string, or the exception). */
  type: string;
  /** The text after the type word. */
  value: string;
}

const RECORD = /^\.((?:\d+\.)*\d+) = (.*)$/;

/** The exception messages of net-snmp 5.9 (snmplib/mib.c). */
export const EXCEPTION_TEXT = {
  NoSuchObject: 'No Such Object available on this agent at this OID',
  NoSuchInstance: 'No Such Instance currently exists at this OID',
  EndOfMibView: 'No more variables left in this MIB View (It is past the end of the MIB tree)',
} as const;

/**
 * Splits `-On` output into varbind records.
 * @throws Error on text before the first record.
 */
export function parseNumericOutput(text: string): PrintedVarBind[] {
  const out: PrintedVarBind[] = [];
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  for (const line of lines) {
    // snmpwalk's line for v1's noSuchName at the end of the MIB view: not a varbind.
    if (line === 'End of MIB') continue;
    const m = RECORD.exec(line);
    if (m === null) {
      const last = out.at(-1);
      if (last === undefined) throw new Error(`Not a varbind line: ${JSON.stringify(line)}`);
      last.value += `\n${line}`;
      continue;
    }
    const rest = m[2]!;
    const colon = rest.indexOf(': ');
    const word = colon < 0 ? '' : rest.slice(0, colon);
    if (colon > 0 && /^[A-Za-z][A-Za-z0-9 -]*$/.test(word)) out.push({ oid: m[1]!, type: word, value: rest.slice(colon + 2) });
    else out.push({ oid: m[1]!, type: rest, value: '' });
  }
  return out;
}

function unquote(s: string): string {
  if (!s.startsWith('"') || !s.endsWith('"')) throw new Error(`Not a quoted string: ${s}`);
  return s.slice(1, -1).replace(/\\(["\\])/g, '$1');
}

function latin1(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}

/**
 * Compares a printed varbind with a tsnmp one; returns what differs, or undefined.
 * `compareValue` false compares the OID and type only (for values that change, such as
 * sysUpTime).
 */
export function diffVarBind(p: PrintedVarBind, vb: VarBind, compareValue = true): string | undefined {
  const oid = vb.oid.toString();
  if (p.oid !== oid) return `OID ${p.oid} printed, ${oid} received`;
  const expectType = (types: string[]): string | undefined => (types.includes(p.type) ? undefined : `${oid}: type ${p.type} printed, ${vb.type} received`);
  let typeError: string | undefined;
  let actual: string;
  let printed = p.value.trimEnd();
  switch (vb.type) {
    case 'OctetString': {
      if (vb.value.length === 0) {
        typeError = expectType(['""']);
        printed = '';
        actual = '';
      } else if (p.type === 'Hex-STRING') {
        printed = printed.replace(/\s+/g, ' ').toLowerCase();
        actual = octetsToHex(vb.value, ' ');
      } else {
        typeError = expectType(['STRING']);
        printed = typeError === undefined ? unquote(printed) : printed;
        actual = latin1(vb.value);
      }
      break;
    }
    case 'Integer32':
      typeError = expectType(['INTEGER']);
      actual = String(vb.value);
      break;
    case 'ObjectIdentifier':
      typeError = expectType(['OID']);
      printed = printed.replace(/^\./, '');
      actual = vb.value.toString();
      break;
    case 'TimeTicks':
      typeError = expectType(['Timeticks']);
      printed = /^\((\d+)\)/.exec(printed)?.[1] ?? printed;
      actual = String(vb.value);
      break;
    case 'Counter32':
      typeError = expectType(['Counter32']);
      actual = String(vb.value);
      break;
    case 'Gauge32':
    case 'UInteger32':
      typeError = expectType(['Gauge32', 'UInteger32']);
      actual = String(vb.value);
      break;
    case 'Counter64':
      typeError = expectType(['Counter64']);
      actual = String(vb.value);
      break;
    case 'IpAddress':
      typeError = expectType(['IpAddress']);
      actual = vb.value;
      break;
    case 'Opaque':
      typeError = expectType(['Opaque']);
      printed = printed.replace(/\s+/g, ' ').toLowerCase();
      actual = octetsToHex(vb.value, ' ');
      break;
    case 'Null':
      typeError = expectType(['NULL']);
      actual = printed;
      break;
    case 'NoSuchObject':
    case 'NoSuchInstance':
    case 'EndOfMibView':
      typeError = expectType([EXCEPTION_TEXT[vb.type]]);
      actual = printed;
      break;
    default:
      return `${oid}: no comparison for ${vb.type}`;
  }
  if (typeError !== undefined) return typeError;
  if (compareValue && printed !== actual) return `${oid}: value ${JSON.stringify(printed)} printed, ${JSON.stringify(actual)} received`;
  return undefined;
}

/**
 * Compares a whole walk, varbind for varbind; returns the differences (empty when equal).
 * `volatile` lists OIDs whose values may change between the two walks.
 */
export function diffWalk(printed: readonly PrintedVarBind[], received: readonly VarBind[], volatile: ReadonlySet<string> = new Set()): string[] {
  const out: string[] = [];
  if (printed.length !== received.length) out.push(`${printed.length} varbinds printed, ${received.length} received`);
  const n = Math.min(printed.length, received.length);
  for (let i = 0; i < n; i++) {
    const d = diffVarBind(printed[i]!, received[i]!, !volatile.has(printed[i]!.oid));
    if (d !== undefined) out.push(`#${i + 1}: ${d}`);
  }
  return out;
}
