/**
 * RFC 3416 §3 error-status values (noError … inconsistentName), by name and number.
 * The first six are SNMPv1's (RFC 1157 §4.1.1).
 */
export const ErrorStatus = {
  noError: 0,
  tooBig: 1,
  noSuchName: 2,
  badValue: 3,
  readOnly: 4,
  genErr: 5,
  noAccess: 6,
  wrongType: 7,
  wrongLength: 8,
  wrongEncoding: 9,
  wrongValue: 10,
  noCreation: 11,
  inconsistentValue: 12,
  resourceUnavailable: 13,
  commitFailed: 14,
  undoFailed: 15,
  authorizationError: 16,
  notWritable: 17,
  inconsistentName: 18,
} as const;

/** Name of an RFC 3416 error status. */
export type ErrorStatusName = keyof typeof ErrorStatus;
/** Number of an RFC 3416 error status. */
export type ErrorStatusCode = (typeof ErrorStatus)[ErrorStatusName];

const NAMES: readonly string[] = Object.keys(ErrorStatus);

/** The RFC name of an error-status number, or `unknown(N)` for numbers outside the table. */
export function errorStatusName(code: number): string {
  return NAMES[code] ?? `unknown(${code})`;
}

/**
 * RFC 3584 §4.4: the SNMPv1 error status to send for an SNMPv2 one when answering a v1
 * request.
 */
export function errorStatusToV1(code: number): number {
  switch (code) {
    case ErrorStatus.noError:
    case ErrorStatus.tooBig:
    case ErrorStatus.noSuchName:
    case ErrorStatus.badValue:
    case ErrorStatus.readOnly:
    case ErrorStatus.genErr:
      return code;
    case ErrorStatus.wrongValue:
    case ErrorStatus.wrongEncoding:
    case ErrorStatus.wrongType:
    case ErrorStatus.wrongLength:
    case ErrorStatus.inconsistentValue:
      return ErrorStatus.badValue;
    case ErrorStatus.noAccess:
    case ErrorStatus.notWritable:
    case ErrorStatus.noCreation:
    case ErrorStatus.inconsistentName:
    case ErrorStatus.authorizationError:
      return ErrorStatus.noSuchName;
    case ErrorStatus.resourceUnavailable:
    case ErrorStatus.commitFailed:
    case ErrorStatus.undoFailed:
      return ErrorStatus.genErr;
    default:
      return ErrorStatus.genErr;
  }
}

/** RFC 1157 §4.1.6 generic-trap values of the SNMPv1 Trap-PDU. */
export const GenericTrap = {
  coldStart: 0,
  warmStart: 1,
  linkDown: 2,
  linkUp: 3,
  authenticationFailure: 4,
  egpNeighborLoss: 5,
  enterpriseSpecific: 6,
} as const;

/** Name of an SNMPv1 generic trap. */
export type GenericTrapName = keyof typeof GenericTrap;
