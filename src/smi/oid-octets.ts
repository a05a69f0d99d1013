/**
 * OBJECT IDENTIFIER content octets (X.690 §8.19), already validated by the decoder, read
 * without expanding them into arcs: {@link Oid} compares, prefix-tests, counts and prints
 * OIDs decoded from messages with these, and expands them with {@link arcsFromBer} only
 * when the arcs themselves are asked for. Internal to the smi layer.
 */

/*
 * Validated BER content octets of an OID are read sub-identifier by sub-identifier (X.690
 * §8.19: base 128, high bit set on all but the last octet of each) where the arcs are not
 * needed as an array: comparisons and text stay free of allocations. The first
 * sub-identifier X*40+Y orders the same way as the arcs X, Y it packs (Y < 40 when X < 2).
 */
let subIdEnd = 0;

/** The sub-identifier starting at `p`; sets `subIdEnd` past it. */
function subIdAt(buf: Uint8Array, p: number): number {
  let b = buf[p++]!;
  let v = b & 0x7f;
  while (b & 0x80) {
    b = buf[p++]!;
    v = v * 128 + (b & 0x7f);
  }
  subIdEnd = p;
  return v;
}

/** Sub-identifiers (hence arcs after the first two) in `buf[p..end)`. */
export function subIdCount(buf: Uint8Array, p: number, end: number): number {
  let n = 0;
  for (; p < end; p++) if (buf[p]! < 0x80) n++;
  return n;
}

/** {@link Oid.compare} of two OIDs in BER form. */
export function compareBer(a: Uint8Array, i: number, ae: number, b: Uint8Array, j: number, be: number): number {
  while (i < ae && j < be) {
    if (a[i] === b[j] && a[i]! < 0x80) {
      // The same one-octet sub-identifier: the common case of a shared prefix.
      i++;
      j++;
      continue;
    }
    const x = subIdAt(a, i);
    i = subIdEnd;
    const y = subIdAt(b, j);
    j = subIdEnd;
    if (x !== y) return x < y ? -1 : 1;
  }
  return subIdCount(a, i, ae) - subIdCount(b, j, be);
}

/** {@link Oid.compare} of an OID in BER form with one in arcs. */
export function compareBerArcs(a: Uint8Array, i: number, ae: number, arcs: Uint32Array): number {
  const n = arcs.length;
  const v = subIdAt(a, i);
  i = subIdEnd;
  const x = v < 40 ? 0 : v < 80 ? 1 : 2;
  if (n === 0) return 2 + subIdCount(a, i, ae);
  if (x !== arcs[0]) return x < arcs[0]! ? -1 : 1;
  const y = v - x * 40;
  if (n === 1) return 1 + subIdCount(a, i, ae);
  if (y !== arcs[1]) return y < arcs[1]! ? -1 : 1;
  let k = 2;
  while (i < ae) {
    if (k === n) return subIdCount(a, i, ae);
    const z = subIdAt(a, i);
    i = subIdEnd;
    if (z !== arcs[k]) return z < arcs[k]! ? -1 : 1;
    k++;
  }
  return k - n;
}

/** {@link Oid.startsWith} of an OID in BER form and a prefix in arcs. */
export function berStartsWithArcs(a: Uint8Array, i: number, ae: number, prefix: Uint32Array): boolean {
  const n = prefix.length;
  if (n === 0) return true;
  const v = subIdAt(a, i);
  i = subIdEnd;
  const x = v < 40 ? 0 : v < 80 ? 1 : 2;
  if (x !== prefix[0]) return false;
  if (n === 1) return true;
  if (v - x * 40 !== prefix[1]) return false;
  for (let k = 2; k < n; k++) {
    if (i >= ae) return false;
    if (subIdAt(a, i) !== prefix[k]) return false;
    i = subIdEnd;
  }
  return true;
}

/*
 * Text of OIDs in BER form. A walk returns OIDs that share all but their last arc with the
 * one before, so the text of the last prefix seen is kept with a copy of its octets.
 */
const lastPrefix = new Uint8Array(640);
let lastPrefixLength = -1;
let lastPrefixText = '';

/** Dotted text of validated BER content octets `buf[start..end)`. */
export function textFromBer(buf: Uint8Array, start: number, end: number): string {
  // Where the last sub-identifier starts: after the octet before it that ends one.
  let last = end - 1;
  while (last > start && buf[last - 1]! >= 0x80) last--;
  const n = last - start;
  if (n > 0 && n === lastPrefixLength) {
    let same = true;
    for (let i = 0; i < n; i++) {
      if (buf[start + i] !== lastPrefix[i]) {
        same = false;
        break;
      }
    }
    if (same) return `${lastPrefixText}.${subIdAt(buf, last)}`;
  }
  if (n === 0) return firstArcsText(subIdAt(buf, start));
  let p = start;
  let text = firstArcsText(subIdAt(buf, p));
  p = subIdEnd;
  while (p < last) {
    text += `.${subIdAt(buf, p)}`;
    p = subIdEnd;
  }
  if (n <= lastPrefix.length) {
    lastPrefix.set(buf.subarray(start, last));
    lastPrefixLength = n;
    lastPrefixText = text;
  }
  return `${text}.${subIdAt(buf, last)}`;
}

/** X.690 §8.19.4: the first sub-identifier is X*40+Y. */
function firstArcsText(v: number): string {
  return v < 40 ? `0.${v}` : v < 80 ? `1.${v - 40}` : `2.${v - 80}`;
}

/** Decodes validated BER content octets of an OID into arcs. */
export function arcsFromBer(buf: Uint8Array, start: number, end: number): Uint32Array {
  let count = 1;
  for (let p = start; p < end; p++) if (buf[p]! < 0x80) count++;
  const arcs = new Uint32Array(count);
  let p = start;
  let v = 0;
  let b: number;
  do {
    b = buf[p++]!;
    v = v * 128 + (b & 0x7f);
  } while (b & 0x80);
  // X.690 §8.19.4: the first sub-identifier is X*40+Y.
  if (v < 40) {
    arcs[1] = v;
  } else if (v < 80) {
    arcs[0] = 1;
    arcs[1] = v - 40;
  } else {
    arcs[0] = 2;
    arcs[1] = v - 80;
  }
  let i = 2;
  while (p < end) {
    b = buf[p++]!;
    if (b < 0x80) {
      arcs[i++] = b;
      continue;
    }
    v = b & 0x7f;
    do {
      b = buf[p++]!;
      v = v * 128 + (b & 0x7f);
    } while (b & 0x80);
    arcs[i++] = v;
  }
  return arcs;
}
