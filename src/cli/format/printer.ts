/**
 * One varbind a line, as net-snmp's `print_variable` writes it: `OID = TYPE: value`, or
 * `OID value` with `-Oq`, `OID = value` with `-OQ`, `TYPE: value` with `-Ov`.
 */
import type { Oid } from '../../smi/oid.js';
import type { VarBind } from '../../smi/types.js';
import { BaseOidNamer, numericOid, type OidNamer } from './oid-names.js';
import { defaultOutputOptions, type OutputOptions } from './output-options.js';
import { formatValue } from './value.js';

/** Prints OIDs, values and varbind lines under a set of output options. */
export class Printer {
  readonly options: OutputOptions;
  readonly namer: OidNamer;
  readonly #oidText = (oid: Oid): string => this.oid(oid);
  /** The namer is the no-MIB one: no value is printed by it, none has MIB information. */
  readonly #plainValues: boolean;

  constructor(options: OutputOptions = defaultOutputOptions(), namer: OidNamer = new BaseOidNamer()) {
    this.options = options;
    this.namer = namer;
    this.#plainValues = Object.getPrototypeOf(namer) === BaseOidNamer.prototype;
  }

  /** An OID under the output options (`.1.3.6.1` with `-On`). */
  oid(oid: Oid): string {
    return this.options.oidFormat === 'numeric' ? numericOid(oid) : this.namer.format(oid, this.options);
  }

  /** A varbind's value alone, as `sprint_realloc_value` prints it. */
  value(vb: VarBind): string {
    if (this.#plainValues) return formatValue(vb, this.options, this.#oidText, undefined);
    return this.namer.formatValue?.(vb, this.options) ?? formatValue(vb, this.options, this.#oidText, this.namer.valueInfo(vb.oid));
  }

  /** A whole varbind line (without the newline). */
  line(vb: VarBind): string {
    const o = this.options;
    const value = this.value(vb);
    if (o.bareValue) return value;
    const sep = o.quickEPrint ? ' = ' : o.quickPrint ? ' ' : ' = ';
    return (o.oidFormat === 'numeric' ? numericOid(vb.oid) : this.namer.format(vb.oid, o)) + sep + value;
  }
}
