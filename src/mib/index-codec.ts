/**
 * Table indexes (RFC 2578 §7.7): the parts of a row's INDEX and their encoding in the
 * instance OID. Integers are one arc; fixed-size strings their octets; variable-size
 * strings and OIDs their length then their content, except an IMPLIED last part;
 * IpAddress four arcs; SMIv1 NetworkAddress a type arc (1) then four.
 */
import { InvalidArgumentError } from '../errors.js';
import { MAX_OID_ARCS, Oid } from '../smi/oid.js';
import type { MibObject } from './model.js';
import type { MibStore } from './store.js';
import { objectSyntax } from './syntax-info.js';

/** How an index part is encoded. */
export type IndexPartKind = 'integer' | 'string' | 'fixedString' | 'oid' | 'ipAddress' | 'networkAddress';

/** One part of a row's index, resolved. */
export interface IndexPartSpec {
  /** The index object's descriptor (or the SMIv1 type name). */
  readonly name: string;
  /** The index object, when it is an object. */
  readonly object: MibObject | undefined;
  /** How the part is encoded. */
  readonly kind: IndexPartKind;
  /** IMPLIED (the last part only; no length arc). */
  readonly implied: boolean;
  /** Octets of a fixed-size string. */
  readonly size: number | undefined;
}

/** A decoded index value: number (integers), Uint8Array (strings), Oid, or dotted IpAddress. */
export type IndexValue = number | Uint8Array | Oid | string;

/** A row's index: its parts and the row object. */
export interface IndexSpec {
  /** The row (for AUGMENTS: the augmenting row; the parts are the augmented row's). */
  readonly row: MibObject;
  /** The parts in order. */
  readonly parts: readonly IndexPartSpec[];
}

const SMIV1_TYPES: Readonly<Record<string, IndexPartKind>> = {
  INTEGER: 'integer',
  'OCTET STRING': 'string',
  'OBJECT IDENTIFIER': 'oid',
  NetworkAddress: 'networkAddress',
  IpAddress: 'ipAddress',
};

/**
 * The index of a row, given the row, its table or one of its columns (by object or name).
 * @throws InvalidArgumentError when the object is not in a table or the index cannot be resolved.
 */
export function indexSpec(store: MibStore, target: MibObject | string): IndexSpec {
  let o = typeof target === 'string' ? store.object(target) : target;
  if (o === undefined) throw new InvalidArgumentError(`unknown object ${String(target)}`);
  if (o.kind === 'table') o = store.node(o.oid.child(1))?.object;
  else if (o.kind === 'column') o = store.node(o.oid.parent())?.object;
  if (o === undefined || o.kind !== 'row') throw new InvalidArgumentError(`${typeof target === 'string' ? target : target.name} is not a table, row or column`);
  const row = o;
  let base = o;
  for (let hops = 0; base.augments !== undefined && hops < 8; hops++) {
    const a = store.object(base.augments, base.module) ?? store.object(base.augments);
    if (a === undefined) throw new InvalidArgumentError(`${base.name} AUGMENTS unknown row ${base.augments}`);
    base = a;
  }
  const index = base.index ?? [];
  if (index.length === 0) throw new InvalidArgumentError(`row ${row.name} has no INDEX`);
  const parts: IndexPartSpec[] = index.map((p, i) => {
    const v1 = SMIV1_TYPES[p.name];
    if (v1 !== undefined) return { name: p.name, object: undefined, kind: v1, implied: p.implied && i === index.length - 1, size: undefined };
    const io = store.object(p.name, base.module) ?? store.object(p.name);
    if (io === undefined) throw new InvalidArgumentError(`index object ${p.name} of ${base.name} is unknown`);
    const s = objectSyntax(store, io);
    if (s === undefined) throw new InvalidArgumentError(`index object ${p.name} has no SYNTAX`);
    let kind: IndexPartKind;
    let size: number | undefined;
    switch (s.smiType) {
      case 'ObjectIdentifier':
        kind = 'oid';
        break;
      case 'IpAddress':
        kind = s.chain.includes('NetworkAddress') ? 'networkAddress' : 'ipAddress';
        break;
      case 'OctetString':
      case 'Opaque':
      case 'NsapAddress': {
        const sz = s.sizes;
        if (sz !== undefined && sz.length === 1 && sz[0]!.min === sz[0]!.max) {
          kind = 'fixedString';
          size = Number(sz[0]!.min);
        } else kind = 'string';
        break;
      }
      default:
        kind = 'integer';
        break;
    }
    return { name: p.name, object: io, kind, implied: p.implied && i === index.length - 1, size };
  });
  return { row, parts };
}

/**
 * Decodes the index arcs of an instance (the arcs after the column's OID).
 * @throws InvalidArgumentError when the arcs do not hold the whole index, or hold more.
 */
export function decodeIndex(spec: IndexSpec, arcs: ArrayLike<number>): IndexValue[] {
  const out: IndexValue[] = [];
  let at = 0;
  const n = arcs.length;
  const need = (k: number, what: string): void => {
    if (at + k > n) throw new InvalidArgumentError(`index of ${spec.row.name}: ${what} needs ${k} arc(s) at ${at}, only ${n - at} left`);
  };
  const octets = (len: number, what: string): Uint8Array => {
    need(len, what);
    const b = new Uint8Array(len);
    for (let i = 0; i < len; i++) {
      const v = arcs[at + i]!;
      if (v > 255) throw new InvalidArgumentError(`index of ${spec.row.name}: ${what} octet ${v} is above 255`);
      b[i] = v;
    }
    at += len;
    return b;
  };
  for (const p of spec.parts) {
    switch (p.kind) {
      case 'integer':
        need(1, p.name);
        out.push(arcs[at++]!);
        break;
      case 'fixedString':
        out.push(octets(p.size!, p.name));
        break;
      case 'string': {
        if (p.implied) out.push(octets(n - at, p.name));
        else {
          need(1, p.name);
          const len = arcs[at++]!;
          out.push(octets(len, p.name));
        }
        break;
      }
      case 'oid': {
        let len: number;
        if (p.implied) len = n - at;
        else {
          need(1, p.name);
          len = arcs[at++]!;
        }
        need(len, p.name);
        out.push(Oid.from(Array.prototype.slice.call(arcs, at, at + len) as number[]));
        at += len;
        break;
      }
      case 'ipAddress': {
        const b = octets(4, p.name);
        out.push(`${b[0]}.${b[1]}.${b[2]}.${b[3]}`);
        break;
      }
      case 'networkAddress': {
        need(1, p.name);
        const t = arcs[at++]!;
        if (t !== 1) throw new InvalidArgumentError(`index of ${spec.row.name}: NetworkAddress type ${t} is not internet(1)`);
        const b = octets(4, p.name);
        out.push(`${b[0]}.${b[1]}.${b[2]}.${b[3]}`);
        break;
      }
    }
  }
  if (at !== n) throw new InvalidArgumentError(`index of ${spec.row.name}: ${n - at} arc(s) left over`);
  return out;
}

/**
 * Encodes index values into arcs (to append to a column's OID).
 * @throws InvalidArgumentError when a value does not fit its part.
 */
export function encodeIndex(spec: IndexSpec, values: readonly IndexValue[]): number[] {
  if (values.length !== spec.parts.length) throw new InvalidArgumentError(`index of ${spec.row.name} has ${spec.parts.length} part(s), got ${values.length}`);
  const out: number[] = [];
  spec.parts.forEach((p, i) => {
    const v = values[i]!;
    switch (p.kind) {
      case 'integer':
        if (typeof v !== 'number' || !Number.isInteger(v) || v < -0x80000000 || v > 0xffffffff) throw new InvalidArgumentError(`${p.name}: an integer index value, not ${String(v)}`);
        out.push(v >>> 0);
        break;
      case 'fixedString':
      case 'string': {
        const b = typeof v === 'string' ? new TextEncoder().encode(v) : v;
        if (!(b instanceof Uint8Array)) throw new InvalidArgumentError(`${p.name}: octets or text for a string index`);
        if (p.kind === 'fixedString' && b.length !== p.size) throw new InvalidArgumentError(`${p.name}: exactly ${p.size} octets, not ${b.length}`);
        if (p.kind === 'string' && !p.implied) out.push(b.length);
        for (const x of b) out.push(x);
        break;
      }
      case 'oid': {
        const o = typeof v === 'string' ? Oid.parse(v) : v;
        if (!(o instanceof Oid)) throw new InvalidArgumentError(`${p.name}: an OID for an OBJECT IDENTIFIER index`);
        if (!p.implied) out.push(o.length);
        for (const a of o) out.push(a);
        break;
      }
      case 'ipAddress':
      case 'networkAddress': {
        const m = typeof v === 'string' ? /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(v) : null;
        if (m === null || m.slice(1).some((x) => Number(x) > 255)) throw new InvalidArgumentError(`${p.name}: a dotted IPv4 address, not ${String(v)}`);
        if (p.kind === 'networkAddress') out.push(1);
        for (const x of m.slice(1)) out.push(Number(x));
        break;
      }
    }
  });
  if (out.length > MAX_OID_ARCS) throw new InvalidArgumentError(`index of ${spec.row.name} would need ${out.length} arcs`);
  return out;
}
