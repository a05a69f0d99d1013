/**
 * net-snmp's output options (`-O` letters, snmpcmd(1) "OUTPUT OPTIONS"), with the same
 * toggle semantics as net-snmp 5.9's `snmp_out_options()`: `q`, `t`, `T`, `U`, `v`, `e`,
 * `E`, `b`, `X` and `0` toggle; `Q` sets "quick-e" and toggles quick print; `n f s S u`
 * choose how OIDs print and `a x` how strings print (the last one wins).
 */
import { InvalidArgumentError } from '../../errors.js';
import { type FloatSpec, parseFloatSpec } from './printf.js';

/** How OIDs are printed. */
export type OidOutputFormat = 'module' | 'numeric' | 'full' | 'suffix' | 'ucd';

/** How octet strings are printed when no DISPLAY-HINT applies. */
export type StringOutputFormat = 'guess' | 'ascii' | 'hex';

/** The output options in effect. */
export interface OutputOptions {
  /** `n` numeric, `f` full, `s` suffix, `S` module::name (the default), `u` UCD style. */
  oidFormat: OidOutputFormat;
  /** `q`: no `=` and no type names. */
  quickPrint: boolean;
  /** `Q`: keep ` = ` while quick printing; also silences "Wrong Type" prefixes. */
  quickEPrint: boolean;
  /** `v`: values only. */
  bareValue: boolean;
  /** `a` ascii, `x` hex, or guess (default). */
  stringFormat: StringOutputFormat;
  /** `e`: enumerations as numbers. */
  numericEnums: boolean;
  /** `E`: escape quotes in string indexes. */
  escapeQuotes: boolean;
  /** `t`: TimeTicks as a bare number. */
  numericTimeticks: boolean;
  /** `T`: printable text beside hex strings. */
  hexText: boolean;
  /** `U`: no UNITS suffix. */
  dontPrintUnits: boolean;
  /** `b`: do not break OID indexes down. */
  dontBreakdownOids: boolean;
  /** `X`: extended (array-like) index format. */
  extendedIndex: boolean;
  /** `0`: leading zero for single-digit hex in DISPLAY-HINTs. */
  leadingZeroHex: boolean;
  /** `p PRECISION`: printf conversion of Opaque Float and Double. Default `%f`. */
  floatSpec: FloatSpec | undefined;
}

/** net-snmp's defaults. */
export function defaultOutputOptions(): OutputOptions {
  return {
    oidFormat: 'module',
    quickPrint: false,
    quickEPrint: false,
    bareValue: false,
    stringFormat: 'guess',
    numericEnums: false,
    escapeQuotes: false,
    numericTimeticks: false,
    hexText: false,
    dontPrintUnits: false,
    dontBreakdownOids: false,
    extendedIndex: false,
    leadingZeroHex: false,
    floatSpec: undefined,
  };
}

/**
 * Applies the letters of one `-O` argument to `o`. `p` takes the rest of the argument as
 * its precision or, when nothing follows it, the next command-line argument (obtained from
 * `next`, which returns undefined when there is none).
 * @throws InvalidArgumentError for an unknown letter (`Unknown output option passed to
 *   -O: z.`, net-snmp's words) or a missing or bad precision.
 */
export function applyOutputOptions(o: OutputOptions, letters: string, next: () => string | undefined = () => undefined): void {
  for (let i = 0; i < letters.length; i++) {
    const c = letters[i]!;
    switch (c) {
      case '0':
        o.leadingZeroHex = !o.leadingZeroHex;
        break;
      case 'a':
        o.stringFormat = 'ascii';
        break;
      case 'b':
        o.dontBreakdownOids = !o.dontBreakdownOids;
        break;
      case 'e':
        o.numericEnums = !o.numericEnums;
        break;
      case 'E':
        o.escapeQuotes = !o.escapeQuotes;
        break;
      case 'f':
        o.oidFormat = 'full';
        break;
      case 'n':
        o.oidFormat = 'numeric';
        break;
      case 'p': {
        const rest = letters.slice(i + 1);
        const spec = rest !== '' ? rest : next();
        if (spec === undefined) throw new InvalidArgumentError('Missing precision after -Op');
        o.floatSpec = parseFloatSpec(spec);
        return;
      }
      case 'q':
        o.quickPrint = !o.quickPrint;
        break;
      case 'Q':
        o.quickEPrint = true;
        o.quickPrint = !o.quickPrint;
        break;
      case 's':
        o.oidFormat = 'suffix';
        break;
      case 'S':
        o.oidFormat = 'module';
        break;
      case 't':
        o.numericTimeticks = !o.numericTimeticks;
        break;
      case 'T':
        o.hexText = !o.hexText;
        break;
      case 'u':
        o.oidFormat = 'ucd';
        break;
      case 'U':
        o.dontPrintUnits = !o.dontPrintUnits;
        break;
      case 'v':
        o.bareValue = !o.bareValue;
        break;
      case 'x':
        o.stringFormat = 'hex';
        break;
      case 'X':
        o.extendedIndex = !o.extendedIndex;
        break;
      default:
        throw new InvalidArgumentError(`Unknown output option passed to -O: ${c}.`);
    }
  }
}
