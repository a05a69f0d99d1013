/**
 * OID resolution for the compiler (RFC 2578 §3.5: an OID value is a parent descriptor
 * followed by arcs; descriptors may be defined later in the module, imported, or the
 * ASN.1 roots). Each local definition is resolved once, by its number, into one growing
 * array of arcs; a cycle is an error.
 */
import { Oid, oidArcs } from '../smi/oid.js';
import type { DefAst } from './ast.js';
import type { CompileEnv } from './compile.js';
import type { DiagnosticSink } from './diagnostics.js';
import type { StoredModule } from './stored-module.js';

/** ASN.1 roots (X.660): every module may use them. */
const ROOTS: ReadonlyMap<string, number> = new Map([['ccitt', 0], ['iso', 1], ['joint-iso-ccitt', 2]]);

/** Nodes of SNMPv2-SMI / RFC1155-SMI that vendor modules often use without importing. */
const WELL_KNOWN_NODES: ReadonlyMap<string, string> = new Map([
  ['org', '1.3'], ['dod', '1.3.6'], ['internet', '1.3.6.1'], ['directory', '1.3.6.1.1'], ['mgmt', '1.3.6.1.2'],
  ['mib-2', '1.3.6.1.2.1'], ['transmission', '1.3.6.1.2.1.10'], ['experimental', '1.3.6.1.3'], ['private', '1.3.6.1.4'],
  ['enterprises', '1.3.6.1.4.1'], ['security', '1.3.6.1.5'], ['snmpV2', '1.3.6.1.6'], ['snmpDomains', '1.3.6.1.6.1'],
  ['snmpProxys', '1.3.6.1.6.2'], ['snmpModules', '1.3.6.1.6.3'], ['zeroDotZero', '0.0'],
]);

// Resolution states of a definition (0: not yet).
const RESOLVING = 1;
const DONE = 2;
const FAILED = 3;

/** What the resolver needs from the compiler. */
export interface OidContext {
  readonly diags: DiagnosticSink;
  readonly env: CompileEnv;
  /** name -> module it is imported from */
  readonly importedFrom: ReadonlyMap<string, { readonly module: string }>;
  /** Imported modules (null: could not be loaded). */
  readonly modules: ReadonlyMap<string, StoredModule | null>;
  /** Modules in an IMPORTS cycle: their names are looked up among the loaded modules. */
  readonly cyclic: ReadonlySet<string>;
  /** Warns once per name. */
  warnOnce(name: string, code: string, message: string, at: { line: number; column: number }): void;
}

/** The OIDs of a module's value definitions. */
export class OidResolver {
  /** Unnamed intermediate arcs (net-snmp's `anonymous#N` nodes), as dotted OIDs, in source order. */
  readonly anonymous: string[] = [];
  /** Names written inside OID values (`{ iso org(3) }`), with their dotted OIDs. */
  readonly implicit: { name: string; oid: string }[] = [];
  readonly #ctx: OidContext;
  readonly #values: readonly DefAst[];
  readonly #valueIndex: ReadonlyMap<string, number>;
  readonly #state: Uint8Array;
  readonly #from: Int32Array;
  readonly #to: Int32Array;
  /** The arcs, `#arcs[0, #length)` used. */
  #arcs: Uint32Array;
  #length = 0;
  /** OIDs of descriptors not defined here (null: could not be resolved). */
  readonly #external = new Map<string, number[] | null>();

  /**
   * @param values the module's value definitions (the first of each name).
   * @param valueIndex name -> number in `values`.
   */
  constructor(ctx: OidContext, values: readonly DefAst[], valueIndex: ReadonlyMap<string, number>) {
    this.#ctx = ctx;
    this.#values = values;
    this.#valueIndex = valueIndex;
    const n = values.length;
    this.#state = new Uint8Array(n);
    this.#from = new Int32Array(n);
    this.#to = new Int32Array(n);
    this.#arcs = new Uint32Array(n * 12 + 16);
  }

  /** Resolves every value in source order; returns how many resolved. */
  resolveAll(): number {
    let count = 0;
    for (let i = 0; i < this.#values.length; i++) if (this.#local(i)) count++;
    return count;
  }

  /** Whether value `i` has an OID. */
  resolved(i: number): boolean {
    return this.#state[i] === DONE;
  }

  /** The number of arcs of value `i` (resolved). */
  arcCount(i: number): number {
    return this.#to[i]! - this.#from[i]!;
  }

  /** The dotted OID of value `i` (resolved). */
  dottedOf(i: number): string {
    return this.#dotted(this.#from[i]!, this.#to[i]!);
  }

  /** The dotted OID of the parent of value `i` (resolved). */
  parentOf(i: number): string {
    return this.#dotted(this.#from[i]!, this.#to[i]! - 1);
  }

  /** The arcs of the resolved values, in source order, as one array of `total` arcs. */
  ordered(total: number): Uint32Array {
    const src = this.#arcs;
    const state = this.#state;
    const from = this.#from;
    const to = this.#to;
    // Usually each value was resolved after the one before it: the arcs are in order.
    let expect = 0;
    for (let i = 0; i < state.length && expect >= 0; i++) {
      if (state[i] !== DONE) continue;
      expect = from[i] === expect ? to[i]! : -1;
    }
    if (expect === total && this.#length === total) return src.slice(0, total);
    const out = new Uint32Array(total);
    let at = 0;
    for (let i = 0; i < state.length; i++) {
      if (state[i] !== DONE) continue;
      out.set(src.subarray(from[i]!, to[i]!), at);
      at += to[i]! - from[i]!;
    }
    return out;
  }

  /** `#arcs[from, to)` as a dotted string. */
  #dotted(from: number, to: number): string {
    const a = this.#arcs;
    if (to <= from) return '';
    let s = String(a[from]);
    for (let k = from + 1; k < to; k++) s += `.${a[k]}`;
    return s;
  }

  /** Makes room for `k` more arcs. */
  #reserve(k: number): void {
    const need = this.#length + k;
    if (need <= this.#arcs.length) return;
    const bigger = new Uint32Array(Math.max(need, this.#arcs.length * 2));
    bigger.set(this.#arcs);
    this.#arcs = bigger;
  }

  /** Resolves value `i` once (a cycle is an error) and appends its arcs. Returns whether it resolved. */
  #local(i: number): boolean {
    const st = this.#state[i];
    if (st === DONE) return true;
    if (st === FAILED) return false;
    const d = this.#values[i]!;
    if (st === RESOLVING) {
      this.#ctx.diags.error('oid-cycle', `the OID of ${d.name} depends on itself`, d.line, d.column);
      this.#state[i] = FAILED;
      return false;
    }
    this.#state[i] = RESOLVING;
    const start = this.#valueOid(d);
    if (start < 0 || this.#state[i] === FAILED) {
      this.#state[i] = FAILED;
      return false;
    }
    this.#state[i] = DONE;
    this.#from[i] = start;
    this.#to[i] = this.#length;
    return true;
  }

  /**
   * Appends the arcs of a descriptor used in an OID value (after resolving it, which may
   * append other values' arcs first). Returns where they start, or -1 when the descriptor
   * cannot be resolved.
   */
  #appendOidOf(name: string, line: number, column: number): number {
    const i = this.#valueIndex.get(name);
    if (i !== undefined) {
      if (!this.#local(i)) return -1;
      const from = this.#from[i]!;
      const to = this.#to[i]!;
      const start = this.#length;
      this.#reserve(to - from);
      this.#arcs.copyWithin(start, from, to);
      this.#length = start + to - from;
      return start;
    }
    const ext = this.#externalOid(name, line, column);
    if (ext === undefined) return -1;
    const start = this.#length;
    this.#reserve(ext.length);
    this.#arcs.set(ext, start);
    this.#length = start + ext.length;
    return start;
  }

  /** Appends the arcs of a value's OID; returns where they start, or -1. */
  #valueOid(d: DefAst): number {
    const diags = this.#ctx.diags;
    if (d.macro === 'TRAP-TYPE') {
      // RFC 3584 §3.2 (RFC 2576): a trap's OID is its enterprise, then 0, then the specific number.
      if (d.enterprise === undefined || d.trapNumber === undefined) return -1;
      const start = this.#appendOidOf(d.enterprise, d.line, d.column);
      if (start < 0) return -1;
      if (d.trapNumber < 0 || d.trapNumber > 0xffffffff) {
        diags.error('bad-oid', `trap number ${d.trapNumber} is not in 0..4294967295`, d.line, d.column);
        this.#length = start;
        return -1;
      }
      this.#reserve(2);
      this.#arcs[this.#length++] = 0;
      this.#arcs[this.#length++] = d.trapNumber;
      return start;
    }
    const v = d.oid;
    if (v === undefined) return -1;
    const comps = v.components;
    const first = comps[0]!;
    let start = this.#length;
    if (first.name !== undefined && first.number === undefined && !this.#isRoot(first.name)) {
      start = this.#appendOidOf(first.name, first.line, first.column);
      if (start < 0) return -1;
    } else {
      this.#reserve(1);
      this.#arcs[this.#length++] = first.name === undefined || first.number !== undefined ? first.number! : ROOTS.get(first.name)!;
      if (first.name !== undefined && first.number !== undefined && comps.length > 1) this.implicit.push({ name: first.name, oid: String(first.number) });
    }
    this.#reserve(comps.length);
    const arcs = this.#arcs;
    let at = this.#length;
    for (let i = 1; i < comps.length; i++) {
      const c = comps[i]!;
      if (c.number === undefined) {
        diags.error('bad-oid', `"${c.name}" inside an OID value needs a number: ${c.name}(n)`, c.line, c.column);
        this.#length = start;
        return -1;
      }
      arcs[at++] = c.number;
      if (i < comps.length - 1) {
        // net-snmp names an unnamed intermediate arc "anonymous#N"; a named one becomes a node.
        this.#length = at;
        if (c.name === undefined) this.anonymous.push(this.#dotted(start, at));
        else this.implicit.push({ name: c.name, oid: this.#dotted(start, at) });
      }
    }
    this.#length = at;
    if (comps.length === 1 && first.name !== undefined && first.number === undefined) {
      diags.warn('oid-alias', `${d.name} has the same OID as ${first.name}`, v.line, v.column);
    }
    if (at - start > 128) {
      diags.error('bad-oid', `the OID of ${d.name} has more than 128 arcs`, v.line, v.column);
      this.#length = start;
      return -1;
    }
    return start;
  }

  /** Whether a descriptor in first place of an OID value is an ASN.1 root (not a local or imported name). */
  #isRoot(name: string): boolean {
    return ROOTS.has(name) && !this.#valueIndex.has(name) && !this.#ctx.importedFrom.has(name);
  }

  /** A descriptor not defined in this module: imported, a root, or a well-known node (memoized). */
  #externalOid(name: string, line: number, column: number): readonly number[] | undefined {
    const memo = this.#external.get(name);
    if (memo !== undefined) return memo ?? undefined;
    const ctx = this.#ctx;
    const imp = ctx.importedFrom.get(name);
    if (imp !== undefined) {
      const m = ctx.modules.get(imp.module);
      if (ctx.cyclic.has(imp.module)) {
        const g = ctx.env.findObject(name);
        if (g !== undefined) return this.#remember(name, oidArcs(g.oid));
      } else if (m === null || m === undefined) {
        this.#external.set(name, null);
        return undefined;
      } else {
        const i = m.indexOf(name);
        if (i >= 0) return this.#remember(name, m.arcsAt(i));
      }
    }
    const root = ROOTS.get(name);
    if (root !== undefined) return this.#remember(name, [root]);
    const wk = WELL_KNOWN_NODES.get(name);
    if (wk !== undefined) {
      if (imp === undefined) ctx.warnOnce(name, 'not-imported', `${name} is used without IMPORTS`, { line, column });
      return this.#remember(name, oidArcs(Oid.parse(wk)));
    }
    const g = ctx.env.findObject(name);
    if (g !== undefined) {
      ctx.warnOnce(name, 'not-imported', imp === undefined ? `${name} is used without IMPORTS; using ${g.module}::${name}` : `${name} is not defined in ${imp.module}; using ${g.module}::${name}`, { line, column });
      return this.#remember(name, oidArcs(g.oid));
    }
    ctx.diags.error('unknown-name', imp === undefined ? `unknown descriptor ${name} (not defined here nor imported)` : `${name} is not defined in ${imp.module}`, line, column);
    this.#external.set(name, null);
    return undefined;
  }

  #remember(name: string, src: ArrayLike<number>): number[] {
    const arcs = new Array<number>(src.length);
    for (let i = 0; i < src.length; i++) arcs[i] = src[i]!;
    this.#external.set(name, arcs);
    return arcs;
  }
}
