/**
 * The `tsnmp` command: picks the subcommand and runs it (each is loaded when used, so that
 * a command starts without loading the others).
 */
import type { CliIo } from './io.js';
import { packageVersion } from './version.js';

/** The top-level usage. */
export const TSNMP_USAGE = `USAGE: tsnmp COMMAND [OPTIONS] ...

Commands (options as net-snmp's snmpcmd(1); run tsnmp COMMAND -h for each):
  get       AGENT OID [OID]...                 GetRequest (snmpget)
  getnext   AGENT OID [OID]...                 GetNextRequest (snmpgetnext)
  bulkget   AGENT OID [OID]...                 GetBulkRequest (snmpbulkget)
  walk      AGENT [OID]                        walk a subtree with GetNext (snmpwalk)
  bulkwalk  AGENT [OID]                        walk a subtree with GetBulk (snmpbulkwalk)
  set       AGENT OID TYPE VALUE ...           SetRequest (snmpset)
  table     AGENT TABLE-OID                    print a table (snmptable)
  agent     [-c FILE] [--snmprec FILE]...      run an SNMP agent (default: udp:127.0.0.1:1161)
  record    AGENT [OID]... [-o FILE]           walk an agent into a .snmprec file
  demo      [--exit]                           an agent on the default configuration and a manager talking to it
  translate [-m MIBS] [-M DIRS] [-T...] OID... translate names and OIDs (snmptranslate)
  mib compile MODULE... --out DIR [-M DIRS]    generate TypeScript (definitions, agent subtree, handlers stub) and JSON
  mib json  MODULE... [-M DIRS]                print the JSON form of compiled modules

AGENT: [udp:|tcp:|udp6:|tcp6:]host[:port], e.g. udp:127.0.0.1:1161, tcp6:[::1]:1161
Every query command also takes --json (one JSON object per varbind).
`;

/**
 * Runs tsnmp with its arguments (without `node` and the script); resolves with the exit
 * status. The io's signal interrupts long commands (walks, the agent).
 */
export async function runTsnmp(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'get':
    case 'getnext':
    case 'bulkget':
      return (await import('./commands/get.js')).runGet(command, rest, io);
    case 'walk':
    case 'bulkwalk':
      return (await import('./commands/walk.js')).runWalk(command, rest, io);
    case 'set':
      return (await import('./commands/set.js')).runSet(rest, io);
    case 'table':
      return (await import('./commands/table.js')).runTable(rest, io);
    case 'record':
      return (await import('./commands/record.js')).runRecord(rest, io);
    case 'agent':
      return (await import('./commands/agent.js')).runAgent(rest, io);
    case 'demo':
      return (await import('./commands/demo.js')).runDemo(rest, io);
    case 'translate':
      return (await import('./commands/translate.js')).runTranslate(rest, io);
    case 'mib':
      return (await import('./commands/mib.js')).runMib(rest, io);
    case '-V':
    case '--version':
      io.stdout(`tsnmp version: ${packageVersion()}\n`);
      return 0;
    case '-h':
    case '--help':
    case 'help':
      io.stdout(TSNMP_USAGE);
      return 0;
    case undefined:
      io.stderr(TSNMP_USAGE);
      return 1;
    default:
      io.stderr(`tsnmp: unknown command "${command}"\n${TSNMP_USAGE}`);
      return 1;
  }
}
