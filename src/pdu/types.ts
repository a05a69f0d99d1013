import type { Oid } from '../smi/oid.js';
import type { VarBind } from '../smi/types.js';

/** The PDU kinds (RFC 3416 §3, and RFC 1157's Trap-PDU) with their BER tags. */
export const PduTag = {
  GetRequest: 0xa0,
  GetNextRequest: 0xa1,
  Response: 0xa2,
  SetRequest: 0xa3,
  Trap: 0xa4,
  GetBulkRequest: 0xa5,
  InformRequest: 0xa6,
  SNMPv2Trap: 0xa7,
  Report: 0xa8,
} as const;

/** Name of a PDU kind. `Trap` is SNMPv1's Trap-PDU; `SNMPv2Trap` is RFC 3416's. */
export type PduType = keyof typeof PduTag;

/** PDU kinds that share the request-id / error-status / error-index layout. */
export type BasicPduType = Exclude<PduType, 'GetBulkRequest' | 'Trap'>;

/** Every PDU except GetBulkRequest and the v1 Trap (RFC 3416 §3 `PDU`). */
export interface BasicPdu {
  type: BasicPduType;
  /** Integer32. 0 is a valid id on the wire; sessions pick a fresh one when they send 0. */
  requestId: number;
  /** An RFC 3416 error status (see {@link ErrorStatus}); 0 in requests. */
  errorStatus: number;
  /** 1-based index of the varbind at fault; 0 when none. */
  errorIndex: number;
  varbinds: VarBind[];
}

/** RFC 3416 §3 `BulkPDU`. */
export interface GetBulkPdu {
  type: 'GetBulkRequest';
  requestId: number;
  /** How many leading varbinds get one successor each. */
  nonRepeaters: number;
  /** How many successors each remaining varbind gets. */
  maxRepetitions: number;
  varbinds: VarBind[];
}

/** RFC 1157 §4.1.6 `Trap-PDU` (SNMPv1 only). */
export interface TrapV1Pdu {
  type: 'Trap';
  /** sysObjectID of the sender, or the enterprise of an enterprise-specific trap. */
  enterprise: Oid;
  /** The sender's IPv4 address as a dotted quad. */
  agentAddr: string;
  /** One of {@link GenericTrap}. */
  genericTrap: number;
  specificTrap: number;
  /** sysUpTime in hundredths of a second. */
  timeStamp: number;
  varbinds: VarBind[];
}

/** Any PDU: a discriminated union on `type`. */
export type Pdu = BasicPdu | GetBulkPdu | TrapV1Pdu;
