/**
 * What net-snmp's MIB tree holds for a node, derived from the store: the type code that
 * drives its printing, the textual convention, the effective enumerations, ranges and
 * DISPLAY-HINT, and the clauses net-snmp keeps per macro. The name, value and report
 * formatters use it so that their output matches net-snmp's tools exactly.
 */
import { Lexer, Tok } from './lexer.js';
import type { MibIndexPart, MibNamedNumber, MibObject, MibRange, MibSyntax, MibTypeDef } from './model.js';
import type { MibStore } from './store.js';
import type { MibLabel, MibNode } from './tree.js';

/** net-snmp's node type codes (parse.h TYPE_*). */
export const NsType = {
  Other: 0,
  ObjectId: 1,
  OctetStr: 2,
  Integer: 3,
  NetAddr: 4,
  IpAddr: 5,
  Counter: 6,
  Gauge: 7,
  TimeTicks: 8,
  Opaque: 9,
  Null: 10,
  Counter64: 11,
  BitString: 12,
  NsapAddress: 13,
  UInteger: 14,
  Unsigned32: 15,
  Integer32: 16,
  TrapType: 20,
  NotifType: 21,
  ObjGroup: 22,
  NotifGroup: 23,
  ModId: 24,
  AgentCap: 25,
  ModComp: 26,
  ObjIdentity: 27,
} as const;

/** The last simple (value) type code. */
export const NS_SIMPLE_LAST = 16;

/** Type names net-snmp's parser knows as keywords, with their type codes. */
const KEYWORD_TYPES: ReadonlyMap<string, number> = new Map([
  ['INTEGER', NsType.Integer],
  ['Integer32', NsType.Integer32],
  ['Unsigned32', NsType.Unsigned32],
  ['Counter', NsType.Counter],
  ['Counter32', NsType.Counter],
  ['Gauge', NsType.Gauge],
  ['Gauge32', NsType.Gauge],
  ['TimeTicks', NsType.TimeTicks],
  ['IpAddress', NsType.IpAddr],
  ['NetworkAddress', NsType.NetAddr],
  ['Opaque', NsType.Opaque],
  ['Counter64', NsType.Counter64],
  ['UInteger32', NsType.UInteger],
  ['NsapAddress', NsType.NsapAddress],
  ['OCTET STRING', NsType.OctetStr],
  ['OBJECT IDENTIFIER', NsType.ObjectId],
  ['BITS', NsType.BitString],
  ['NULL', NsType.Null],
  ['ObjectName', NsType.Other],
  ['NotificationName', NsType.Other],
  ['ObjectSyntax', NsType.Other],
  ['SimpleSyntax', NsType.Other],
  ['ApplicationSyntax', NsType.Other],
]);

const KIND_TYPES: Readonly<Record<string, number>> = {
  notification: NsType.NotifType,
  objectGroup: NsType.ObjGroup,
  notificationGroup: NsType.NotifGroup,
  moduleIdentity: NsType.ModId,
  capabilities: NsType.AgentCap,
  compliance: NsType.ModComp,
  objectIdentity: NsType.ObjIdentity,
};

/** A node as net-snmp's tree would hold it. */
export interface NsView {
  /** The tree node. */
  readonly node: MibNode;
  /** The label (net-snmp keeps one tree node per label). */
  readonly label: string;
  /** Modules defining the label here, consecutive repeats removed. */
  readonly modules: readonly string[];
  /** The definition (of the first module), if any. */
  readonly object: MibObject | undefined;
  /** net-snmp type code. */
  readonly type: number;
  /** Textual convention (or type assignment) named by the SYNTAX, if any. */
  readonly tc: string | undefined;
  /** Effective enumeration / named bits. */
  readonly enums: readonly MibNamedNumber[] | undefined;
  /** Effective ranges (value ranges or sizes). */
  readonly ranges: readonly MibRange[] | undefined;
  /** Effective DISPLAY-HINT. */
  readonly hint: string | undefined;
  /** True for net-snmp's placeholder labels `anonymous#N`. */
  readonly anonymous: boolean;
}

const views = new WeakMap<MibLabel, NsView>();

/** The view of a node (its first label unless `label` is given). */
export function nsView(store: MibStore, node: MibNode, label: MibLabel | undefined = node.labels[0]): NsView {
  if (label === undefined) return bareView(node);
  let v = views.get(label);
  if (v === undefined) {
    v = buildView(store, node, label);
    views.set(label, v);
  }
  return v;
}

function bareView(node: MibNode): NsView {
  return { node, label: String(node.arc), modules: [], object: undefined, type: 0, tc: undefined, enums: undefined, ranges: undefined, hint: undefined, anonymous: true };
}

function buildView(store: MibStore, node: MibNode, label: MibLabel): NsView {
  const modules: string[] = [];
  for (const m of label.modules) if (modules[modules.length - 1] !== m) modules.push(m);
  const o = label.object;
  let type: number = NsType.Other;
  let tc: string | undefined;
  let enums: readonly MibNamedNumber[] | undefined;
  let ranges: readonly MibRange[] | undefined;
  let hint: string | undefined;
  if (label.name.endsWith('#') && o === undefined) type = NsType.TrapType;
  else if (o !== undefined) {
    const k = KIND_TYPES[o.kind];
    if (k !== undefined) type = k;
    else if ((o.kind === 'scalar' || o.kind === 'column') && o.syntax !== undefined) {
      const r = resolveSyntax(store, o.syntax, o.module);
      type = r.type;
      tc = r.tc;
      enums = r.enums;
      ranges = r.ranges;
      hint = r.hint;
    }
  }
  return { node, label: label.name, modules, object: o, type, tc, enums, ranges, hint, anonymous: label.anonymous };
}

/** The effective type information of a SYNTAX, following TCs as net-snmp's parser does. */
export interface ResolvedSyntax {
  readonly type: number;
  readonly tc: string | undefined;
  readonly enums: readonly MibNamedNumber[] | undefined;
  readonly ranges: readonly MibRange[] | undefined;
  readonly hint: string | undefined;
}

/**
 * Resolves a syntax: its own refinements first, then those of the types it names.
 * @param module the module the syntax is written in (for unqualified type names).
 */
export function resolveSyntax(store: MibStore, s: MibSyntax, module: string): ResolvedSyntax {
  let enums: readonly MibNamedNumber[] | undefined = s.enums;
  let ranges: readonly MibRange[] | undefined = s.ranges ?? s.sizes;
  let hint: string | undefined;
  const kw = KEYWORD_TYPES.get(s.type);
  if (kw !== undefined) return { type: kw, tc: undefined, enums: dropKeywords(enums), ranges, hint };
  const tc = s.type;
  let t: MibTypeDef | undefined = store.type(s.type, s.typeModule ?? module) ?? store.type(s.type);
  let type: number = NsType.Other;
  for (let depth = 0; t !== undefined && depth < 32; depth++) {
    const ts = t.syntax;
    // net-snmp takes the enumeration, ranges and DISPLAY-HINT of the TC the SYNTAX names,
    // as written in that TC; a TC defined by another TC does not inherit them (parse.c).
    if (depth === 0) {
      enums ??= ts.enums;
      ranges ??= ts.ranges ?? ts.sizes;
      hint = t.displayHint;
    }
    const k = KEYWORD_TYPES.get(ts.type);
    if (k !== undefined) {
      type = k;
      break;
    }
    if (t.kind === 'sequence' || t.kind === 'choice') break;
    const next: MibTypeDef | undefined = store.type(ts.type, ts.typeModule ?? t.module) ?? store.type(ts.type);
    if (next === undefined || next === t) {
      type = keywordOfBase(ts);
      break;
    }
    t = next;
  }
  return { type, tc, enums: dropKeywords(enums), ranges, hint };
}

/** Words net-snmp's lexer takes as keywords; its enumeration parser skips such labels. */
const KEYWORD_LABELS: ReadonlySet<string> = new Set([
  'obsolete', 'optional', 'not-accessible', 'write-only', 'read-write', 'read-create', 'read-only',
  'mandatory', 'current', 'accessible-for-notify', 'not-implemented',
]);

function dropKeywords(enums: readonly MibNamedNumber[] | undefined): readonly MibNamedNumber[] | undefined {
  if (enums === undefined || !enums.some((e) => KEYWORD_LABELS.has(e.name))) return enums;
  return enums.filter((e) => !KEYWORD_LABELS.has(e.name));
}

/** A type code from a syntax's wire type, when its chain of names ends outside the keywords. */
function keywordOfBase(s: MibSyntax): number {
  switch (s.smiType) {
    case 'Integer32':
      return NsType.Integer;
    case 'OctetString':
      return s.base === 'Bits' ? NsType.BitString : NsType.OctetStr;
    case 'ObjectIdentifier':
      return NsType.ObjectId;
    case 'IpAddress':
      return NsType.IpAddr;
    case 'Counter32':
      return NsType.Counter;
    case 'Gauge32':
      return NsType.Gauge;
    case 'TimeTicks':
      return NsType.TimeTicks;
    case 'Opaque':
      return NsType.Opaque;
    case 'Counter64':
      return NsType.Counter64;
    case 'UInteger32':
      return NsType.UInteger;
    case 'NsapAddress':
      return NsType.NsapAddress;
    default:
      return NsType.Other;
  }
}

/** The INDEX of a row node, or of the row it AUGMENTS (net-snmp follows one AUGMENTS). */
export function nsIndexes(store: MibStore, v: NsView): readonly MibIndexPart[] | undefined {
  const o = v.object;
  if (o === undefined) return undefined;
  if (o.index !== undefined && o.index.length > 0) return o.index;
  if (o.augments !== undefined) {
    const n = store.tree.lastByName(o.augments);
    const a = n?.label(o.augments)?.object;
    if (a?.index !== undefined && a.index.length > 0) return a.index;
  }
  return undefined;
}

/**
 * A DEFVAL as net-snmp keeps it: the tokens between the braces joined by single spaces,
 * quoted strings as `\"...\"`, hex and binary strings as decimal numbers.
 */
export function nsDefval(text: string): string {
  const lx = new Lexer(text);
  const out: string[] = [];
  for (let k = lx.next(); k !== Tok.Eof; k = lx.next()) {
    if (k === Tok.String) out.push(`\\"${lx.stringValue()}\\"`);
    else if (k === Tok.HexString || k === Tok.BinString) {
      // net-snmp reads them into a C long, wrapping, and prints that.
      const digits = lx.quotedValue();
      const v = digits === '' ? 0n : BigInt((k === Tok.HexString ? '0x' : '0b') + digits);
      out.push(BigInt.asIntN(64, v).toString());
    } else out.push(lx.raw());
  }
  return out.join(' ');
}
