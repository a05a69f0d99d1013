import { DecodeError } from '../errors.js';
import { DEFAULT_DECODE_LIMITS, type DecodeOptions } from './limits.js';

/**
 * A generic BER decoder for diagnostics (the command line's `-d`): it shows any BER input
 * as a tree of elements with SNMP's tag names, whatever the message means.
 */

/** The decoded value of a primitive element. */
export type BerValue = number | bigint | string | Uint8Array | null | { readonly bytes: Uint8Array; readonly unusedBits: number };

/** One BER element. */
export interface BerNode {
  /** The identifier octets as a number: 0x30, 0x02, 0xa2, or 0x9f78 for a two-octet tag. */
  tag: number;
  /** SNMP's name for the tag (`SEQUENCE`, `Counter32`, `GetRequest-PDU`), else `[CONTEXT 5]` and the like. */
  tagName: string;
  /** True for a constructed element (its identifier has bit 0x20). */
  constructed: boolean;
  /** Offset of the first identifier octet in the decoded bytes. */
  offset: number;
  /** Identifier and length octets. */
  headerLength: number;
  /** Content octets. */
  length: number;
  /** The whole element (a view of the input). */
  bytes: Uint8Array;
  /** A primitive's decoded content (absent for constructed and encapsulating elements). */
  value?: BerValue;
  /** The elements inside a constructed element, or inside an OCTET STRING or Opaque that holds BER. */
  children?: BerNode[];
  /** Why a primitive's content is not a valid value of its type, if it is not. */
  problem?: string;
}

/** Options of {@link decodeBerTree}: the DecodeOptions limits maxDepth and maxMessageSize. */
export type BerTreeOptions = Pick<DecodeOptions, 'maxDepth' | 'maxMessageSize'>;

const UNIVERSAL: Record<number, string> = {
  0x01: 'BOOLEAN',
  0x02: 'INTEGER',
  0x03: 'BIT STRING',
  0x04: 'OCTET STRING',
  0x05: 'NULL',
  0x06: 'OBJECT IDENTIFIER',
  0x0a: 'ENUMERATED',
  0x0c: 'UTF8String',
  0x13: 'PrintableString',
  0x16: 'IA5String',
  0x30: 'SEQUENCE',
  0x31: 'SET',
};

// RFC 2578 §7.1 application types and RFC 3416 §3's PDUs and exception values.
const SNMP: Record<number, string> = {
  0x40: 'IpAddress',
  0x41: 'Counter32',
  0x42: 'Gauge32',
  0x43: 'TimeTicks',
  0x44: 'Opaque',
  0x45: 'NsapAddress',
  0x46: 'Counter64',
  0x47: 'UInteger32',
  0x80: 'noSuchObject',
  0x81: 'noSuchInstance',
  0x82: 'endOfMibView',
  0xa0: 'GetRequest-PDU',
  0xa1: 'GetNextRequest-PDU',
  0xa2: 'Response-PDU',
  0xa3: 'SetRequest-PDU',
  0xa4: 'Trap-PDU',
  0xa5: 'GetBulkRequest-PDU',
  0xa6: 'InformRequest-PDU',
  0xa7: 'SNMPv2-Trap-PDU',
  0xa8: 'Report-PDU',
};

// net-snmp's Opaque-wrapped types (draft-perkins-opaque), named only inside an Opaque.
const OPAQUE: Record<number, string> = {
  0x9f76: 'Opaque Counter64',
  0x9f78: 'Opaque Float',
  0x9f79: 'Opaque Double',
  0x9f7a: 'Opaque Integer64',
  0x9f7b: 'Opaque UInteger64',
};

const CLASS = ['UNIVERSAL', 'APPLICATION', 'CONTEXT', 'PRIVATE'] as const;
const MAX_ENCAPSULATION = 4;

function tagName(tag: number, first: number, tagNumber: number, inOpaque: boolean): string {
  const known = (inOpaque ? OPAQUE[tag] : undefined) ?? (tag < 0x100 ? (UNIVERSAL[tag] ?? SNMP[tag]) : undefined);
  if (known !== undefined) return known;
  return `[${CLASS[first >> 6]} ${tagNumber}${first & 0x20 ? ' constructed' : ''}]`;
}

interface Frame {
  children: BerNode[];
  end: number;
}

/**
 * Decodes BER bytes into a tree of elements: every top-level element, in order. Primitive
 * contents are decoded by tag (INTEGER and the unsigned types as numbers, or bigints
 * beyond 2^53; OBJECT IDENTIFIER and IpAddress as dotted text; octets as a Uint8Array);
 * an OCTET STRING or Opaque whose content is itself BER (USM security parameters,
 * net-snmp's Opaque Float) gets children instead. A primitive that is not a valid value of
 * its type keeps its octets as the value and says why in `problem`.
 * @throws DecodeError when the structure is not BER (truncated, indefinite or overlong
 *   lengths, tags of more than 4 octets), nests deeper than `maxDepth` (default 32), or the
 *   input is longer than `maxMessageSize` (default 1 MiB).
 */
export function decodeBerTree(bytes: Uint8Array, options?: BerTreeOptions): BerNode[] {
  const maxSize = options?.maxMessageSize ?? DEFAULT_DECODE_LIMITS.maxMessageSize;
  if (bytes.length > maxSize) throw new DecodeError('limitExceeded', 0, `Input of ${bytes.length} bytes exceeds the limit of ${maxSize}`);
  return parse(bytes, 0, bytes.length, options?.maxDepth ?? DEFAULT_DECODE_LIMITS.maxDepth, 0, false);
}

function parse(buf: Uint8Array, start: number, end: number, maxDepth: number, encapsulation: number, inOpaque: boolean): BerNode[] {
  const top: Frame = { children: [], end };
  const stack: Frame[] = [top];
  let p = start;
  for (;;) {
    let frame = stack[stack.length - 1]!;
    while (p === frame.end && stack.length > 1) {
      stack.pop();
      frame = stack[stack.length - 1]!;
    }
    if (p === frame.end) break;
    const at = p;
    // Identifier octets (X.690 §8.1.2), at most 4.
    const first = buf[p++]!;
    let tag = first;
    let tagNumber = first & 0x1f;
    if (tagNumber === 0x1f) {
      tagNumber = 0;
      let b: number;
      let n = 0;
      do {
        if (p >= frame.end) throw new DecodeError('truncated', at, 'BER element: truncated tag');
        b = buf[p++]!;
        if (++n > 3) throw new DecodeError('badTag', at, 'BER element: tag of more than 4 octets');
        tag = tag * 256 + b;
        tagNumber = tagNumber * 128 + (b & 0x7f);
      } while (b & 0x80);
    }
    // Length octets (X.690 §8.1.3); RFC 3417 §8 excludes the indefinite form.
    if (p >= frame.end) throw new DecodeError('truncated', at, 'BER element: truncated header');
    let len = buf[p++]!;
    if (len & 0x80) {
      const n = len & 0x7f;
      if (n === 0) throw new DecodeError('indefiniteLength', p - 1, 'BER element: indefinite length is not allowed (RFC 3417 §8)');
      if (n > 4) throw new DecodeError('badLength', p - 1, `BER element: length of ${n} octets is too large`);
      if (p + n > frame.end) throw new DecodeError('truncated', p - 1, 'BER element: truncated length');
      len = 0;
      for (let i = 0; i < n; i++) len = len * 256 + buf[p++]!;
    }
    if (len > frame.end - p) throw new DecodeError('badLength', p, `BER element: length ${len} runs past the end (${frame.end - p} bytes left)`);
    const constructed = (first & 0x20) !== 0;
    const node: BerNode = {
      tag,
      tagName: tagName(tag, first, tagNumber, inOpaque),
      constructed,
      offset: at,
      headerLength: p - at,
      length: len,
      bytes: buf.subarray(at, p + len),
    };
    frame.children.push(node);
    if (constructed) {
      if (stack.length > maxDepth) throw new DecodeError('limitExceeded', at, `BER elements nested deeper than ${maxDepth}`);
      node.children = [];
      stack.push({ children: node.children, end: p + len });
      continue;
    }
    const content = buf.subarray(p, p + len);
    const inner = encapsulated(buf, p, p + len, tag, maxDepth - stack.length, encapsulation);
    if (inner !== undefined) node.children = inner;
    else primitive(node, content, inOpaque);
    p += len;
  }
  return top.children;
}

/** The BER inside an OCTET STRING or Opaque, when its content is exactly that. */
function encapsulated(buf: Uint8Array, start: number, end: number, tag: number, depthLeft: number, encapsulation: number): BerNode[] | undefined {
  if (end - start < 2 || depthLeft < 1 || encapsulation >= MAX_ENCAPSULATION) return undefined;
  const lead = buf[start]!;
  const opaque = tag === 0x44;
  if (!((tag === 0x04 && lead === 0x30) || (opaque && lead === 0x9f))) return undefined;
  try {
    return parse(buf, start, end, depthLeft, encapsulation + 1, opaque);
  } catch (err) {
    if (err instanceof DecodeError) return undefined;
    throw err;
  }
}

/** Decodes a primitive's content by its tag into `node.value` (and `node.problem`). */
function primitive(node: BerNode, c: Uint8Array, inOpaque: boolean): void {
  const bad = (problem: string): void => {
    node.value = c;
    node.problem = problem;
  };
  switch (inOpaque ? node.tag : node.tag < 0x100 ? node.tag : -1) {
    case 0x02:
    case 0x0a:
    case 0x9f7a:
      if (c.length === 0) return bad('empty INTEGER');
      node.value = integer(c, true);
      return;
    case 0x41:
    case 0x42:
    case 0x43:
    case 0x46:
    case 0x47:
    case 0x9f76:
    case 0x9f7b:
      if (c.length === 0) return bad('empty INTEGER');
      node.value = integer(c, false);
      return;
    case 0x01:
      if (c.length !== 1) return bad('BOOLEAN of other than one octet');
      node.value = c[0]! === 0 ? 0 : 1;
      return;
    case 0x05:
    case 0x80:
    case 0x81:
    case 0x82:
      if (c.length !== 0) return bad('NULL with contents');
      node.value = null;
      return;
    case 0x06: {
      const text = oidText(c);
      if (text === undefined) return bad('malformed OBJECT IDENTIFIER');
      node.value = text;
      return;
    }
    case 0x40:
      if (c.length !== 4) return bad(`IpAddress of ${c.length} octets`);
      node.value = `${c[0]}.${c[1]}.${c[2]}.${c[3]}`;
      return;
    case 0x03:
      if (c.length === 0 || c[0]! > 7 || (c.length === 1 && c[0] !== 0)) return bad('malformed BIT STRING');
      node.value = { bytes: c.subarray(1), unusedBits: c[0]! };
      return;
    case 0x9f78:
      if (c.length !== 4) return bad('Opaque Float of other than 4 octets');
      node.value = new DataView(c.buffer, c.byteOffset, 4).getFloat32(0);
      return;
    case 0x9f79:
      if (c.length !== 8) return bad('Opaque Double of other than 8 octets');
      node.value = new DataView(c.buffer, c.byteOffset, 8).getFloat64(0);
      return;
    default:
      node.value = c;
  }
}

/** Two's complement (or unsigned) big-endian content as a number, or a bigint beyond 2^53. */
function integer(c: Uint8Array, signed: boolean): number | bigint {
  let v = 0n;
  for (const b of c) v = (v << 8n) | BigInt(b);
  if (signed && c[0]! & 0x80) v -= 1n << BigInt(c.length * 8);
  return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
}

/** Dotted text of OID content (X.690 §8.19), or undefined when malformed. */
function oidText(c: Uint8Array): string | undefined {
  if (c.length === 0 || c[c.length - 1]! & 0x80) return undefined;
  const arcs: string[] = [];
  let v = 0n;
  let startOfSubId = true;
  for (const b of c) {
    if (startOfSubId && b === 0x80) return undefined;
    v = (v << 7n) | BigInt(b & 0x7f);
    startOfSubId = (b & 0x80) === 0;
    if (!startOfSubId) continue;
    if (arcs.length === 0) {
      const x = v < 40n ? 0n : v < 80n ? 1n : 2n;
      arcs.push(String(x), String(v - x * 40n));
    } else {
      arcs.push(String(v));
    }
    v = 0n;
  }
  return arcs.join('.');
}

/** Options of {@link formatBerTree}. */
export interface FormatBerTreeOptions {
  /** Most content octets shown in hex for a primitive element. Default 16. */
  maxBytes?: number;
  /** Indentation per level. Default two spaces. */
  indent?: string;
}

/**
 * Formats a tree as indented lines: each element's header octets (for a primitive, with
 * its first content octets), its tag name and its value:
 *
 * ```text
 * 30 29  SEQUENCE
 *   02 01 01  INTEGER 1
 *   04 06 70 75 62 6c 69 63  OCTET STRING "public"
 * ```
 */
export function formatBerTree(tree: BerNode | readonly BerNode[], options?: FormatBerTreeOptions): string {
  const maxBytes = options?.maxBytes ?? 16;
  const indent = options?.indent ?? '  ';
  const lines: string[] = [];
  const visit = (node: BerNode, depth: number): void => {
    const shown = node.children !== undefined ? node.headerLength : node.headerLength + Math.min(node.length, maxBytes);
    let hex = hexBytes(node.bytes.subarray(0, shown));
    if (node.children === undefined && node.length > maxBytes) hex += ' …';
    const value = node.children !== undefined ? (node.constructed ? '' : ' (encapsulates)') : valueText(node);
    lines.push(`${indent.repeat(depth)}${hex}  ${node.tagName}${value}${node.problem === undefined ? '' : ` (${node.problem})`}`);
    for (const child of node.children ?? []) visit(child, depth + 1);
  };
  for (const node of isNodeList(tree) ? tree : [tree]) visit(node, 0);
  return lines.join('\n');
}

function isNodeList(tree: BerNode | readonly BerNode[]): tree is readonly BerNode[] {
  return Array.isArray(tree);
}

function valueText(node: BerNode): string {
  const v = node.value;
  if (v === undefined || v === null) return '';
  if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'string') return ` ${String(v)}`;
  if (v instanceof Uint8Array) {
    if (node.problem !== undefined) return '';
    let printable = true;
    for (const b of v) if (b < 0x20 || b > 0x7e) printable = false;
    if (printable) {
      const text = String.fromCharCode(...v.subarray(0, 64));
      return ` ${JSON.stringify(text)}${v.length > 64 ? '…' : ''}`;
    }
    return ` (${v.length} ${v.length === 1 ? 'octet' : 'octets'})`;
  }
  return ` (${v.bytes.length} ${v.bytes.length === 1 ? 'octet' : 'octets'}, ${v.unusedBits} unused bits)`;
}

function hexBytes(b: Uint8Array): string {
  let out = '';
  for (let i = 0; i < b.length; i++) out += (i === 0 ? '' : ' ') + b[i]!.toString(16).padStart(2, '0');
  return out;
}
