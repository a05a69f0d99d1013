/**
 * Text to OID with MIB names, as net-snmp reads them: `1.3.6.1.2.1.2.2.1.2.1`,
 * `.iso.org.dod.internet...`, `IF-MIB::ifDescr.1` (or `IF-MIB:ifDescr.1`), and with random
 * access (`-IR`) `ifDescr.1`. Index values after a column follow the row's INDEX clause:
 * numbers or enumeration labels, dotted IpAddresses, `"quoted"` variable-length strings
 * (length prefixed) and `'quoted'` IMPLIED or fixed-length strings, checked against the
 * index objects' ranges unless `checkRange` is off (`-Ir`).
 */
import { InvalidArgumentError } from '../errors.js';
import { MAX_ARC, MAX_OID_ARCS, oidFromTrustedArcs } from '../smi/oid.js';
import type { Oid } from '../smi/oid.js';
import { NsType, nsIndexes, nsView } from './ns-view.js';
import type { NsView } from './ns-view.js';
import type { MibIndexPart } from './model.js';
import type { MibStore } from './store.js';
import type { MibNode } from './tree.js';

/** Options of {@link parseOid}. */
export interface ParseOidOptions {
  /**
   * `true`: look the first name up anywhere in the tree (`-IR`); `false`: read a path from
   * the top of the tree (snmptranslate's default); undefined: try the path, then the name
   * anywhere (net-snmp's snmp_parse_oid, as snmpget reads OIDs). Default undefined.
   */
  randomAccess?: boolean;
  /** Check index values against the index objects' ranges (`-Ir` turns off). Default true. */
  checkRange?: boolean;
  /** Apply DISPLAY-HINTs when reading quoted index strings (`-Ih` turns off). Default true. */
  useHints?: boolean;
}

/** A name that does not resolve; `detail` says why (net-snmp's wording). */
export class OidParseFailure extends InvalidArgumentError {
  /** net-snmp's detail text, e.g. `Sub-id not found: (top) -> ifDescr`, or undefined. */
  readonly detail: string | undefined;
  /** Messages net-snmp prints before the error (e.g. `Cannot find module (X): ...`). */
  readonly notes: readonly string[];

  constructor(input: string, detail: string | undefined, notes: readonly string[] = []) {
    super(`${input}: Unknown Object Identifier${detail === undefined ? '' : ` (${detail})`}`);
    this.detail = detail;
    this.notes = notes;
  }
}

/**
 * Reads a name or dotted OID.
 * @throws OidParseFailure (an InvalidArgumentError) when the name does not resolve.
 */
export function parseOid(store: MibStore, text: string, options: ParseOidOptions = {}): Oid {
  const random = options.randomAccess;
  const p = new NameReader(store, options.checkRange ?? true, options.useHints ?? true);
  let arcs: number[] | undefined;
  const colon = moduleColon(text);
  if (colon >= 0 || random === true) arcs = p.getNode(text, colon);
  else {
    arcs = p.readObjid(text);
    if (arcs === undefined && random === undefined) {
      const q = new NameReader(store, options.checkRange ?? true, options.useHints ?? true);
      arcs = q.getNode(text, -1);
    }
  }
  if (arcs === undefined) throw new OidParseFailure(text, p.detail, p.notes);
  if (arcs.length > MAX_OID_ARCS) throw new OidParseFailure(text, undefined, p.notes);
  return oidFromTrustedArcs(Uint32Array.from(arcs));
}

/** Position of the `:` after a leading `[0-9A-Za-z-]*`, or -1. */
function moduleColon(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 45) continue;
    return c === 58 ? i : -1;
  }
  return -1;
}

/** The C library's strtoul(s, &end, 0): decimal, 0x hex or 0 octal; undefined unless all of `s` is used. */
function strtoul(s: string): number | undefined {
  let m: RegExpExecArray | null;
  let v: number;
  if ((m = /^0[xX]([0-9a-fA-F]+)$/.exec(s)) !== null) v = parseInt(m[1]!, 16);
  else if (/^0[0-7]*$/.test(s)) v = parseInt(s, 8);
  else if (/^[1-9][0-9]*$/.test(s)) v = Number(s);
  else return undefined;
  return v > MAX_ARC ? MAX_ARC : v;
}

class NameReader {
  readonly #store: MibStore;
  readonly #check: boolean;
  readonly #hints: boolean;
  /** Why the last read failed. */
  detail: string | undefined;
  /** Messages to print before the error. */
  readonly notes: string[] = [];
  /** The component being read (net-snmp's fcp, cut where its parser wrote a NUL). */
  #fcp = '';

  constructor(store: MibStore, check: boolean, hints: boolean) {
    this.#store = store;
    this.#check = check;
    this.#hints = hints;
  }

  /** read_objid: a path from the top of the tree (a leading dot is optional). */
  readObjid(text: string): number[] | undefined {
    const colon = moduleColon(text);
    if (colon >= 0) return this.getNode(text, colon);
    const input = text.startsWith('.') ? text.slice(1) : text;
    const out: number[] = [];
    return this.#addStrings(undefined, input, out) ? out : undefined;
  }

  /** get_node: `MODULE::name.rest` or (random access) `name.rest`. */
  getNode(text: string, colon: number): number[] | undefined {
    let module: string | undefined;
    let rest = text;
    if (colon >= 0) {
      module = text.slice(0, colon);
      rest = text.slice(colon + 1);
      if (rest.startsWith(':')) rest = rest.slice(1);
    } else if (rest.startsWith('.')) rest = rest.slice(1);
    const dot = rest.indexOf('.');
    const name = dot < 0 ? rest : rest.slice(0, dot);
    const tail = dot < 0 ? undefined : rest.slice(dot + 1);
    let node: MibNode | undefined;
    const store = this.#store;
    if (module === undefined || module === 'ANY') node = store.tree.lastByName(name);
    else {
      if (store.module(module) === undefined) {
        try {
          store.load(module);
        } catch {
          this.notes.push(`MIB search path: ${store.path.join(':')}`, `Cannot find module (${module}): At line 1 in (none)`);
          return undefined;
        }
      }
      for (const e of store.tree.byName(name)) {
        if (e.label.modules.includes(module)) node = e.node;
      }
      // net-snmp's find_tree_node returns the most recent node of that name in the module.
    }
    if (node === undefined) return undefined;
    const out = node.oid.toArray();
    if (tail === undefined) return out;
    return this.#addStrings(node, tail, out) ? out : undefined;
  }

  /** _add_strings_to_oid: names or numbers down the tree, then index values, then numbers. */
  #addStrings(start: MibNode | undefined, input: string, out: number[]): boolean {
    const store = this.#store;
    // `tp` and its label as net-snmp's variable of that name: the node last looked at.
    let tp: MibNode | undefined = start ?? store.tree.root;
    let tpLabel = start === undefined ? '(top)' : labelOf(start);
    let cp: string | undefined = input;
    let index: readonly MibIndexPart[] | undefined;
    let indexAt = 0;
    const fail = (detail: string): boolean => {
      this.detail = detail;
      return false;
    };
    const badId = (fcp: string): boolean => {
      if (index !== undefined && indexAt < index.length) return fail(`Index out of range: ${fcp} (${index[indexAt]!.name})`);
      if (tp !== undefined) return fail(`Sub-id not found: ${tpLabel} -> ${fcp}`);
      return fail(fcp);
    };
    while (cp !== undefined && tp !== undefined && tp.childCount > 0) {
      const dot: number = cp.indexOf('.');
      const part: string = dot < 0 ? cp : cp.slice(0, dot);
      const next: string | undefined = dot < 0 ? undefined : cp.slice(dot + 1);
      let child: MibNode | undefined;
      let subid: number;
      const c0 = part.charCodeAt(0);
      if (c0 >= 48 && c0 <= 57) {
        const v = strtoul(part);
        if (v === undefined) return badId(part);
        subid = v;
        child = tp.child(v);
        if (child !== undefined && child.labels.length === 0) child = undefined;
      } else {
        for (const c of tp.children()) if (c.labels.some((l) => l.name === part)) child = c;
        if (child === undefined) return badId(part);
        subid = child.arc;
      }
      out.push(subid);
      cp = next;
      if (child === undefined) break;
      tp = child;
      tpLabel = labelOf(child);
    }
    if (tp !== undefined && tp.childCount === 0) {
      const row = tp.parent;
      if (row !== undefined && row.labels.length > 0) index = nsIndexes(store, nsView(store, row));
      tp = undefined;
    }
    while (cp !== undefined && index !== undefined && indexAt < index.length) {
      const part = index[indexAt]!;
      const node = store.tree.lastByName(part.name);
      if (node === undefined) break;
      tp = node;
      tpLabel = part.name;
      const v = nsView(store, node, node.label(part.name));
      this.#fcp = component(cp);
      const r = this.#indexValue(v, part, cp, out);
      if (r === false) return badId(this.#fcp);
      if (typeof r === 'object') {
        if ('detail' in r) {
          this.detail = r.detail;
          return false;
        }
        cp = r.rest;
        index = undefined;
        break;
      }
      cp = r;
      indexAt++;
    }
    index = undefined;
    // Whatever is left: numbers, or quoted strings ("..." with its length first).
    while (cp !== undefined) {
      const c = cp[0];
      if (c === '"' || c === "'") {
        const end = cp.indexOf(c, 1);
        if (end < 0) return badId(cp);
        const s = cp.slice(1, end);
        if (c === '"') out.push(s.length);
        for (let i = 0; i < s.length; i++) out.push(s.charCodeAt(i));
        const after = cp.slice(end + 1);
        if (after === '') cp = undefined;
        else if (after[0] === '.') cp = after.slice(1);
        else return badId(cp.slice(0, end));
        continue;
      }
      if (c === undefined || c < '0' || c > '9') return badId(cp);
      const dot = cp.indexOf('.');
      const part = dot < 0 ? cp : cp.slice(0, dot);
      const v = strtoul(part);
      if (v === undefined) return badId(part);
      out.push(v);
      cp = dot < 0 ? undefined : cp.slice(dot + 1);
    }
    return true;
  }

  /**
   * One index value; returns the rest of the text (undefined when consumed), false on a
   * bad value, `{ rest }` to read the rest as plain numbers, or `{ detail }` to fail.
   */
  #indexValue(tp: NsView, part: MibIndexPart, cp: string, out: number[]): string | undefined | false | { rest: string | undefined } | { detail: string } {
    const check = this.#check;
    const split = (s: string): [string, string | undefined] => {
      const d = s.indexOf('.');
      this.#fcp = d < 0 ? s : s.slice(0, d);
      return d < 0 ? [s, undefined] : [s.slice(0, d), s.slice(d + 1)];
    };
    switch (tp.type) {
      case NsType.Integer:
      case NsType.Integer32:
      case NsType.UInteger:
      case NsType.Unsigned32:
      case NsType.TimeTicks: {
        const [s, rest] = split(cp);
        let v: number | undefined;
        const c = s[0];
        if (c !== undefined && c >= '0' && c <= '9') v = strtoul(s);
        else v = tp.enums?.find((e) => e.name === s)?.value;
        if (v === undefined) return false;
        if (check && tp.ranges !== undefined) {
          const signed = tp.type === NsType.Integer || tp.type === NsType.Integer32;
          const x = BigInt(signed ? v | 0 : v >>> 0);
          const ok = tp.ranges.some((r) => (signed ? BigInt.asIntN(32, r.min) <= x && x <= BigInt.asIntN(32, r.max) : BigInt.asUintN(32, r.min) <= x && x <= BigInt.asUintN(32, r.max)));
          if (!ok) return false;
        }
        out.push(v >>> 0);
        return rest;
      }
      case NsType.IpAddr: {
        let rest: string | undefined = cp;
        for (let i = 0; i < 4 && rest !== undefined; i++) {
          const [s, r] = split(rest);
          const v = strtoul(s);
          if (v === undefined || (check && v > 255)) return false;
          out.push(v);
          rest = r;
        }
        return rest;
      }
      case NsType.OctetStr:
        return this.#stringIndex(tp, part, cp, out);
      case NsType.ObjectId:
        return { rest: cp };
      case NsType.NetAddr: {
        const [s, r] = split(cp);
        const v = strtoul(s);
        if (v === undefined) return false;
        out.push(v);
        if (v !== 1) return { rest: r };
        let rest = r;
        for (let i = 0; i < 4 && rest !== undefined; i++) {
          const [a, b] = split(rest);
          const x = strtoul(a);
          if (x === undefined || (check && x > 255)) return false;
          out.push(x);
          rest = b;
        }
        return rest;
      }
      default:
        return { rest: cp };
    }
  }

  #stringIndex(tp: NsView, part: MibIndexPart, cp: string, out: number[]): string | undefined | false | { detail: string } {
    const check = this.#check;
    const r0 = tp.ranges;
    const fixed = r0 !== undefined && r0.length === 1 && r0[0]!.min === r0[0]!.max ? Number(r0[0]!.min) : -1;
    const q = cp[0];
    if (q === '"' || q === "'") {
      let lenAt = -1;
      if (!part.implied && fixed === -1) {
        if (q === "'") return { detail: "'-quote is for fixed length strings" };
        lenAt = out.length;
        out.push(0);
      } else if (q === '"') return { detail: '"-quote is for variable length strings' };
      // _apply_escapes: backslash escapes up to the closing quote.
      let s = '';
      let i = 1;
      for (; i < cp.length; i++) {
        const c = cp[i]!;
        if (c === '\\' && i + 1 < cp.length) {
          s += cp[++i];
          continue;
        }
        if (c === q) break;
        s += c;
      }
      if (i >= cp.length) return false;
      this.#fcp = cp.slice(0, i);
      let bytes: number[] | undefined;
      if (this.#hints && tp.hint !== undefined) bytes = parseOctetHint(tp.hint, s);
      if (bytes === undefined) bytes = Array.from(s, (ch) => ch.charCodeAt(0) & 0xff);
      for (const b of bytes) out.push(b);
      const pos = bytes.length;
      const after = cp.slice(i + 1);
      let rest: string | undefined;
      if (after === '') rest = undefined;
      else if (after[0] !== '.') return false;
      else rest = after.slice(1);
      if (check) {
        if (fixed === -1) {
          const ok = r0 !== undefined && r0.some((r) => BigInt(pos) >= r.min && BigInt(pos) <= r.max);
          if (!ok) return false;
          if (!part.implied) out[lenAt] = pos;
        } else if (pos !== fixed) return false;
      } else if (fixed === -1 && !part.implied) out[lenAt] = pos;
      return rest;
    }
    let len = fixed;
    let rest: string | undefined = cp;
    if (!part.implied && len === -1) {
      const d = cp.indexOf('.');
      const s = d < 0 ? cp : cp.slice(0, d);
      this.#fcp = s;
      const v = strtoul(s);
      if (v === undefined) return false;
      // net-snmp refuses a length that cannot fit in an OID of 128 arcs.
      if (out.length + v + 1 >= MAX_OID_ARCS) return false;
      len = v;
      out.push(v);
      rest = d < 0 ? undefined : cp.slice(d + 1);
    }
    while (len !== 0 && rest !== undefined) {
      const d = rest.indexOf('.');
      const s = d < 0 ? rest : rest.slice(0, d);
      this.#fcp = s;
      const v = strtoul(s);
      if (v === undefined || (check && v > 255)) return false;
      out.push(v);
      len--;
      rest = d < 0 ? undefined : rest.slice(d + 1);
    }
    return rest;
  }
}

/** The text up to the next '.'. */
function component(s: string): string {
  const d = s.indexOf('.');
  return d < 0 ? s : s.slice(0, d);
}

function labelOf(n: MibNode): string {
  return n.labels[0]?.name ?? String(n.arc);
}

/**
 * Reads text written with an octet-string DISPLAY-HINT back into octets (net-snmp's
 * parse_octet_hint): `00:11:22` with `1x:`, `10.0.0.1` with `1d.1d.1d.1d`.
 * @returns the octets, or undefined when the text does not follow the hint.
 */
export function parseOctetHint(hint: string, text: string): number[] | undefined {
  const out: number[] = [];
  let h = 0;
  let v = 0;
  let width = 1;
  let code = '';
  let separ = '';
  let term = '';
  let repeat = false;
  const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
  while (v < text.length) {
    if (h < hint.length) {
      repeat = hint[h] === '*';
      if (repeat) h++;
      width = 0;
      while (isDigit(hint[h])) width = width * 10 + (hint.charCodeAt(h++) - 48);
      code = hint[h++] ?? '';
      separ = hint[h] !== undefined && hint[h] !== '*' && !isDigit(hint[h]) ? hint[h++]! : '';
      term = hint[h] !== undefined && hint[h] !== '*' && !isDigit(hint[h]) ? hint[h++]! : '';
      if (width === 0) width = 1;
    }
    if (repeat) return undefined;
    if (code === 'a' || code === 't') {
      const n = Math.min(width, text.length - v);
      for (let i = 0; i < n; i++) out.push(text.charCodeAt(v + i) & 0xff);
      v += n;
    } else {
      const base = code === 'x' ? 16 : code === 'd' ? 10 : code === 'o' ? 8 : 0;
      if (base === 0) return undefined;
      const re = base === 16 ? /^[0-9a-fA-F]+/ : base === 10 ? /^[0-9]+/ : /^[0-7]+/;
      const m = re.exec(text.slice(v));
      if (m === null) return undefined;
      let n = BigInt(parseInt(m[0], base));
      v += m[0].length;
      const bytes: number[] = [];
      for (let i = 0; i < width; i++) {
        bytes.unshift(Number(n & 0xffn));
        n >>= 8n;
      }
      out.push(...bytes);
    }
    if (v < text.length && (text[v] === separ || text[v] === term) && (separ !== '' || term !== '')) v++;
    else if (v < text.length && h >= hint.length && separ === '' && term === '') return undefined;
  }
  return out;
}
