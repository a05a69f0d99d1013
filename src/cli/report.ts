/**
 * Error lines as net-snmp's tools print them: `Error in packet`, `Reason: …` (the words of
 * net-snmp's `snmp_errstring`), `Failed object: …`, `Timeout: No Response from …`, and
 * what tsnmp says for the failures net-snmp reports through `snmp_sess_perror`.
 */
import { AbortError, InvalidArgumentError, RequestError, RequestTimeoutError, ResponseStatusError, SnmpError, TransportError, WalkAbortedError } from '../errors.js';
import { Oid } from '../smi/oid.js';
import type { Printer } from './format/printer.js';
import type { CliIo } from './io.js';

/** net-snmp's texts for RFC 3416 error-status values (snmp_api.c `error_string`). */
const ERROR_STRINGS: readonly string[] = [
  '(noError) No Error',
  '(tooBig) Response message would have been too large.',
  '(noSuchName) There is no such variable name in this MIB.',
  '(badValue) The value given has the wrong type or length.',
  '(readOnly) The two parties used do not have access to use the specified SNMP PDU.',
  '(genError) A general failure occured',
  'noAccess',
  'wrongType (The set datatype does not match the data type the agent expects)',
  'wrongLength (The set value has an illegal length from what the agent expects)',
  'wrongEncoding',
  'wrongValue (The set value is illegal or unsupported in some way)',
  'noCreation (That table does not support row creation or that object can not ever be created)',
  'inconsistentValue (The set value is illegal or unsupported in some way)',
  'resourceUnavailable (This is likely a out-of-memory failure within the agent)',
  'commitFailed',
  'undoFailed',
  'authorizationError (access denied to that object)',
  'notWritable (That object does not support modification)',
  'inconsistentName (That object can not currently be created)',
];

/** The `Reason:` text of an error status. */
export function errorStatusText(status: number): string {
  return ERROR_STRINGS[status] ?? 'Unknown Error';
}

/**
 * The lines net-snmp prints for a response with an error status: `Error in packet` (with a
 * period in every tool but snmpget), `Reason: …`, and when the index points at a varbind,
 * `Failed object: OID` and an empty line.
 */
export function packetErrorText(printer: Printer, status: number, index: number, varbinds: readonly { oid: Oid }[], period: boolean): string {
  let out = `Error in packet${period ? '.' : ''}\nReason: ${errorStatusText(status)}\n`;
  if (index !== 0) {
    const vb = varbinds[index - 1];
    out += 'Failed object: ';
    if (vb !== undefined) out += `${printer.oid(vb.oid)}\n`;
    out += '\n';
  }
  return out;
}

/** The same for a ResponseStatusError thrown by a session call (its `oid` names the failed object). */
export function statusErrorText(printer: Printer, err: ResponseStatusError, period: boolean): string {
  const vbs: { oid: Oid }[] = [];
  if (err.oid !== undefined && err.errorIndex > 0) vbs[err.errorIndex - 1] = { oid: Oid.parse(err.oid) };
  return packetErrorText(printer, err.statusCode, err.errorIndex, vbs, period);
}

/** strerror's words for the errors a connection can end with. */
const STRERROR: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'Connection refused',
  EHOSTUNREACH: 'No route to host',
  ENETUNREACH: 'Network is unreachable',
  ETIMEDOUT: 'Connection timed out',
  ECONNRESET: 'Connection reset by peer',
  EADDRNOTAVAIL: 'Cannot assign requested address',
};

/** How a command ended because of an error: what to print and the exit status. */
export interface Failure {
  readonly stderr: string;
  readonly stdout?: string;
  readonly status: number;
}

/**
 * Turns an error from a session call into net-snmp's message and exit status.
 * @param name the command (`tsnmp get`) for messages net-snmp prefixes with the program.
 * @param agent the agent as the user wrote it.
 * @param timeoutPeriod net-snmp's snmpget and snmpgetnext end the timeout line with a period.
 */
export function failureOf(err: unknown, name: string, agent: string, timeoutPeriod: boolean): Failure {
  if (err instanceof RequestTimeoutError) return { stderr: `Timeout: No Response from ${agent}${timeoutPeriod ? '.' : ''}\n`, status: 1 };
  if (err instanceof TransportError) {
    if (/^Unknown host/.test(err.message)) return { stderr: `${name}: Unknown host (${agent})\n`, status: 1 };
    // net-snmp reports a failed connection as an unknown host with strerror's words.
    const code = (err.cause as NodeJS.ErrnoException | undefined)?.code ?? /\b(E[A-Z]+)\b/.exec(err.message)?.[1];
    const words = code === undefined ? undefined : STRERROR[code];
    return { stderr: words === undefined ? `${name}: ${err.message}\n` : `${name}: Unknown host (${agent}) (${words})\n`, status: 1 };
  }
  // Interrupted (Ctrl-C): say nothing more, exit as a shell reports SIGINT.
  if (err instanceof AbortError) return { stderr: '', status: 130 };
  if (err instanceof WalkAbortedError || err instanceof RequestError || err instanceof InvalidArgumentError) {
    return { stderr: `${name}: ${err.message}\n`, status: 1 };
  }
  if (err instanceof SnmpError) return { stderr: `${name}: ${err.message}\n`, status: 1 };
  return { stderr: `${name}: ${err instanceof Error ? err.message : String(err)}\n`, status: 1 };
}

/** Writes a failure. */
export function writeFailure(io: CliIo, f: Failure): number {
  if (f.stdout !== undefined) io.stdout(f.stdout);
  io.stderr(f.stderr);
  return f.status;
}
