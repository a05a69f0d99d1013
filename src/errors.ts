/**
 * Every error tsnmp throws. One base class, {@link SnmpError}, with a stable string
 * `code`; one subclass per situation. Never a bare `Error`.
 */

/** Options accepted by every error constructor. */
export interface SnmpErrorOptions {
  /** The error that caused this one. */
  cause?: unknown;
}

/** Base class of every error tsnmp throws; `code` is stable across versions. */
export class SnmpError extends Error {
  /** A stable, machine-readable code such as `ERR_SNMP_DECODE`. */
  readonly code: string;

  constructor(code: string, message: string, options?: SnmpErrorOptions) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
  }

  override get name(): string {
    return this.constructor.name;
  }
}

/** What a decoder found wrong. */
export type DecodeErrorKind =
  | 'truncated'
  | 'badTag'
  | 'badLength'
  | 'indefiniteLength'
  | 'trailingBytes'
  | 'badInteger'
  | 'integerOutOfRange'
  | 'badOid'
  | 'badNull'
  | 'badBitString'
  | 'badIpAddress'
  | 'badVersion'
  | 'badPdu'
  | 'badMessage'
  | 'badSecurityParameters'
  | 'limitExceeded'
  | 'badFrame';

/** Bad input to a decoder: names what was wrong and the byte offset where it was found. */
export class DecodeError extends SnmpError {
  /** What was wrong. */
  readonly kind: DecodeErrorKind;
  /** Byte offset in the decoded buffer where the problem starts. */
  readonly offset: number;

  constructor(kind: DecodeErrorKind, offset: number, message: string, options?: SnmpErrorOptions) {
    super('ERR_SNMP_DECODE', `${message} (at byte ${offset})`, options);
    this.kind = kind;
    this.offset = offset;
  }
}

/** A value that cannot be encoded (out of range, too long, too many arcs). */
export class EncodeError extends SnmpError {
  constructor(message: string, options?: SnmpErrorOptions) {
    super('ERR_SNMP_ENCODE', message, options);
  }
}

/** An argument to a public function that is not acceptable. */
export class InvalidArgumentError extends SnmpError {
  constructor(message: string, options?: SnmpErrorOptions) {
    super('ERR_SNMP_INVALID_ARGUMENT', message, options);
  }
}

/** A request got no response after its last retry. */
export class RequestTimeoutError extends SnmpError {
  /** The target, as `udp:127.0.0.1:161`. */
  readonly target: string;
  /** The first timeout, in milliseconds. */
  readonly timeout: number;
  /** How many retries were sent after the first attempt. */
  readonly retries: number;

  constructor(target: string, timeout: number, retries: number, options?: SnmpErrorOptions) {
    super('ERR_SNMP_TIMEOUT', `Timeout: No Response from ${target}.`, options);
    this.target = target;
    this.timeout = timeout;
    this.retries = retries;
  }
}

/** A response that carries an error status other than noError. */
export class ResponseStatusError extends SnmpError {
  /** RFC 3416 error-status name, e.g. `noSuchName`. */
  readonly status: string;
  /** RFC 3416 error-status number, e.g. 2. */
  readonly statusCode: number;
  /** The error-index (1-based; 0 when no varbind is at fault). */
  readonly errorIndex: number;
  /** The dotted OID the error index points at, when there is one. */
  readonly oid: string | undefined;

  constructor(status: string, statusCode: number, errorIndex: number, oid: string | undefined, options?: SnmpErrorOptions) {
    const where = oid === undefined ? '' : `; failed object: ${oid}`;
    super('ERR_SNMP_RESPONSE_STATUS', `Error in packet. Reason: ${status} (${statusCode}), index ${errorIndex}${where}`, options);
    this.status = status;
    this.statusCode = statusCode;
    this.errorIndex = errorIndex;
    this.oid = oid;
  }
}

/** An SNMPv3 Report received instead of a response (RFC 3414 §3.2 counters). */
export class ReportError extends SnmpError {
  /** The reason in words, such as `notInTimeWindow`. */
  readonly reason: string;
  /** The dotted OID of the counter the report carried. */
  readonly oid: string | undefined;

  constructor(reason: string, oid: string | undefined, message?: string, options?: SnmpErrorOptions) {
    super('ERR_SNMP_REPORT', message ?? `Report received: ${reason}`, options);
    this.reason = reason;
    this.oid = oid;
  }
}

/** An authentication or privacy failure (wrong digest, unknown user, bad keys). */
export class AuthenticationError extends SnmpError {
  /** The reason in words. */
  readonly reason: string;

  constructor(reason: string, message?: string, options?: SnmpErrorOptions) {
    super('ERR_SNMP_AUTHENTICATION', message ?? `Authentication failure: ${reason}`, options);
    this.reason = reason;
  }
}

/** Why a walk stopped early. */
export type WalkAbortReason = 'nonIncreasing' | 'cycle' | 'limit';

/** A walk stopped because the agent misbehaved or a limit was reached. */
export class WalkAbortedError extends SnmpError {
  /** Why the walk stopped. */
  readonly reason: WalkAbortReason;

  constructor(reason: WalkAbortReason, message: string, options?: SnmpErrorOptions) {
    super('ERR_SNMP_WALK_ABORTED', message, options);
    this.reason = reason;
  }
}

/** A general failure of a request that is neither a timeout nor an error status. */
export class RequestError extends SnmpError {
  constructor(message: string, options?: SnmpErrorOptions) {
    super('ERR_SNMP_REQUEST', message, options);
  }
}

/** A request cancelled through its AbortSignal or because its session closed. */
export class AbortError extends SnmpError {
  constructor(message = 'The operation was aborted', options?: SnmpErrorOptions) {
    super('ERR_SNMP_ABORTED', message, options);
  }
}

/** An AgentX protocol failure (RFC 2741). */
export class AgentxError extends SnmpError {
  /** The AgentX error name, e.g. `parseError`, when one applies. */
  readonly reason: string;

  constructor(reason: string, message: string, options?: SnmpErrorOptions) {
    super('ERR_SNMP_AGENTX', message, options);
    this.reason = reason;
  }
}

/** A MIB module that cannot be read or resolved; names the file, line and column. */
export class MibError extends SnmpError {
  /** The file (or module name when there is no file). */
  readonly file: string;
  /** 1-based line. */
  readonly line: number;
  /** 1-based column. */
  readonly column: number;

  constructor(file: string, line: number, column: number, message: string, options?: SnmpErrorOptions) {
    super('ERR_SNMP_MIB', `${file}:${line}:${column}: ${message}`, options);
    this.file = file;
    this.line = line;
    this.column = column;
  }
}

/** A transport could not be opened or used (bad address, socket error). */
export class TransportError extends SnmpError {
  constructor(message: string, options?: SnmpErrorOptions) {
    super('ERR_SNMP_TRANSPORT', message, options);
  }
}
