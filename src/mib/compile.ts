/**
 * The compiler: resolves a parsed module against the modules it imports. Names go to
 * the local definitions, then the IMPORTS, then (with a warning) the well-known SMI
 * names; OID values are resolved with forward references; each definition gets its kind.
 *
 * Loading compiles every module of a search path, so this code runs mostly before V8 has
 * optimized it: each phase is a small method, per-definition state is kept in typed
 * arrays indexed by the definition's number, and the resolved OIDs are written once into
 * one array of arcs.
 */
import { Oid, oidArcs } from '../smi/oid.js';
import type { DefAst, ModuleAst, SyntaxAst } from './ast.js';
import { BASE_TYPE_NAMES, INTRINSIC_TYPES, WELL_KNOWN_TYPE_MODULES, makeSyntax } from './compile-types.js';
import type { DiagnosticSink } from './diagnostics.js';
import type { MibKind, MibLanguage, MibObject, MibStatus, MibSyntax, MibTypeDef } from './model.js';
import { isColumn, objectOf, syntaxOf } from './compile-objects.js';
import { KIND_CODES, StoredModule } from './stored-module.js';
import type { ModuleBody } from './stored-module.js';

/** What the compiler needs from the store. */
export interface CompileEnv {
  /**
   * The compiled module an IMPORTS clause names; a string says why it could not be
   * loaded; undefined means it is still being loaded (circular IMPORTS).
   */
  importModule(name: string): StoredModule | string | undefined;
  /** A loaded definition of a descriptor anywhere (for names used without IMPORTS). */
  findObject(name: string): MibObject | undefined;
  /** A loaded type of that name anywhere. */
  findType(name: string): MibTypeDef | undefined;
}

/** ASN.1 roots (X.660): every module may use them. */
const ROOTS: ReadonlyMap<string, number> = new Map([['ccitt', 0], ['iso', 1], ['joint-iso-ccitt', 2]]);

/** Nodes of SNMPv2-SMI / RFC1155-SMI that vendor modules often use without importing. */
const WELL_KNOWN_NODES: ReadonlyMap<string, string> = new Map([
  ['org', '1.3'], ['dod', '1.3.6'], ['internet', '1.3.6.1'], ['directory', '1.3.6.1.1'], ['mgmt', '1.3.6.1.2'],
  ['mib-2', '1.3.6.1.2.1'], ['transmission', '1.3.6.1.2.1.10'], ['experimental', '1.3.6.1.3'], ['private', '1.3.6.1.4'],
  ['enterprises', '1.3.6.1.4.1'], ['security', '1.3.6.1.5'], ['snmpV2', '1.3.6.1.6'], ['snmpDomains', '1.3.6.1.6.1'],
  ['snmpProxys', '1.3.6.1.6.2'], ['snmpModules', '1.3.6.1.6.3'], ['zeroDotZero', '0.0'],
]);

/** The SMI macros: importing only these needs no module. */
const MACRO_NAMES: ReadonlySet<string> = new Set([
  'MODULE-IDENTITY', 'OBJECT-IDENTITY', 'OBJECT-TYPE', 'NOTIFICATION-TYPE', 'TRAP-TYPE', 'TEXTUAL-CONVENTION',
  'OBJECT-GROUP', 'NOTIFICATION-GROUP', 'MODULE-COMPLIANCE', 'AGENT-CAPABILITIES',
]);

const SMIV2_MODULES: ReadonlySet<string> = new Set(['SNMPv2-SMI', 'SNMPv2-TC', 'SNMPv2-CONF']);

// Kind codes (positions in KIND_CODES).
const K_NODE = 0;
const K_SCALAR = 3;
const K_TABLE = 4;
const K_ROW = 5;
const K_COLUMN = 6;
const K_TRAP = 8;

/** The kind code of each macro that is not an OBJECT-TYPE. */
const MACRO_KIND: ReadonlyMap<string, number> = new Map([
  ['OBJECT IDENTIFIER', K_NODE],
  ['MODULE-IDENTITY', 1],
  ['OBJECT-IDENTITY', 2],
  ['NOTIFICATION-TYPE', 7],
  ['TRAP-TYPE', K_TRAP],
  ['OBJECT-GROUP', 9],
  ['NOTIFICATION-GROUP', 10],
  ['MODULE-COMPLIANCE', 11],
  ['AGENT-CAPABILITIES', 12],
]);

// OID resolution states of a definition.
const TODO = 0;
const RESOLVING = 1;
const DONE = 2;
const FAILED = 3;

/**
 * Compiles a parsed module. Problems become diagnostics in `diags`; definitions whose OID
 * cannot be resolved are left out.
 * @param file the file name used in diagnostics.
 * @param fullDefs when given, the definitions of the module parsed again from its text
 *   (the same list as `ast.defs`): the module then keeps none of `ast` and makes its
 *   definitions from this list on first use. Default: `ast`'s definitions are kept.
 */
export function compileModule(ast: ModuleAst, file: string, env: CompileEnv, diags: DiagnosticSink, fullDefs?: () => readonly DefAst[]): StoredModule {
  return new Compiler(ast, file, env, diags).run(fullDefs);
}

class Compiler {
  readonly #ast: ModuleAst;
  readonly #file: string;
  readonly #env: CompileEnv;
  readonly #diags: DiagnosticSink;
  readonly #types = new Map<string, DefAst>();
  /** Local OID definitions (first of each name), in source order. */
  readonly #values: DefAst[] = [];
  /** Their number in `ast.defs`. */
  readonly #defIndex: number[] = [];
  /** name -> number in #values */
  readonly #valueIndex = new Map<string, number>();
  /** name -> module it is imported from */
  readonly #importedFrom = new Map<string, { module: string; line: number; column: number }>();
  readonly #modules = new Map<string, StoredModule | null>();
  readonly #cyclic = new Set<string>();
  readonly #typeDefs = new Map<string, MibTypeDef | null>();
  /** OIDs of descriptors not defined here (null: could not be resolved). */
  readonly #external = new Map<string, number[] | null>();
  readonly #resolvingTypes = new Set<string>();
  readonly #warnedNames = new Set<string>();
  readonly #anonymous: string[] = [];
  readonly #implicit: { name: string; oid: string }[] = [];
  // OID of each local definition: its state, and its arcs as #arcs[#from[i], #to[i]).
  #state = new Uint8Array(0);
  #from = new Int32Array(0);
  #to = new Int32Array(0);
  readonly #arcs: number[] = [];

  constructor(ast: ModuleAst, file: string, env: CompileEnv, diags: DiagnosticSink) {
    this.#ast = ast;
    this.#file = file;
    this.#env = env;
    this.#diags = diags;
  }

  run(fullDefs: (() => readonly DefAst[]) | undefined): StoredModule {
    const ast = this.#ast;
    const language = this.#imports();
    const references = this.#collect();
    const types = this.#compileTypes();
    const count = this.#resolveOids();
    const rows = this.#rows();
    // The kinds (and the types of scalars and columns, resolved now: their warnings
    // belong to the load; the MibSyntax is made later).
    const values = this.#values;
    const state = this.#state;
    const kinds = new Uint8Array(count);
    const keptTypes: (MibTypeDef | undefined)[] = new Array<MibTypeDef | undefined>(count);
    const keptDefs = new Int32Array(count);
    const names: string[] = new Array<string>(count);
    const ends = new Uint32Array(count);
    let enterprises: Map<number, string> | undefined;
    let identity: string | undefined;
    let lastUpdated: string | undefined;
    let n = 0;
    let at = 0;
    for (let i = 0; i < values.length; i++) {
      if (state[i] !== DONE) continue;
      const d = values[i]!;
      const kind = d.macro === 'OBJECT-TYPE' ? this.#objectKind(i, d, rows) : (MACRO_KIND.get(d.macro) ?? K_NODE);
      if (kind === K_SCALAR || kind === K_COLUMN) keptTypes[n] = this.#leafType(d.syntax);
      at += this.#to[i]! - this.#from[i]!;
      ends[n] = at;
      kinds[n] = kind;
      if (kind === K_TRAP && d.enterprise !== undefined) (enterprises ??= new Map()).set(n, d.enterprise);
      names[n] = d.name;
      keptDefs[n] = this.#defIndex[i]!;
      if (identity === undefined && d.macro === 'MODULE-IDENTITY') {
        identity = d.name;
        lastUpdated = d.lastUpdated;
      }
      n++;
    }
    const arcs = this.#orderedArcs(at);
    const head = {
      name: ast.name,
      file: this.#file,
      language,
      imports: ast.imports.map((i) => ({ module: i.module, names: i.names.map((x) => x.name) })),
      identity,
      lastUpdated,
      macros: ast.macros,
      anonymous: this.#anonymous,
      implicit: this.#implicit,
      references,
      diagnostics: this.#diags.list,
      typeNames: types.map((t) => t.name),
    };
    const link = { names, arcs, ends, kinds, shared: sharedPrefixes(arcs, ends), enterprises };
    const body = fullDefs !== undefined ? laterBody(ast.name, fullDefs, keptDefs, kinds, keptTypes, types) : keptBody(ast.name, ast.defs, keptDefs, kinds, keptTypes, types);
    return new StoredModule(head, link, body, types);
  }

  /** Loads the imported modules (macro names need none); returns the module's SMI language. */
  #imports(): MibLanguage {
    const ast = this.#ast;
    let language: MibLanguage = SMIV2_MODULES.has(ast.name) ? 'SMIv2' : 'SMIv1';
    for (const imp of ast.imports) {
      if (SMIV2_MODULES.has(imp.module)) language = 'SMIv2';
      let mod: StoredModule | null = this.#modules.get(imp.module) ?? null;
      // Macro names need no module (net-snmp does not load a module for them either).
      if (imp.names.every((n) => MACRO_NAMES.has(n.name))) {
        for (const n of imp.names) if (!this.#importedFrom.has(n.name)) this.#importedFrom.set(n.name, { module: imp.module, line: n.line, column: n.column });
        continue;
      }
      if (!this.#modules.has(imp.module)) {
        const m = this.#env.importModule(imp.module);
        if (typeof m === 'object') mod = m;
        else if (m === undefined) {
          this.#cyclic.add(imp.module);
          this.#diags.warn('import-cycle', `circular IMPORTS with ${imp.module}; its names are looked up among the modules already loaded`, imp.line, imp.column);
        } else this.#diags.error('missing-import', m, imp.line, imp.column);
        this.#modules.set(imp.module, mod);
      }
      for (const n of imp.names) {
        if (!this.#importedFrom.has(n.name)) this.#importedFrom.set(n.name, { module: imp.module, line: n.line, column: n.column });
        if (mod !== null && mod.indexOf(n.name) < 0 && !mod.hasType(n.name) && !mod.macros.includes(n.name) && !isIntrinsic(imp.module, n.name)) {
          this.#diags.warn('import-not-found', `${n.name} is not defined in ${imp.module}`, n.line, n.column);
        }
      }
    }
    return language;
  }

  /**
   * Sorts the definitions into types and values (a second definition of a name is
   * warned and left out) and loads, softly, the modules named by MODULE-COMPLIANCE
   * (MODULE) and AGENT-CAPABILITIES (SUPPORTS), as net-snmp does; returns those names.
   */
  #collect(): string[] {
    const ast = this.#ast;
    const defs = ast.defs;
    const references: string[] = [];
    for (let k = 0; k < defs.length; k++) {
      const d = defs[k]!;
      if (d.compliance !== undefined || d.supports !== undefined) this.#reference(d, references);
      if (d.macro === 'TYPE' || d.macro === 'TEXTUAL-CONVENTION') {
        const had = this.#types.get(d.name);
        if (had !== undefined) this.#duplicate(d, had);
        else this.#types.set(d.name, d);
        continue;
      }
      const had = this.#valueIndex.get(d.name);
      if (had !== undefined) {
        this.#duplicate(d, this.#values[had]!);
        continue;
      }
      this.#valueIndex.set(d.name, this.#values.length);
      this.#values.push(d);
      this.#defIndex.push(k);
    }
    return references;
  }

  #duplicate(d: DefAst, had: DefAst): void {
    this.#diags.warn('duplicate-definition', `${d.name} is defined twice in ${this.#ast.name} (first at line ${had.line})`, d.line, d.column);
  }

  /** The module's own types, compiled in source order. */
  #compileTypes(): MibTypeDef[] {
    const types: MibTypeDef[] = [];
    for (const name of this.#types.keys()) {
      const t = this.#localType(name);
      if (t !== undefined) types.push(t);
    }
    return types;
  }

  /** Resolves the OID of every value in source order; returns how many resolved. */
  #resolveOids(): number {
    const n = this.#values.length;
    this.#state = new Uint8Array(n);
    this.#from = new Int32Array(n);
    this.#to = new Int32Array(n);
    let count = 0;
    for (let i = 0; i < n; i++) if (this.#local(i)) count++;
    return count;
  }

  /** Which values are rows (RFC 2578 §7.1.12: INDEX or AUGMENTS, or a SEQUENCE syntax); with imported rows. */
  #rows(): Rows {
    const values = this.#values;
    const flags = new Uint8Array(values.length);
    let names: Set<string> | undefined;
    let oids: Set<string> | undefined;
    for (let i = 0; i < values.length; i++) {
      const d = values[i]!;
      if (d.macro !== 'OBJECT-TYPE' || !this.#isRow(d)) continue;
      flags[i] = 1;
      (names ??= new Set()).add(d.name);
      if (this.#state[i] === DONE) (oids ??= new Set()).add(this.#dotted(this.#from[i]!, this.#to[i]!));
    }
    for (const [name, imp] of this.#importedFrom) {
      const m = this.#modules.get(imp.module);
      const i = m?.indexOf(name) ?? -1;
      if (i >= 0 && m!.kindCodeAt(i) === K_ROW) {
        (names ??= new Set()).add(name);
        (oids ??= new Set()).add(m!.oidAt(i).toString());
      }
    }
    return { flags, names, oids };
  }

  /** The kind code of an OBJECT-TYPE: table, row, column or scalar. */
  #objectKind(i: number, d: DefAst, rows: Rows): number {
    const s = d.syntax;
    if (s !== undefined && s.kind === 'SEQUENCE OF') return K_TABLE;
    if (rows.flags[i] === 1) return K_ROW;
    if (rows.oids === undefined) return K_SCALAR;
    return isColumn(d, this.#arcs, this.#from[i]!, this.#to[i]!, rows.names!, rows.oids) ? K_COLUMN : K_SCALAR;
  }

  /** The type a scalar's or column's SYNTAX names (warned when not imported). */
  #leafType(s: SyntaxAst | undefined): MibTypeDef | undefined {
    return s !== undefined && s.kind === 'named' ? this.#resolveType(s.name, s, true) : undefined;
  }

  /** The arcs of the resolved values, in source order, as one array. */
  #orderedArcs(total: number): Uint32Array {
    const src = this.#arcs;
    const state = this.#state;
    const from = this.#from;
    const to = this.#to;
    // Usually each value was resolved after the one before it: the arcs are in order.
    let inOrder = true;
    let expect = 0;
    for (let i = 0; i < state.length; i++) {
      if (state[i] !== DONE) continue;
      if (from[i] !== expect) {
        inOrder = false;
        break;
      }
      expect = to[i]!;
    }
    if (inOrder && src.length === total) return new Uint32Array(src);
    const out = new Uint32Array(total);
    let at = 0;
    for (let i = 0; i < state.length; i++) {
      if (state[i] !== DONE) continue;
      for (let k = from[i]!; k < to[i]!; k++) out[at++] = src[k]!;
    }
    return out;
  }

  #isRow(d: DefAst): boolean {
    if (d.index !== undefined || d.augments !== undefined) return true;
    const s = d.syntax;
    if (s === undefined || s.kind !== 'named') return false;
    const t = this.#resolveType(s.name, s, false);
    return t !== undefined && t.kind === 'sequence';
  }

  /** Modules named by MODULE-COMPLIANCE and AGENT-CAPABILITIES clauses, loaded (softly) now. */
  #reference(d: DefAst, references: string[]): void {
    const named: { module: string | undefined; line: number; column: number }[] = [];
    if (d.compliance !== undefined) for (const c of d.compliance) named.push(c);
    if (d.supports !== undefined) for (const c of d.supports) named.push(c);
    for (const r of named) {
      if (r.module === undefined || r.module === this.#ast.name || references.includes(r.module)) continue;
      references.push(r.module);
      if (this.#modules.has(r.module)) continue;
      const m = this.#env.importModule(r.module);
      if (typeof m === 'string') this.#diags.warn('unknown-module', m, r.line, r.column);
    }
  }

  /** Resolves a SYNTAX as written. */
  #syntax(s: SyntaxAst): MibSyntax {
    if (s.kind !== 'named') return makeSyntax(s, undefined);
    const t = this.#resolveType(s.name, s, true);
    if (t === undefined) {
      const intr = INTRINSIC_TYPES.get(s.name);
      return makeSyntax(s, undefined, intr);
    }
    return makeSyntax(s, t);
  }

  /** A type defined in this module, compiled (memoized, cycles reported). */
  #localType(name: string): MibTypeDef | undefined {
    const memo = this.#typeDefs.get(name);
    if (memo !== undefined) return memo ?? undefined;
    const d = this.#types.get(name);
    if (d === undefined) return undefined;
    if (this.#resolvingTypes.has(name)) {
      this.#diags.error('type-cycle', `type ${name} refers to itself`, d.line, d.column);
      return undefined;
    }
    this.#resolvingTypes.add(name);
    let s = d.syntax!;
    let kind: MibTypeDef['kind'] = d.macro === 'TEXTUAL-CONVENTION' ? 'tc' : 'type';
    let members: { name: string; type: string }[] | undefined;
    if (s.kind === 'SEQUENCE') {
      kind = 'sequence';
      members = s.members!.map((m) => ({ name: m.name, type: m.syntax.name }));
    } else if (s.kind === 'CHOICE') {
      // RFC 1155 NetworkAddress ::= CHOICE { internet IpAddress }: a one-member CHOICE is that member.
      if (s.members!.length === 1) s = s.members![0]!.syntax;
      else kind = 'choice';
    }
    let syntax: MibSyntax;
    if (kind === 'choice' || kind === 'sequence') syntax = makeSyntax({ ...s, kind: 'OCTET STRING', name: 'OCTET STRING' }, undefined);
    else if (s.kind === 'named' && s.name === name) {
      // `Counter32 ::= Counter32`-like self references in hand-made base modules.
      syntax = makeSyntax(s, undefined, INTRINSIC_TYPES.get(name));
    } else syntax = this.#syntax(s);
    const parent = s.kind === 'named' && !BASE_TYPE_NAMES.has(s.name) && kind !== 'sequence' && kind !== 'choice' ? s.name : undefined;
    const t: MibTypeDef = {
      name,
      module: this.#ast.name,
      kind,
      syntax,
      parent,
      status: d.status as MibStatus | undefined,
      displayHint: d.displayHint,
      description: d.description,
      reference: d.reference,
      members,
      line: d.line,
      column: d.column,
    };
    this.#resolvingTypes.delete(name);
    this.#typeDefs.set(name, t);
    return t;
  }

  /** A type name used in this module: local, imported, or (warned) well known. */
  #resolveType(name: string, at: { line: number; column: number }, report: boolean): MibTypeDef | undefined {
    if (this.#types.has(name)) return this.#localType(name);
    const imp = this.#importedFrom.get(name);
    if (imp !== undefined) {
      const m = this.#modules.get(imp.module);
      if (this.#cyclic.has(imp.module)) return this.#wellKnownType(name) ?? this.#env.findType(name);
      if (m === null || m === undefined) return undefined; // already reported as a missing import
      const t = m.typesByName.get(name);
      if (t !== undefined) return t;
      if (INTRINSIC_TYPES.has(name)) return this.#wellKnownType(name);
      return this.#globalType(name, at, report, `${name} is not defined in ${imp.module}`);
    }
    if (INTRINSIC_TYPES.has(name)) {
      if (report) this.#warnOnce(name, 'not-imported', `type ${name} is used without IMPORTS`, at);
      return this.#wellKnownType(name);
    }
    return this.#globalType(name, at, report, `type ${name} is used without IMPORTS`);
  }

  #wellKnownType(name: string): MibTypeDef | undefined {
    for (const modName of WELL_KNOWN_TYPE_MODULES) {
      const m = this.#env.importModule(modName);
      if (typeof m === 'object') {
        const t = m.typesByName.get(name);
        if (t !== undefined) return t;
      }
    }
    return undefined;
  }

  #globalType(name: string, at: { line: number; column: number }, report: boolean, why: string): MibTypeDef | undefined {
    const t = this.#wellKnownType(name) ?? this.#env.findType(name);
    if (!report) return t;
    if (t !== undefined) this.#warnOnce(name, 'not-imported', `${why}; using ${t.module}::${name}`, at);
    else if (!INTRINSIC_TYPES.has(name)) this.#diags.error('unknown-type', `unknown type ${name}`, at.line, at.column);
    return t;
  }

  #warnOnce(name: string, code: string, message: string, at: { line: number; column: number }): void {
    if (this.#warnedNames.has(name)) return;
    this.#warnedNames.add(name);
    this.#diags.warn(code, message, at.line, at.column);
  }

  /** The arcs of `#arcs[from, to)` as a dotted string. */
  #dotted(from: number, to: number): string {
    const a = this.#arcs;
    let s = String(a[from]);
    for (let k = from + 1; k < to; k++) s += `.${a[k]}`;
    return s;
  }

  /**
   * Resolves the OID of local value `i` (once; a cycle is an error) and appends its arcs
   * to #arcs. Returns whether it resolved.
   */
  #local(i: number): boolean {
    const st = this.#state[i];
    if (st === DONE) return true;
    if (st === FAILED) return false;
    const d = this.#values[i]!;
    if (st === RESOLVING) {
      this.#diags.error('oid-cycle', `the OID of ${d.name} depends on itself`, d.line, d.column);
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
    this.#to[i] = this.#arcs.length;
    return true;
  }

  /**
   * Appends the arcs of a descriptor used in this module's OID values to #arcs (after
   * resolving it, which may append other values' arcs first). Returns where they start,
   * or -1 when the descriptor cannot be resolved.
   */
  #appendOidOf(name: string, line: number, column: number): number {
    const i = this.#valueIndex.get(name);
    const arcs = this.#arcs;
    if (i !== undefined) {
      if (!this.#local(i)) return -1;
      const from = this.#from[i]!;
      const to = this.#to[i]!;
      const start = arcs.length;
      for (let k = from; k < to; k++) arcs.push(arcs[k]!);
      return start;
    }
    const ext = this.#externalOid(name, line, column);
    if (ext === undefined) return -1;
    const start = arcs.length;
    for (let k = 0; k < ext.length; k++) arcs.push(ext[k]!);
    return start;
  }

  /** Appends the arcs of a value's OID to #arcs; returns where they start, or -1. */
  #valueOid(d: DefAst): number {
    const arcs = this.#arcs;
    if (d.macro === 'TRAP-TYPE') {
      // RFC 3584 §3.2 (RFC 2576): a trap's OID is its enterprise, then 0, then the specific number.
      if (d.enterprise === undefined || d.trapNumber === undefined) return -1;
      const start = this.#appendOidOf(d.enterprise, d.line, d.column);
      if (start < 0) return -1;
      if (d.trapNumber < 0 || d.trapNumber > 0xffffffff) {
        this.#diags.error('bad-oid', `trap number ${d.trapNumber} is not in 0..4294967295`, d.line, d.column);
        arcs.length = start;
        return -1;
      }
      arcs.push(0, d.trapNumber);
      return start;
    }
    const v = d.oid;
    if (v === undefined) return -1;
    const comps = v.components;
    const first = comps[0]!;
    let start: number;
    if (first.name === undefined) {
      start = arcs.length;
      arcs.push(first.number!);
    } else if (first.number !== undefined) {
      start = arcs.length;
      arcs.push(first.number);
      if (comps.length > 1) this.#implicit.push({ name: first.name, oid: String(first.number) });
    } else if (ROOTS.has(first.name) && !this.#valueIndex.has(first.name) && !this.#importedFrom.has(first.name)) {
      start = arcs.length;
      arcs.push(ROOTS.get(first.name)!);
    } else {
      start = this.#appendOidOf(first.name, first.line, first.column);
      if (start < 0) return -1;
    }
    for (let i = 1; i < comps.length; i++) {
      const c = comps[i]!;
      if (c.number === undefined) {
        this.#diags.error('bad-oid', `"${c.name}" inside an OID value needs a number: ${c.name}(n)`, c.line, c.column);
        arcs.length = start;
        return -1;
      }
      arcs.push(c.number);
      if (i < comps.length - 1) {
        // net-snmp names an unnamed intermediate arc "anonymous#N"; a named one becomes a node.
        if (c.name === undefined) this.#anonymous.push(this.#dotted(start, arcs.length));
        else this.#implicit.push({ name: c.name, oid: this.#dotted(start, arcs.length) });
      }
    }
    if (comps.length === 1 && first.name !== undefined && first.number === undefined) {
      this.#diags.warn('oid-alias', `${d.name} has the same OID as ${first.name}`, v.line, v.column);
    }
    if (arcs.length - start > 128) {
      this.#diags.error('bad-oid', `the OID of ${d.name} has more than 128 arcs`, v.line, v.column);
      arcs.length = start;
      return -1;
    }
    return start;
  }

  /** A descriptor not defined in this module: imported, a root, or a well-known node (memoized). */
  #externalOid(name: string, line: number, column: number): readonly number[] | Uint32Array | undefined {
    const memo = this.#external.get(name);
    if (memo !== undefined) return memo ?? undefined;
    const imp = this.#importedFrom.get(name);
    if (imp !== undefined) {
      const m = this.#modules.get(imp.module);
      if (this.#cyclic.has(imp.module)) {
        const g = this.#env.findObject(name);
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
      if (imp === undefined) this.#warnOnce(name, 'not-imported', `${name} is used without IMPORTS`, { line, column });
      return this.#remember(name, oidArcs(Oid.parse(wk)));
    }
    const g = this.#env.findObject(name);
    if (g !== undefined) {
      this.#warnOnce(name, 'not-imported', imp === undefined ? `${name} is used without IMPORTS; using ${g.module}::${name}` : `${name} is not defined in ${imp.module}; using ${g.module}::${name}`, { line, column });
      return this.#remember(name, oidArcs(g.oid));
    }
    this.#diags.error('unknown-name', imp === undefined ? `unknown descriptor ${name} (not defined here nor imported)` : `${name} is not defined in ${imp.module}`, line, column);
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

/** Which local values are rows, and the names and dotted OIDs of every row known. */
interface Rows {
  readonly flags: Uint8Array;
  readonly names: Set<string> | undefined;
  readonly oids: Set<string> | undefined;
}

/** For each definition, how many leading arcs it shares with the one before it (at most 255). */
function sharedPrefixes(arcs: Uint32Array, ends: Uint32Array): Uint8Array {
  const n = ends.length;
  const shared = new Uint8Array(n);
  for (let i = 1; i < n; i++) {
    const a = i >= 2 ? ends[i - 2]! : 0;
    const b = ends[i - 1]!;
    const limit = Math.min(b - a, ends[i]! - b, 255);
    let p = 0;
    while (p < limit && arcs[a + p] === arcs[b + p]) p++;
    shared[i] = p;
  }
  return shared;
}

/** The definitions of a module, made on first use from its kept syntax trees. */
function keptBody(module: string, defs: readonly DefAst[], keptDefs: Int32Array, kinds: Uint8Array, keptTypes: readonly (MibTypeDef | undefined)[], types: readonly MibTypeDef[]): (m: StoredModule) => ModuleBody {
  // Only the kept definitions, without what loading has used up.
  const kept: DefAst[] = new Array<DefAst>(keptDefs.length);
  for (let i = 0; i < keptDefs.length; i++) {
    const d = defs[keptDefs[i]!]!;
    d.oid = undefined;
    d.compliance = undefined;
    d.supports = undefined;
    d.revisions = undefined;
    kept[i] = d;
  }
  return (m) => makeBody(module, kept, (i) => i, m, kinds, keptTypes, types);
}

/** The definitions of a module, made on first use from its text parsed again. */
function laterBody(module: string, fullDefs: () => readonly DefAst[], keptDefs: Int32Array, kinds: Uint8Array, keptTypes: readonly (MibTypeDef | undefined)[], types: readonly MibTypeDef[]): (m: StoredModule) => ModuleBody {
  return (m) => makeBody(module, fullDefs(), (i) => keptDefs[i]!, m, kinds, keptTypes, types);
}

function makeBody(module: string, defs: readonly DefAst[], defOf: (i: number) => number, m: StoredModule, kinds: Uint8Array, keptTypes: readonly (MibTypeDef | undefined)[], types: readonly MibTypeDef[]): ModuleBody {
  const n = kinds.length;
  const objects: MibObject[] = new Array<MibObject>(n);
  for (let i = 0; i < n; i++) {
    const d = defs[defOf(i)]!;
    const k = kinds[i]!;
    const kind: MibKind = KIND_CODES[k] ?? 'node';
    const syntax = d.syntax !== undefined && (k === K_SCALAR || k === K_COLUMN) ? syntaxOf(d.syntax, keptTypes[i]) : undefined;
    objects[i] = objectOf(d, module, m.oidAt(i), kind, syntax);
  }
  return { objects, types };
}

function isIntrinsic(module: string, name: string): boolean {
  const t = INTRINSIC_TYPES.get(name);
  return t !== undefined && (module === 'SNMPv2-SMI' || module === 'RFC1155-SMI' || module === 'RFC1065-SMI');
}
