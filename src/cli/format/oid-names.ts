/**
 * How OIDs are named in output and read from the command line. A MIB-aware namer (the MIB
 * compiler's) plugs in through {@link OidNamer}; without one, OIDs print as net-snmp prints
 * them when no MIB module is loaded: numeric with `-On`, otherwise with only the top arc
 * named (`iso.3.6.1.2.1.1.1.0`, `.iso.3.6.1...` with `-Of` or `-Ou`).
 */
import { InvalidArgumentError } from '../../errors.js';
import { Oid } from '../../smi/oid.js';
import type { VarBind } from '../../smi/types.js';
import type { OutputOptions } from './output-options.js';
import type { TableColumns } from './table-columns.js';
import type { ValueInfo } from './value.js';

/** Names OIDs for output and parses OID arguments; the MIB compiler supplies a richer one. */
export interface OidNamer {
  /** The OID as printed under the options' `oidFormat` (never called for `numeric`). */
  format(oid: Oid, options: OutputOptions): string;
  /** What the MIB says about the object an OID (an instance or column) belongs to. */
  valueInfo(oid: Oid): ValueInfo | undefined;
  /**
   * The whole value text, when the namer prints values itself (a MIB namer, for the objects
   * its MIBs describe); undefined to leave it to the command line's formatter.
   */
  formatValue?(vb: VarBind, options: OutputOptions): string | undefined;
  /**
   * A set value read and checked against what the MIB says of the object (snmpset's type,
   * range and size checks, `=`), or undefined when the namer knows nothing of it.
   * @throws InvalidArgumentError with snmpset's words.
   */
  setValue?(oid: Oid, type: string, value: string): VarBind | undefined;
  /**
   * The entry and columns of the table at `table` as the namer's MIB describes it (as
   * snmptable takes them), or undefined when the namer does not know it as a table.
   */
  tableColumns?(table: Oid): TableColumns | undefined;
  /**
   * Reads an OID argument: numeric (`.1.3.6.1`, `1.3.6.1`) or a name the namer knows
   * (`SNMPv2-MIB::sysDescr.0`, `iso.3.6.1`).
   * @throws InvalidArgumentError with net-snmp's words, e.g. `Unknown Object Identifier (x)`.
   */
  parse(text: string): Oid;
}

/** The top-level arcs every net-snmp tree has, even with no MIB loaded. */
const TOP_NAMES: Readonly<Record<number, string>> = { 0: 'ccitt', 1: 'iso', 2: 'joint-iso-ccitt' };
const TOP_ARCS: Readonly<Record<string, number>> = { ccitt: 0, iso: 1, 'joint-iso-ccitt': 2 };

/** `.1.3.6.1` */
export function numericOid(oid: Oid): string {
  // The dotted text is empty exactly when there are no arcs (and an OID decoded from a
  // message is not counted arc by arc for it).
  const text = oid.toString();
  return text === '' ? '' : `.${text}`;
}

/** The namer used when no MIB is loaded. */
export class BaseOidNamer implements OidNamer {
  format(oid: Oid, o: OutputOptions): string {
    if (o.oidFormat === 'numeric') return numericOid(oid);
    const arcs = oid.toArray();
    if (arcs.length === 0) return '';
    const top = TOP_NAMES[arcs[0]!];
    const rest = arcs.slice(1).map(String);
    const dotted = top === undefined ? arcs.join('.') : [top, ...rest].join('.');
    // net-snmp prints the full form (with a leading dot) for -Of and -Ou, and when no
    // arc has a name; module and suffix forms start at the last named arc.
    if (o.oidFormat === 'full' || o.oidFormat === 'ucd' || top === undefined) return `.${dotted}`;
    return dotted;
  }

  valueInfo(): ValueInfo | undefined {
    return undefined;
  }

  parse(text: string): Oid {
    return parseNumericOid(text);
  }
}

/**
 * Reads an OID argument as net-snmp does without MIBs: arcs separated by dots, an optional
 * leading dot, and the top-level names `iso`, `ccitt`, `joint-iso-ccitt` in first place.
 * @throws InvalidArgumentError `Unknown Object Identifier (x)` naming the first arc that is
 *   not a number, or `Sub-id not found: (top) -> x` for an unknown first name.
 */
export function parseNumericOid(text: string): Oid {
  const body = text.startsWith('.') ? text.slice(1) : text;
  if (body === '' || body.includes('::')) throw new InvalidArgumentError(`Unknown Object Identifier (Sub-id not found: (top) -> ${body})`);
  const parts = body.split('.');
  const arcs: number[] = [];
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    if (i === 0 && TOP_ARCS[p] !== undefined) {
      arcs.push(TOP_ARCS[p]);
      continue;
    }
    if (!/^\d+$/.test(p)) {
      if (i === 0) throw new InvalidArgumentError(`Unknown Object Identifier (Sub-id not found: (top) -> ${p})`);
      throw new InvalidArgumentError(`Unknown Object Identifier (${p})`);
    }
    const n = Number(p);
    if (n > 0xffffffff) throw new InvalidArgumentError(`Unknown Object Identifier (Sub-id not found: ${p})`);
    arcs.push(n);
  }
  try {
    return Oid.from(arcs);
  } catch (err) {
    throw new InvalidArgumentError(`Unknown Object Identifier (${(err as Error).message})`, { cause: err });
  }
}
