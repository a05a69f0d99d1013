/**
 * OID to text with MIB names, as net-snmp prints them: `IF-MIB::ifDescr.1` (the default,
 * `-OS`), `ifDescr.1` (`-Os`), `.iso.org.dod...` (`-Of`), `.1.3.6...` (`-On`), the UCD
 * form (`-Ou`), with table indexes decoded by the row's INDEX clause (strings in quotes,
 * enumerations by name, IpAddress dotted) unless `-Ob`, or in brackets with `-OX`.
 */
import type { Oid } from '../smi/oid.js';
import { oidArcs } from '../smi/oid.js';
import { formatOctetHint, uptimeString } from './display-hint.js';
import { NsType, nsIndexes, nsView } from './ns-view.js';
import type { NsView } from './ns-view.js';
import type { MibIndexPart } from './model.js';
import type { MibStore } from './store.js';
import type { MibNode } from './tree.js';

/** How OIDs are printed (net-snmp `-O` letters). */
export type OidOutputFormat = 'module' | 'suffix' | 'full' | 'numeric' | 'ucd';

/** Options of {@link formatOid}. */
export interface FormatOidOptions {
  /** `module` (`-OS`, the default), `suffix` (`-Os`), `full` (`-Of`), `numeric` (`-On`), `ucd` (`-Ou`). */
  format?: OidOutputFormat;
  /** Decode table indexes into their parts (net-snmp default; `-Ob` turns it off). Default true. */
  breakIndex?: boolean;
  /** Extended index format `ifDescr[1]` (`-OX`). Default false. */
  extendedIndex?: boolean;
  /** Escape the quotes around string indexes (`-OE`). Default false. */
  escapeQuotes?: boolean;
}

/** net-snmp 5.9's prefixes removed by `-Ou` (mib.c mib_prefixes). */
const UCD_PREFIXES = [
  '.iso.org.dod.internet.mgmt.mib-2',
  '.iso.org.dod.internet.experimental',
  '.iso.org.dod.internet.private',
  '.iso.org.dod.internet.snmpParties',
  '.iso.org.dod.internet.snmpSecrets',
];

/** indexPart: one arc was consumed and printed, then decoding stops. */
const STOP_AFTER_ONE = -2;

interface Walk {
  /** The text built so far (starts with "."). */
  text: string;
  /** Offset where the unknown part starts (0 when every arc was found). */
  midpoint: number;
  /** The deepest node found. */
  deepest: NsView | undefined;
}

/**
 * Formats an OID with the names of a store.
 * @param oid an Oid or its arcs.
 */
export function formatOid(store: MibStore, oid: Oid | ArrayLike<number>, options: FormatOidOptions = {}): string {
  const arcs = 'length' in oid && typeof (oid as Oid).compare !== 'function' ? (oid as ArrayLike<number>) : oidArcs(oid as Oid);
  const format = options.format ?? 'module';
  const w: Walk = { text: '.', midpoint: 0, deepest: undefined };
  symbol(store, arcs, 0, store.tree.root, w, undefined, options, format);
  const tbuf = w.text;
  switch (format) {
    case 'full':
    case 'numeric':
      return tbuf;
    case 'ucd': {
      for (const p of UCD_PREFIXES) if (tbuf.length > p.length && tbuf.startsWith(p)) return tbuf.slice(p.length + 1);
      return tbuf;
    }
    default: {
      let cp: number;
      if (w.midpoint !== 0) cp = w.midpoint - 2;
      else {
        cp = tbuf.length;
        while (cp >= 0 && !isAlpha(tbuf.charCodeAt(cp))) cp--;
      }
      while (cp >= 0 && tbuf.charCodeAt(cp) !== 46) cp--;
      cp++;
      let out = tbuf.slice(cp);
      if (format === 'module' && cp > 0 && w.deepest !== undefined) {
        const mod = w.deepest.modules[0];
        // net-snmp leaves out a module it could not name (`#-1`, the roots).
        if (mod !== undefined && !mod.startsWith('#')) out = `${mod}::${out}`;
      }
      return out;
    }
  }
}

function isAlpha(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** net-snmp's _get_realloc_symbol: names down the tree, then the index, then numbers. */
function symbol(store: MibStore, arcs: ArrayLike<number>, at: number, parent: MibNode, w: Walk, index: readonly MibIndexPart[] | undefined, opts: FormatOidOptions, format: OidOutputFormat): void {
  let node = parent;
  let i = at;
  const n = arcs.length;
  while (i < n) {
    const child = node.child(arcs[i]!);
    if (child === undefined || child.labels.length === 0) break;
    const v = nsView(store, child);
    w.deepest = v;
    index = nsIndexes(store, v) ?? index;
    w.text += v.anonymous || format === 'numeric' ? String(child.arc) : v.label;
    if (i + 1 < n) w.text += '.';
    node = child;
    i++;
  }
  if (i >= n) return;
  w.midpoint = w.text.length;
  let rest = i;
  const ext = opts.extendedIndex ?? false;
  const esc = opts.escapeQuotes ?? false;
  if (index !== undefined && format !== 'numeric' && (opts.breakIndex ?? true)) {
    for (let k = 0; k < index.length && rest < n; k++) {
      const part = index[k]!;
      const tn = store.tree.lastByName(part.name);
      if (tn === undefined) break;
      const tp = nsView(store, tn, tn.label(part.name));
      if (ext && w.text.endsWith('.')) w.text = w.text.slice(0, -1);
      if (ext) w.text += '[';
      const used = indexPart(store, arcs, rest, part, tp, tn, w, ext, esc, opts);
      if (used === STOP_AFTER_ONE) {
        rest += 1;
        break;
      }
      if (used < 0) break;
      rest += used;
      w.text += ext ? ']' : '.';
    }
  }
  // _oid_finish_printing: the rest as numbers.
  if (!w.text.endsWith('.')) w.text += '.';
  for (let j = rest; j < n; j++) w.text += `${arcs[j]}.`;
  w.text = w.text.slice(0, -1);
}

/** Prints one index part; returns the arcs used, or -1 to stop decoding. */
function indexPart(store: MibStore, arcs: ArrayLike<number>, at: number, part: MibIndexPart, tp: NsView, tn: MibNode, w: Walk, ext: boolean, esc: boolean, opts: FormatOidOptions): number {
  const left = arcs.length - at;
  const fixed = tp.ranges !== undefined && tp.ranges.length === 1 && tp.ranges[0]!.min === tp.ranges[0]!.max ? Number(tp.ranges[0]!.min) : -1;
  switch (tp.type) {
    case NsType.OctetStr: {
      if (ext && tp.hint !== undefined) {
        let numids: number;
        let start = at;
        if (part.implied) numids = left;
        else if (fixed >= 0) numids = fixed;
        else {
          numids = arcs[at]!;
          if (numids >= left) return -1;
          start++;
        }
        if (numids > arcs.length - start) return -1;
        const bytes = new Uint8Array(numids);
        for (let i = 0; i < numids; i++) bytes[i] = arcs[start + i]! & 0xff;
        w.text += `STRING: ${formatOctetHint(tp.hint, bytes) ?? ''}`;
        return start - at + numids;
      }
      if (part.implied) {
        w.text += quoted(arcs, at, arcs.length, "'", esc);
        return left;
      }
      if (fixed >= 0) {
        if (fixed > left) return -1;
        w.text += quoted(arcs, at, at + fixed, "'", esc);
        return fixed;
      }
      const numids = arcs[at]! + 1;
      if (numids > left) return -1;
      if (numids === 1) {
        w.text += esc ? '\\"\\"' : '""';
        return 1;
      }
      const inet = inetAddressText(store, tp, tn, arcs, at, numids);
      w.text += inet ?? quoted(arcs, at + 1, at + numids, '"', esc);
      return numids;
    }
    case NsType.Integer32:
    case NsType.UInteger:
    case NsType.Unsigned32:
    case NsType.Gauge:
    case NsType.Integer: {
      const v = arcs[at]!;
      const e = tp.enums?.find((x) => x.value === (v | 0));
      w.text += e !== undefined ? e.name : String(v);
      return 1;
    }
    case NsType.TimeTicks:
      w.text += ext ? uptimeString(arcs[at]!) : String(arcs[at]!);
      return 1;
    case NsType.ObjectId: {
      const numids = part.implied ? left : arcs[at]! + 1;
      if (numids > left) return -1;
      if (ext) {
        const sub = (part.implied ? Array.prototype.slice.call(arcs, at, at + numids) : Array.prototype.slice.call(arcs, at + 1, at + numids)) as number[];
        w.text += formatOid(store, sub, opts);
      } else {
        // net-snmp looks the value up from no subtree: the arcs come out as numbers.
        const sub = Array.prototype.slice.call(arcs, at, at + numids) as number[];
        w.text += sub.join('.');
      }
      return numids;
    }
    case NsType.IpAddr:
      if (left < 4) return -1;
      w.text += `${arcs[at]}.${arcs[at + 1]}.${arcs[at + 2]}.${arcs[at + 3]}`;
      return 4;
    case NsType.NetAddr: {
      const ntype = arcs[at]!;
      w.text += `${ntype}.`;
      if (ntype === 1 && left - 1 >= 4) {
        w.text += `${arcs[at + 1]}.${arcs[at + 2]}.${arcs[at + 3]}.${arcs[at + 4]}`;
        return 5;
      }
      // net-snmp stops decoding here, the type arc already printed.
      return STOP_AFTER_ONE;
    }
    default:
      return -1;
  }
}

/** dump_realloc_oid_to_string: arcs as characters in quotes, `.` for the unprintable. */
function quoted(arcs: ArrayLike<number>, from: number, to: number, q: string, esc: boolean): string {
  if (to <= from) return '';
  let s = esc ? `\\${q}` : q;
  for (let i = from; i < to; i++) {
    const c = arcs[i]!;
    s += c > 254 || c < 0x20 || c >= 0x7f ? '.' : String.fromCharCode(c);
  }
  return s + (esc ? `\\${q}` : q);
}

/**
 * net-snmp prints an InetAddress index as an address when the column defined just before
 * it (its next peer in net-snmp's child list) is an InetAddressType: the address type is
 * the arc before the length.
 */
function inetAddressText(store: MibStore, tp: NsView, tn: MibNode, arcs: ArrayLike<number>, at: number, numids: number): string | undefined {
  if (tp.tc !== 'InetAddress' || tn.parent === undefined || at === 0) return undefined;
  const o = tp.object;
  if (o === undefined) return undefined;
  const mod = store.module(o.module);
  if (mod === undefined) return undefined;
  const idx = mod.objects.indexOf(o);
  let peer: NsView | undefined;
  for (let i = idx - 1; i >= 0; i--) {
    const p = mod.objects[i]!;
    const pn = store.node(p.oid);
    if (pn !== undefined && pn.parent === tn.parent) {
      peer = nsView(store, pn);
      break;
    }
  }
  if (peer === undefined || peer.tc !== 'InetAddressType') return undefined;
  const type = arcs[at - 1]!;
  const len = numids - 1;
  const a = at + 1;
  if ((type === 1 && len === 4) || (type === 3 && len === 8)) {
    let s = `"${arcs[a]}.${arcs[a + 1]}.${arcs[a + 2]}.${arcs[a + 3]}`;
    if (type === 3) s += `%${((arcs[a + 4]! << 24) | (arcs[a + 5]! << 16) | (arcs[a + 6]! << 8) | arcs[a + 7]!) >>> 0}`;
    return `${s}"`;
  }
  if ((type === 2 && len === 16) || (type === 4 && len === 20)) {
    const parts: string[] = [];
    for (let i = 0; i < 16; i++) parts.push((arcs[a + i]! & 0xff).toString(16).padStart(2, '0'));
    let s = `"${parts.join(':')}`;
    if (type === 4) s += `%${((arcs[a + 16]! << 24) | (arcs[a + 17]! << 16) | (arcs[a + 18]! << 8) | arcs[a + 19]!) >>> 0}`;
    return `${s}"`;
  }
  return undefined;
}

