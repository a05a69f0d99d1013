import { DEFAULT_DECODE_LIMITS, type DecodeOptions } from '../ber/limits.js';
import { BerReader, copyBytes } from '../ber/reader.js';
import { BerWriter } from '../ber/writer.js';
import { DecodeError, EncodeError, SnmpError } from '../errors.js';
import { readPdu, writePdu } from '../pdu/codec.js';
import type { ExpectedNames } from '../pdu/varbinds.js';
import type { Pdu } from '../pdu/types.js';
import {
  type CommunityMessage,
  type Message,
  type ScopedPdu,
  SecurityModel,
  SnmpVersion,
  type UsmSecurityParameters,
  type V3Header,
  type V3Message,
} from './types.js';
import { writeUsmSecurityParameters } from './usm.js';

let sharedWriter: BerWriter | undefined;
let sharedBusy = false;

/** Runs `fn` with a reusable writer and returns a copy of what it wrote. */
function withWriter<T>(fn: (w: BerWriter) => T): { bytes: Uint8Array; result: T } {
  let w: BerWriter;
  const useShared = !sharedBusy;
  if (useShared) {
    sharedWriter ??= new BerWriter(16384);
    w = sharedWriter;
    w.reset();
    sharedBusy = true;
  } else {
    w = new BerWriter();
  }
  try {
    const result = fn(w);
    return { bytes: w.toBytes(), result };
  } finally {
    if (useShared) sharedBusy = false;
  }
}

/**
 * Runs an encoder so that only SnmpErrors (EncodeError) leave it, whatever the input: a
 * value of the wrong JavaScript type makes an EncodeError with the original as its cause.
 */
function encodeGuard<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof SnmpError) throw err;
    throw new EncodeError(`Cannot encode: ${(err as Error)?.message ?? String(err)}`, { cause: err });
  }
}

/**
 * Encodes a PDU alone (the first layer of seed 002's build: PDU, envelope, bytes).
 * @throws EncodeError
 */
export function encodePdu(pdu: Pdu): Uint8Array {
  return encodeGuard(() => withWriter((w) => writePdu(w, pdu)).bytes);
}

/**
 * Decodes a PDU alone.
 * @throws DecodeError
 */
export function decodePdu(bytes: Uint8Array, options?: DecodeOptions): Pdu {
  const r = new BerReader(bytes);
  r.copyOids = options?.copyOctets ?? false;
  const pdu = guard(() => readPdu(r, options?.maxVarBinds ?? DEFAULT_DECODE_LIMITS.maxVarBinds, options?.copyOctets ?? false));
  if (r.pos !== bytes.length) throw new DecodeError('trailingBytes', r.pos, `${bytes.length - r.pos} bytes after the PDU`);
  return pdu;
}

/**
 * Encodes a v1 or v2c community message (RFC 1157 §4, RFC 1901).
 * @throws EncodeError when the version does not allow the PDU or a value is out of range.
 */
export function encodeCommunityMessage(msg: CommunityMessage): Uint8Array {
  return encodeGuard(() => {
    // Only v1 and v2c have a community; checkPduForVersion alone would let 3 through.
    if (msg.version !== SnmpVersion.v1 && msg.version !== SnmpVersion.v2c) throw new EncodeError(`A community message has version 0 or 1, not ${String(msg.version)}`);
    checkCommunityPdu(msg.version, msg.pdu);
    return withWriter((w) => {
      const mark = w.mark();
      writePdu(w, msg.pdu);
      w.writeOctets(0x04, msg.community);
      w.writeInteger32(0x02, msg.version);
      w.writeSequence(0x30, mark);
    }).bytes;
  });
}

/**
 * Checks that a community message of this version may carry the PDU: its type (RFC 3584
 * §2: SNMPv1 has no GetBulk, Inform, SNMPv2-Trap or Report; v2c no v1 Trap) and, in v1,
 * its values.
 * @throws EncodeError when it may not.
 */
export function checkCommunityPdu(version: 0 | 1, pdu: Pdu): void {
  checkPduForVersion(version, pdu.type);
  if (version === SnmpVersion.v1) checkV1Values(pdu);
}

/**
 * SNMPv1's SMI (RFC 1155 §3.2) has no Counter64, and the exception values are SNMPv2's
 * (RFC 3416 §3): neither can be sent in an SNMPv1 message.
 */
function checkV1Values(pdu: Pdu): void {
  const vbs = pdu.varbinds;
  for (let i = 0; i < vbs.length; i++) {
    const t = vbs[i]!.type;
    if (t === 'Counter64' || t === 'NoSuchObject' || t === 'NoSuchInstance' || t === 'EndOfMibView') {
      throw new EncodeError(`A ${t} value cannot be sent in an SNMPv1 message (varbind ${i + 1})`);
    }
  }
}

function checkPduForVersion(version: number, type: Pdu['type']): void {
  if (version === SnmpVersion.v1) {
    // RFC 3584 §2: SNMPv1 has no GetBulk, Inform, SNMPv2-Trap or Report.
    if (type === 'GetBulkRequest' || type === 'InformRequest' || type === 'SNMPv2Trap' || type === 'Report') {
      throw new EncodeError(`${type} cannot be sent in an SNMPv1 message`);
    }
  } else if (version === SnmpVersion.v2c || version === SnmpVersion.v3) {
    if (type === 'Trap') throw new EncodeError('The SNMPv1 Trap-PDU can only be sent in an SNMPv1 message');
  } else {
    throw new EncodeError(`Unknown SNMP version ${version}`);
  }
}

/**
 * Encodes a scoped PDU (RFC 3412 §6.8), the plaintext that USM encrypts.
 * @throws EncodeError
 */
export function encodeScopedPdu(scoped: ScopedPdu): Uint8Array {
  return encodeGuard(() => {
    checkPduForVersion(SnmpVersion.v3, scoped.pdu.type);
    return withWriter((w) => writeScopedPdu(w, scoped)).bytes;
  });
}

function writeScopedPdu(w: BerWriter, scoped: ScopedPdu): void {
  const mark = w.mark();
  writePdu(w, scoped.pdu);
  w.writeOctets(0x04, scoped.contextName);
  w.writeOctets(0x04, scoped.contextEngineId);
  w.writeSequence(0x30, mark);
}

/** How the security parameters of a v3 message are given to the encoder. */
export type V3SecurityInput =
  | { readonly raw: Uint8Array }
  | { readonly usm: UsmSecurityParameters; readonly authLength?: number };

/** An encoded v3 message and where its authentication parameters are. */
export interface EncodedV3Message {
  bytes: Uint8Array;
  /** Offset of the zero-filled msgAuthenticationParameters to fill in place, or -1. */
  authParametersOffset: number;
}

/**
 * Encodes an SNMPv3 message (RFC 3412 §6). The data is a plain scoped PDU or the octets of
 * an encrypted one. With `{ usm, authLength }`, msgAuthenticationParameters is written as
 * `authLength` zero bytes whose offset is returned, for the security layer to fill with
 * the digest in place.
 * @throws EncodeError when a field is out of range.
 */
export function encodeV3Message(header: V3Header, security: V3SecurityInput, data: ScopedPdu | Uint8Array): EncodedV3Message {
  return encodeGuard(() => {
    if (!(data instanceof Uint8Array)) checkPduForVersion(SnmpVersion.v3, data.pdu.type);
    checkRange(header.msgId, 0, 0x7fffffff, 'msgID');
    checkRange(header.msgMaxSize, 484, 0x7fffffff, 'msgMaxSize');
    checkRange(header.msgFlags, 0, 255, 'msgFlags');
    // RFC 3412 §7.2 (5): priv without auth is an invalid combination; the decoder refuses it.
    if ((header.msgFlags & 0x03) === 0x02) throw new EncodeError('msgFlags has priv without auth');
    // RFC 3412 §6: msgSecurityModel INTEGER (1..2147483647); the decoder refuses 0 too.
    checkRange(header.msgSecurityModel, 1, 0x7fffffff, 'msgSecurityModel');
    const { bytes, result } = withWriter((w) => {
      const mark = w.mark();
      if (data instanceof Uint8Array) w.writeOctets(0x04, data);
      else writeScopedPdu(w, data);
      let authFromEnd = -1;
      if ('raw' in security) {
        w.writeOctets(0x04, security.raw);
      } else {
        const inner = w.mark();
        authFromEnd = writeUsmSecurityParameters(w, security.usm, security.authLength);
        w.writeSequence(0x04, inner);
      }
      const hmark = w.mark();
      w.writeInteger32(0x02, header.msgSecurityModel);
      w.writeOctets(0x04, Uint8Array.of(header.msgFlags));
      w.writeInteger32(0x02, header.msgMaxSize);
      w.writeInteger32(0x02, header.msgId);
      w.writeSequence(0x30, hmark);
      w.writeInteger32(0x02, SnmpVersion.v3);
      w.writeSequence(0x30, mark);
      return authFromEnd;
    });
    return { bytes, authParametersOffset: result < 0 ? -1 : bytes.length - result };
  });
}

function checkRange(n: number, min: number, max: number, what: string): void {
  if (!Number.isInteger(n) || n < min || n > max) throw new EncodeError(`${what} must be an integer in ${min}..${max}, not ${n}`);
}

/**
 * Encodes any message: a community message, or a v3 message with raw security parameters.
 * @throws EncodeError
 */
export function encodeMessage(msg: Message): Uint8Array {
  return encodeGuard(() => {
    if (msg.version === SnmpVersion.v3) {
      const data = msg.scopedPdu ?? msg.encryptedPdu;
      return encodeV3Message(msg, { raw: msg.msgSecurityParameters }, data).bytes;
    }
    return encodeCommunityMessage(msg);
  });
}

/** A decoded v3 message with where its security parameters sit in the input. */
export interface DecodedV3Message {
  message: V3Message;
  /** Offset of the msgSecurityParameters content in the input. */
  securityParametersOffset: number;
}

/**
 * Decodes any SNMP message (v1, v2c or v3); a v3 message's security parameters stay
 * octets and its scoped PDU stays encrypted when msgFlags says priv.
 * @throws DecodeError naming what was wrong and where; never a partial result.
 */
export function decodeMessage(bytes: Uint8Array, options?: DecodeOptions): Message {
  // The hot path of every manager and agent: no closure, no wrapper object.
  try {
    return decodeAny(bytes, options, undefined);
  } catch (err) {
    throw asDecodeError(err);
  }
}

/**
 * {@link decodeMessage} for the answer to a request whose varbind names are known (a
 * GetRequest's): a Response's name equal octet for octet to the expected one at its
 * position is that Oid instead of a new one (Oids are immutable). Same result and errors
 * otherwise. @internal
 * @throws DecodeError
 */
export function decodeMessageExpecting(bytes: Uint8Array, options: DecodeOptions | undefined, expected: ExpectedNames | undefined): Message {
  try {
    return decodeAny(bytes, options, expected);
  } catch (err) {
    throw asDecodeError(err);
  }
}

/**
 * The request id of an SNMPv1 or SNMPv2c message read from its first octets, without
 * decoding it (to find the request a response answers before decoding it), or undefined
 * when those octets are not the start of such a message. @internal
 */
export function peekRequestId(bytes: Uint8Array): number | undefined {
  // SEQUENCE { INTEGER version (0|1), OCTET STRING community, PDU { INTEGER request-id, ...
  if (bytes[0] !== 0x30 || peekLength(bytes, 1) < 0) return undefined;
  let p = peekAt;
  if (bytes[p] !== 0x02 || bytes[p + 1] !== 0x01 || bytes[p + 2]! > 1 || bytes[p + 3] !== 0x04) return undefined;
  const communityLength = peekLength(bytes, p + 4);
  if (communityLength < 0) return undefined;
  p = peekAt + communityLength;
  // The PDU's tag, its length, then the request id.
  if (p >= bytes.length || peekLength(bytes, p + 1) < 0) return undefined;
  p = peekAt;
  if (bytes[p] !== 0x02 || p + 2 > bytes.length) return undefined;
  const len = bytes[p + 1]!;
  if (len < 1 || len > 4 || p + 2 + len > bytes.length) return undefined;
  let id = (bytes[p + 2]! << 24) >> 24; // sign-extended, as an INTEGER
  for (let i = 1; i < len; i++) id = id * 256 + bytes[p + 2 + i]!;
  return id;
}

/** Where {@link peekLength} found the contents to start. */
let peekAt = 0;

/** The definite length whose octets start at `p` (setting `peekAt` past them), or -1. */
function peekLength(b: Uint8Array, p: number): number {
  const first = b[p];
  if (first === undefined) return -1;
  if (first < 0x80) {
    peekAt = p + 1;
    return first;
  }
  const k = first & 0x7f;
  if (k === 0 || k > 4 || p + 1 + k > b.length) return -1;
  let len = 0;
  for (let i = 1; i <= k; i++) len = len * 256 + b[p + i]!;
  peekAt = p + 1 + k;
  return len;
}

/**
 * Decodes an SNMPv3 message and reports the offset of its security parameters.
 * @throws DecodeError, also when the message is not v3.
 */
export function decodeV3Message(bytes: Uint8Array, options?: DecodeOptions): DecodedV3Message {
  return guard(() => {
    const message = decodeAny(bytes, options, undefined);
    if (message.version !== SnmpVersion.v3) throw new DecodeError('badVersion', 0, 'Not an SNMPv3 message');
    return { message, securityParametersOffset: lastSecurityParametersOffset };
  });
}

/**
 * Reads the version of a message without decoding the rest: 0 (v1), 1 (v2c), 3 (v3), or
 * another number for versions tsnmp does not speak.
 * @throws DecodeError when the bytes do not start like an SNMP message.
 */
export function peekVersion(bytes: Uint8Array): number {
  return guard(() => {
    const r = new BerReader(bytes);
    r.enter(0x30, 'Message');
    return r.readInteger32(0x02, 'version');
  });
}

/**
 * Decodes a scoped PDU (after decryption). Padding after the SEQUENCE is ignored when
 * `allowTrailing` is set (RFC 3414 §8.3.2: decrypted data may carry padding).
 * @throws DecodeError
 */
export function decodeScopedPdu(bytes: Uint8Array, options?: DecodeOptions & { allowTrailing?: boolean }): ScopedPdu {
  return guard(() => {
    const r = new BerReader(bytes);
    r.copyOids = options?.copyOctets ?? false;
    const scoped = readScopedPdu(r, options);
    if (r.pos !== bytes.length && options?.allowTrailing !== true) {
      throw new DecodeError('trailingBytes', r.pos, `${bytes.length - r.pos} bytes after the scoped PDU`);
    }
    return scoped;
  });
}

function readScopedPdu(r: BerReader, options: DecodeOptions | undefined): ScopedPdu {
  const outer = r.enter(0x30, 'ScopedPDU');
  const contextEngineId = octets(r, 'contextEngineID', options);
  const contextName = octets(r, 'contextName', options);
  const pduAt = r.pos;
  const pdu = readPdu(r, options?.maxVarBinds ?? DEFAULT_DECODE_LIMITS.maxVarBinds, options?.copyOctets ?? false);
  // RFC 3412 §6: a scoped PDU carries an SNMPv2 PDU, never the SNMPv1 Trap-PDU.
  if (pdu.type === 'Trap') throw new DecodeError('badPdu', pduAt, 'SNMPv1 Trap-PDU in a scoped PDU');
  r.leave(outer, 'ScopedPDU');
  return { contextEngineId, contextName, pdu };
}

function octets(r: BerReader, what: string, options: DecodeOptions | undefined): Uint8Array {
  const v = r.readOctets(0x04, what);
  return options?.copyOctets === true ? copyBytes(v) : v;
}

/** Where the last message {@link decodeAny} decoded has its security parameters (v3), else -1. */
let lastSecurityParametersOffset = -1;

function decodeAny(bytes: Uint8Array, options: DecodeOptions | undefined, expected: ExpectedNames | undefined): Message {
  const maxSize = options?.maxMessageSize ?? DEFAULT_DECODE_LIMITS.maxMessageSize;
  if (bytes.length > maxSize) throw new DecodeError('limitExceeded', 0, `Message of ${bytes.length} bytes exceeds the limit of ${maxSize}`);
  const maxVarBinds = options?.maxVarBinds ?? DEFAULT_DECODE_LIMITS.maxVarBinds;
  const copy = options?.copyOctets ?? false;
  const r = new BerReader(bytes);
  r.copyOids = options?.copyOctets ?? false;
  const outer = r.enter(0x30, 'Message');
  const versionAt = r.pos;
  const version = r.readInteger32(0x02, 'version');
  let message: Message;
  let securityParametersOffset = -1;
  if (version === SnmpVersion.v1 || version === SnmpVersion.v2c) {
    const community = octets(r, 'community', options);
    const pduAt = r.pos;
    const pdu = readPdu(r, maxVarBinds, copy, expected);
    if (version === SnmpVersion.v2c && pdu.type === 'Trap') throw new DecodeError('badPdu', pduAt, 'SNMPv1 Trap-PDU in an SNMPv2c message');
    if (version === SnmpVersion.v1 && (pdu.type === 'GetBulkRequest' || pdu.type === 'InformRequest' || pdu.type === 'SNMPv2Trap' || pdu.type === 'Report')) {
      throw new DecodeError('badPdu', pduAt, `${pdu.type} in an SNMPv1 message`);
    }
    message = { version, community, pdu };
  } else if (version === SnmpVersion.v3) {
    // RFC 3412 §6: msgGlobalData
    const hOuter = r.enter(0x30, 'HeaderData');
    const msgIdAt = r.pos;
    const msgId = r.readInteger32(0x02, 'msgID');
    if (msgId < 0) throw new DecodeError('badMessage', msgIdAt, 'negative msgID');
    const maxAt = r.pos;
    const msgMaxSize = r.readInteger32(0x02, 'msgMaxSize');
    if (msgMaxSize < 484) throw new DecodeError('badMessage', maxAt, `msgMaxSize ${msgMaxSize} is below 484`);
    const flagsAt = r.pos;
    const flags = r.readOctets(0x04, 'msgFlags');
    if (flags.length !== 1) throw new DecodeError('badMessage', flagsAt, `msgFlags of ${flags.length} octets, not 1`);
    const modelAt = r.pos;
    const msgSecurityModel = r.readInteger32(0x02, 'msgSecurityModel');
    if (msgSecurityModel < 1) throw new DecodeError('badMessage', modelAt, `msgSecurityModel ${msgSecurityModel}`);
    r.leave(hOuter, 'HeaderData');
    const secParams = octets(r, 'msgSecurityParameters', options);
    securityParametersOffset = r.pos - secParams.length;
    const msgFlags = flags[0]!;
    // RFC 3412 §7.2 (5): priv without auth is an invalid combination.
    if ((msgFlags & 0x03) === 0x02) throw new DecodeError('badMessage', flagsAt, 'msgFlags has priv without auth');
    const header = { version, msgId, msgMaxSize, msgFlags, msgSecurityModel, msgSecurityParameters: secParams } as const;
    if (r.peekTag() === 0x04) {
      message = { ...header, encryptedPdu: octets(r, 'encryptedPDU', options) };
    } else {
      message = { ...header, scopedPdu: readScopedPdu(r, options) };
    }
    if (msgSecurityModel === SecurityModel.usm && secParams.length === 0) {
      throw new DecodeError('badSecurityParameters', securityParametersOffset, 'empty USM security parameters');
    }
  } else {
    throw new DecodeError('badVersion', versionAt, `Unknown SNMP version ${version}`);
  }
  r.leave(outer, 'Message');
  if (r.pos !== bytes.length) throw new DecodeError('trailingBytes', r.pos, `${bytes.length - r.pos} bytes after the message`);
  lastSecurityParametersOffset = securityParametersOffset;
  return message;
}

/** Makes sure nothing but DecodeError escapes a decoder, whatever the input. */
function guard<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    throw asDecodeError(err);
  }
}

function asDecodeError(err: unknown): DecodeError {
  if (err instanceof DecodeError) return err;
  return new DecodeError('badMessage', 0, `Malformed input: ${(err as Error)?.message ?? String(err)}`, { cause: err });
}
