/**
 * What `snmptranslate` prints, for a store of MIBs: names and OIDs in any `-O` form, the
 * `-Td` description, the `-Tp` tree and the `-Tz` report, with net-snmp's error messages
 * and exit codes. The command line prints `stdout` and `stderr` as they are.
 */
import { InvalidArgumentError } from '../errors.js';
import { formatOid } from './oid-format.js';
import type { FormatOidOptions } from './oid-format.js';
import { OidParseFailure, parseOid } from './oid-parse.js';
import { describeOid, oidReport, printTree } from './report.js';
import type { MibStore } from './store.js';

/** Options of {@link translate} (snmptranslate's `-O`, `-I` and `-T` options). */
export interface TranslateOptions extends FormatOidOptions {
  /** Random access to labels (`-IR`). Default false, as snmptranslate. */
  randomAccess?: boolean;
  /** Check index values against ranges (`-Ir` turns off). Default true. */
  checkRange?: boolean;
  /** A report instead of the name: `-Td` description, `-Tp` tree, `-Tz` every OID. */
  report?: 'description' | 'tree' | 'oids';
}

/** The output of one translation. */
export interface TranslateResult {
  /** What snmptranslate writes to standard output. */
  readonly stdout: string;
  /** What it writes to standard error. */
  readonly stderr: string;
  /** Its exit status (0, or 2 for an unknown name). */
  readonly exitCode: number;
}

/**
 * Translates names or OIDs as snmptranslate does: each input in turn, stopping at the
 * first one that does not resolve (exit status 2).
 * @param inputs the names or OIDs; none for the `-Tz` report or the full `-Tp` tree.
 * @throws InvalidArgumentError for a report that needs an input and got none.
 */
export function translate(store: MibStore, inputs: readonly string[], options: TranslateOptions = {}): TranslateResult {
  if (inputs.length === 0) {
    if (options.report === 'oids') return { stdout: oidReport(store), stderr: '', exitCode: 0 };
    if (options.report === 'tree') return { stdout: printTree(store), stderr: '', exitCode: 0 };
    throw new InvalidArgumentError('translate: no name or OID given');
  }
  let stdout = '';
  let first = true;
  for (const input of inputs) {
    // snmptranslate separates the outputs of several inputs with an empty line.
    if (!first) stdout += '\n';
    first = false;
    let arcs: number[];
    try {
      arcs = parseOid(store, input, { randomAccess: options.randomAccess ?? false, checkRange: options.checkRange ?? true }).toArray();
    } catch (e) {
      if (!(e instanceof OidParseFailure)) throw e;
      const notes = e.notes.map((n) => `${n}\n`).join('');
      const msg = (options.randomAccess ?? false) && e.notes.length === 0 ? `Unknown object identifier: ${input}\n` : `${e.message}\n`;
      return { stdout, stderr: notes + msg, exitCode: 2 };
    }
    switch (options.report) {
      case 'tree':
        stdout += printTree(store, arcs);
        break;
      case 'description':
        stdout += `${formatOid(store, arcs, options)}\n`;
        stdout += `${describeOid(store, arcs) ?? 'No description'}\n`;
        break;
      default:
        stdout += `${formatOid(store, arcs, options)}\n`;
        break;
    }
  }
  return { stdout, stderr: '', exitCode: 0 };
}
