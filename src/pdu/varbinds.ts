import { type BerReader, copyBytes } from '../ber/reader.js';
import { BerWriter } from '../ber/writer.js';
import { DecodeError, EncodeError } from '../errors.js';
import type { Oid } from '../smi/oid.js';
import type { VarBind } from '../smi/types.js';

/**
 * Writes a VarBindList (RFC 3416 §3): `SEQUENCE OF SEQUENCE { name, value }`.
 * @throws EncodeError when a value does not fit its type.
 */
export function writeVarBinds(w: BerWriter, varbinds: readonly VarBind[]): void {
  const listMark = w.mark();
  for (let i = varbinds.length - 1; i >= 0; i--) {
    const vb = varbinds[i]!;
    const mark = w.mark();
    try {
      writeValue(w, vb);
    } catch (err) {
      throw new EncodeError(`varbind ${i + 1} (${String(vb.oid)}): ${(err as Error).message}`, { cause: err });
    }
    w.writeOid(vb.oid);
    w.writeSequence(0x30, mark);
  }
  w.writeSequence(0x30, listMark);
}

/** Writes one SMI value with its tag. @throws EncodeError */
export function writeValue(w: BerWriter, vb: VarBind): void {
  switch (vb.type) {
    case 'Integer32':
      w.writeInteger32(0x02, vb.value);
      return;
    case 'OctetString':
      w.writeOctets(0x04, checkOctets(vb.value, 'OctetString'));
      return;
    case 'Null':
      w.writeNull(0x05);
      return;
    case 'ObjectIdentifier':
      w.writeOid(vb.value);
      return;
    case 'IpAddress':
      w.writeOctets(0x40, ipv4Octets(vb.value));
      return;
    case 'Counter32':
      w.writeUnsigned32(0x41, vb.value);
      return;
    case 'Gauge32':
      w.writeUnsigned32(0x42, vb.value);
      return;
    case 'TimeTicks':
      w.writeUnsigned32(0x43, vb.value);
      return;
    case 'Opaque':
      w.writeOctets(0x44, checkOctets(vb.value, 'Opaque'));
      return;
    case 'NsapAddress':
      w.writeOctets(0x45, checkOctets(vb.value, 'NsapAddress'));
      return;
    case 'Counter64':
      w.writeUnsigned64(0x46, vb.value);
      return;
    case 'UInteger32':
      w.writeUnsigned32(0x47, vb.value);
      return;
    case 'BitString': {
      const { bytes, unusedBits } = vb.value;
      checkOctets(bytes, 'BitString');
      if (!Number.isInteger(unusedBits) || unusedBits < 0 || unusedBits > 7 || (bytes.length === 0 && unusedBits !== 0)) {
        throw new EncodeError(`BitString unused bits must be 0..7 (0 when empty), not ${unusedBits}`);
      }
      w.writeRaw(bytes);
      w.writeByte(unusedBits);
      w.writeHeader(0x03, bytes.length + 1);
      return;
    }
    case 'NoSuchObject':
      w.writeNull(0x80);
      return;
    case 'NoSuchInstance':
      w.writeNull(0x81);
      return;
    case 'EndOfMibView':
      w.writeNull(0x82);
      return;
    default:
      throw new EncodeError(`Unknown SMI type: ${String((vb as { type: unknown }).type)}`);
  }
}

function checkOctets(v: unknown, type: string): Uint8Array {
  if (!(v instanceof Uint8Array)) throw new EncodeError(`${type} value must be a Uint8Array`);
  return v;
}

const ipCache = new Map<string, Uint8Array>();

/** Dotted quad to 4 octets. @throws EncodeError */
function ipv4Octets(text: string): Uint8Array {
  const cached = ipCache.get(text);
  if (cached !== undefined) return cached;
  if (typeof text !== 'string') throw new EncodeError('IpAddress value must be a dotted-quad string');
  const out = new Uint8Array(4);
  let part = 0;
  let value = 0;
  let digits = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 46;
    if (c === 46) {
      if (digits === 0 || part > 3) throw new EncodeError(`Not an IPv4 address: "${text}"`);
      out[part++] = value;
      value = 0;
      digits = 0;
    } else if (c >= 48 && c <= 57 && digits < 3) {
      value = value * 10 + c - 48;
      digits++;
      if (value > 255) throw new EncodeError(`Not an IPv4 address: "${text}"`);
    } else {
      throw new EncodeError(`Not an IPv4 address: "${text}"`);
    }
  }
  if (part !== 4) throw new EncodeError(`Not an IPv4 address: "${text}"`);
  if (ipCache.size < 4096) ipCache.set(text, out);
  return out;
}

/**
 * The names a response is expected to carry, in order (those of a GetRequest), with their
 * BER content octets: a name that comes back octet for octet is the expected Oid itself,
 * not a new one. @internal
 */
export interface ExpectedNames {
  readonly oids: readonly Oid[];
  readonly octets: readonly Uint8Array[];
  /**
   * Every name's whole encoding (tag, length, contents) one after the other in one array,
   * as they follow each other in the response: compared in one pass over memory that
   * stays together, where a poller of many agents would otherwise touch a small array per
   * name. A name with a long-form length (over 127 content octets) is absent from it, and
   * so is everything after it.
   */
  readonly tlvs: Uint8Array;
}

/**
 * The expected names for a list of OIDs (their content octets encoded once). @internal
 * @throws EncodeError for an OID that cannot be encoded.
 */
export function expectedNames(oids: readonly Oid[]): ExpectedNames {
  const w = new BerWriter(64);
  const encoded = oids.map((oid) => {
    w.reset();
    w.writeOid(oid);
    return w.toBytes();
  });
  // Content octets: after the tag and the (short or long form) length.
  const octets = encoded.map((tlv) => tlv.subarray(tlv[1]! < 0x80 ? 2 : 2 + (tlv[1]! & 0x7f)));
  const firstLong = encoded.findIndex((tlv) => tlv[1]! >= 0x80);
  const kept = firstLong < 0 ? encoded : encoded.slice(0, firstLong);
  const tlvs = new Uint8Array(kept.reduce((n, tlv) => n + tlv.length, 0));
  let at = 0;
  for (const tlv of kept) {
    tlvs.set(tlv, at);
    at += tlv.length;
  }
  return { oids, octets, tlvs };
}

/**
 * Reads a VarBindList. The reader must be positioned on its SEQUENCE header. With
 * `expected`, a name equal octet for octet to the expected one at its position is that
 * Oid (already valid, and shared: Oids are immutable) instead of a new one.
 * @throws DecodeError on any malformed varbind or more than `maxVarBinds`.
 */
export function readVarBinds(r: BerReader, maxVarBinds: number, copyOctets: boolean, expected?: ExpectedNames): VarBind[] {
  const outer = r.enter(0x30, 'VarBindList');
  const list: VarBind[] = [];
  while (r.pos < r.end) {
    if (list.length >= maxVarBinds) throw new DecodeError('limitExceeded', r.pos, `More than ${maxVarBinds} varbinds`);
    const vbOuter = r.enter(0x30, 'VarBind');
    const known = expected === undefined ? undefined : expectedAt(r, expected, list.length);
    const oid = known ?? r.readOid('VarBind name');
    const vb = readValue(r, oid, copyOctets);
    r.leave(vbOuter, 'VarBind');
    list.push(vb);
  }
  r.leave(outer, 'VarBindList');
  return list;
}

/** Reads one tagged SMI value for the given name. @throws DecodeError */
function readValue(r: BerReader, oid: VarBind['oid'], copyOctets: boolean): VarBind {
  const start = r.pos;
  const tag = r.readAnyHeader('VarBind value');
  const len = r.lastLength;
  switch (tag) {
    case 0x02:
      return { oid, type: 'Integer32', value: r.integer32Content(start, len, 'Integer32') };
    case 0x04:
      return { oid, type: 'OctetString', value: octets(r, len, copyOctets) };
    case 0x05:
      if (len !== 0) throw new DecodeError('badNull', start, `NULL with length ${len}`);
      return { oid, type: 'Null', value: null };
    case 0x06:
      return { oid, type: 'ObjectIdentifier', value: r.oidContent(start, len, 'ObjectIdentifier value') };
    case 0x40: {
      if (len !== 4) throw new DecodeError('badIpAddress', start, `IpAddress with ${len} octets, not 4`);
      const b = r.buf;
      const p = r.pos;
      r.pos = p + 4;
      return { oid, type: 'IpAddress', value: `${b[p]}.${b[p + 1]}.${b[p + 2]}.${b[p + 3]}` };
    }
    case 0x41:
      return { oid, type: 'Counter32', value: r.unsigned32Content(start, len, 'Counter32') };
    case 0x42:
      return { oid, type: 'Gauge32', value: r.unsigned32Content(start, len, 'Gauge32') };
    case 0x43:
      return { oid, type: 'TimeTicks', value: r.unsigned32Content(start, len, 'TimeTicks') };
    case 0x44:
      return { oid, type: 'Opaque', value: octets(r, len, copyOctets) };
    case 0x45:
      return { oid, type: 'NsapAddress', value: octets(r, len, copyOctets) };
    case 0x46:
      return { oid, type: 'Counter64', value: r.unsigned64Content(start, len, 'Counter64') };
    case 0x47:
      return { oid, type: 'UInteger32', value: r.unsigned32Content(start, len, 'UInteger32') };
    case 0x03: {
      if (len === 0) throw new DecodeError('badBitString', start, 'BIT STRING without its unused-bits octet');
      const unusedBits = r.buf[r.pos]!;
      if (unusedBits > 7 || (len === 1 && unusedBits !== 0)) {
        throw new DecodeError('badBitString', r.pos, `BIT STRING with ${unusedBits} unused bits`);
      }
      r.pos++;
      return { oid, type: 'BitString', value: { bytes: octets(r, len - 1, copyOctets), unusedBits } };
    }
    case 0x80:
    case 0x81:
    case 0x82:
      if (len !== 0) throw new DecodeError('badNull', start, `Exception value with length ${len}`);
      return { oid, type: tag === 0x80 ? 'NoSuchObject' : tag === 0x81 ? 'NoSuchInstance' : 'EndOfMibView', value: null };
    default:
      throw new DecodeError('badTag', start, `Unknown value tag 0x${tag.toString(16).padStart(2, '0')}`);
  }
}

/** The expected name at index `i` when the reader is on it octet for octet (and moves past it), else undefined. */
function expectedAt(r: BerReader, expected: ExpectedNames, i: number): Oid | undefined {
  const want = expected.octets[i];
  if (want === undefined) return undefined;
  const b = r.buf;
  const p = r.pos;
  const n = want.length;
  // A short-form length (names are at most 128 arcs, but mostly far shorter).
  if (n >= 0x80 || b[p] !== 0x06 || b[p + 1] !== n || p + 2 + n > r.end) return undefined;
  for (let k = 0; k < n; k++) if (b[p + 2 + k] !== want[k]) return undefined;
  r.pos = p + 2 + n;
  return expected.oids[i];
}

function octets(r: BerReader, len: number, copy: boolean): Uint8Array {
  const p = r.pos;
  r.pos = p + len;
  return copy ? copyBytes(r.buf, p, p + len) : r.buf.subarray(p, p + len);
}
