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
import type { DefAst, ImportAst, ModuleAst, SyntaxAst } from './ast.js';
import { BASE_TYPE_NAMES, INTRINSIC_TYPES, WELL_KNOWN_TYPE_MODULES, makeSyntax } from './compile-types.js';
import type { DiagnosticSink } from './diagnostics.js';
import type { MibImport, MibLanguage, MibObject, MibStatus, MibSyntax, MibTypeDef } from './model.js';
import { columnRowName, keptBody, laterBody, sharedPrefixes } from './compile-objects.js';
import { OidResolver } from './compile-oids.js';
import type { OidContext } from './compile-oids.js';
import { StoredModule } from './stored-module.js';

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
  readonly #resolvingTypes = new Set<string>();
  readonly #warnedNames = new Set<string>();
  /** Types found in the imported modules, by name (found once, without a diagnostic). */
  readonly #importedTypes = new Map<string, MibTypeDef>();
  /** Imported rows: name, dotted OID, name, dotted OID... */
  readonly #importedRows: string[] = [];

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
    const oids = new OidResolver(this.#oidContext(), this.#values, this.#valueIndex);
    const k = this.#kinds(oids, oids.resolveAll());
    const head = {
      name: ast.name,
      file: this.#file,
      language,
      imports: ast.imports.map(importOf),
      identity: k.identity,
      lastUpdated: k.lastUpdated,
      macros: ast.macros,
      anonymous: oids.anonymous,
      implicit: oids.implicit,
      references,
      diagnostics: this.#diags.list,
      typeNames: types.map(nameOf),
    };
    const arcs = oids.ordered(k.arcCount);
    const link = { names: k.names, arcs, ends: k.ends, kinds: k.kinds, shared: sharedPrefixes(arcs, k.ends), enterprises: k.enterprises };
    const body = fullDefs !== undefined ? laterBody(ast.name, fullDefs, k.defs, k.kinds, k.types, types) : keptBody(ast.name, ast.defs, k.defs, k.kinds, k.types, types);
    return new StoredModule(head, link, body, types);
  }

  #oidContext(): OidContext {
    return { diags: this.#diags, env: this.#env, importedFrom: this.#importedFrom, modules: this.#modules, cyclic: this.#cyclic, warnOnce: (n, c, m, at) => this.#warnOnce(n, c, m, at) };
  }

  /**
   * The kind of each value with an OID, and the types of scalars and columns (resolved
   * now: their warnings belong to the load; the MibSyntax is made later).
   */
  #kinds(oids: OidResolver, count: number): Kinds {
    const rows = this.#rows(oids);
    const values = this.#values;
    const k: Kinds = {
      kinds: new Uint8Array(count),
      types: new Array<MibTypeDef | undefined>(count),
      defs: new Int32Array(count),
      names: new Array<string>(count),
      ends: new Uint32Array(count),
      enterprises: undefined,
      identity: undefined,
      lastUpdated: undefined,
      arcCount: 0,
    };
    let n = 0;
    let at = 0;
    for (let i = 0; i < values.length; i++) {
      if (!oids.resolved(i)) continue;
      const d = values[i]!;
      const kind = d.macro === 'OBJECT-TYPE' ? objectKind(i, d, rows, oids) : (MACRO_KIND.get(d.macro) ?? K_NODE);
      if (kind === K_SCALAR || kind === K_COLUMN) k.types[n] = this.#leafType(d.syntax);
      at += oids.arcCount(i);
      k.ends[n] = at;
      k.kinds[n] = kind;
      if (kind === K_TRAP && d.enterprise !== undefined) (k.enterprises ??= new Map()).set(n, d.enterprise);
      k.names[n] = d.name;
      k.defs[n] = this.#defIndex[i]!;
      if (k.identity === undefined && d.macro === 'MODULE-IDENTITY') {
        k.identity = d.name;
        k.lastUpdated = d.lastUpdated;
      }
      n++;
    }
    k.arcCount = at;
    return k;
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
        const first = !this.#importedFrom.has(n.name);
        if (first) this.#importedFrom.set(n.name, { module: imp.module, line: n.line, column: n.column });
        if (mod === null) continue;
        const i = mod.indexOf(n.name);
        if (i >= 0) {
          // An imported row: its columns here are `{ row n }` or under its OID.
          if (first && mod.kindCodeAt(i) === K_ROW) this.#importedRows.push(n.name, mod.oidAt(i).toString());
        } else if (!mod.hasType(n.name) && !mod.macros.includes(n.name) && !isIntrinsic(imp.module, n.name)) {
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

  /** Which values are rows (RFC 2578 §7.1.12: INDEX or AUGMENTS, or a SEQUENCE syntax); with imported rows. */
  #rows(resolver: OidResolver): Rows {
    const values = this.#values;
    const flags = new Uint8Array(values.length);
    let names: Set<string> | undefined;
    let oids: Set<string> | undefined;
    for (let i = 0; i < values.length; i++) {
      const d = values[i]!;
      if (d.macro !== 'OBJECT-TYPE' || !this.#isRow(d)) continue;
      flags[i] = 1;
      (names ??= new Set()).add(d.name);
      if (resolver.resolved(i)) (oids ??= new Set()).add(resolver.dottedOf(i));
    }
    const imported = this.#importedRows;
    for (let k = 0; k < imported.length; k += 2) {
      (names ??= new Set()).add(imported[k]!);
      (oids ??= new Set()).add(imported[k + 1]!);
    }
    return { flags, names, oids };
  }

  /** The type a scalar's or column's SYNTAX names (warned when not imported). */
  #leafType(s: SyntaxAst | undefined): MibTypeDef | undefined {
    return s !== undefined && s.kind === 'named' ? this.#resolveType(s.name, s, true) : undefined;
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
    const known = this.#importedTypes.get(name);
    if (known !== undefined) return known;
    const imp = this.#importedFrom.get(name);
    if (imp !== undefined) {
      const m = this.#modules.get(imp.module);
      if (this.#cyclic.has(imp.module)) return this.#wellKnownType(name) ?? this.#env.findType(name);
      if (m === null || m === undefined) return undefined; // already reported as a missing import
      const t = m.typesByName.get(name);
      if (t !== undefined) {
        this.#importedTypes.set(name, t);
        return t;
      }
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
}

/** What {@link Compiler} finds of the values with an OID, in source order. */
interface Kinds {
  readonly kinds: Uint8Array;
  /** Types of scalars and columns. */
  readonly types: (MibTypeDef | undefined)[];
  /** Numbers in `ast.defs`. */
  readonly defs: Int32Array;
  readonly names: string[];
  /** End of each one's arcs. */
  readonly ends: Uint32Array;
  enterprises: Map<number, string> | undefined;
  identity: string | undefined;
  lastUpdated: string | undefined;
  /** Arcs of them all. */
  arcCount: number;
}

function importOf(i: ImportAst): MibImport {
  return { module: i.module, names: i.names.map(nameOf) };
}

function nameOf(x: { readonly name: string }): string {
  return x.name;
}

/** Which local values are rows, and the names and dotted OIDs of every row known. */
interface Rows {
  readonly flags: Uint8Array;
  readonly names: Set<string> | undefined;
  readonly oids: Set<string> | undefined;
}

/** The kind code of an OBJECT-TYPE: table, row, column or scalar. */
function objectKind(i: number, d: DefAst, rows: Rows, oids: OidResolver): number {
  const s = d.syntax;
  if (s !== undefined && s.kind === 'SEQUENCE OF') return K_TABLE;
  if (rows.flags[i] === 1) return K_ROW;
  if (rows.oids === undefined) return K_SCALAR;
  // RFC 2578 §7.1.12: a column is written `{ row n }`, or its OID is under a row's.
  const row = columnRowName(d);
  return (row !== undefined ? rows.names!.has(row) : rows.oids.has(oids.parentOf(i))) ? K_COLUMN : K_SCALAR;
}

function isIntrinsic(module: string, name: string): boolean {
  const t = INTRINSIC_TYPES.get(name);
  return t !== undefined && (module === 'SNMPv2-SMI' || module === 'RFC1155-SMI' || module === 'RFC1065-SMI');
}
