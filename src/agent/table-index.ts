/**
 * Table index encoding, RFC 2578 §7.7: how INDEX values become the arcs that follow a
 * column's OID. An integer is one arc; a fixed-size OCTET STRING is its octets; a
 * variable-size one is its length then its octets (IMPLIED: no length, last index only);
 * an OBJECT IDENTIFIER is its arc count then its arcs (IMPLIED: no count); an IpAddress
 * is four arcs.
 */
import { InvalidArgumentError } from '../errors.js';
import { MAX_ARC, Oid, oidFromTrustedArcs } from '../smi/oid.js';

/** The syntax of one INDEX object. */
export type IndexSyntax =
  | { readonly type: 'Integer'; readonly range?: IndexRanges }
  | { readonly type: 'OctetString'; readonly fixedLength?: number; readonly implied?: boolean; readonly size?: IndexRanges }
  | { readonly type: 'ObjectIdentifier'; readonly implied?: boolean }
  | { readonly type: 'IpAddress' };

/** Inclusive `[min, max]` ranges (the INDEX object's SYNTAX range or SIZE). */
export type IndexRanges = readonly (readonly [number, number])[];

/** A value of one INDEX object: a number (Integer), octets (OctetString), an Oid, or a dotted quad (IpAddress). */
export type IndexValue = number | Uint8Array | Oid | string;

/**
 * Checks an index syntax: IMPLIED on the last part only, ranges and sizes well formed.
 * @throws InvalidArgumentError when it is not.
 */
export function checkIndexSyntax(syntax: readonly IndexSyntax[]): void {
  for (let i = 0; i < syntax.length; i++) {
    const s = syntax[i]!;
    if ('implied' in s && s.implied === true && i !== syntax.length - 1) throw new InvalidArgumentError('Only the last index may be IMPLIED (RFC 2578 §7.7)');
    const r = s.type === 'Integer' ? s.range : s.type === 'OctetString' ? s.size : undefined;
    if (r !== undefined && (r.length === 0 || r.some(([lo, hi]) => !Number.isInteger(lo) || !Number.isInteger(hi) || lo > hi))) throw new InvalidArgumentError(`Index ${i + 1}: bad ranges ${JSON.stringify(r)}`);
  }
}

function inRanges(r: IndexRanges | undefined, n: number): boolean {
  if (r === undefined) return true;
  for (const [lo, hi] of r) if (n >= lo && n <= hi) return true;
  return false;
}

/**
 * True when every part of an index is inside its SYNTAX's range or SIZE (an index outside
 * them names an instance that could never exist: RFC 3416 §4.2.5's noCreation).
 */
export function indexInRange(syntax: readonly IndexSyntax[], values: readonly IndexValue[]): boolean {
  for (let i = 0; i < syntax.length; i++) {
    const s = syntax[i]!;
    const v = values[i];
    if (s.type === 'Integer' && s.range !== undefined && !(typeof v === 'number' && inRanges(s.range, v))) return false;
    if (s.type === 'OctetString' && s.size !== undefined && !(v instanceof Uint8Array && inRanges(s.size, v.length))) return false;
  }
  return true;
}

/**
 * The arcs of an index.
 * @throws InvalidArgumentError when a value does not fit its syntax.
 */
export function encodeIndex(syntax: readonly IndexSyntax[], values: readonly IndexValue[]): number[] {
  checkIndexSyntax(syntax);
  if (values.length !== syntax.length) throw new InvalidArgumentError(`The index has ${syntax.length} parts, not ${values.length}`);
  const out: number[] = [];
  for (let i = 0; i < syntax.length; i++) {
    const s = syntax[i]!;
    const v = values[i];
    switch (s.type) {
      case 'Integer':
        if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > MAX_ARC) throw new InvalidArgumentError(`Index ${i + 1}: an integer index must be 0..2^32-1, not ${String(v)}`);
        if (!inRanges(s.range, v)) throw new InvalidArgumentError(`Index ${i + 1}: ${v} is outside ${JSON.stringify(s.range)}`);
        out.push(v);
        break;
      case 'OctetString': {
        const b = typeof v === 'string' ? new TextEncoder().encode(v) : v;
        if (!(b instanceof Uint8Array)) throw new InvalidArgumentError(`Index ${i + 1}: an OCTET STRING index needs octets`);
        if (!inRanges(s.size, b.length)) throw new InvalidArgumentError(`Index ${i + 1}: ${b.length} octets, outside SIZE ${JSON.stringify(s.size)}`);
        if (s.fixedLength !== undefined) {
          if (b.length !== s.fixedLength) throw new InvalidArgumentError(`Index ${i + 1}: ${b.length} octets, not ${s.fixedLength}`);
        } else if (s.implied !== true) out.push(b.length);
        for (const x of b) out.push(x);
        break;
      }
      case 'ObjectIdentifier': {
        if (!(v instanceof Oid)) throw new InvalidArgumentError(`Index ${i + 1}: an OBJECT IDENTIFIER index needs an Oid`);
        if (s.implied !== true) out.push(v.length);
        for (const x of v) out.push(x);
        break;
      }
      case 'IpAddress': {
        const m = typeof v === 'string' ? /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(v) : null;
        if (m === null || m.slice(1).some((p) => Number(p) > 255)) throw new InvalidArgumentError(`Index ${i + 1}: not a dotted quad: ${String(v)}`);
        for (let k = 1; k <= 4; k++) out.push(Number(m[k]));
        break;
      }
      default:
        throw new InvalidArgumentError(`Unknown index syntax ${String((s as { type: unknown }).type)}`);
    }
  }
  if (out.length > 128) throw new InvalidArgumentError('The index has more than 128 arcs');
  return out;
}

/**
 * Reads an index from `arcs[start..]`, which it must use up exactly; undefined when the
 * arcs are not a well-formed index (a GetNext or Set may name anything).
 */
export function decodeIndex(syntax: readonly IndexSyntax[], arcs: ArrayLike<number>, start = 0): IndexValue[] | undefined {
  const out: IndexValue[] = [];
  let p = start;
  const n = arcs.length;
  for (let i = 0; i < syntax.length; i++) {
    const s = syntax[i]!;
    const last = i === syntax.length - 1;
    switch (s.type) {
      case 'Integer':
        if (p >= n) return undefined;
        out.push(arcs[p++]!);
        break;
      case 'OctetString': {
        let len: number;
        if (s.fixedLength !== undefined) len = s.fixedLength;
        else if (s.implied === true && last) len = n - p;
        else {
          if (p >= n) return undefined;
          len = arcs[p++]!;
        }
        if (len > n - p) return undefined;
        const b = new Uint8Array(len);
        for (let k = 0; k < len; k++) {
          const a = arcs[p++]!;
          if (a > 255) return undefined;
          b[k] = a;
        }
        out.push(b);
        break;
      }
      case 'ObjectIdentifier': {
        let len: number;
        if (s.implied === true && last) len = n - p;
        else {
          if (p >= n) return undefined;
          len = arcs[p++]!;
        }
        if (len > n - p || len > 128) return undefined;
        const a = new Uint32Array(len);
        for (let k = 0; k < len; k++) a[k] = arcs[p++]!;
        out.push(oidFromTrustedArcs(a));
        break;
      }
      case 'IpAddress': {
        if (n - p < 4) return undefined;
        for (let k = 0; k < 4; k++) if (arcs[p + k]! > 255) return undefined;
        out.push(`${arcs[p]}.${arcs[p + 1]}.${arcs[p + 2]}.${arcs[p + 3]}`);
        p += 4;
        break;
      }
      default:
        return undefined;
    }
  }
  return p === n ? out : undefined;
}
