/**
 * The compiler: resolves a parsed module against the modules it imports. Names go to
 * the local definitions, then the IMPORTS, then (with a warning) the well-known SMI
 * names; OID values are resolved with forward references; each definition gets its kind.
 */
import { Oid, oidArcs } from '../smi/oid.js';
import type { DefAst, ModuleAst, SyntaxAst } from './ast.js';
import { BASE_TYPE_NAMES, INTRINSIC_TYPES, WELL_KNOWN_TYPE_MODULES, makeSyntax } from './compile-types.js';
import type { DiagnosticSink } from './diagnostics.js';
import type { MibKind, MibLanguage, MibObject, MibStatus, MibSyntax, MibTypeDef } from './model.js';
import { isColumn, objectOf, syntaxOf } from './compile-objects.js';
import { StoredModule, kindCode } from './stored-module.js';
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

const MACRO_KIND: Readonly<Record<string, MibKind>> = {
  'OBJECT IDENTIFIER': 'node',
  'MODULE-IDENTITY': 'moduleIdentity',
  'OBJECT-IDENTITY': 'objectIdentity',
  'NOTIFICATION-TYPE': 'notification',
  'TRAP-TYPE': 'trap',
  'OBJECT-GROUP': 'objectGroup',
  'NOTIFICATION-GROUP': 'notificationGroup',
  'MODULE-COMPLIANCE': 'compliance',
  'AGENT-CAPABILITIES': 'capabilities',
};

/**
 * Compiles a parsed module. Problems become diagnostics in `diags`; definitions whose OID
 * cannot be resolved are left out.
 * @param file the file name used in diagnostics.
 */
export function compileModule(ast: ModuleAst, file: string, env: CompileEnv, diags: DiagnosticSink): StoredModule {
  return new Compiler(ast, file, env, diags).run();
}

class Compiler {
  readonly #ast: ModuleAst;
  readonly #file: string;
  readonly #env: CompileEnv;
  readonly #diags: DiagnosticSink;
  readonly #types = new Map<string, DefAst>();
  readonly #values = new Map<string, DefAst>();
  /** name -> module it is imported from */
  readonly #importedFrom = new Map<string, { module: string; line: number; column: number }>();
  readonly #modules = new Map<string, StoredModule | null>();
  readonly #cyclic = new Set<string>();
  readonly #typeDefs = new Map<string, MibTypeDef | null>();
  readonly #oids = new Map<string, number[] | null>();
  readonly #resolvingTypes = new Set<string>();
  readonly #resolvingOids = new Set<string>();
  readonly #warnedNames = new Set<string>();
  readonly #anonymous: string[] = [];
  readonly #implicit: { name: string; oid: string }[] = [];
  #references: string[] = [];

  constructor(ast: ModuleAst, file: string, env: CompileEnv, diags: DiagnosticSink) {
    this.#ast = ast;
    this.#file = file;
    this.#env = env;
    this.#diags = diags;
  }

  run(): StoredModule {
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
        if (mod !== null && mod.indexOf(n.name) < 0 && !mod.typeNames.includes(n.name) && !mod.macros.includes(n.name) && !isIntrinsic(imp.module, n.name)) {
          this.#diags.warn('import-not-found', `${n.name} is not defined in ${imp.module}`, n.line, n.column);
        }
      }
    }
    // Modules named by MODULE-COMPLIANCE (MODULE) and AGENT-CAPABILITIES (SUPPORTS) are
    // loaded too, as net-snmp does; a missing one is only a warning.
    const references: string[] = [];
    const values: DefAst[] = [];
    const typeDefs: DefAst[] = [];
    for (const d of ast.defs) {
      if (d.compliance !== undefined || d.supports !== undefined) this.#reference(d, references);
      const isType = d.macro === 'TYPE' || d.macro === 'TEXTUAL-CONVENTION';
      const table = isType ? this.#types : this.#values;
      const had = table.get(d.name);
      if (had !== undefined) {
        this.#diags.warn('duplicate-definition', `${d.name} is defined twice in ${ast.name} (first at line ${had.line})`, d.line, d.column);
        continue;
      }
      table.set(d.name, d);
      (isType ? typeDefs : values).push(d);
    }
    this.#references = references;
    const types: MibTypeDef[] = [];
    for (const d of typeDefs) {
      const t = this.#localType(d.name);
      if (t !== undefined) types.push(t);
    }
    // OIDs first (kinds of columns need their rows' OIDs).
    const oids: (number[] | undefined)[] = new Array<number[] | undefined>(values.length);
    let total = 0;
    for (let i = 0; i < values.length; i++) {
      const d = values[i]!;
      const arcs = this.#oidOf(d.name, d.line, d.column);
      oids[i] = arcs;
      if (arcs !== undefined) total += arcs.length;
    }
    // Rows by name (for the usual `{ row n }` column values) and by OID (for the rest).
    const rows = new Uint8Array(values.length);
    let rowNames: Set<string> | undefined;
    let rowOids: Set<string> | undefined;
    for (let i = 0; i < values.length; i++) {
      const d = values[i]!;
      if (d.macro !== 'OBJECT-TYPE' || !this.#isRow(d)) continue;
      rows[i] = 1;
      (rowNames ??= new Set()).add(d.name);
      const arcs = oids[i];
      if (arcs !== undefined) (rowOids ??= new Set()).add(arcs.join('.'));
    }
    for (const [name, imp] of this.#importedFrom) {
      const m = this.#modules.get(imp.module);
      const i = m?.indexOf(name) ?? -1;
      if (i >= 0 && m!.kindAt(i) === 'row') {
        (rowNames ??= new Set()).add(name);
        (rowOids ??= new Set()).add(m!.oidAt(i).toString());
      }
    }
    // The definitions themselves are made on first use: kept here is what they need.
    const kept: DefAst[] = [];
    const keptKinds: MibKind[] = [];
    const keptTypes: (MibTypeDef | undefined)[] = [];
    let identity: string | undefined;
    let lastUpdated: string | undefined;
    // One buffer holds the arcs of every OID of the module; each Oid is a view on it.
    const buffer = new Uint32Array(total);
    const names: string[] = [];
    const ends = new Uint32Array(values.length);
    const kinds = new Uint8Array(values.length);
    let enterprises: Map<number, string> | undefined;
    let at = 0;
    for (let i = 0; i < values.length; i++) {
      const d = values[i]!;
      const arcs = oids[i];
      if (arcs === undefined) continue;
      buffer.set(arcs, at);
      at += arcs.length;
      let kind: MibKind = MACRO_KIND[d.macro] ?? 'node';
      let type: MibTypeDef | undefined;
      if (d.macro === 'OBJECT-TYPE') {
        const s = d.syntax;
        if (s !== undefined && s.kind === 'SEQUENCE OF') kind = 'table';
        else if (rows[i] === 1) kind = 'row';
        else {
          kind = rowOids !== undefined && isColumn(d, arcs, rowNames!, rowOids) ? 'column' : 'scalar';
          // Resolved now (its warnings belong to the load), made into a MibSyntax later.
          if (s !== undefined && s.kind === 'named') type = this.#resolveType(s.name, s, true);
        }
      }
      const n = kept.length;
      ends[n] = at;
      kinds[n] = kindCode(kind);
      if (d.enterprise !== undefined && kind === 'trap') (enterprises ??= new Map()).set(n, d.enterprise);
      names.push(d.name);
      kept.push(d);
      keptKinds.push(kind);
      keptTypes.push(type);
      if (d.macro === 'MODULE-IDENTITY' && identity === undefined) {
        identity = d.name;
        lastUpdated = d.lastUpdated;
      }
    }
    const head = {
      name: ast.name,
      file: this.#file,
      language,
      imports: ast.imports.map((i) => ({ module: i.module, names: i.names.map((n) => n.name) })),
      identity,
      lastUpdated,
      macros: ast.macros,
      anonymous: this.#anonymous,
      implicit: this.#implicit,
      references: this.#references,
      diagnostics: this.#diags.list,
      typeNames: types.map((t) => t.name),
    };
    const n = kept.length;
    const shared = new Uint8Array(n);
    for (let i = 1; i < n; i++) {
      const a = ends[i - 2] ?? 0;
      const b = ends[i - 1]!;
      const limit = Math.min(b - a, ends[i]! - b, 255);
      let p = 0;
      while (p < limit && buffer[a + p] === buffer[b + p]) p++;
      shared[i] = p;
    }
    const link = { names, arcs: buffer, ends: ends.subarray(0, n), kinds: kinds.subarray(0, n), shared, enterprises };
    // The OID values are resolved: what the kept definitions need later is the rest.
    for (const d of kept) {
      d.oid = undefined;
      d.compliance = undefined;
      d.supports = undefined;
      d.revisions = undefined;
    }
    const moduleName = ast.name;
    const body = (m: StoredModule): ModuleBody => {
      const objects: MibObject[] = new Array<MibObject>(n);
      for (let i = 0; i < n; i++) {
        const d = kept[i]!;
        const k = keptKinds[i]!;
        const syntax = d.syntax !== undefined && (k === 'scalar' || k === 'column') ? syntaxOf(d.syntax, keptTypes[i]) : undefined;
        objects[i] = objectOf(d, moduleName, m.oidAt(i), k, syntax);
      }
      return { objects, types };
    };
    return new StoredModule(head, link, body, types);
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

  /** The OID arcs of a descriptor used in this module (memoized); undefined when unresolved. */
  #oidOf(name: string, line: number, column: number): number[] | undefined {
    const memo = this.#oids.get(name);
    if (memo !== undefined) return memo ?? undefined;
    const d = this.#values.get(name);
    if (d !== undefined) {
      if (this.#resolvingOids.has(name)) {
        this.#diags.error('oid-cycle', `the OID of ${name} depends on itself`, d.line, d.column);
        this.#oids.set(name, null);
        return undefined;
      }
      this.#resolvingOids.add(name);
      const arcs = this.#valueOid(d);
      this.#resolvingOids.delete(name);
      this.#oids.set(name, arcs ?? null);
      return arcs;
    }
    return this.#externalOid(name, line, column);
  }

  #valueOid(d: DefAst): number[] | undefined {
    if (d.macro === 'TRAP-TYPE') {
      // RFC 3584 §3.2 (RFC 2576): a trap's OID is its enterprise, then 0, then the specific number.
      if (d.enterprise === undefined || d.trapNumber === undefined) return undefined;
      const e = this.#oidOf(d.enterprise, d.line, d.column);
      if (e === undefined) return undefined;
      if (d.trapNumber < 0 || d.trapNumber > 0xffffffff) {
        this.#diags.error('bad-oid', `trap number ${d.trapNumber} is not in 0..4294967295`, d.line, d.column);
        return undefined;
      }
      return [...e, 0, d.trapNumber];
    }
    const v = d.oid;
    if (v === undefined) return undefined;
    const comps = v.components;
    const first = comps[0]!;
    let arcs: number[];
    if (first.name === undefined) {
      arcs = [first.number!];
    } else if (first.number !== undefined) {
      arcs = [first.number];
      if (comps.length > 1) this.#implicit.push({ name: first.name, oid: String(first.number) });
    } else {
      const base = ROOTS.has(first.name) && !this.#values.has(first.name) && !this.#importedFrom.has(first.name) ? [ROOTS.get(first.name)!] : this.#oidOf(first.name, first.line, first.column);
      if (base === undefined) return undefined;
      arcs = base.slice();
    }
    for (let i = 1; i < comps.length; i++) {
      const c = comps[i]!;
      if (c.number === undefined) {
        this.#diags.error('bad-oid', `"${c.name}" inside an OID value needs a number: ${c.name}(n)`, c.line, c.column);
        return undefined;
      }
      arcs.push(c.number);
      if (i < comps.length - 1) {
        // net-snmp names an unnamed intermediate arc "anonymous#N"; a named one becomes a node.
        if (c.name === undefined) this.#anonymous.push(arcs.join('.'));
        else this.#implicit.push({ name: c.name, oid: arcs.join('.') });
      }
    }
    if (comps.length === 1 && first.name !== undefined && first.number === undefined) {
      this.#diags.warn('oid-alias', `${d.name} has the same OID as ${first.name}`, v.line, v.column);
    }
    if (arcs.length > 128) {
      this.#diags.error('bad-oid', `the OID of ${d.name} has more than 128 arcs`, v.line, v.column);
      return undefined;
    }
    return arcs;
  }

  /** A descriptor not defined in this module: imported, a root, or a well-known node. */
  #externalOid(name: string, line: number, column: number): number[] | undefined {
    const imp = this.#importedFrom.get(name);
    if (imp !== undefined) {
      const m = this.#modules.get(imp.module);
      if (this.#cyclic.has(imp.module)) {
        const g = this.#env.findObject(name);
        if (g !== undefined) return this.#remember(name, g.oid);
      } else if (m === null || m === undefined) {
        this.#oids.set(name, null);
        return undefined;
      } else {
        const i = m.indexOf(name);
        if (i >= 0) return this.#rememberArcs(name, m.arcsAt(i));
      }
    }
    const root = ROOTS.get(name);
    if (root !== undefined) return this.#remember(name, Oid.from([root]));
    const wk = WELL_KNOWN_NODES.get(name);
    if (wk !== undefined) {
      if (imp === undefined) this.#warnOnce(name, 'not-imported', `${name} is used without IMPORTS`, { line, column });
      return this.#remember(name, Oid.parse(wk));
    }
    const g = this.#env.findObject(name);
    if (g !== undefined) {
      this.#warnOnce(name, 'not-imported', imp === undefined ? `${name} is used without IMPORTS; using ${g.module}::${name}` : `${name} is not defined in ${imp.module}; using ${g.module}::${name}`, { line, column });
      return this.#remember(name, g.oid);
    }
    this.#diags.error('unknown-name', imp === undefined ? `unknown descriptor ${name} (not defined here nor imported)` : `${name} is not defined in ${imp.module}`, line, column);
    this.#oids.set(name, null);
    return undefined;
  }

  #remember(name: string, oid: Oid): number[] {
    return this.#rememberArcs(name, oidArcs(oid));
  }

  #rememberArcs(name: string, src: Uint32Array): number[] {
    const arcs = new Array<number>(src.length);
    for (let i = 0; i < src.length; i++) arcs[i] = src[i]!;
    this.#oids.set(name, arcs);
    return arcs;
  }

}

function isIntrinsic(module: string, name: string): boolean {
  const t = INTRINSIC_TYPES.get(name);
  return t !== undefined && (module === 'SNMPv2-SMI' || module === 'RFC1155-SMI' || module === 'RFC1065-SMI');
}

