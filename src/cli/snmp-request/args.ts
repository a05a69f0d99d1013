/**
 * The command line of seed 004's MIB browser:
 * `snmp-request AGENT "COMMUNITY" REQUEST_TYPE [FLAGS] VARIABLE [DATA-TYPE VALUE]...`
 * with the flags after the request type (UNIX style, case-sensitive letters, arguments
 * attached or in the next word): -d -i -l -m -n -p -r -s -t -v -w.
 */
import { getopt } from '../args/getopt.js';
import { type Parsed, problem } from '../io.js';
import { DATA_TYPE_WORDS } from './data-types.js';

/** The request types. */
export type BrowserRequestType = 'get' | 'getnext' | 'getbulk' | 'set';

/** The parsed command line. */
export interface SnmpRequestArgs {
  /** The agent host; `0`, `0.0.0.0`, `127.0.0.1` and `localhost` all mean this host. */
  host: string;
  community: string;
  type: BrowserRequestType;
  /** -d */
  dump: boolean;
  /** -i: listens after invalid replies (negative values wrap to unsigned 32 bits). Default 0. */
  maxIgnores: number;
  /** -l */
  loop: boolean;
  /** -t */
  tree: boolean;
  /** -m. Default 10. */
  maxRepetitions: number;
  /** -n. Default 0. */
  nonRepeaters: number;
  /** -p. Default 161. */
  port: number;
  /** -r: resends after timeouts (negative values wrap to unsigned 32 bits). Default 0. */
  maxRetries: number;
  /** -s in seconds: pause before a resend or a new listen. Default 1. */
  sleep: number;
  /** -v: `v1` (default) or `v2c`; getbulk defaults to `v2c`. */
  version: 'v1' | 'v2c';
  /** -w in seconds, never 0. Default 3. */
  maxWait: number;
  /** The variables, and for set their data types and values. */
  variables: { name: string; type?: string; value?: string }[];
}

/** The usage text. */
export const SNMP_REQUEST_USAGE = `usage: snmp-request agent "community" request_type [flags] variable [data-type value]...

  agent          host name or IPv4 address (0, 0.0.0.0, 127.0.0.1 or localhost: this host)
  community      community string (case sensitive; quote it)
  request_type   get | getnext | getbulk | set
  variable       an OID, e.g. 1.3.6.1.2.1.1.1.0; set takes "variable data-type value" groups

flags (after request_type):
  -d             hexadecimal dump of the packets sent and received, with their BER structure
  -i max_ignores listen again up to max_ignores times after an invalid reply (default 0)
  -l             loop mode: getnext (or getbulk) from the variable to the end of the MIB view
  -m max_reps    max-repetitions of getbulk (default 10)
  -n non_reps    non-repeaters of getbulk (default 0)
  -p port        agent port (default 161)
  -r max_retries resend up to max_retries times after a timeout (default 0)
  -s seconds     pause before each resend and each new listen (default 1; used with -r or -i)
  -t             tree mode: as -l, but only within the variable's subtree
  -v 1|2c        SNMP version (default 1; getbulk implies 2c)
  -w max_wait    seconds to wait for a reply (default 3, never 0)

data-types for set: ${DATA_TYPE_WORDS.join(', ')}
`;

/** C's atoi/strtol for the numeric flags: a signed decimal prefix. */
function intArg(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const m = /^\s*([+-]?\d+)$/.exec(text);
  return m === null ? undefined : Number(m[1]);
}

/** Reads the command line. */
export function parseSnmpRequestArgs(argv: readonly string[]): Parsed<SnmpRequestArgs> {
  if (argv.length < 3) return problem('');
  const [host, community, typeText, ...rest] = argv as [string, string, string, ...string[]];
  const type = typeText.toLowerCase();
  if (type !== 'get' && type !== 'getnext' && type !== 'getbulk' && type !== 'set') return problem(`unknown request type "${typeText}"`);
  const a: SnmpRequestArgs = {
    host,
    community,
    type,
    dump: false,
    maxIgnores: 0,
    loop: false,
    tree: false,
    maxRepetitions: 10,
    nonRepeaters: 0,
    port: 161,
    maxRetries: 0,
    sleep: 1,
    version: type === 'getbulk' ? 'v2c' : 'v1',
    maxWait: 3,
    variables: [],
  };
  let operands: string[];
  try {
    const r = getopt(rest, {
      short: { d: 'none', i: 'required', l: 'none', m: 'required', n: 'required', p: 'required', r: 'required', s: 'required', t: 'none', v: 'required', w: 'required' },
      stopAtOperand: true,
    });
    for (const o of r.options) {
      const v = o.value;
      switch (o.name) {
        case 'd':
          a.dump = true;
          break;
        case 'l':
          a.loop = true;
          break;
        case 't':
          a.tree = true;
          break;
        case 'i':
        case 'r': {
          const n = intArg(v);
          if (n === undefined) return problem(`-${o.name} needs a number, not "${v}"`);
          // The seed: a negative value is converted to an unsigned integer.
          if (o.name === 'i') a.maxIgnores = n >>> 0;
          else a.maxRetries = n >>> 0;
          break;
        }
        case 'm':
        case 'n': {
          const n = intArg(v);
          if (n === undefined || n < 0 || n > 0x7fffffff) return problem(`-${o.name} needs a number 0..2147483647, not "${v}"`);
          if (o.name === 'm') a.maxRepetitions = n;
          else a.nonRepeaters = n;
          break;
        }
        case 'p': {
          const n = intArg(v);
          if (n === undefined || n < 1 || n > 65535) return problem(`-p needs a port 1..65535, not "${v}"`);
          a.port = n;
          break;
        }
        case 's':
        case 'w': {
          const n = v !== undefined && /^\s*\d+(\.\d*)?\s*$|^\s*\.\d+\s*$/.test(v) ? Number(v) : Number.NaN;
          if (Number.isNaN(n)) return problem(`-${o.name} needs a number of seconds, not "${v}"`);
          if (o.name === 'w') {
            if (n === 0) return problem('-w max_wait cannot be 0');
            a.maxWait = n;
          } else a.sleep = n;
          break;
        }
        case 'v': {
          const t = (v ?? '').toLowerCase();
          if (t === '1') a.version = 'v1';
          else if (t === '2c' || t === '2') a.version = 'v2c';
          else return problem(`-v must be 1 or 2c, not "${v}"`);
          break;
        }
      }
    }
    operands = r.operands;
  } catch (err) {
    return problem((err as Error).message);
  }
  if (operands.length === 0) return problem('missing variable');
  if (type === 'set') {
    if (operands.length % 3 !== 0) return problem('set takes groups of "variable data-type value"');
    for (let i = 0; i < operands.length; i += 3) a.variables.push({ name: operands[i]!, type: operands[i + 1]!, value: operands[i + 2]! });
  } else {
    for (const name of operands) a.variables.push({ name });
  }
  if (a.loop || a.tree) {
    if (type !== 'getnext' && type !== 'getbulk') return problem('-l and -t are valid only with getnext and getbulk');
    if (a.variables.length !== 1) return problem('-l and -t take exactly one variable');
  }
  if (type === 'getbulk' && a.version === 'v1') return problem('getbulk needs SNMP version 2c');
  return { ok: true, value: a };
}
