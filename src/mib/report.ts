/**
 * snmptranslate's reports, byte for byte as net-snmp 5.9 prints them: `-Td` (a node's
 * definition), `-Tp` (a subtree drawn as a tree) and `-Tz` (every name and OID loaded).
 */
import { oidArcs } from '../smi/oid.js';
import type { Oid } from '../smi/oid.js';
import { NS_SIMPLE_LAST, NsType, nsDefval, nsView } from './ns-view.js';
import type { NsView } from './ns-view.js';
import type { MibRange } from './model.js';
import type { MibStore } from './store.js';
import type { MibNode } from './tree.js';

const SYNTAX_NAMES: Readonly<Record<number, string>> = {
  [NsType.ObjectId]: 'OBJECT IDENTIFIER',
  [NsType.OctetStr]: 'OCTET STRING',
  [NsType.Integer]: 'INTEGER',
  [NsType.NetAddr]: 'NetworkAddress',
  [NsType.IpAddr]: 'IpAddress',
  [NsType.Counter]: 'Counter32',
  [NsType.Gauge]: 'Gauge32',
  [NsType.TimeTicks]: 'TimeTicks',
  [NsType.Opaque]: 'Opaque',
  [NsType.Null]: 'NULL',
  [NsType.Counter64]: 'Counter64',
  [NsType.BitString]: 'BITS',
  [NsType.NsapAddress]: 'NsapAddress',
  [NsType.UInteger]: 'UInteger32',
  [NsType.Unsigned32]: 'Unsigned32',
  [NsType.Integer32]: 'Integer32',
};

const MACRO_WORDS: Readonly<Record<number, string>> = {
  [NsType.TrapType]: ' TRAP-TYPE',
  [NsType.NotifType]: ' NOTIFICATION-TYPE',
  [NsType.ObjGroup]: ' OBJECT-GROUP',
  [NsType.AgentCap]: ' AGENT-CAPABILITIES',
  [NsType.ModId]: ' MODULE-IDENTITY',
  [NsType.ObjIdentity]: ' OBJECT-IDENTITY',
  [NsType.ModComp]: ' MODULE-COMPLIANCE',
};

/** The node net-snmp's get_tree finds for an OID (the deepest existing one). */
function deepest(store: MibStore, arcs: ArrayLike<number>): MibNode | undefined {
  let n = store.tree.root;
  let found: MibNode | undefined;
  for (let i = 0; i < arcs.length; i++) {
    const c = n.child(arcs[i]!);
    if (c === undefined || c.labels.length === 0) break;
    n = c;
    found = c;
  }
  return found;
}

function modulesOf(v: NsView): readonly string[] {
  return v.modules;
}

/** C's (int) of a range bound, printed with %d or %u. */
function cInt(v: bigint, unsigned: boolean): string {
  const sat = v > 0x7fffffffffffffffn ? 0x7fffffffffffffffn : v < -0x8000000000000000n ? -0x8000000000000000n : v;
  return unsigned ? BigInt.asUintN(32, sat).toString() : BigInt.asIntN(32, sat).toString();
}

/**
 * The `-Td` description of the node an OID names (without the name line snmptranslate
 * prints first), or undefined when no node is on its path.
 */
export function describeOid(store: MibStore, oid: Oid | ArrayLike<number>): string | undefined {
  const arcs = 'compare' in oid ? oidArcs(oid as Oid) : (oid as ArrayLike<number>);
  const tp = deepest(store, arcs);
  if (tp === undefined) return undefined;
  const v = nsView(store, tp);
  let out = v.label + (v.type <= NS_SIMPLE_LAST ? ' OBJECT-TYPE' : (MACRO_WORDS[v.type] ?? ` type_${v.type}`)) + '\n';
  out += treeNode(store, v);
  out += '::= {';
  let n: MibNode = store.tree.root;
  let i = 0;
  for (; i < arcs.length - 1; i++) {
    const c = n.child(arcs[i]!);
    if (c === undefined || c.labels.length === 0) break;
    const cv = nsView(store, c);
    out += cv.anonymous ? ` ${c.arc}` : ` ${cv.label}(${c.arc})`;
    n = c;
  }
  for (; i < arcs.length - 1; i++) out += ` ${arcs[i]}`;
  out += ` ${arcs[arcs.length - 1]} }`;
  return out;
}

/** print_tree_node. */
function treeNode(store: MibStore, v: NsView): string {
  const mods = modulesOf(v);
  let out = `  -- FROM\t${mods.join(', ')}\n`;
  // The last module name printed stays in net-snmp's buffer; ranges of types it cannot
  // print repeat it (a quirk kept for identical output).
  const stale = mods[mods.length - 1] ?? '';
  if (v.tc !== undefined) out += `  -- TEXTUAL CONVENTION ${v.tc}\n`;
  const cp = SYNTAX_NAMES[v.type];
  if (cp !== undefined) out += `  SYNTAX\t${cp}`;
  if (v.ranges !== undefined && v.ranges.length > 0) {
    out += ' (';
    v.ranges.forEach((r: MibRange, k: number) => {
      const sep = k === 0 ? '' : ' | ';
      switch (v.type) {
        case NsType.Integer:
        case NsType.Integer32:
          out += r.min === r.max ? `${sep}${cInt(r.min, false)}` : `${sep}${cInt(r.min, false)}..${cInt(r.max, false)}`;
          break;
        case NsType.Unsigned32:
        case NsType.OctetStr:
        case NsType.Gauge:
        case NsType.UInteger:
          out += r.min === r.max ? `${sep}${cInt(r.min, true)}` : `${sep}${cInt(r.min, true)}..${cInt(r.max, true)}`;
          break;
        default:
          out += stale;
          break;
      }
    });
    out += ') ';
  }
  if (v.enums !== undefined && v.enums.length > 0) {
    out += ` {${v.enums.map((e) => `${e.name}(${e.value})`).join(', ')}} `;
  }
  if (cp !== undefined) out += '\n';
  const o = v.object;
  if (v.hint !== undefined) out += `  DISPLAY-HINT\t"${v.hint}"\n`;
  const isObjectType = o !== undefined && o.macro === 'OBJECT-TYPE';
  if (isObjectType && o.units !== undefined) out += `  UNITS\t\t"${o.units}"\n`;
  if (isObjectType && o.access !== undefined && o.access !== 'not-implemented') out += `  MAX-ACCESS\t${o.access}\n`;
  if (isObjectType && o.status !== undefined) out += `  STATUS\t${o.status}\n`;
  if (isObjectType && o.augments !== undefined) out += `  AUGMENTS\t{ ${o.augments} }\n`;
  if (isObjectType && o.index !== undefined && o.index.length > 0) {
    out += `  INDEX\t\t{ ${o.index.map((p) => (p.implied ? `IMPLIED ${p.name}` : p.name)).join(', ')} }\n`;
  }
  if (o !== undefined && (o.kind === 'notification' || o.kind === 'trap') && o.objects !== undefined && o.objects.length > 0) {
    out += `  ${v.type === NsType.TrapType ? 'VARIABLES' : 'OBJECTS'}\t{ ${o.objects.join(', ')} }\n`;
  }
  if (o !== undefined && o.description !== undefined && o.macro !== 'OBJECT IDENTIFIER') {
    // net-snmp keeps at most 4095 characters of a quoted string (MAXQUOTESTR), without CRs.
    out += `  DESCRIPTION\t"${o.description.replace(/\r/g, '').slice(0, 4095)}"\n`;
  }
  if (isObjectType && o.defval !== undefined) out += `  DEFVAL\t{ ${nsDefval(o.defval.text)} }\n`;
  return out;
}

const ACCESS_MARKS: Readonly<Record<string, string>> = {
  'not-accessible': '----',
  'read-only': '-R--',
  'write-only': '--W-',
  'read-write': '-RW-',
  'accessible-for-notify': '---N',
  'read-create': 'CR--',
};

const LEAF_TYPES: Readonly<Record<number, string>> = {
  [NsType.ObjectId]: 'ObjID    ',
  [NsType.OctetStr]: 'String   ',
  [NsType.NetAddr]: 'NetAddr  ',
  [NsType.IpAddr]: 'IpAddr   ',
  [NsType.Counter]: 'Counter  ',
  [NsType.Gauge]: 'Gauge    ',
  [NsType.TimeTicks]: 'TimeTicks',
  [NsType.Opaque]: 'Opaque   ',
  [NsType.Null]: 'Null     ',
  [NsType.Counter64]: 'Counter64',
  [NsType.BitString]: 'BitString',
  [NsType.NsapAddress]: 'NsapAddr ',
  [NsType.Unsigned32]: 'Unsigned ',
  [NsType.UInteger]: 'UInteger ',
  [NsType.Integer32]: 'Integer32',
};

/**
 * The `-Tp` tree of the subtree at an OID (the deepest existing node on its path), or of
 * everything under `iso` when no OID is given.
 */
export function printTree(store: MibStore, oid?: Oid | ArrayLike<number>): string {
  let tp: MibNode | undefined;
  if (oid === undefined) tp = store.tree.root.child(1);
  else tp = deepest(store, 'compare' in oid ? oidArcs(oid as Oid) : (oid as ArrayLike<number>));
  if (tp === undefined) return '';
  const out: string[] = [];
  const st = { indent: ' ', wasSimple: true };
  leaves(store, tp, st, out);
  return out.join('');
}

function leaves(store: MibStore, tp: MibNode, st: { indent: string; wasSimple: boolean }, out: string[], labelIndex = 0): void {
  const v = nsView(store, tp, tp.labels[labelIndex]);
  const ip = st.indent.length - 1;
  const withPlus = st.indent.slice(0, ip) + '+';
  if (v.type === NsType.Other || v.type > NS_SIMPLE_LAST) {
    out.push(`${withPlus}--${v.label}(${tp.arc})\n`);
    const idx = v.object?.index;
    if (v.object?.macro === 'OBJECT-TYPE' && idx !== undefined && idx.length > 0) {
      out.push(`${st.indent}  |  Index: ${idx.map((p) => p.name).join(', ')}\n`);
    }
  } else {
    const acc = ACCESS_MARKS[v.object?.access ?? ''] ?? '    ';
    const typ = v.type === NsType.Integer ? (v.enums !== undefined && v.enums.length > 0 ? 'EnumVal  ' : 'INTEGER  ') : (LEAF_TYPES[v.type] ?? '         ');
    out.push(`${withPlus}-- ${acc} ${typ} ${v.label}(${tp.arc})\n`);
    if (v.tc !== undefined) out.push(`${st.indent}        Textual Convention: ${v.tc}\n`);
    if (v.enums !== undefined && v.enums.length > 0) out.push(`${st.indent}        Values: ${v.enums.map((e) => `${e.name}(${e.value})`).join(', ')}\n`);
    if (v.ranges !== undefined && v.ranges.length > 0) {
      const size = v.type === NsType.OctetStr || v.type === NsType.Opaque;
      // Signed for INTEGER, unsigned for the unsigned types and strings; net-snmp prints
      // nothing for the other types (Opaque).
      const u = v.type !== NsType.Integer && v.type !== NsType.Integer32;
      const shown = [NsType.Integer, NsType.Integer32, NsType.Unsigned32, NsType.OctetStr, NsType.Gauge, NsType.UInteger].includes(v.type as 3);
      const text = v.ranges.map((r) => (!shown ? '' : r.min === r.max ? cInt(r.min, u) : `${cInt(r.min, u)}..${cInt(r.max, u)}`)).join(' | ');
      out.push(`${st.indent}        ${size ? 'Size' : 'Range'}: ${text}\n`);
    }
  }
  const saved = st.indent;
  st.indent += '  |';
  st.wasSimple = v.type !== NsType.Other;
  // net-snmp keeps one tree node per label and hangs the children under the oldest one;
  // its sort puts the oldest first, then the newer labels without children.
  const entries: { node: MibNode; label: number }[] = [];
  if (labelIndex === 0) {
    for (const c of tp.children()) for (let k = 0; k < c.labels.length; k++) entries.push({ node: c, label: k });
  }
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]!;
    const cv = nsView(store, e.node, e.node.labels[e.label]);
    if (!st.wasSimple || cv.type === 0) out.push(`${st.indent}\n`);
    if (i === entries.length - 1) st.indent = st.indent.slice(0, saved.length + 2) + ' ';
    leaves(store, e.node, st, out, e.label);
  }
  if (entries.length > 0) st.wasSimple = false;
  st.indent = saved;
}

/**
 * The `-Tz` report: every label of every node under the roots, depth first by arc, as
 * `"name"\t\t\t"1.3.6.1"`.
 */
export function oidReport(store: MibStore): string {
  const out: string[] = [];
  const roots = [store.tree.root.child(1), store.tree.root.child(0), store.tree.root.child(2)];
  for (const r of roots) if (r !== undefined) reportChildren(r, out);
  return out.join('');
}

function reportChildren(n: MibNode, out: string[]): void {
  for (const c of n.children()) {
    if (c.labels.length === 0) continue;
    const oid = c.oid.toString();
    for (let i = c.labels.length - 1; i >= 0; i--) out.push(`"${c.labels[i]!.name}"\t\t\t"${oid}"\n`);
    reportChildren(c, out);
  }
}
