import { DecodeError } from '../errors.js';
import { MAX_OID_ARCS, type Oid, oidFromValidatedBer } from '../smi/oid.js';

/**
 * A consuming cursor over BER bytes (the X.690 subset SNMP uses). Every read checks the
 * bounds of the enclosing element and throws {@link DecodeError} with the byte offset;
 * nothing else escapes. Octet-string values are views into the input, not copies:
 * the input must not be modified while decoded values are in use.
 */
export class BerReader {
  /** The whole input. */
  readonly buf: Uint8Array;
  /** Offset of the next byte to read. */
  pos: number;
  /** Offset just past the current enclosing element. */
  end: number;
  /** Where the reader started: the outermost element's tag, when it reads a whole message. */
  readonly #origin: number;

  constructor(buf: Uint8Array, start = 0, end: number = buf.length) {
    this.buf = buf;
    this.pos = start;
    this.end = end;
    this.#origin = start;
  }

  /** True when the enclosing element has no more bytes. */
  atEnd(): boolean {
    return this.pos >= this.end;
  }

  /** The next tag byte without consuming it. @throws DecodeError at the end. */
  peekTag(): number {
    if (this.pos >= this.end) throw new DecodeError('truncated', this.pos, 'Expected a tag, found the end of the element');
    return this.buf[this.pos]!;
  }

  /**
   * Reads a tag and a definite length; returns the length and leaves `pos` on the first
   * content byte. Multi-byte (high-tag-number) tags are rejected: SNMP uses none.
   * @throws DecodeError on a truncated header, an indefinite length (RFC 3417 §8), or a
   *   length that runs past the enclosing element.
   */
  readHeader(expectedTag: number, what: string): number {
    const start = this.pos;
    const buf = this.buf;
    if (start + 2 > this.end) throw new DecodeError('truncated', start, `${what}: truncated header`);
    const tag = buf[start]!;
    if (tag !== expectedTag) {
      throw new DecodeError('badTag', start, `${what}: expected tag 0x${hex2(expectedTag)}, found 0x${hex2(tag)}`);
    }
    return this.readLengthAt(start + 1, what);
  }

  /** Reads any tag and its length; returns the tag, with the length in `lastLength`. */
  readAnyHeader(what: string): number {
    const start = this.pos;
    if (start + 2 > this.end) throw new DecodeError('truncated', start, `${what}: truncated header`);
    const tag = this.buf[start]!;
    if ((tag & 0x1f) === 0x1f) throw new DecodeError('badTag', start, `${what}: high-tag-number form is not used by SNMP`);
    this.lastLength = this.readLengthAt(start + 1, what);
    return tag;
  }

  /** Length read by the last {@link readAnyHeader}. */
  lastLength = 0;

  /**
   * Give each decoded OID its own copy of its octets instead of a view of the input, so
   * that it stays valid when the input is reused (set from DecodeOptions.copyOctets).
   * Default false.
   */
  copyOids = false;

  private readLengthAt(p: number, what: string): number {
    const at = p;
    const buf = this.buf;
    let len = buf[p++]!;
    if (len >= 0x80) {
      const n = len & 0x7f;
      if (n === 0) throw new DecodeError('indefiniteLength', p - 1, `${what}: indefinite length is not allowed (RFC 3417 §8)`);
      if (n > 4) throw new DecodeError('badLength', p - 1, `${what}: length of ${n} octets is too large`);
      if (p + n > this.end) throw new DecodeError('truncated', p - 1, `${what}: truncated length`);
      len = 0;
      for (let i = 0; i < n; i++) len = len * 256 + buf[p++]!;
    }
    if (len > this.end - p) {
      // The outermost element longer than the whole input: the input was cut short (a
      // truncated datagram or read). Inside it, a length past its enclosing element's end
      // contradicts that element: badLength.
      if (at === this.#origin + 1 && this.end === buf.length) {
        throw new DecodeError('truncated', p, `${what}: the input ends ${len - (this.end - p)} bytes before the element does`);
      }
      throw new DecodeError('badLength', p, `${what}: length ${len} runs past the end (${this.end - p} bytes left)`);
    }
    this.pos = p;
    return len;
  }

  /**
   * Enters a constructed element (SEQUENCE or a PDU): returns the offset just past it and
   * narrows `end` to it. Call {@link leave} with the saved outer end afterwards.
   */
  enter(expectedTag: number, what: string): number {
    const len = this.readHeader(expectedTag, what);
    const outer = this.end;
    this.end = this.pos + len;
    return outer;
  }

  /**
   * Leaves a constructed element entered with {@link enter}.
   * @throws DecodeError when bytes are left over inside it.
   */
  leave(outerEnd: number, what: string): void {
    if (this.pos !== this.end) throw new DecodeError('trailingBytes', this.pos, `${what}: ${this.end - this.pos} unexpected bytes at the end`);
    this.end = outerEnd;
  }

  /** Skips one whole element of any tag; returns its tag. */
  skip(what: string): number {
    const tag = this.readAnyHeader(what);
    this.pos += this.lastLength;
    return tag;
  }

  /** Reads an INTEGER of the given tag as a signed 32-bit number. */
  readInteger32(tag: number, what: string): number {
    const start = this.pos;
    const len = this.readHeader(tag, what);
    return this.integer32Content(start, len, what);
  }

  /** Decodes `len` content bytes at `pos` as a two's complement Integer32. */
  integer32Content(start: number, len: number, what: string): number {
    const buf = this.buf;
    let p = this.pos;
    if (len === 0) throw new DecodeError('badInteger', start, `${what}: empty INTEGER`);
    if (len > 4) {
      // Redundant sign bytes are accepted as long as the value fits in 32 bits.
      const sign = buf[p + len - 4]! & 0x80 ? 0xff : 0;
      for (let i = 0; i < len - 4; i++) {
        if (buf[p + i] !== sign) throw new DecodeError('integerOutOfRange', start, `${what}: INTEGER does not fit in 32 bits`);
      }
      p += len - 4;
      len = 4;
    }
    let v = (buf[p]! << 24) >> 24; // sign-extend the first byte
    for (let i = 1; i < len; i++) v = (v << 8) | buf[p + i]!;
    this.pos = p + len;
    return v;
  }

  /** Reads an unsigned INTEGER of the given tag (Counter32, Gauge32, TimeTicks). */
  readUnsigned32(tag: number, what: string): number {
    const start = this.pos;
    const len = this.readHeader(tag, what);
    return this.unsigned32Content(start, len, what);
  }

  /** Decodes `len` content bytes at `pos` as an unsigned 32-bit value. */
  unsigned32Content(start: number, len: number, what: string): number {
    const buf = this.buf;
    let p = this.pos;
    if (len === 0) throw new DecodeError('badInteger', start, `${what}: empty INTEGER`);
    // These types are never negative (RFC 2578 §7.1.6-8). Some agents leave out the 0x00
    // that a value with its top bit set needs (41 04 FF FF FF FF, 41 02 80 E8): read the
    // octets as the unsigned number the sender meant instead of dropping the message.
    while (len > 4 && buf[p] === 0) {
      p++;
      len--;
    }
    if (len > 4) throw new DecodeError('integerOutOfRange', start, `${what}: value does not fit in 32 bits`);
    let v = 0;
    for (let i = 0; i < len; i++) v = v * 256 + buf[p + i]!;
    this.pos = p + len;
    return v;
  }

  /** Decodes `len` content bytes at `pos` as an unsigned 64-bit bigint (Counter64). */
  unsigned64Content(start: number, len: number, what: string): bigint {
    const buf = this.buf;
    let p = this.pos;
    if (len === 0) throw new DecodeError('badInteger', start, `${what}: empty INTEGER`);
    // As for unsigned32Content: a missing leading 0x00 is read as the unsigned value meant.
    while (len > 8 && buf[p] === 0) {
      p++;
      len--;
    }
    if (len > 8) throw new DecodeError('integerOutOfRange', start, `${what}: value does not fit in 64 bits`);
    this.pos = p + len;
    return unsigned64At(buf, p, len);
  }

  /** Reads an OCTET STRING-like element of the given tag; returns a view, not a copy. */
  readOctets(tag: number, what: string): Uint8Array {
    const len = this.readHeader(tag, what);
    const p = this.pos;
    this.pos = p + len;
    return this.buf.subarray(p, p + len);
  }

  /** Reads a NULL-like element (tag given; NULL or an exception value): length must be 0. */
  readNull(tag: number, what: string): void {
    const start = this.pos;
    const len = this.readHeader(tag, what);
    if (len !== 0) throw new DecodeError('badNull', start, `${what}: NULL with length ${len}`);
  }

  /** Reads an OBJECT IDENTIFIER. */
  readOid(what: string): Oid {
    const start = this.pos;
    const len = this.readHeader(0x06, what);
    return this.oidContent(start, len, what);
  }

  /**
   * Decodes `len` content bytes at `pos` as an OBJECT IDENTIFIER (X.690 §8.19): arcs up to
   * 2^32-1, at most 128 arcs, the first two arcs packed into the first sub-identifier.
   */
  oidContent(start: number, len: number, what: string): Oid {
    const buf = this.buf;
    const p0 = this.pos;
    const end = p0 + len;
    if (len === 0) throw new DecodeError('badOid', start, `${what}: empty OBJECT IDENTIFIER`);
    if (buf[end - 1]! & 0x80) throw new DecodeError('badOid', end - 1, `${what}: OBJECT IDENTIFIER ends inside a sub-identifier`);
    // Validate every sub-identifier; the arcs themselves are decoded when first used.
    let count = 1;
    let p = p0;
    let first = true;
    while (p < end) {
      let b = buf[p++]!;
      if (b < 0x80) {
        count++;
        first = false;
        continue;
      }
      if (b === 0x80) throw new DecodeError('badOid', p - 1, `${what}: sub-identifier with a leading 0x80 byte`);
      let v = b & 0x7f;
      do {
        b = buf[p++]!;
        v = v * 128 + (b & 0x7f);
      } while (b & 0x80 && v <= 0xffffffff + 80);
      // The first sub-identifier is X*40+Y and may exceed 2^32-1 by up to 80 (X = 2).
      if (v > (first ? 0xffffffff + 80 : 0xffffffff)) throw new DecodeError('badOid', p - 1, `${what}: arc above 2^32-1`);
      count++;
      first = false;
    }
    if (count > MAX_OID_ARCS) throw new DecodeError('badOid', start, `${what}: OBJECT IDENTIFIER has ${count} arcs; at most ${MAX_OID_ARCS} are allowed`);
    this.pos = end;
    return this.copyOids ? oidFromValidatedBer(copyBytes(buf, p0, end), 0, len) : oidFromValidatedBer(buf, p0, end);
  }
}

/** The unsigned value of `len` (at most 8) big-endian octets at `p`, as a bigint. */
export function unsigned64At(buf: Uint8Array, p: number, len: number): bigint {
  let hi = 0;
  let lo = 0;
  for (let i = 0; i < len; i++) {
    hi = hi * 256 + Math.floor(lo / 0x1000000);
    lo = (lo % 0x1000000) * 256 + buf[p + i]!;
  }
  return hi === 0 ? BigInt(lo) : (BigInt(hi) << 32n) | BigInt(lo);
}

/**
 * A copy of `src[start..end)` in a new plain Uint8Array. (`Buffer#slice` would return a
 * view, not a copy, and a Node Buffer is what a socket delivers.)
 */
export function copyBytes(src: Uint8Array, start = 0, end: number = src.length): Uint8Array {
  const out = new Uint8Array(end - start);
  out.set(src.subarray(start, end));
  return out;
}

function hex2(n: number): string {
  return n.toString(16).padStart(2, '0');
}
