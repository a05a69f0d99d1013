import { InvalidArgumentError } from '../errors.js';
import { arcsFromBer, berStartsWithArcs, compareBer, compareBerArcs, subIdCount, textFromBer } from './oid-octets.js';

/** RFC 2578 §3.5: at most 128 sub-identifiers. */
export const MAX_OID_ARCS = 128;
/** RFC 2578 §3.5: each sub-identifier is at most 2^32-1. */
export const MAX_ARC = 0xffffffff;

let arcsOf: (oid: Oid) => Uint32Array;
let wrapArcs: (arcs: Uint32Array) => Oid;
let wrapBer: (src: Uint8Array, start: number, end: number) => Oid;
let berOf: (oid: Oid) => Uint8Array | undefined;

/**
 * An OBJECT IDENTIFIER: an immutable sequence of arcs (each 0..2^32-1, at most 128).
 *
 * ```ts
 * const sysDescr = Oid.parse('1.3.6.1.2.1.1.1');
 * sysDescr.child(0).toString(); // '1.3.6.1.2.1.1.1.0'
 * ```
 */
export class Oid {
  // Either the arcs, or (for an OID decoded from a message) its BER content octets in the
  // message, decoded into arcs on first use. The decoder has validated those octets.
  #arcsOrUndefined: Uint32Array | undefined;
  #src: Uint8Array | undefined;
  #srcStart: number;
  #srcEnd: number;
  #text: string | undefined;

  static {
    arcsOf = (oid) => oid.#arcs;
    wrapArcs = (arcs) => new Oid(arcs, undefined, 0, 0);
    wrapBer = (src, start, end) => new Oid(undefined, src, start, end);
    berOf = (oid) => (oid.#src === undefined ? undefined : oid.#src.subarray(oid.#srcStart, oid.#srcEnd));
  }

  private constructor(arcs: Uint32Array | undefined, src: Uint8Array | undefined, start: number, end: number) {
    this.#arcsOrUndefined = arcs;
    this.#src = src;
    this.#srcStart = start;
    this.#srcEnd = end;
    this.#text = undefined;
  }

  get #arcs(): Uint32Array {
    return this.#arcsOrUndefined ?? this.#decode();
  }

  #decode(): Uint32Array {
    const arcs = arcsFromBer(this.#src!, this.#srcStart, this.#srcEnd);
    this.#arcsOrUndefined = arcs;
    this.#src = undefined;
    return arcs;
  }

  /**
   * Parses a dotted OID such as `1.3.6.1.2.1` or `.1.3.6.1.2.1`.
   * @throws InvalidArgumentError when the text is not a dotted list of arcs in range.
   */
  static parse(text: string): Oid {
    const n = text.length;
    let i = n > 0 && text.charCodeAt(0) === 46 /* . */ ? 1 : 0;
    if (i === n) {
      if (n === 1) return EMPTY;
      throw new InvalidArgumentError(`Not an OID: "${text}"`);
    }
    const tmp: number[] = [];
    let value = 0;
    let digits = 0;
    for (; i <= n; i++) {
      const c = i < n ? text.charCodeAt(i) : 46;
      if (c === 46) {
        if (digits === 0) throw new InvalidArgumentError(`Not an OID: "${text}" (empty arc at ${i})`);
        tmp.push(value);
        value = 0;
        digits = 0;
      } else if (c >= 48 && c <= 57) {
        value = value * 10 + (c - 48);
        digits++;
        if (value > MAX_ARC) throw new InvalidArgumentError(`OID arc above 2^32-1 in "${text}"`);
      } else {
        throw new InvalidArgumentError(`Not an OID: "${text}" (unexpected "${text[i]}" at ${i})`);
      }
    }
    if (tmp.length > MAX_OID_ARCS) throw new InvalidArgumentError(`OID has ${tmp.length} arcs; at most ${MAX_OID_ARCS} are allowed`);
    const oid = wrapArcs(Uint32Array.from(tmp));
    return oid;
  }

  /**
   * Makes an Oid from a list of arcs (copied).
   * @throws InvalidArgumentError when an arc is not an integer in 0..2^32-1 or there are more than 128.
   */
  static from(arcs: ArrayLike<number>): Oid {
    const n = arcs.length;
    if (n > MAX_OID_ARCS) throw new InvalidArgumentError(`OID has ${n} arcs; at most ${MAX_OID_ARCS} are allowed`);
    const out = new Uint32Array(n);
    for (let i = 0; i < n; i++) {
      const a = arcs[i]!;
      if (!Number.isInteger(a) || a < 0 || a > MAX_ARC) throw new InvalidArgumentError(`OID arc ${i} is not an integer in 0..2^32-1: ${a}`);
      out[i] = a;
    }
    return wrapArcs(out);
  }

  /** Accepts an Oid or a dotted string. @throws InvalidArgumentError */
  static of(value: Oid | string): Oid {
    return typeof value === 'string' ? Oid.parse(value) : value;
  }

  /** The empty OID (zero arcs). */
  static get empty(): Oid {
    return EMPTY;
  }

  /** Number of arcs. */
  get length(): number {
    const src = this.#src;
    // In BER form: one arc per sub-identifier, and two in the first (X.690 §8.19.4).
    if (src !== undefined) return subIdCount(src, this.#srcStart, this.#srcEnd) + 1;
    return this.#arcs.length;
  }

  /** The arc at `index` (negative counts from the end), or undefined. */
  at(index: number): number | undefined {
    return this.#arcs.at(index);
  }

  /** The arcs as a new array. */
  toArray(): number[] {
    return Array.from(this.#arcs);
  }

  /** Iterates over the arcs. */
  [Symbol.iterator](): IterableIterator<number> {
    return this.#arcs[Symbol.iterator]();
  }

  /** Dotted form without a leading dot: `1.3.6.1`. */
  toString(): string {
    let t = this.#text;
    if (t === undefined) {
      const src = this.#src;
      t = src === undefined ? this.#arcs.join('.') : textFromBer(src, this.#srcStart, this.#srcEnd);
      this.#text = t;
    }
    return t;
  }

  /** JSON form: the dotted string. */
  toJSON(): string {
    return this.toString();
  }

  /** Lexicographic order over the arcs: negative, 0 or positive. */
  compare(other: Oid): number {
    // OIDs decoded from a message are compared on their octets, without expanding them.
    const s = this.#src;
    const o = other.#src;
    if (s !== undefined) {
      if (o !== undefined) return compareBer(s, this.#srcStart, this.#srcEnd, o, other.#srcStart, other.#srcEnd);
      return compareBerArcs(s, this.#srcStart, this.#srcEnd, other.#arcs);
    }
    if (o !== undefined) return 0 - compareBerArcs(o, other.#srcStart, other.#srcEnd, this.#arcs);
    const a = this.#arcs;
    const b = other.#arcs;
    const n = a.length < b.length ? a.length : b.length;
    for (let i = 0; i < n; i++) {
      const x = a[i]!;
      const y = b[i]!;
      if (x !== y) return x < y ? -1 : 1;
    }
    return a.length - b.length;
  }

  /** True when both have the same arcs. */
  equals(other: Oid): boolean {
    if (this === other) return true;
    const s = this.#src;
    const o = other.#src;
    if (s !== undefined && o !== undefined) {
      // Both still in validated (hence canonical) BER form: equal octets, equal arcs.
      const n = this.#srcEnd - this.#srcStart;
      if (n !== other.#srcEnd - other.#srcStart) return false;
      for (let i = 0; i < n; i++) if (s[this.#srcStart + i] !== o[other.#srcStart + i]) return false;
      return true;
    }
    const a = this.#arcs;
    const b = other.#arcs;
    if (a.length !== b.length) return false;
    for (let i = a.length - 1; i >= 0; i--) if (a[i] !== b[i]) return false;
    return true;
  }

  /** True when `prefix` is this OID or one of its ancestors. */
  startsWith(prefix: Oid): boolean {
    const s = this.#src;
    if (s !== undefined) {
      const ps = prefix.#src;
      if (ps !== undefined) {
        // Canonical BER: a prefix of arcs is a prefix of octets (each ends a sub-identifier).
        const n = prefix.#srcEnd - prefix.#srcStart;
        if (n > this.#srcEnd - this.#srcStart) return false;
        const a0 = this.#srcStart;
        const p0 = prefix.#srcStart;
        for (let i = n - 1; i >= 0; i--) if (s[a0 + i] !== ps[p0 + i]) return false;
        return true;
      }
      return berStartsWithArcs(s, this.#srcStart, this.#srcEnd, prefix.#arcs);
    }
    const a = this.#arcs;
    const p = prefix.#arcs;
    if (p.length > a.length) return false;
    for (let i = p.length - 1; i >= 0; i--) if (a[i] !== p[i]) return false;
    return true;
  }

  /**
   * A new OID with `arcs` appended.
   * @throws InvalidArgumentError when an arc is out of range or the result has more than 128 arcs.
   */
  child(...arcs: number[]): Oid {
    return this.concat(arcs);
  }

  /**
   * A new OID with the given arcs (or another Oid's arcs) appended.
   * @throws InvalidArgumentError when an arc is out of range or the result has more than 128 arcs.
   */
  concat(suffix: ArrayLike<number> | Oid): Oid {
    const s = suffix instanceof Oid ? suffix.#arcs : suffix;
    const a = this.#arcs;
    const n = a.length + s.length;
    if (n > MAX_OID_ARCS) throw new InvalidArgumentError(`OID would have ${n} arcs; at most ${MAX_OID_ARCS} are allowed`);
    const out = new Uint32Array(n);
    out.set(a);
    for (let i = 0; i < s.length; i++) {
      const v = s[i]!;
      if (!Number.isInteger(v) || v < 0 || v > MAX_ARC) throw new InvalidArgumentError(`OID arc is not an integer in 0..2^32-1: ${v}`);
      out[a.length + i] = v;
    }
    return wrapArcs(out);
  }

  /** The first `length` arcs (the parent when `length` is one less than this OID's). */
  slice(start = 0, end: number = this.#arcs.length): Oid {
    return wrapArcs(this.#arcs.slice(start, end));
  }

  /** The parent OID (all arcs but the last); the empty OID stays empty. */
  parent(): Oid {
    return this.slice(0, Math.max(0, this.#arcs.length - 1));
  }

  /** The arcs after `prefix` when this OID starts with it, else undefined. */
  suffixAfter(prefix: Oid): number[] | undefined {
    if (!this.startsWith(prefix)) return undefined;
    return Array.from(this.#arcs.subarray(prefix.#arcs.length));
  }

  /**
   * The lexicographic successor used by walks that must skip a subtree: this OID with its
   * last arc incremented. Undefined when every arc is 2^32-1.
   */
  nextSibling(): Oid | undefined {
    const a = this.#arcs.slice();
    for (let i = a.length - 1; i >= 0; i--) {
      if (a[i]! < MAX_ARC) {
        a[i]!++;
        return wrapArcs(a.slice(0, i + 1));
      }
    }
    return undefined;
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `Oid(${this.toString()})`;
  }
}

const EMPTY = wrapArcs(new Uint32Array(0));

/**
 * Internal: the arcs of an Oid, without a copy. Callers must not modify them.
 * Not part of the public API.
 */
export function oidArcs(oid: Oid): Uint32Array {
  return arcsOf(oid);
}

/**
 * Internal: an Oid over BER content octets `src[start..end)` that the caller has validated
 * (X.690 §8.19, at most 128 arcs, each below 2^32); arcs are decoded on first use. The
 * caller must not modify those octets afterwards. Not part of the public API.
 */
export function oidFromValidatedBer(src: Uint8Array, start: number, end: number): Oid {
  return wrapBer(src, start, end);
}

/** Internal: the BER content octets an Oid was decoded from, if it has not been expanded. */
export function oidBerContent(oid: Oid): Uint8Array | undefined {
  return berOf(oid);
}

/**
 * Internal: wraps arcs the caller has already checked (at most 128, each a uint32) without
 * copying them; the caller gives up the array. Not part of the public API.
 */
export function oidFromTrustedArcs(arcs: Uint32Array): Oid {
  return wrapArcs(arcs);
}
