/**
 * tsnmp: a complete SNMP toolkit for Node.js. This is the public API; everything is a
 * named export, grouped by layer.
 */

// Errors
export {
  AbortError,
  AgentxError,
  AuthenticationError,
  DecodeError,
  type DecodeErrorKind,
  EncodeError,
  InvalidArgumentError,
  MibError,
  ReportError,
  RequestError,
  RequestTimeoutError,
  ResponseStatusError,
  SnmpError,
  type SnmpErrorOptions,
  TransportError,
  type WalkAbortReason,
  WalkAbortedError,
} from './errors.js';

// SMI values
export { MAX_ARC, MAX_OID_ARCS, Oid } from './smi/oid.js';
export {
  type BitStringValue,
  type ExceptionType,
  isException,
  type SmiType,
  SmiTag,
  SmiTypeByTag,
  type SmiValue,
  type SmiValueMap,
  type Unsigned32Type,
  type VarBind,
  type VarBindOf,
} from './smi/types.js';
export { checkValue, checkVarBind, nullVarBind, varBind } from './smi/values.js';
export {
  ipAddressFromOctets,
  ipAddressToOctets,
  isUtf8,
  octetsEqual,
  octetsFromHex,
  octetsFromText,
  octetsToHex,
  octetsToText,
} from './smi/octets.js';
export { bitsFromPositions, bitsToPositions } from './smi/bits.js';

// BER
export { BerReader } from './ber/reader.js';
export { BerWriter } from './ber/writer.js';
export { DEFAULT_DECODE_LIMITS, type DecodeOptions } from './ber/limits.js';
export { type BerNode, type BerTreeOptions, type BerValue, decodeBerTree, type FormatBerTreeOptions, formatBerTree } from './ber/tree.js';

// PDUs
export { type BasicPdu, type BasicPduType, type GetBulkPdu, type Pdu, PduTag, type PduType, type TrapV1Pdu } from './pdu/types.js';
export {
  ErrorStatus,
  type ErrorStatusCode,
  type ErrorStatusName,
  errorStatusName,
  errorStatusToV1,
  GenericTrap,
  type GenericTrapName,
} from './pdu/error-status.js';
export { readPdu, writePdu } from './pdu/codec.js';
export { readVarBinds, writeVarBinds } from './pdu/varbinds.js';

// Messages
export {
  type CommunityMessage,
  type Message,
  MsgFlags,
  type ScopedPdu,
  SecurityModel,
  SnmpVersion,
  type SnmpVersionCode,
  type UsmSecurityParameters,
  type V3EncryptedMessage,
  type V3Header,
  type V3Message,
  type V3PlainMessage,
} from './message/types.js';
export {
  decodeMessage,
  decodePdu,
  decodeScopedPdu,
  type DecodedV3Message,
  decodeV3Message,
  encodeCommunityMessage,
  encodeMessage,
  encodePdu,
  encodeScopedPdu,
  type EncodedV3Message,
  encodeV3Message,
  peekVersion,
  type V3SecurityInput,
} from './message/codec.js';
export { type DecodedUsmSecurityParameters, decodeUsmSecurityParameters, writeUsmSecurityParameters } from './message/usm.js';

// Transports
export type { MessageHandler, MessageSource, Transport, TransportAddress, TransportDomain, TransportOptions } from './transport/types.js';
export {
  DEFAULT_AGENT_PORT,
  DEFAULT_TRAP_PORT,
  formatAddress,
  parseAddress,
  resolveAddress,
  sameAddress,
  type ResolveOptions,
} from './transport/address.js';
export {
  TransportChannels,
  type TransportConnectionEvent,
  type TransportDropEvent,
  type TransportDropReason,
  type TransportErrorEvent,
} from './transport/diagnostics.js';
export { openTransport, type OpenTransportOptions } from './transport/open.js';
export { TcpClientTransport, type TcpClientOptions } from './transport/tcp-client.js';
export { TcpListenerTransport, type TcpListenerOptions } from './transport/tcp-listener.js';
export { UdpTransport, type UdpTransportOptions } from './transport/udp.js';
