/**
 * `tsnmp translate`: net-snmp's snmptranslate. Names and OIDs in the `-O` forms, the
 * `-Td` description, the `-Tp` tree, the `-Tl -To -Ts -Tz` reports of every node loaded,
 * random access to labels with `-IR`, the MIBs of `-m`/`-M` (and MIBS/MIBDIRS), and
 * snmptranslate's messages and exit statuses (1 for usage problems, 2 for a name that does
 * not resolve). The work is the MIB layer's `translate()`; this file reads the options.
 */
import { InvalidArgumentError } from '../../errors.js';
import type { MibStore } from '../../mib/store.js';
import type { TranslateOptions } from '../../mib/translate.js';
import { getopt } from '../args/getopt.js';
import { applyOutputOptions, defaultOutputOptions } from '../format/output-options.js';
import type { CliIo } from '../io.js';
import { loadSelectedMibs, mibSelection, moduleNotFoundNotes } from '../mibs.js';
import { oidReportForms } from '../translate-report.js';
import { packageVersion } from '../version.js';

/** The usage text (snmptranslate's, with what tsnmp does not do left out). */
export const TRANSLATE_USAGE = `USAGE: tsnmp translate [OPTIONS] OID [OID]...

OPTIONS:
  -h\t\t\tdisplay this help message
  -V\t\t\tdisplay package version number
  -m MIB[:...]\t\tload given list of MIBs (ALL loads everything; +LIST or -LIST add to the default)
  -M DIR[:...]\t\tlook in given list of directories for MIBs (also MIBS and MIBDIRS)
  -D[TOKEN[,...]]\taccepted for compatibility (tsnmp logs through NODE_DEBUG=tsnmp)
  -T TRANSOPTS\t\tSet various options controlling report produced:
\t\t\t  d:  print full details of the given OID
\t\t\t  p:  print tree format symbol table
\t\t\t  l:  enable labeled OID report
\t\t\t  o:  enable OID report
\t\t\t  s:  enable dotted symbolic report
\t\t\t  z:  enable MIB child OID report
\t\t\t  (a, t and B are not supported)
  -P MIBOPTS\t\taccepted for compatibility (tsnmp's MIB parser needs no toggles)
  -O OUTOPTS\t\tToggle various defaults controlling output display:
\t\t\t  b:  do not break OID indexes down
\t\t\t  E:  escape quotes in string indices
\t\t\t  f:  print full OIDs on output
\t\t\t  n:  print OIDs numerically
\t\t\t  s:  print only last symbolic element of OID
\t\t\t  S:  print MIB module-id plus last element
\t\t\t  u:  print OIDs using UCD-style prefix suppression
\t\t\t  X:  extended index format
\t\t\t  (snmpcmd's other letters are accepted and change nothing here)
  -I INOPTS\t\tToggle various defaults controlling input parsing:
\t\t\t  r:  do not check values for range/type legality
\t\t\t  R:  do random access to OID labels
\t\t\t  (h, u, s SUFFIX and S PREFIX are accepted and change nothing, as in snmptranslate;
\t\t\t   b is not supported)
  -L LOGOPTS\t\taccepted for compatibility
`;

const OUTPUT_LETTERS = '0abeEfnpqQsStTuUvxX';
const INPUT_LETTERS = 'bhrRusS';
const REPORT_LETTERS = 'Bdpaloszt';

/** The options of one run. */
interface TranslateArgs {
  mibs: string[];
  mibDirs: string[];
  options: TranslateOptions;
  /** snmptranslate's `print`: 1 tree, 2 ASCII dump, 3 OID report; the last -T letter decides. */
  print: 0 | 1 | 2 | 3;
  reports: { labeled: boolean; numeric: boolean; symbolic: boolean; child: boolean; suffix: boolean };
  description: boolean;
  findAll: boolean;
  bestMatch: boolean;
  width: boolean;
  inputs: string[];
}

class Stop {
  constructor(
    readonly message: string,
    readonly usage: boolean,
    readonly status: number,
    readonly toStdout = false,
  ) {}
}

function parseArgs(argv: readonly string[]): TranslateArgs {
  const output = defaultOutputOptions();
  const a: TranslateArgs = {
    mibs: [],
    mibDirs: [],
    options: {},
    print: 0,
    reports: { labeled: false, numeric: false, symbolic: false, child: false, suffix: false },
    description: false,
    findAll: false,
    bestMatch: false,
    width: false,
    inputs: [],
  };
  let randomAccess = false;
  let checkRange = true;
  try {
    const r = getopt(argv, {
      short: { h: 'none', V: 'none', m: 'required', M: 'required', D: 'optional', w: 'required', T: 'required', P: 'required', O: 'required', I: 'required', L: 'required' },
      long: { help: 'none', version: 'none' },
      onOption: (o, next) => {
        const v = o.value ?? '';
        switch (o.name) {
          case 'h':
          case 'help':
            throw new Stop('', true, 1);
          case 'V':
          case 'version':
            throw new Stop(`tsnmp version: ${packageVersion()}`, false, 0, true);
          case 'm':
            a.mibs.push(v);
            break;
          case 'M':
            a.mibDirs.push(v);
            break;
          case 'w':
            a.width = true;
            break;
          case 'O':
            for (let i = 0; i < v.length; i++) {
              if (!OUTPUT_LETTERS.includes(v[i]!)) throw new Stop(`Unknown OID option to -O: ${v[i]!}.`, true, 1);
              if (v[i] === 'p') break;
            }
            applyOutputOptions(output, v, next);
            break;
          case 'I':
            for (let i = 0; i < v.length; i++) {
              const c = v[i]!;
              if (!INPUT_LETTERS.includes(c)) throw new Stop(`Unknown OID option to -I: ${c}.`, true, 1);
              if (c === 'R') randomAccess = !randomAccess;
              else if (c === 'r') checkRange = !checkRange;
              else if (c === 'b') a.bestMatch = !a.bestMatch;
              else if (c === 's' || c === 'S') {
                // The suffix or prefix: the rest of the word, or the next one.
                if (i + 1 === v.length && next() === undefined) throw new Stop(`Missing ${c === 's' ? 'suffix' : 'prefix'} after -I${c}`, true, 1);
                break;
              }
            }
            break;
          case 'T':
            for (const c of v) {
              if (!REPORT_LETTERS.includes(c)) throw new Stop(`Invalid -T<lostpad> character: ${c}`, true, 1);
              switch (c) {
                case 'B':
                  a.findAll = true;
                  break;
                case 'd':
                  a.description = true;
                  break;
                case 'p':
                  a.print = 1;
                  break;
                case 'a':
                  a.print = 2;
                  break;
                default:
                  a.print = 3;
                  if (c === 'l') a.reports.labeled = true;
                  else if (c === 'o') a.reports.numeric = true;
                  else if (c === 's') a.reports.symbolic = true;
                  else if (c === 'z') a.reports.child = true;
                  else a.reports.suffix = true;
              }
            }
            break;
          default:
            // -D, -P, -L: accepted for compatibility.
            break;
        }
      },
    });
    a.inputs = r.operands;
  } catch (err) {
    if (err instanceof Stop) throw err;
    if (err instanceof InvalidArgumentError) {
      // glibc's getopt line, then snmptranslate's own.
      throw new Stop(`tsnmp translate: ${err.message}\ninvalid option: -?`, true, 1);
    }
    throw err;
  }
  a.options = {
    format: output.oidFormat,
    breakIndex: !output.dontBreakdownOids,
    extendedIndex: output.extendedIndex,
    escapeQuotes: output.escapeQuotes,
    randomAccess,
    checkRange,
  };
  return a;
}

function unsupported(io: CliIo, what: string): number {
  io.stderr(`tsnmp translate: ${what} is not supported\n`);
  return 1;
}

/** Runs `tsnmp translate ARGS`; resolves with the exit status (snmptranslate's). */
export async function runTranslate(argv: readonly string[], io: CliIo): Promise<number> {
  let args: TranslateArgs;
  try {
    args = parseArgs(argv);
  } catch (err) {
    if (!(err instanceof Stop)) throw err;
    if (err.message !== '') (err.toStdout ? io.stdout : io.stderr).call(io, `${err.message}\n`);
    if (err.usage) io.stderr(TRANSLATE_USAGE);
    return err.status;
  }
  if (args.width) return unsupported(io, '-w (the width of -Tp and -Td output)');
  const sel = mibSelection(args, io.env);
  const { store, messages } = await loadSelectedMibs(sel, io.env);
  io.stderr(messages);
  const { translate } = await import('../../mib/translate.js');
  if (args.inputs.length === 0) {
    switch (args.print) {
      case 0:
        io.stderr(TRANSLATE_USAGE);
        return 1;
      case 1:
        io.stdout(translate(store, [], { report: 'tree' }).stdout);
        return 0;
      case 2:
        return unsupported(io, '-Ta (the ASCII dump of the symbol table)');
      case 3:
        if (args.reports.suffix) return unsupported(io, '-Tt (the symbolic suffix report)');
        io.stdout(oidReport(store, args, translate));
        return 0;
    }
  }
  if (args.findAll) return unsupported(io, '-TB (regular expression search)');
  if (args.bestMatch) return unsupported(io, '-Ib (best match search)');
  const report = args.print === 1 ? 'tree' : args.description ? 'description' : undefined;
  const r = translate(store, args.inputs, { ...args.options, ...(report === undefined ? {} : { report }) });
  io.stdout(r.stdout);
  // The MIB layer's notes for modules asked for by name, as net-snmp prints them.
  const lines = r.stderr === '' ? [] : r.stderr.replace(/\n$/, '').split('\n');
  io.stderr(moduleNotFoundNotes(sel, messages)(lines).map((l) => `${l}\n`).join(''));
  return r.exitCode;
}

/** The report of every node: the MIB layer's -Tz alone, the walk of translate-report.ts for the other forms. */
function oidReport(store: MibStore, args: TranslateArgs, translate: typeof import('../../mib/translate.js').translate): string {
  const f = args.reports;
  if (f.child && !f.labeled && !f.numeric && !f.symbolic) return translate(store, [], { report: 'oids' }).stdout;
  if (!f.child && !f.labeled && !f.numeric && !f.symbolic) return '';
  return oidReportForms(store, f);
}

