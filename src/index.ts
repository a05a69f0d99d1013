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
export type { MessageHandler, MessageSource, SendCallback, Transport, TransportAddress, TransportDomain, TransportOptions } from './transport/types.js';
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

// Agent
export { Agent, type AgentEvents, type AgentOptions } from './agent/agent.js';
export { addExampleMib, createDefaultAgent, DEFAULT_AGENT_ADDRESSES, EXAMPLE_MIB } from './agent/default-agent.js';
export { type AgentRequestType, type HandlerItem, type HandlerReturn, isPromiseLike, type RequestContext, type SubtreeHandler } from './agent/handler.js';
export { MAX_RANGE_SUBTREES, type Region, Registration, type RegistrationOptions, Registry } from './agent/registry.js';
export { MibView, type ViewFamily } from './agent/view.js';
export { type AccessProfile, type CommunityPermission, type CommunityProfile, CommunityTable } from './agent/community.js';
export { type MibAccess, MibEntry, type MibEntryInit, type MibStatus, MibStore, type RestoreRefusal } from './agent/mib-store.js';
export { type TableColumn, TableHandler, type TableOptions, type TableRow } from './agent/table.js';
export { decodeIndex, encodeIndex, indexInRange, type IndexRanges, type IndexSyntax, type IndexValue } from './agent/table-index.js';
export { RowStatus, type RowStatusValue } from './agent/row-status.js';
export { DEFAULT_STALE_ROW_TIMEOUT } from './agent/stale-rows.js';
export { providerHandler, scalarHandler, type ScalarOptions, type VarBindProvider } from './agent/provider.js';
export {
  AgentCounters,
  type AuthenticationFailureEvent,
  type AuthenticationFailureReason,
  type AuthenticityRequest,
  CommandResponder,
  type ResponderOptions,
  type ResponderResult,
  type ResponderServices,
  type V3MessageHandler,
} from './agent/responder.js';
export { type AgentRequestPdu, type BulkEndOfMibView, type ProcessInput, type ProcessOutcome, processPdu } from './agent/processor.js';
export { addSnmpGroup, addSystemGroup, SNMP_GROUP, SYS_OR_ENTRY, type SysOrTable, SYSTEM, type SystemGroupOptions } from './agent/builtins.js';
export { type AgentState, formatState, loadState, newEngineId, parseState, saveState, saveStateSync, StateWriter } from './agent/state-file.js';
export { serveSnmprec, type ServeSnmprecOptions, snmprecStore } from './agent/snmprec-data.js';
export { AgentChannels, type AgentDropEvent, type AgentDropReason } from './agent/diagnostics.js';
export { formatSnmprec, formatSnmprecLine, parseSnmprec, parseSnmprecLine, type SnmprecParseOptions } from './smi/snmprec.js';

// Manager
export { defaultDispatcher, type GetBulkOptions, Session, type SessionExtraOptions } from './manager/session.js';
export { type AuthProtocol, type PrivProtocol, type RequestOptions, type SecurityLevel, type SessionOptions, type SessionVersion } from './manager/options.js';
export { Dispatcher, type DispatcherOptions, type DispatcherStats, type TransportFactory, type TransportSpec } from './manager/dispatcher.js';
export type { BulkWalkOptions, Walk, WalkOptions } from './manager/walk.js';
export type { TableOptions as SessionTableOptions, TableRow as SessionTableRow } from './manager/table.js';
export type { OidInput } from './manager/requests.js';
export type { Clock } from './manager/deadlines.js';
export { DROP_CHANNEL, type DropMessage, type DropReason, SEND_CHANNEL, type SendMessage, TIMEOUT_CHANNEL, type TimeoutMessage } from './manager/diagnostics.js';

// MIB compiler
export { type MibLoadReport, MibStore as MibModuleStore, type MibStoreOptions } from './mib/store.js';
export type {
  MibAccess as MibObjectAccess,
  MibBaseType,
  MibDefval,
  MibImport,
  MibIndexPart,
  MibKind,
  MibLanguage,
  MibModule,
  MibNamedNumber,
  MibObject,
  MibRange,
  MibStatus as MibObjectStatus,
  MibSyntax,
  MibTypeDef,
} from './mib/model.js';
export { type MibLabel, type MibNode, MibTree } from './mib/tree.js';
export { type ParseResult, parseMib } from './mib/parser.js';
export { formatDiagnostic, type MibDiagnostic, type MibSeverity } from './mib/diagnostics.js';
export { moduleFromJson, type MibModuleJson, moduleToJson } from './mib/json.js';
export { type FormatOidOptions, formatOid, type OidOutputFormat } from './mib/oid-format.js';
export { OidParseFailure, parseOid, type ParseOidOptions } from './mib/oid-parse.js';
export { type FormatValueOptions, formatValue, formatVarBind } from './mib/value-format.js';
export { translate, type TranslateOptions, type TranslateResult } from './mib/translate.js';
export { describeOid, oidReport, printTree } from './mib/report.js';
export {
  decodeIndex as decodeMibIndex,
  encodeIndex as encodeMibIndex,
  type IndexPartSpec,
  type IndexSpec,
  indexSpec,
  type IndexValue as MibIndexValue,
} from './mib/index-codec.js';
export { formatIntegerHint, formatOctetHint } from './mib/display-hint.js';
export { type EffectiveSyntax, effectiveSyntax, objectSyntax } from './mib/syntax-info.js';
export { type GeneratedFile, generateModule, moduleJsonText } from './mib/generate.js';
export { generateDefinitions, type GenerateOptions } from './mib/generate-ts.js';
