/**
 * Small pieces shared by the session, walks and tables: request PDUs, argument
 * conversion, and the error for a response that carries an error status.
 */
import { InvalidArgumentError, ResponseStatusError } from '../errors.js';
import { errorStatusName } from '../pdu/error-status.js';
import type { BasicPdu, GetBulkPdu } from '../pdu/types.js';
import { Oid } from '../smi/oid.js';
import type { VarBind } from '../smi/types.js';
import type { RequestOptions } from './options.js';
import type { Target } from './target.js';

/** An OID as the API accepts it: an `Oid`, or a dotted string parsed once at the boundary. */
export type OidInput = Oid | string;

/** What walks and tables need from a session. @internal */
export interface Requester {
  /** SNMP version of the session. */
  readonly version: 'v1' | 'v2c' | 'v3';
  /** Default max-repetitions of the session. */
  readonly maxRepetitions: number;
  /** Sends a request PDU and resolves with the response PDU, its error status unchecked. */
  request(pdu: BasicPdu | GetBulkPdu, options: RequestOptions | undefined): Promise<BasicPdu>;
  /** The session's target (connecting first when needed). */
  target(): Promise<Target>;
}

/**
 * Parses an OID argument.
 * @throws InvalidArgumentError
 */
export function toOid(oid: OidInput, what = 'OID'): Oid {
  if (oid instanceof Oid) return oid;
  if (typeof oid === 'string') return Oid.parse(oid);
  throw new InvalidArgumentError(`${what} must be an Oid or a dotted string`);
}

/**
 * Request varbinds with NULL values (RFC 3416 §4.2.1) for one OID or a list.
 * @throws InvalidArgumentError for an OID that does not parse or an empty list.
 */
export function nullVarbinds(oids: OidInput | readonly OidInput[]): VarBind[] {
  if (!Array.isArray(oids)) return [{ oid: toOid(oids as OidInput), type: 'Null', value: null }];
  const list = oids as readonly OidInput[];
  const out: VarBind[] = new Array(list.length);
  for (let i = 0; i < list.length; i++) out[i] = { oid: toOid(list[i]!), type: 'Null', value: null };
  return out;
}

/** A Get, GetNext or Set request PDU; the session fills in the request id. @internal */
export function basicRequest(type: 'GetRequest' | 'GetNextRequest' | 'SetRequest', varbinds: VarBind[]): BasicPdu {
  return { type, requestId: 0, errorStatus: 0, errorIndex: 0, varbinds };
}

/** A GetBulk request PDU. @internal */
export function bulkRequest(nonRepeaters: number, maxRepetitions: number, varbinds: VarBind[]): GetBulkPdu {
  return { type: 'GetBulkRequest', requestId: 0, nonRepeaters, maxRepetitions, varbinds };
}

/**
 * The error for a response with an error status: the status by RFC 3416 name and number,
 * the error index (shifted by `indexOffset` when the request was a slice of a larger one),
 * and the OID it points at.
 */
export function statusError(response: BasicPdu, request: readonly VarBind[], indexOffset = 0): ResponseStatusError {
  const i = response.errorIndex;
  const vb = i >= 1 ? (response.varbinds[i - 1] ?? request[i - 1]) : undefined;
  return new ResponseStatusError(errorStatusName(response.errorStatus), response.errorStatus, i > 0 ? i + indexOffset : i, vb?.oid.toString());
}

/**
 * Checks a per-call count option.
 * @throws InvalidArgumentError
 */
export function countOption(v: number | undefined, what: string, dflt: number, min = 0): number {
  const n = v ?? dflt;
  if (n !== Infinity && (!Number.isInteger(n) || n < min)) throw new InvalidArgumentError(`${what} must be an integer of at least ${min}, not ${String(n)}`);
  return n;
}
