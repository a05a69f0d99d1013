import type { Pdu } from '../pdu/types.js';

/** SNMP message versions as they appear on the wire (RFC 1157, RFC 1901, RFC 3412). */
export const SnmpVersion = {
  v1: 0,
  v2c: 1,
  v3: 3,
} as const;

/** A wire version number. */
export type SnmpVersionCode = (typeof SnmpVersion)[keyof typeof SnmpVersion];

/** A v1 or v2c message: `SEQUENCE { version, community, data }` (RFC 1157 §4, RFC 1901). */
export interface CommunityMessage {
  version: typeof SnmpVersion.v1 | typeof SnmpVersion.v2c;
  /** The community octets. A secret: never logged. */
  community: Uint8Array;
  pdu: Pdu;
}

/** RFC 3412 §6.4 msgFlags bits. */
export const MsgFlags = {
  auth: 0x01,
  priv: 0x02,
  reportable: 0x04,
} as const;

/** RFC 3412 §6.5 security models. */
export const SecurityModel = {
  any: 0,
  v1: 1,
  v2c: 2,
  usm: 3,
} as const;

/** RFC 3412 §6: `ScopedPDU ::= SEQUENCE { contextEngineID, contextName, data }`. */
export interface ScopedPdu {
  contextEngineId: Uint8Array;
  contextName: Uint8Array;
  pdu: Pdu;
}

/** RFC 3414 §2.4: `UsmSecurityParameters`. */
export interface UsmSecurityParameters {
  msgAuthoritativeEngineId: Uint8Array;
  /** 0..2^31-1 */
  msgAuthoritativeEngineBoots: number;
  /** 0..2^31-1 */
  msgAuthoritativeEngineTime: number;
  /** The user name, 0..32 octets. */
  msgUserName: Uint8Array;
  /** The authentication digest (12 to 48 octets when authenticated, else empty). */
  msgAuthenticationParameters: Uint8Array;
  /** The privacy salt (8 octets when encrypted, else empty). */
  msgPrivacyParameters: Uint8Array;
}

/** The header fields of an SNMPv3 message (RFC 3412 §6). */
export interface V3Header {
  version: typeof SnmpVersion.v3;
  /** 0..2^31-1 */
  msgId: number;
  /** 484..2^31-1 */
  msgMaxSize: number;
  /** A combination of {@link MsgFlags}. */
  msgFlags: number;
  /** One of {@link SecurityModel}. */
  msgSecurityModel: number;
}

/** An SNMPv3 message whose scoped PDU is in plain form. */
export interface V3PlainMessage extends V3Header {
  /** The security parameters as octets (for USM, see {@link decodeUsmSecurityParameters}). */
  msgSecurityParameters: Uint8Array;
  scopedPdu: ScopedPdu;
  encryptedPdu?: undefined;
}

/** An SNMPv3 message whose scoped PDU is encrypted (msgFlags has priv). */
export interface V3EncryptedMessage extends V3Header {
  msgSecurityParameters: Uint8Array;
  encryptedPdu: Uint8Array;
  scopedPdu?: undefined;
}

/** An SNMPv3 message. */
export type V3Message = V3PlainMessage | V3EncryptedMessage;

/** Any SNMP message. */
export type Message = CommunityMessage | V3Message;
