/**
 * Usage texts in the layout of net-snmp's tools (`USAGE: snmpget [OPTIONS] AGENT OID`
 * followed by the option list), for tsnmp's subcommands.
 */

/** The option list shared by the query commands (net-snmp's snmp_parse_args_descriptions). */
export const COMMON_OPTIONS = `OPTIONS:
  -h, --help\t\tdisplay this help message
  -V, --version\t\tdisplay package version number
  -v 1|2c\t\tspecifies SNMP version to use (3 is not supported yet)
SNMP Version 1 or 2c specific
  -c COMMUNITY\t\tset the community string
General communication options
  -r RETRIES\t\tset the number of retries
  -t TIMEOUT\t\tset the request timeout (in seconds)
Debugging
  -d\t\t\tdump input/output packets in hexadecimal, with their decoded BER structure
  -D[TOKEN[,...]]\taccepted for compatibility (tsnmp logs through NODE_DEBUG=tsnmp)
General options
  -m MIB[:...]\t\tload given list of MIBs (ALL loads everything; +LIST or -LIST add to the default)
  -M DIR[:...]\t\tlook in given list of directories for MIBs (also MIBS and MIBDIRS)
  -O OUTOPTS\t\tToggle various defaults controlling output display:
\t\t\t  0:  print leading 0 for single-digit hex characters
\t\t\t  a:  print all strings in ascii format
\t\t\t  b:  do not break OID indexes down
\t\t\t  e:  print enums numerically
\t\t\t  E:  escape quotes in string indices
\t\t\t  f:  print full OIDs on output
\t\t\t  n:  print OIDs numerically
\t\t\t  p PRECISION:  display floating point values with specified PRECISION (printf format string)
\t\t\t  q:  quick print for easier parsing
\t\t\t  Q:  quick print with equal-signs
\t\t\t  s:  print only last symbolic element of OID
\t\t\t  S:  print MIB module-id plus last element
\t\t\t  t:  print timeticks unparsed as numeric integers
\t\t\t  T:  print human-readable text along with hex strings
\t\t\t  u:  print OIDs using UCD-style prefix suppression
\t\t\t  U:  don't print units
\t\t\t  v:  print values only (not OID = value)
\t\t\t  x:  print all strings in hex format
\t\t\t  X:  extended index format
  -I INOPTS\t\tinput options (accepted: b h r R u, s SUFFIX, S PREFIX)
  -L LOGOPTS\t\tlogging options (accepted for compatibility)
  --json\t\tprint one JSON object per varbind: {"oid","type","value"}
`;

/** Application options (`-C`) of each command, as net-snmp lists them. */
export const APP_OPTIONS: Readonly<Record<string, string>> = {
  get: `  -C APPOPTS\t\tSet various application specific behaviours:
\t\t\t  f:  do not fix errors and retry the request
`,
  getnext: `  -C APPOPTS\t\tSet various application specific behaviours:
\t\t\t  f:  do not fix errors and retry the request
`,
  bulkget: `  -C APPOPTS\t\tSet various application specific behaviours:
\t\t\t  n<NUM>:  set non-repeaters to <NUM>
\t\t\t  r<NUM>:  set max-repeaters to <NUM>
`,
  walk: `  -C APPOPTS\t\tSet various application specific behaviours:
\t\t\t  p:  print the number of variables found
\t\t\t  i:  include given OID in the search range
\t\t\t  I:  don't include the given OID, even if no results are returned
\t\t\t  c:  do not check returned OIDs are increasing
\t\t\t  t:  Display wall-clock time to complete the walk
\t\t\t  T:  Display wall-clock time to complete each request
\t\t\t  E {OID}:  End the walk at the specified OID
`,
  bulkwalk: `  -C APPOPTS\t\tSet various application specific behaviours:
\t\t\t  c:       do not check returned OIDs are increasing
\t\t\t  i:       include given OIDs in the search range
\t\t\t  n<NUM>:  set non-repeaters to <NUM>
\t\t\t  p:       print the number of variables found
\t\t\t  r<NUM>:  set max-repeaters to <NUM>
\t\t\t  E {OID}: End the walk at the specified OID
  --parallel N\t\tkeep N requests in flight, each walking its own range of the
\t\t\tsubtree (a table's columns): the same output, sooner
`,
  set: `  -C APPOPTS\t\tSet various application specific behaviours:
\t\t\t  q:  don't print results on success

  TYPE: one of i, u, t, a, o, s, x, d, b, n, U, I, F, D, c, C
\ti: INTEGER, u: unsigned INTEGER, t: TIMETICKS, a: IPADDRESS
\to: OBJID, s: STRING, x: HEX STRING, d: DECIMAL STRING, b: BITS
\tn: NULL, U: unsigned int64, I: signed int64, F: float, D: double
\tc: Counter32, C: Counter64 (snmpset refuses these two; tsnmp sends them)
\t=: the type the MIB gives the object (with -m/-M); with MIBs, values are checked as snmpset does
`,
  table: `  -C APPOPTS\t\tSet various application specific behaviours:
\t\t\t  b:       brief field names
\t\t\t  B:       do not use GETBULK requests
\t\t\t  c<NUM>:  print table in columns of <NUM> chars width
\t\t\t  f<STR>:  print table delimitied with <STR>
\t\t\t  h:       print only the column headers
\t\t\t  H:       print no column headers
\t\t\t  i:       print index values
\t\t\t  l:       left justify output
\t\t\t  r<NUM>:  for GETBULK: set max-repeaters to <NUM>
\t\t\t           for GETNEXT: retrieve <NUM> entries at a time
\t\t\t  w<NUM>:  print table in parts of <NUM> chars width
`,
  record: `  -C APPOPTS\t\tSet various application specific behaviours:
\t\t\t  c:       do not check returned OIDs are increasing
\t\t\t  n<NUM>:  set non-repeaters to <NUM>
\t\t\t  r<NUM>:  set max-repeaters to <NUM>
\t\t\t  B:       walk with GETNEXT instead of GETBULK
`,
};

/** Operands of each command. */
export const SYNOPSIS: Readonly<Record<string, string>> = {
  get: 'AGENT OID [OID]...',
  getnext: 'AGENT OID [OID]...',
  bulkget: 'AGENT OID [OID]...',
  walk: 'AGENT [OID]...',
  bulkwalk: 'AGENT [OID]...',
  set: 'AGENT OID TYPE VALUE [OID TYPE VALUE]...',
  table: 'AGENT TABLE-OID',
  record: 'AGENT [OID]... > FILE.snmprec',
};

/** The usage text of a query command (`tsnmp get`, …). */
export function commandUsage(command: string): string {
  return `USAGE: tsnmp ${command} [OPTIONS] ${SYNOPSIS[command] ?? ''}\n\n${COMMON_OPTIONS}${APP_OPTIONS[command] ?? ''}`;
}
