/**
 * The module store: finds modules on a search path, loads them (and their imports, in
 * any order) on demand, keeps the compiled modules and the OID tree, and caches
 * compiled modules on disk.
 */
import { createHash } from 'node:crypto';
import { MibError } from '../errors.js';
import type { DefAst } from './ast.js';
import type { Oid } from '../smi/oid.js';
import { BASE_MODULES, BUILTIN_FILE } from './base-modules.js';
import type { CachedModule } from './cache.js';
import { MibCache, moduleKey } from './cache.js';
import { compileModule } from './compile.js';
import type { CompileEnv } from './compile.js';
import { DiagnosticSink, diagnosticError } from './diagnostics.js';
import type { MibDiagnostic } from './diagnostics.js';
import { MibFileIndex, readMibSource } from './files.js';
import type { MibSource } from './files.js';
import type { MibModule, MibObject, MibTypeDef } from './model.js';
import { parseMibText } from './parser.js';
import type { StoredModule } from './stored-module.js';
import { makeSnapshot, readSnapshot, snapshotModules, snapshotPath, writeSnapshot } from './snapshot.js';
import type { SnapshotSource } from './snapshot.js';
import { MibTree } from './tree.js';
import type { MibNode } from './tree.js';

/** Options of a {@link MibStore}. */
export interface MibStoreOptions {
  /** Directories searched for module files, in order; the first file found wins. Default: none. */
  path?: readonly string[];
  /** Directory for the cache of compiled modules. Default: no cache. */
  cacheDir?: string;
  /** Treat warnings (vendor mistakes) as errors. Default false. */
  strict?: boolean;
  /**
   * Use the built-in SNMPv2-SMI, SNMPv2-TC, SNMPv2-CONF, RFC1155-SMI, RFC-1212 and
   * RFC-1215 even when the search path has files of those names. Default true.
   */
  builtinBase?: boolean;
}

/** What {@link MibStore.loadAll} did. */
export interface MibLoadReport {
  /** Modules loaded by this call (not those already loaded). */
  readonly loaded: readonly MibModule[];
  /** Modules on the search path that failed (now or before), with the error. */
  readonly failed: readonly { readonly module: string; readonly file: string; readonly error: MibError }[];
}

const BUILTIN_KEY = 'builtin-2';
const NO_STAMP = { size: 0, mtimeMs: 0 };

/**
 * A set of loaded MIB modules and their OID tree.
 *
 * ```ts
 * const store = new MibStore({ path: ['/usr/share/snmp/mibs'], cacheDir: '.mib-cache' });
 * store.load('IF-MIB');
 * store.object('ifDescr')?.oid.toString(); // '1.3.6.1.2.1.2.2.1.2'
 * ```
 */
export class MibStore {
  readonly #index: MibFileIndex;
  readonly #cache: MibCache | undefined;
  readonly #strict: boolean;
  readonly #builtinBase: boolean;
  readonly #modules = new Map<string, StoredModule>();
  readonly #order: StoredModule[] = [];
  readonly #keys = new Map<string, string>();
  readonly #failed = new Map<string, MibError>();
  readonly #loading = new Set<string>();
  readonly #tree = new MibTree((module, index) => this.#order[module]?.objects[index]);
  #anonymous = 0;
  #parsedFiles = 0;
  #cachedFiles = 0;

  constructor(options: MibStoreOptions = {}) {
    this.#index = new MibFileIndex(options.path ?? []);
    this.#cache = options.cacheDir === undefined ? undefined : new MibCache(options.cacheDir);
    this.#strict = options.strict ?? false;
    this.#builtinBase = options.builtinBase ?? true;
  }

  /** The OID tree of everything loaded. */
  get tree(): MibTree {
    return this.#tree;
  }

  /** How many files were parsed and how many came from the cache, so far. */
  get loadStats(): { readonly parsedFiles: number; readonly cachedFiles: number } {
    return { parsedFiles: this.#parsedFiles, cachedFiles: this.#cachedFiles };
  }

  /** The search path directories. */
  get path(): readonly string[] {
    return this.#index.dirs;
  }

  /**
   * Loads a module by name, with its imports.
   * @throws MibError when the module is not found, cannot be read, has a syntax error, or
   *   has errors (a missing import, an unresolved OID) — or warnings in strict mode.
   */
  load(name: string): MibModule {
    return this.#loadByName(name, []);
  }

  /**
   * Loads every module of a file (and their imports).
   * @throws MibError as {@link MibStore.load}.
   */
  loadFile(file: string): MibModule[] {
    return this.#loadFile(file, []);
  }

  /**
   * Compiles modules from text (their imports come from the store), for modules that are
   * not files.
   * @param file the name used in errors. Default `<text>`.
   * @throws MibError as {@link MibStore.load}.
   */
  loadText(text: string, file = '<text>'): MibModule[] {
    return this.#compileText({ text, latin1: false }, file, undefined, []).map((c) => c.module);
  }

  /**
   * Loads every module found on the search path, in net-snmp's `-m ALL` order (files in
   * reverse name order, each module's imports first). Errors do not stop the others.
   */
  loadAll(): MibLoadReport {
    // A fresh store with a cache takes the snapshot of the last loadAll() of the same files.
    const fresh = this.#cache !== undefined && this.#order.length === 0 && this.#failed.size === 0;
    if (fresh) {
      const restored = this.#restore();
      if (restored !== undefined) return restored;
    }
    const loaded: MibModule[] = [];
    const failed: { module: string; file: string; error: MibError }[] = [];
    const before = this.#order.length;
    const files = this.#index.files();
    // Every file is read whole anyway: its first read (for the module name) keeps the text.
    this.#index.keepTexts(true);
    try {
      this.#loadEveryFile(files, failed);
    } finally {
      this.#index.keepTexts(false);
    }
    // Imports that failed while loading another module count too.
    for (const [name, error] of this.#failed) {
      if (failed.some((f) => f.module === name)) continue;
      const file = this.#index.find(name);
      if (file !== undefined) failed.push({ module: name, file, error });
    }
    for (let i = before; i < this.#order.length; i++) loaded.push(this.#order[i]!);
    if (fresh) this.#saveSnapshot(failed);
    return { loaded, failed };
  }

  /** loadAll()'s loop: files in reverse order, each module with its imports first. */
  #loadEveryFile(files: readonly string[], failed: { module: string; file: string; error: MibError }[]): void {
    for (let i = files.length - 1; i >= 0; i--) {
      const file = files[i]!;
      const name = this.#moduleOfFile(file);
      if (name === undefined || this.#modules.has(name)) continue;
      if (this.#index.find(name) !== file) continue; // an earlier directory has it
      try {
        this.#loadByName(name, []);
      } catch (e) {
        if (!failed.some((f) => f.module === name)) failed.push({ module: name, file, error: e instanceof MibError ? e : new MibError(file, 0, 0, String(e)) });
      }
    }
  }

  #snapshotFile(): string {
    return snapshotPath(this.#cache!.dir, this.#index.dirs, JSON.stringify({ strict: this.#strict, builtinBase: this.#builtinBase }));
  }

  /** Takes the snapshot if its files are those of the search path now. */
  #restore(): MibLoadReport | undefined {
    const snapshotFile = this.#snapshotFile();
    const snap = readSnapshot(snapshotFile, this.#index.files());
    if (snap === undefined) return undefined;
    const sourceFiles = new Set<string>();
    for (const { module, key } of snapshotModules(snap, this.#cache!, snapshotFile)) {
      this.#modules.set(module.name, module);
      this.#keys.set(module.name, key);
      this.#order.push(module);
      if (module.file !== BUILTIN_FILE) sourceFiles.add(module.file);
    }
    this.#tree.s.restore(snap.tree);
    this.#anonymous = snap.anonymous;
    for (const [file, name] of snap.notes) this.#index.note(file, name ?? undefined);
    for (const [name, file, line, column, message] of snap.failed) this.#failed.set(name, new MibError(file, line, column, message));
    const failed = snap.report.map(([module, file, errFile, line, column, message]) => ({ module, file, error: this.#failed.get(module) ?? new MibError(errFile, line, column, message) }));
    this.#cachedFiles += sourceFiles.size;
    return { loaded: [...this.#order], failed };
  }

  /** Writes the snapshot of this store, fresh from loadAll() (skipped if a module is not in the cache). */
  #saveSnapshot(failed: readonly { module: string; file: string; error: MibError }[]): void {
    const cache = this.#cache!;
    const sources: SnapshotSource[] = [];
    for (const module of this.#order) {
      const ce = cache.entryOf(module);
      if (ce === undefined) return;
      sources.push({ module, entry: ce.entry, block: ce.block });
    }
    const files: [string, number, number][] = [];
    for (const file of this.#index.files()) {
      const st = this.#stamps.get(file) ?? MibFileIndex.stat(file);
      if (st === undefined) return;
      files.push([file, st.size, st.mtimeMs]);
    }
    const errors: [string, string, number, number, string][] = [];
    for (const [name, e] of this.#failed) errors.push([name, e.file, e.line, e.column, stripPlace(e)]);
    const report = failed.map((f): [string, string, string, number, number, string] => [f.module, f.file, f.error.file, f.error.line, f.error.column, stripPlace(f.error)]);
    const notes = this.#index.notes().map(([f, n]): [string, string | null] => [f, n ?? null]);
    writeSnapshot(this.#snapshotFile(), makeSnapshot(sources, { files, failed: errors, report, notes, anonymous: this.#anonymous, tree: this.#tree.s.save() }));
  }

  /** A loaded module. */
  module(name: string): MibModule | undefined {
    return this.#modules.get(name);
  }

  /** The loaded modules in load order. */
  modules(): readonly MibModule[] {
    return this.#order;
  }

  /** The error a module failed with, if it did. */
  failure(name: string): MibError | undefined {
    return this.#failed.get(name);
  }

  /** Every diagnostic of the loaded modules. */
  diagnostics(): MibDiagnostic[] {
    const out: MibDiagnostic[] = [];
    for (const m of this.#order) out.push(...m.diagnostics);
    return out;
  }

  /**
   * A definition by descriptor: from `module` when given, else the one net-snmp's
   * random-access lookup (`-IR`) finds (the most recently defined).
   */
  object(name: string, module?: string): MibObject | undefined {
    if (module !== undefined) {
      const m = this.#modules.get(module);
      if (m === undefined) return undefined;
      const own = m.objectsByName.get(name);
      if (own !== undefined) return own;
      for (const e of this.#tree.byName(name)) if (e.label.modules.includes(module)) return e.node.object;
      return undefined;
    }
    const last = this.#tree.lastByName(name);
    if (last !== undefined) {
      const o = last.label(name)?.object ?? last.object;
      if (o !== undefined) return o;
    }
    const list = this.#tree.byName(name);
    for (let i = list.length - 1; i >= 0; i--) {
      const o = list[i]!.label.object ?? list[i]!.node.object;
      if (o !== undefined) return o;
    }
    return undefined;
  }

  /** A type by name: from `module` when given, else the first loaded module defining it. */
  type(name: string, module?: string): MibTypeDef | undefined {
    if (module !== undefined) return this.#modules.get(module)?.typesByName.get(name);
    for (const m of this.#order) {
      const t = m.typesByName.get(name);
      if (t !== undefined) return t;
    }
    return undefined;
  }

  /** The tree node with exactly this OID. */
  node(oid: Oid): MibNode | undefined {
    return this.#tree.find(oid);
  }

  #moduleOfFile(file: string): string | undefined {
    if (this.#cache !== undefined) {
      const st = MibFileIndex.stat(file);
      if (st !== undefined) {
        this.#stamps.set(file, st);
        const c = this.#cache.read(file, st.size, st.mtimeMs);
        if (c !== undefined && c.length > 0) {
          for (const m of c) this.#index.note(file, m.module.name);
          this.#pendingCache.set(file, { ...st, modules: c });
          return c[0]!.module.name;
        }
      }
    }
    return this.#index.moduleOf(file);
  }

  /** Size and mtime of each file as loaded (with a cache), for the snapshot. */
  readonly #stamps = new Map<string, { size: number; mtimeMs: number }>();
  readonly #pendingCache = new Map<string, { size: number; mtimeMs: number; modules: CachedModule[] }>();

  #loadByName(name: string, chain: readonly string[]): StoredModule {
    const have = this.#modules.get(name);
    if (have !== undefined) return have;
    const failed = this.#failed.get(name);
    if (failed !== undefined) throw failed;
    const base = BASE_MODULES.get(name);
    const file = base !== undefined && this.#builtinBase ? undefined : this.#index.find(name);
    if (file === undefined) {
      if (base !== undefined) return this.#loadBuiltin(name, base, chain);
      const where = this.#index.dirs.length === 0 ? 'no search path given' : `searched ${this.#index.dirs.join(':')}`;
      const err = new MibError(name, 0, 0, `module ${name} not found; ${where}`);
      this.#failed.set(name, err);
      throw err;
    }
    const mods = this.#loadFile(file, chain);
    const m = mods.find((x) => x.name === name);
    if (m === undefined) {
      const err = new MibError(file, 1, 1, `file ${file} does not define module ${name}`);
      this.#failed.set(name, err);
      throw err;
    }
    return m;
  }

  /** A built-in base module: from the cache (under a name no file has) or compiled. */
  #loadBuiltin(name: string, text: string, chain: readonly string[]): StoredModule {
    const cacheName = `${BUILTIN_FILE}${name}`;
    const stamp = textStamp(text);
    if (this.#cache !== undefined) {
      const cached = this.#cache.read(cacheName, text.length, stamp);
      const got = cached === undefined ? undefined : this.#fromCache(cached, chain);
      const m = got?.find((x) => x.name === name);
      if (m !== undefined) return m;
    }
    const mods = this.#compileText({ text, latin1: false }, BUILTIN_FILE, undefined, chain);
    if (this.#cache !== undefined) this.#cache.write(cacheName, text.length, stamp, mods);
    return mods.find((x) => x.module.name === name)!.module;
  }

  #loadFile(file: string, chain: readonly string[]): StoredModule[] {
    // A file whose cache entry loadAll() just read was stat'ed then.
    const pending = this.#pendingCache.get(file);
    this.#pendingCache.delete(file);
    let st: { size: number; mtimeMs: number } | undefined = pending;
    if (this.#cache !== undefined) {
      st ??= MibFileIndex.stat(file);
      if (st === undefined) throw new MibError(file, 0, 0, `cannot read ${file}`);
      this.#stamps.set(file, st);
      const cached = pending !== undefined ? pending.modules : this.#cache.read(file, st.size, st.mtimeMs);
      if (cached !== undefined) {
        const got = this.#fromCache(cached, chain);
        if (got !== undefined) {
          this.#cachedFiles++;
          return got;
        }
      }
    }
    let source = this.#index.takeText(file);
    if (source === undefined) {
      try {
        source = readMibSource(file);
      } catch (e) {
        throw new MibError(file, 0, 0, `cannot read ${file}: ${(e as Error).message}`, { cause: e });
      }
    }
    this.#parsedFiles++;
    // Without a cache the file's stamp is not needed (it only keys cache entries).
    const compiled = this.#compileText(source, file, st ?? NO_STAMP, chain);
    if (this.#cache !== undefined && st !== undefined) this.#cache.write(file, st.size, st.mtimeMs, compiled);
    return compiled.map((c) => c.module);
  }


  /** Registers cached modules if their imports still have the keys they were compiled with. */
  #fromCache(cached: readonly CachedModule[], chain: readonly string[]): StoredModule[] | undefined {
    for (const c of cached) {
      if (this.#modules.has(c.module.name)) continue;
      for (const dep of Object.keys(c.deps)) {
        if (dep === c.module.name) continue;
        try {
          this.#loadByName(dep, [...chain, c.module.name]);
        } catch {
          return undefined;
        }
        if (this.#keys.get(dep) !== c.deps[dep]) return undefined;
      }
      // Then the modules its MODULE-COMPLIANCE / AGENT-CAPABILITIES name, as when compiled.
      for (const r of c.module.references) {
        try {
          this.#loadByName(r, [...chain, c.module.name]);
        } catch {
          // only a warning when compiled
        }
      }
    }
    const out: StoredModule[] = [];
    for (const c of cached) {
      const have = this.#modules.get(c.module.name);
      if (have !== undefined) {
        out.push(have);
        continue;
      }
      if (this.#strict && c.module.diagnostics.length > 0) return undefined;
      this.#register(c.module, c.key);
      out.push(c.module);
    }
    return out;
  }

  /** Parses and compiles text; registers the modules that compile without errors. */
  #compileText(source: MibSource, file: string, st: { size: number; mtimeMs: number } | undefined, chain: readonly string[]): CachedModule[] {
    let parsed;
    try {
      parsed = parseMibText(source.text, file, { lazy: true, latin1: source.latin1 });
    } catch (e) {
      if (e instanceof MibError) {
        const name = this.#index.moduleOf(file);
        if (name !== undefined && !this.#modules.has(name)) this.#failed.set(name, e);
      }
      throw e;
    }
    const out: CachedModule[] = [];
    let firstError: MibError | undefined;
    for (let k = 0; k < parsed.modules.length; k++) {
      const ast = parsed.modules[k]!;
      const have = this.#modules.get(ast.name);
      if (have !== undefined) {
        out.push({ key: this.#keys.get(ast.name)!, deps: {}, module: have });
        continue;
      }
      this.#loading.add(ast.name);
      const diags = new DiagnosticSink(file);
      for (const d of parsed.diagnostics) if (d.line >= ast.line) diags.list.push(d);
      const deps: Record<string, string> = {};
      const env: CompileEnv = {
        importModule: (name) => {
          if (name === ast.name) return `module ${name} imports from itself`;
          if (this.#loading.has(name)) return this.#modules.get(name);
          const loaded = this.#modules.get(name);
          if (loaded !== undefined) {
            deps[name] = this.#keys.get(name)!;
            return loaded;
          }
          try {
            const m = this.#loadByName(name, [...chain, ast.name]);
            deps[name] = this.#keys.get(name)!;
            return m;
          } catch (e) {
            const via = [...chain, ast.name].reverse().join(' <- ');
            if (!(e instanceof MibError)) return `cannot load ${name} (needed by ${via}): ${String(e)}`;
            const place = e.line > 0 ? ` (${e.file}:${e.line}:${e.column})` : '';
            return `cannot load ${name} (needed by ${via}): ${stripPlace(e)}${place}`;
          }
        },
        findObject: (name) => this.object(name),
        findType: (name) => this.type(name),
      };
      let module: StoredModule;
      try {
        // The definitions are made on first use from the text parsed again: the syntax
        // trees are not kept (fewer objects for the collector to carry).
        module = compileModule(ast, file, env, diags, reparser(source, file, k));
      } finally {
        this.#loading.delete(ast.name);
      }
      const bad = module.diagnostics.find((d) => d.severity === 'error' || (this.#strict && d.severity === 'warning'));
      if (bad !== undefined) {
        const err = diagnosticError(bad);
        this.#failed.set(ast.name, err);
        firstError ??= err;
        continue;
      }
      // Keys only matter to the cache: without one, no hashing.
      const key = st === undefined ? `${BUILTIN_KEY}:${file}:${ast.name}` : this.#cache === undefined ? '' : moduleKey(file, st.size, st.mtimeMs, deps);
      this.#register(module, key);
      this.#index.note(file, ast.name);
      out.push({ key, deps, module });
    }
    if (firstError !== undefined && out.length === 0) throw firstError;
    if (firstError !== undefined) throw firstError;
    return out;
  }

  #register(m: StoredModule, key: string): void {
    this.#modules.set(m.name, m);
    this.#keys.set(m.name, key);
    this.#order.push(m);
    this.#anonymous = this.#tree.s.link(m, this.#order.length - 1, this.#anonymous);
  }
}

/**
 * The definitions of the `k`th module of a text, parsed again (made in a function of its
 * own so that the closure holds only these three values, not the syntax tree).
 */
function reparser(source: MibSource, file: string, k: number): () => readonly DefAst[] {
  const { text, latin1 } = source;
  return () => parseMibText(text, file, { lazy: false, latin1 }).modules[k]!.defs;
}

/** A number standing for a text's contents (its SHA-1's first 48 bits), for the cache. */
function textStamp(text: string): number {
  return Number.parseInt(createHash('sha1').update(text).digest('hex').slice(0, 12), 16);
}

/** The message of a MibError without its `file:line:column: ` prefix. */
function stripPlace(e: MibError): string {
  const p = `${e.file}:${e.line}:${e.column}: `;
  return e.message.startsWith(p) ? e.message.slice(p.length) : e.message;
}
