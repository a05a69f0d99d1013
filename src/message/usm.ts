import { BerReader } from '../ber/reader.js';
import type { BerWriter } from '../ber/writer.js';
import { DecodeError, EncodeError } from '../errors.js';
import type { UsmSecurityParameters } from './types.js';

/**
 * Writes USM security parameters (RFC 3414 §2.4) as a SEQUENCE. When `authLength` is
 * given, msgAuthenticationParameters is written as that many zero bytes (RFC 3414 §6.3.1:
 * the digest is computed over the message with zeros in its place) and the offset of
 * those bytes, counted from the end of the writer's output, is returned; else -1.
 * @throws EncodeError when a field is out of range.
 */
export function writeUsmSecurityParameters(w: BerWriter, p: UsmSecurityParameters, authLength?: number): number {
  const mark = w.mark();
  w.writeOctets(0x04, p.msgPrivacyParameters);
  let authFromEnd = -1;
  if (authLength === undefined) {
    w.writeOctets(0x04, p.msgAuthenticationParameters);
  } else {
    if (![12, 16, 24, 32, 48].includes(authLength)) throw new EncodeError(`Authentication parameters of ${authLength} bytes; expected 12, 16, 24, 32 or 48`);
    authFromEnd = w.writeZeros(authLength);
    w.writeHeader(0x04, authLength);
  }
  if (p.msgUserName.length > 32) throw new EncodeError(`USM user name of ${p.msgUserName.length} octets; at most 32 (RFC 3414 §2.4)`);
  w.writeOctets(0x04, p.msgUserName);
  w.writeInteger32(0x02, nonNegative(p.msgAuthoritativeEngineTime, 'msgAuthoritativeEngineTime'));
  w.writeInteger32(0x02, nonNegative(p.msgAuthoritativeEngineBoots, 'msgAuthoritativeEngineBoots'));
  if (p.msgAuthoritativeEngineId.length > 32) throw new EncodeError('msgAuthoritativeEngineID longer than 32 octets');
  w.writeOctets(0x04, p.msgAuthoritativeEngineId);
  w.writeSequence(0x30, mark);
  return authFromEnd;
}

function nonNegative(n: number, what: string): number {
  if (!Number.isInteger(n) || n < 0 || n > 0x7fffffff) throw new EncodeError(`${what} must be an integer in 0..2^31-1, not ${n}`);
  return n;
}

/** USM security parameters with the offset of the authentication parameters' content. */
export interface DecodedUsmSecurityParameters extends UsmSecurityParameters {
  /** Offset of msgAuthenticationParameters' content within the decoded bytes. */
  authParametersOffset: number;
}

/**
 * Decodes msgSecurityParameters as USM's (RFC 3414 §2.4). Offsets in errors and in the
 * result are relative to `bytes` plus `baseOffset`.
 * @throws DecodeError when they are malformed.
 */
export function decodeUsmSecurityParameters(bytes: Uint8Array, baseOffset = 0): DecodedUsmSecurityParameters {
  const r = new BerReader(bytes);
  try {
    const outer = r.enter(0x30, 'UsmSecurityParameters');
    const msgAuthoritativeEngineId = r.readOctets(0x04, 'msgAuthoritativeEngineID');
    const bootsAt = r.pos;
    const msgAuthoritativeEngineBoots = r.readInteger32(0x02, 'msgAuthoritativeEngineBoots');
    if (msgAuthoritativeEngineBoots < 0) throw new DecodeError('badSecurityParameters', bootsAt, 'negative msgAuthoritativeEngineBoots');
    const timeAt = r.pos;
    const msgAuthoritativeEngineTime = r.readInteger32(0x02, 'msgAuthoritativeEngineTime');
    if (msgAuthoritativeEngineTime < 0) throw new DecodeError('badSecurityParameters', timeAt, 'negative msgAuthoritativeEngineTime');
    const userAt = r.pos;
    const msgUserName = r.readOctets(0x04, 'msgUserName');
    if (msgUserName.length > 32) throw new DecodeError('badSecurityParameters', userAt, `msgUserName of ${msgUserName.length} octets; at most 32`);
    const msgAuthenticationParameters = r.readOctets(0x04, 'msgAuthenticationParameters');
    const authParametersOffset = msgAuthenticationParameters.byteOffset - bytes.byteOffset;
    const msgPrivacyParameters = r.readOctets(0x04, 'msgPrivacyParameters');
    r.leave(outer, 'UsmSecurityParameters');
    if (r.pos !== bytes.length) throw new DecodeError('trailingBytes', r.pos, 'bytes after UsmSecurityParameters');
    return {
      msgAuthoritativeEngineId,
      msgAuthoritativeEngineBoots,
      msgAuthoritativeEngineTime,
      msgUserName,
      msgAuthenticationParameters,
      msgPrivacyParameters,
      authParametersOffset: authParametersOffset + baseOffset,
    };
  } catch (err) {
    if (err instanceof DecodeError && baseOffset !== 0) {
      throw new DecodeError(err.kind, err.offset + baseOffset, err.message.replace(/ \(at byte \d+\)$/, ''), { cause: err.cause });
    }
    throw err;
  }
}
