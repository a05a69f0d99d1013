/**
 * `snmp-request`, seed 004's MIB browser. Output (the seed shows none; this is tsnmp's):
 *
 * - one line per varbind, as `tsnmp get -On` prints it: `.1.3.6.1.2.1.1.5.0 = STRING: "router1"`
 * - an error status: `Error: noSuchName (2) at variable 1: .1.3.6.1.2.1.1.99.0` on stderr, exit 2
 * - loop mode (-l) stops at the end of the MIB view and prints `end of mib view` (an SNMPv1
 *   noSuchName or an SNMPv2c endOfMibView); tree mode (-t) stops silently when the walk
 *   leaves the subtree (and prints `end of mib view` if the view ends first)
 * - `-d` writes each packet to stderr before the values (net-snmp's hex layout and the BER
 *   structure); an ignored reply is reported on stderr
 *   (`snmp-request: ignored invalid reply (request id 7 instead of 8); 2 ignores left`), as is
 *   each resend (`snmp-request: no reply within 3 s; resending (1 resend left)`)
 * - a timeout after the last resend: `Timeout: No Response from udp:HOST:PORT.`, exit 1
 */
import { RequestError, RequestTimeoutError, TransportError } from '../../errors.js';
import type { BasicPdu, GetBulkPdu } from '../../pdu/types.js';
import type { Oid } from '../../smi/oid.js';
import { octetsFromText } from '../../smi/octets.js';
import type { VarBind } from '../../smi/types.js';
import { nullVarBind } from '../../smi/values.js';
import { resolveAddress } from '../../transport/address.js';
import { openTransport } from '../../transport/open.js';
import type { TransportAddress } from '../../transport/types.js';
import { parseNumericOid } from '../format/oid-names.js';
import { defaultOutputOptions } from '../format/output-options.js';
import { Printer } from '../format/printer.js';
import type { CliIo } from '../io.js';
import { errorStatusText } from '../report.js';
import { parseSnmpRequestArgs, SNMP_REQUEST_USAGE, type SnmpRequestArgs } from './args.js';
import { dataTypeValue } from './data-types.js';
import { BrowserRequester } from './requester.js';

const LOCAL_NAMES = new Set(['0', '0.0.0.0', '127.0.0.1', 'localhost']);

const STATUS_NAMES = [
  'noError',
  'tooBig',
  'noSuchName',
  'badValue',
  'readOnly',
  'genErr',
  'noAccess',
  'wrongType',
  'wrongLength',
  'wrongEncoding',
  'wrongValue',
  'noCreation',
  'inconsistentValue',
  'resourceUnavailable',
  'commitFailed',
  'undoFailed',
  'authorizationError',
  'notWritable',
  'inconsistentName',
];

function statusLine(printer: Printer, res: BasicPdu, request: readonly VarBind[]): string {
  const name = STATUS_NAMES[res.errorStatus] ?? 'unknown';
  const vb = res.varbinds[res.errorIndex - 1] ?? request[res.errorIndex - 1];
  const where = res.errorIndex > 0 && vb !== undefined ? ` at variable ${res.errorIndex}: ${printer.oid(vb.oid)}` : '';
  return `Error: ${name} (${res.errorStatus})${where} -- ${errorStatusText(res.errorStatus)}\n`;
}

/** Runs `snmp-request ARGS`; resolves with the exit status. */
export async function runSnmpRequest(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseSnmpRequestArgs(argv);
  if (!parsed.ok) {
    if (parsed.message !== '') io.stderr(`snmp-request: ${parsed.message}\n`);
    io.stderr(SNMP_REQUEST_USAGE);
    return 1;
  }
  const a = parsed.value;
  const output = defaultOutputOptions();
  output.oidFormat = 'numeric';
  const printer = new Printer(output);
  let varbinds: VarBind[];
  try {
    varbinds = a.variables.map((v) => {
      const oid = parseNumericOid(v.name);
      return a.type === 'set' ? dataTypeValue(oid, v.type!, v.value!, parseNumericOid) : nullVarBind(oid);
    });
  } catch (err) {
    io.stderr(`snmp-request: ${(err as Error).message}\n`);
    return 1;
  }
  const host = LOCAL_NAMES.has(a.host) ? '127.0.0.1' : a.host;
  let remote: TransportAddress;
  try {
    remote = await resolveAddress({ domain: 'udp', host, port: a.port });
  } catch {
    io.stderr(`snmp-request: Unknown host (${a.host})\n`);
    return 1;
  }
  let transport;
  try {
    transport = await openTransport(remote);
  } catch (err) {
    io.stderr(`snmp-request: ${(err as TransportError).message}\n`);
    return 1;
  }
  const packetDump = a.dump ? (await import('../dump.js')).packetDump : undefined;
  const requester = new BrowserRequester(
    transport,
    remote,
    a.version === 'v1' ? 0 : 1,
    octetsFromText(a.community),
    { maxWait: a.maxWait, maxRetries: a.maxRetries, maxIgnores: a.maxIgnores, sleep: a.sleep },
    {
      ...(packetDump !== undefined
        ? {
            sent: (b: Uint8Array): void => io.stderr(packetDump('sent', b, remote, transport.local)),
            received: (b: Uint8Array): void => io.stderr(packetDump('received', b, remote, transport.local)),
          }
        : {}),
      ignored: (reason, left) => io.stderr(`snmp-request: ignored invalid reply (${reason}); ${left} ignore${left === 1 ? '' : 's'} left\n`),
      resent: (left) => io.stderr(`snmp-request: no reply within ${a.maxWait} s; resending (${left} resend${left === 1 ? '' : 's'} left)\n`),
    },
    io.signal,
  );
  try {
    if (a.loop || a.tree) return await walk(a, requester, printer, varbinds[0]!.oid, io);
    const pdu: BasicPdu | GetBulkPdu =
      a.type === 'getbulk'
        ? { type: 'GetBulkRequest', requestId: 0, nonRepeaters: a.nonRepeaters, maxRepetitions: a.maxRepetitions, varbinds }
        : { type: a.type === 'get' ? 'GetRequest' : a.type === 'getnext' ? 'GetNextRequest' : 'SetRequest', requestId: 0, errorStatus: 0, errorIndex: 0, varbinds };
    const res = await requester.request(pdu);
    if (res.errorStatus !== 0) {
      io.stderr(statusLine(printer, res, varbinds));
      return 2;
    }
    io.stdout(res.varbinds.map((vb) => `${printer.line(vb)}\n`).join(''));
    return 0;
  } catch (err) {
    return failure(err, remote, io);
  } finally {
    await transport.close();
  }
}

function failure(err: unknown, remote: TransportAddress, io: CliIo): number {
  if (io.signal?.aborted === true) return 130;
  if (err instanceof RequestTimeoutError) {
    io.stderr(`Timeout: No Response from udp:${remote.host}:${remote.port}.\n`);
    return 1;
  }
  if (err instanceof RequestError) {
    io.stderr(`snmp-request: ${err.message}\n`);
    return 1;
  }
  io.stderr(`snmp-request: ${(err as Error).message}\n`);
  return 1;
}

/** Loop (-l) and tree (-t) modes: one variable, one successor per request. */
async function walk(a: SnmpRequestArgs, requester: BrowserRequester, printer: Printer, root: Oid, io: CliIo): Promise<number> {
  let name = root;
  for (;;) {
    const vbs = [nullVarBind(name)];
    const pdu: BasicPdu | GetBulkPdu =
      a.type === 'getbulk'
        ? // The seed: with -l or -t, getbulk behaves as getnext (-n and -m are ignored).
          { type: 'GetBulkRequest', requestId: 0, nonRepeaters: 0, maxRepetitions: 1, varbinds: vbs }
        : { type: 'GetNextRequest', requestId: 0, errorStatus: 0, errorIndex: 0, varbinds: vbs };
    const res = await requester.request(pdu);
    if (res.errorStatus !== 0) {
      // SNMPv1 (RFC 1157 §4.1.3): noSuchName on a GetNext is the end of the MIB view.
      if (res.errorStatus === 2) {
        io.stdout('end of mib view\n');
        return 0;
      }
      io.stderr(statusLine(printer, res, vbs));
      return 2;
    }
    const vb = res.varbinds[0];
    if (vb === undefined) {
      io.stderr('snmp-request: the agent answered without a variable\n');
      return 1;
    }
    if (vb.type === 'EndOfMibView') {
      io.stdout('end of mib view\n');
      return 0;
    }
    if (a.tree && !vb.oid.startsWith(root)) return 0;
    if (vb.oid.compare(name) <= 0) {
      io.stderr(`snmp-request: the agent returned ${printer.oid(vb.oid)}, not after ${printer.oid(name)}; stopping\n`);
      return 1;
    }
    io.stdout(`${printer.line(vb)}\n`);
    name = vb.oid;
  }
}
