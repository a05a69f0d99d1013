/**
 * The options every query command shares, read as net-snmp's `snmp_parse_args()` reads
 * them (snmpcmd(1)): `-v -c -r -t -d -O -m -M -I -L -P -D -V -h -H`, the SNMPv3 options
 * (read, then refused until v3 arrives), `-C` handed to the command, and `--json`.
 */
import { InvalidArgumentError } from '../../errors.js';
import { applyOutputOptions, defaultOutputOptions, type OutputOptions } from '../format/output-options.js';
import { type Parsed, problem } from '../io.js';
import { packageVersion } from '../version.js';
import { type ArgKind, getopt } from './getopt.js';

/** The common options after parsing. */
export interface CommonArgs {
  /** `-v`: `v1`, `v2c` or `v3`. Default `v2c` (net-snmp's default comes from snmp.conf). */
  version: 'v1' | 'v2c' | 'v3';
  /** `-c`. */
  community: string | undefined;
  /** `-r`. Default 5. */
  retries: number;
  /** `-t` in seconds. Default 1. */
  timeout: number;
  /** `-d`. */
  dump: boolean;
  /** `-O` letters applied to net-snmp's defaults. */
  output: OutputOptions;
  /** `--json`. */
  json: boolean;
  /** `-m` lists, in order. */
  mibs: string[];
  /** `-M` lists, in order. */
  mibDirs: string[];
  /** `-Is SUFFIX`. */
  oidSuffix: string | undefined;
  /** `-IS PREFIX`. */
  oidPrefix: string | undefined;
  /** Operands: the agent first. */
  operands: string[];
}

/** How a command takes part in parsing. */
export interface CommonSpec {
  /** The command's name in messages (`tsnmp get`). */
  readonly name: string;
  /** Stop reading options at the first operand (set). Default false. */
  readonly stopAtOperand?: boolean;
  /**
   * Handles the letters of one `-C` argument; may read following words with `next`.
   * Returns a problem to stop parsing.
   */
  readonly onAppOptions?: (letters: string, next: () => string | undefined) => Parsed<void> | undefined;
  /** Adjusts the output defaults before `-O` letters apply (snmptable turns quick print on). */
  readonly outputDefaults?: (o: OutputOptions) => void;
  /** Options of this command only (short letters and long names). */
  readonly extraOptions?: Readonly<Record<string, ArgKind>>;
  /** Handles one of {@link extraOptions}; returns a problem to stop parsing. */
  readonly onExtraOption?: (name: string, value: string | undefined) => Parsed<void> | undefined;
}

const SHORT: Record<string, ArgKind> = {
  h: 'none',
  H: 'none',
  V: 'none',
  d: 'none',
  v: 'required',
  c: 'required',
  r: 'required',
  t: 'required',
  O: 'required',
  m: 'required',
  M: 'required',
  I: 'required',
  L: 'required',
  P: 'required',
  D: 'optional',
  C: 'required',
  Y: 'required',
  // SNMPv3 (read so that the message names the real problem)
  a: 'required',
  A: 'required',
  e: 'required',
  E: 'required',
  l: 'required',
  n: 'required',
  u: 'required',
  x: 'required',
  X: 'required',
  Z: 'required',
  '3': 'required',
};

const LONG: Record<string, ArgKind> = { help: 'none', version: 'none', json: 'none' };

/** strtol-like: the leading decimal integer of a word, or undefined when it has none. */
function leadingInt(text: string): number | undefined {
  const m = /^\s*([+-]?\d+)/.exec(text);
  return m === null ? undefined : Number(m[1]);
}

/** strtod-like: the leading number of a word (0 when none), as atof reads it. */
function leadingFloat(text: string): number {
  const m = /^\s*[+-]?(\d+\.?\d*(e[+-]?\d+)?|\.\d+(e[+-]?\d+)?)/i.exec(text);
  return m === null ? 0 : Number(m[0]);
}

class Stop {
  constructor(readonly result: Parsed<never>) {}
}

/**
 * Reads the common options.
 * @returns the arguments, or the problem to report (with net-snmp's message).
 */
export function parseCommon(args: readonly string[], spec: CommonSpec): Parsed<CommonArgs> {
  const output = defaultOutputOptions();
  spec.outputDefaults?.(output);
  const a: CommonArgs = {
    version: 'v2c',
    community: undefined,
    retries: 5,
    timeout: 1,
    dump: false,
    output,
    json: false,
    mibs: [],
    mibDirs: [],
    oidSuffix: undefined,
    oidPrefix: undefined,
    operands: [],
  };
  const stop = (message: string, usage = true, status = 1, toStdout = false): never => {
    throw new Stop({ ok: false, message, usage, status, toStdout });
  };
  try {
    const extra = spec.extraOptions ?? {};
    const r = getopt(args, {
      short: { ...SHORT, ...Object.fromEntries(Object.entries(extra).filter(([k]) => k.length === 1)) },
      long: { ...LONG, ...Object.fromEntries(Object.entries(extra).filter(([k]) => k.length > 1)) },
      stopAtOperand: spec.stopAtOperand ?? false,
      onOption: (o, next) => {
        const v = o.value ?? '';
        if (Object.hasOwn(extra, o.name)) {
          const res = spec.onExtraOption?.(o.name, o.value);
          if (res !== undefined && !res.ok) throw new Stop(res);
          return;
        }
        switch (o.name) {
          case 'h':
          case 'help':
            stop('');
            break;
          case 'V':
          case 'version':
            stop(`tsnmp version: ${packageVersion()}`, false, 0, true);
            break;
          case 'H':
            stop('Configuration directives understood: none (tsnmp reads no snmp.conf)', false, 0, true);
            break;
          case 'json':
            a.json = true;
            break;
          case 'd':
            a.dump = true;
            break;
          case 'v':
            if (v === '1') a.version = 'v1';
            else if (v === '2c' || v === '2C') a.version = 'v2c';
            else if (v === '3') a.version = 'v3';
            else stop(`Invalid version specified after -v flag: ${v}`);
            break;
          case 'c':
            a.community = v;
            break;
          case 'r': {
            const n = leadingInt(v);
            if (n === undefined || n < 0) stop('Invalid number of retries after -r flag.');
            a.retries = n!;
            break;
          }
          case 't': {
            const t = leadingFloat(v);
            if (!(t > 0)) stop('Invalid timeout in seconds after -t flag.');
            a.timeout = t;
            break;
          }
          case 'O':
            try {
              applyOutputOptions(output, v, next);
            } catch (err) {
              stop((err as Error).message);
            }
            break;
          case 'm':
            a.mibs.push(v);
            break;
          case 'M':
            a.mibDirs.push(v);
            break;
          case 'I':
            for (let i = 0; i < v.length; i++) {
              const c = v[i]!;
              if (c === 's' || c === 'S') {
                const word = i + 1 < v.length ? v.slice(i + 1) : next();
                if (word === undefined) stop(`Missing ${c === 's' ? 'suffix' : 'prefix'} after -I${c}`);
                if (c === 's') a.oidSuffix = word;
                else a.oidPrefix = word;
                break;
              }
              if (!'bhrRu'.includes(c)) stop(`Unknown input option passed to -I: ${c}.`);
            }
            break;
          case 'C': {
            const res = spec.onAppOptions === undefined ? problem(`Unknown flag passed to -C: ${v[0] ?? ''}`, false) : spec.onAppOptions(v, next);
            if (res !== undefined && !res.ok) throw new Stop(res);
            break;
          }
          case 'L':
          case 'P':
          case 'D':
          case 'Y':
            break;
          default:
            // -a -A -e -E -l -n -u -x -X -Z -3: SNMPv3 settings.
            stop(`SNMPv3 option -${o.name} given: SNMPv3 is not supported by this version of tsnmp`, false);
        }
      },
    });
    a.operands = r.operands;
  } catch (err) {
    if (err instanceof Stop) return err.result;
    if (err instanceof InvalidArgumentError) return problem(`${spec.name}: ${err.message}`);
    throw err;
  }
  if (a.operands.length === 0) return problem('No hostname specified.');
  if (a.version === 'v3') return problem(`${spec.name}: SNMPv3 is not supported by this version of tsnmp (use -v 1 or -v 2c)`, false);
  if (a.community === undefined) return problem('No community name specified.');
  return { ok: true, value: a };
}
