import { EncodeError, InvalidArgumentError } from '../errors.js';
import { MAX_OID_ARCS, type Oid, oidArcs, oidBerContent } from '../smi/oid.js';

const INITIAL_SIZE = 1024;

/**
 * A BER writer that fills its buffer from the end towards the start, so that every
 * length is known when its header is written: write the contents of an element first
 * (the last child first), then its header. Lengths are always in the shortest definite
 * form (X.690 §8.1.3, as net-snmp writes them).
 *
 * ```ts
 * const w = new BerWriter();
 * const end = w.mark();
 * w.writeInteger32(0x02, 5);
 * w.writeSequence(0x30, end);
 * w.toBytes(); // 30 03 02 01 05
 * ```
 */
export class BerWriter {
  private buf: Uint8Array;
  /** Offset of the first written byte; the output is `buf[pos..buf.length)`. */
  private pos: number;

  /** @throws InvalidArgumentError when `initialSize` (default 1024) is not an integer >= 0. */
  constructor(initialSize = INITIAL_SIZE) {
    if (!Number.isInteger(initialSize) || initialSize < 0) throw new InvalidArgumentError(`BerWriter initial size must be an integer >= 0, not ${initialSize}`);
    this.buf = new Uint8Array(initialSize);
    this.pos = initialSize;
  }

  /** Bytes written so far. */
  get length(): number {
    return this.buf.length - this.pos;
  }

  /** Forgets everything written, keeping the buffer. */
  reset(): void {
    this.pos = this.buf.length;
  }

  /** A position to pass to {@link writeSequence} once the element's contents are written. */
  mark(): number {
    return this.buf.length - this.pos;
  }

  private ensure(n: number): void {
    if (this.pos >= n) return;
    const used = this.buf.length - this.pos;
    // At least 64: doubling a zero-sized buffer would never grow it.
    let size = Math.max(this.buf.length * 2, 64);
    while (size - used < n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(this.pos), size - used);
    this.buf = next;
    this.pos = size - used;
  }

  /** Writes one byte. */
  writeByte(b: number): void {
    if (this.pos < 1) this.ensure(1);
    this.buf[--this.pos] = b;
  }

  /** Writes raw bytes. */
  writeRaw(bytes: Uint8Array): void {
    const n = bytes.length;
    if (this.pos < n) this.ensure(n);
    this.pos -= n;
    this.buf.set(bytes, this.pos);
  }

  /** Writes `n` zero bytes and returns their offset from the end of the output. */
  writeZeros(n: number): number {
    if (this.pos < n) this.ensure(n);
    this.pos -= n;
    this.buf.fill(0, this.pos, this.pos + n);
    return this.buf.length - this.pos;
  }

  /** Writes a tag and a definite length. */
  writeHeader(tag: number, len: number): void {
    if (this.pos < 6) this.ensure(6);
    const buf = this.buf;
    let p = this.pos;
    if (len < 0x80) {
      buf[--p] = len;
    } else if (len < 0x100) {
      buf[--p] = len;
      buf[--p] = 0x81;
    } else if (len < 0x10000) {
      buf[--p] = len & 0xff;
      buf[--p] = len >>> 8;
      buf[--p] = 0x82;
    } else if (len < 0x1000000) {
      buf[--p] = len & 0xff;
      buf[--p] = (len >>> 8) & 0xff;
      buf[--p] = len >>> 16;
      buf[--p] = 0x83;
    } else {
      buf[--p] = len & 0xff;
      buf[--p] = (len >>> 8) & 0xff;
      buf[--p] = (len >>> 16) & 0xff;
      buf[--p] = len >>> 24;
      buf[--p] = 0x84;
    }
    buf[--p] = tag;
    this.pos = p;
  }

  /** Writes the header of a constructed element whose contents were written since `mark`. */
  writeSequence(tag: number, mark: number): void {
    this.writeHeader(tag, this.buf.length - this.pos - mark);
  }

  /**
   * Writes a signed 32-bit INTEGER in the fewest bytes.
   * @throws EncodeError when the value is not an integer in -2^31..2^31-1.
   */
  writeInteger32(tag: number, value: number): void {
    if ((value | 0) !== value) throw new EncodeError(`INTEGER must be an integer in -2^31..2^31-1, not ${value}`);
    if (this.pos < 6) this.ensure(6);
    const buf = this.buf;
    let p = this.pos;
    let v = value;
    let n = 0;
    for (;;) {
      const b = v & 0xff;
      buf[--p] = b;
      n++;
      v >>= 8;
      if ((v === 0 && (b & 0x80) === 0) || (v === -1 && (b & 0x80) !== 0)) break;
    }
    buf[--p] = n;
    buf[--p] = tag;
    this.pos = p;
  }

  /**
   * Writes an unsigned 32-bit value (Counter32, Gauge32, TimeTicks) in the fewest bytes,
   * with a leading 0x00 when the top bit is set.
   * @throws EncodeError when the value is not an integer in 0..2^32-1.
   */
  writeUnsigned32(tag: number, value: number): void {
    if (value >>> 0 !== value) throw new EncodeError(`Unsigned32 must be an integer in 0..2^32-1, not ${value}`);
    if (this.pos < 7) this.ensure(7);
    const buf = this.buf;
    let p = this.pos;
    let v = value;
    let n = 0;
    let b: number;
    do {
      b = v & 0xff;
      buf[--p] = b;
      n++;
      v = v >>> 8;
    } while (v !== 0);
    if (b & 0x80) {
      buf[--p] = 0;
      n++;
    }
    buf[--p] = n;
    buf[--p] = tag;
    this.pos = p;
  }

  /**
   * Writes an unsigned 64-bit value (Counter64) in the fewest bytes (9 for values with the
   * top bit set, as net-snmp does).
   * @throws EncodeError when the value is not a bigint in 0..2^64-1.
   */
  writeUnsigned64(tag: number, value: bigint): void {
    if (typeof value !== 'bigint' || value < 0n || value > 0xffffffffffffffffn) {
      throw new EncodeError(`Counter64 must be a bigint in 0..2^64-1, not ${String(value)}`);
    }
    if (this.pos < 11) this.ensure(11);
    const buf = this.buf;
    let p = this.pos;
    let lo = Number(value & 0xffffffffn);
    let hi = Number(value >> 32n);
    let n = 0;
    let b: number;
    do {
      b = lo & 0xff;
      buf[--p] = b;
      n++;
      lo = lo >>> 8;
      if (n === 4) {
        lo = hi;
        hi = 0;
      }
    } while (lo !== 0 || hi !== 0);
    if (b & 0x80) {
      buf[--p] = 0;
      n++;
    }
    buf[--p] = n;
    buf[--p] = tag;
    this.pos = p;
  }

  /**
   * Writes an OCTET STRING-like element.
   * @throws EncodeError when `bytes` is not a Uint8Array (a string would be written as zeros).
   */
  writeOctets(tag: number, bytes: Uint8Array): void {
    if (!(bytes instanceof Uint8Array)) throw new EncodeError(`Octets must be a Uint8Array, not ${typeof bytes}`);
    this.writeRaw(bytes);
    this.writeHeader(tag, bytes.length);
  }

  /** Writes a NULL-like element (NULL or an exception value). */
  writeNull(tag: number): void {
    if (this.pos < 2) this.ensure(2);
    this.buf[--this.pos] = 0;
    this.buf[--this.pos] = tag;
  }

  /**
   * Writes an OBJECT IDENTIFIER (X.690 §8.19). An OID of one arc N is written as N.0 (one
   * sub-identifier N*40), so that it reads back as N.0. (net-snmp 5.9 writes the single
   * sub-identifier N instead, which X.690 reads as 0.N.)
   * @throws EncodeError for an empty OID, more than 128 arcs, a first arc above 2, or a
   *   second arc above 39 under a first arc of 0 or 1.
   */
  writeOid(oid: Oid): void {
    const ber = oidBerContent(oid);
    if (ber !== undefined) {
      // Decoded from a message and already validated: copy its octets.
      this.writeRaw(ber);
      this.writeHeader(0x06, ber.length);
      return;
    }
    const arcs = oidArcs(oid);
    const n = arcs.length;
    if (n === 0) throw new EncodeError('An OBJECT IDENTIFIER needs at least one arc');
    if (n > MAX_OID_ARCS) throw new EncodeError(`OBJECT IDENTIFIER has ${n} arcs; at most ${MAX_OID_ARCS} are allowed`);
    const first = arcs[0]!;
    const second = n > 1 ? arcs[1]! : 0;
    // X.690 §8.19.4: the first sub-identifier is first*40+second; with a first arc of 2 it may exceed
    // 2^32-1 (up to 2^32+79), as the reader accepts, so 2.4294967295 is encodable.
    if (first > 2 || (first < 2 && second >= 40)) {
      throw new EncodeError(`OBJECT IDENTIFIER ${oid.toString()} cannot be encoded: X.690 needs a first arc of 0..2 and a second below 40 under 0 and 1`);
    }
    // Worst case 5 bytes per arc, plus the header.
    const worst = n * 5 + 6;
    if (this.pos < worst) this.ensure(worst);
    const buf = this.buf;
    let p = this.pos;
    const end = p;
    for (let i = n - 1; i >= 2; i--) p = putSubId(buf, p, arcs[i]!);
    p = putSubId(buf, p, first * 40 + second);
    this.pos = p;
    this.writeHeader(0x06, end - p);
  }

  /** A copy of the bytes written. */
  toBytes(): Uint8Array {
    return this.buf.slice(this.pos);
  }

  /** A view of the bytes written, valid until the next write or reset. */
  view(): Uint8Array {
    return this.buf.subarray(this.pos);
  }
}

/** Writes one base-128 sub-identifier backwards ending at `p`; returns the new start. */
function putSubId(buf: Uint8Array, p: number, v: number): number {
  if (v < 0x80) {
    buf[--p] = v;
    return p;
  }
  buf[--p] = v % 128;
  v = Math.floor(v / 128);
  while (v > 0) {
    buf[--p] = 0x80 | v % 128;
    v = Math.floor(v / 128);
  }
  return p;
}
