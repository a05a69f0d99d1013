/**
 * The OID namer of loaded MIB modules: names (`SNMPv2-MIB::sysDescr.0` and the other `-O`
 * forms, table indexes decoded), names read on the command line, and values of known
 * objects printed with their enumerations, DISPLAY-HINTs, BITS names and UNITS, all by
 * the MIB layer. Values of objects the MIBs do not describe, and the two types whose
 * printing by snmpget depends on its packet parser rather than on the MIB (NsapAddress,
 * BIT STRING), stay with the command line's own formatter.
 */
import { InvalidArgumentError } from '../../errors.js';
import { NS_SIMPLE_LAST, NsType, type NsView, nsView } from '../../mib/ns-view.js';
import { formatOid } from '../../mib/oid-format.js';
import { OidParseFailure, parseOid } from '../../mib/oid-parse.js';
import type { MibStore } from '../../mib/store.js';
import { formatValue as mibFormatValue, type FormatValueOptions } from '../../mib/value-format.js';
import { type Oid, oidArcs } from '../../smi/oid.js';
import type { VarBind } from '../../smi/types.js';
import { mibSetValue } from './mib-set.js';
import type { OidNamer } from './oid-names.js';
import { mibTableColumns, type TableColumns } from './table-columns.js';
import type { OutputOptions } from './output-options.js';
import type { ValueInfo } from './value.js';

/** The MIB layer's options for the command's output options. */
export function mibFormatOptions(o: OutputOptions): FormatValueOptions {
  return {
    format: o.oidFormat,
    breakIndex: !o.dontBreakdownOids,
    extendedIndex: o.extendedIndex,
    escapeQuotes: o.escapeQuotes,
    quick: o.quickPrint,
    // net-snmp's -OQ sets quick-e and toggles quick print; quick-e also silences "Wrong Type".
    quickEquals: o.quickEPrint && o.quickPrint,
    numericEnums: o.numericEnums,
    numericTimeticks: o.numericTimeticks,
    noUnits: o.dontPrintUnits,
    strings: o.stringFormat,
    twoDigitHex: o.leadingZeroHex,
    hexText: o.hexText,
    // snmpget and friends print hex strings 16 octets a line.
    hexLineLength: 16,
  };
}

/** Names and values from a {@link MibStore}. */
export class MibOidNamer implements OidNamer {
  readonly store: MibStore;
  readonly #notes: ((notes: readonly string[]) => string[]) | undefined;

  /**
   * @param notes rewrites the notes of a name that does not resolve (net-snmp's
   *   `Cannot find module` lines) before they are printed. Default: as the MIB layer gives them.
   */
  constructor(store: MibStore, notes?: (notes: readonly string[]) => string[]) {
    this.store = store;
    this.#notes = notes;
  }

  format(oid: Oid, o: OutputOptions): string {
    return formatOid(this.store, oid, mibFormatOptions(o));
  }

  valueInfo(): ValueInfo | undefined {
    return undefined;
  }

  /** The view of the object an OID belongs to, when the MIBs describe one. */
  #objectView(oid: Oid): NsView | undefined {
    let { node } = this.store.tree.closest(oidArcs(oid));
    while (node.labels.length === 0 && node.parent !== undefined) node = node.parent;
    if (node.labels.length === 0) return undefined;
    const v = nsView(this.store, node);
    return v.type === NsType.Other || v.type > NS_SIMPLE_LAST ? undefined : v;
  }

  /** The value as the MIB describes it, or undefined when the MIBs do not know the object. */
  formatValue(vb: VarBind, o: OutputOptions): string | undefined {
    if (vb.type === 'NsapAddress' || vb.type === 'BitString') return undefined;
    if (vb.type === 'Opaque' && o.floatSpec !== undefined) return undefined;
    if (this.#objectView(vb.oid) === undefined) return undefined;
    return mibFormatValue(this.store, vb, mibFormatOptions(o));
  }

  /**
   * A set value checked and read against the object's syntax (see mib-set.ts), or
   * undefined when the MIBs do not describe the object.
   * @throws InvalidArgumentError with snmpset's words.
   */
  setValue(oid: Oid, type: string, value: string): VarBind | undefined {
    const v = this.#objectView(oid);
    return v === undefined ? undefined : mibSetValue(v, oid, type, value, (t) => this.parse(t));
  }

  /** The table's entry and columns as snmptable takes them from the MIB (see table-columns.ts). */
  tableColumns(table: Oid): TableColumns | undefined {
    return mibTableColumns(this.store, table);
  }

  parse(text: string): Oid {
    try {
      return parseOid(this.store, text);
    } catch (err) {
      if (err instanceof OidParseFailure) {
        // The notes (net-snmp's "Cannot find module" lines) travel in the cause.
        const cause = this.#notes === undefined ? err : new OidParseFailure(text, err.detail, this.#notes(err.notes));
        throw new InvalidArgumentError(`Unknown Object Identifier${err.detail === undefined ? '' : ` (${err.detail})`}`, { cause });
      }
      throw err;
    }
  }
}
