/**
 * A disk cache of compiled modules. One cache file per source file, named by a hash of
 * the source path; it records the source's size and modification time and, per module,
 * a key that covers the keys of its imports, so a change in an imported module
 * invalidates its importers.
 *
 * A cache entry is a small JSON file with what loading needs (each module's header, its
 * descriptors and their OIDs) and a text block with each module's definitions as JSON and
 * their long texts, in a file of its own named in the JSON. Loading reads only the JSON;
 * the block is read, and definitions parsed from it, when first asked for. Both files
 * are written under temporary names and renamed into place, the block first.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { MibError } from '../errors.js';
import type { MibDiagnostic } from './diagnostics.js';
import type { MibObjectJson, MibTypeJson } from './json.js';
import { TextBlock, objectFromJson, objectToJson, typeFromJson, typeToJson } from './json.js';
import type { MibImport, MibLanguage } from './model.js';
import { StoredModule } from './stored-module.js';
import type { ModuleBody, ModuleHead, ModuleLink } from './stored-module.js';

/** Bumped whenever the cached form changes (the snapshot keeps the tree's hash table: its hash too). */
export const CACHE_VERSION = 9;

/** How long a replaced block stays for processes that may still read it lazily. */
const BLOCK_GRACE_MS = 10 * 60_000;

/** A module as the cache keeps it. */
export interface CachedModule {
  /** The module's key (its file stamp and its imports' keys). */
  readonly key: string;
  /** The keys of the modules it imports, at the time it was compiled. */
  readonly deps: Readonly<Record<string, string>>;
  /** The module. */
  readonly module: StoredModule;
}

/** A module as a cache entry holds it (JSON). */
export interface ModuleEntry {
  key: string;
  deps: Record<string, string>;
  name: string;
  file: string;
  language: MibLanguage;
  imports: MibImport[];
  identity?: string;
  lastUpdated?: string;
  macros: string[];
  anonymous: string[];
  implicit: { name: string; oid: string }[];
  references: string[];
  diagnostics: MibDiagnostic[];
  typeNames: string[];
  /** Descriptors, separated by spaces. */
  names: string;
  /** The OIDs' arcs one after the other: 32-bit little-endian numbers in base64. */
  arcs: string;
  /** The end of each definition's arcs, as `arcs`. */
  ends: string;
  /** Per definition, how many arcs it shares with the one before: bytes in base64. */
  shared: string;
  /** Kind codes, bytes in base64. */
  kinds: string;
  traps: [number, string][];
  /** Offset and length of the definitions' JSON in the block. */
  body: [number, number];
}

interface CacheHeader {
  v: number;
  file: string;
  size: number;
  mtimeMs: number;
  /** File name of the block (next to the JSON file) and its length. */
  block: [string, number];
  modules: ModuleEntry[];
}

/** The key of a module: a hash of its file stamp and its imports' keys. */
export function moduleKey(file: string, size: number, mtimeMs: number, deps: Readonly<Record<string, string>>): string {
  const h = createHash('sha1');
  h.update(`${CACHE_VERSION}\0${file}\0${size}\0${mtimeMs}`);
  for (const k of Object.keys(deps).sort()) h.update(`\0${k}=${deps[k]}`);
  return h.digest('base64url').slice(0, 22);
}

/** 32-bit numbers as little-endian bytes in base64. */
function u32Text(a: Uint32Array): string {
  const b = Buffer.alloc(a.length * 4);
  for (let i = 0; i < a.length; i++) b.writeUInt32LE(a[i]!, i * 4);
  return b.toString('base64');
}

/** The inverse of {@link u32Text}, with no per-number work on little-endian machines. */
function u32FromText(s: string): Uint32Array {
  const b = Buffer.from(s, 'base64');
  const n = b.length >> 2;
  if (LITTLE_ENDIAN) {
    if (b.byteOffset % 4 === 0) return new Uint32Array(b.buffer, b.byteOffset, n);
    return new Uint32Array(b.buffer.slice(b.byteOffset, b.byteOffset + n * 4));
  }
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) out[i] = b.readUInt32LE(i * 4);
  return out;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

function decodeLink(e: ModuleEntry): ModuleLink {
  const names = e.names === '' ? [] : e.names.split(' ');
  const kinds = Buffer.from(e.kinds, 'base64');
  return { names, arcs: u32FromText(e.arcs), ends: u32FromText(e.ends), kinds, shared: Buffer.from(e.shared, 'base64'), enterprises: e.traps.length === 0 ? undefined : new Map(e.traps) };
}

/** Makes a module's definitions from its entry and block, on first use. */
export function bodyMaker(e: ModuleEntry, block: () => string): (m: StoredModule) => ModuleBody {
  return (m) => {
    const text = block();
    let j: { objects: MibObjectJson[]; types: MibTypeJson[] };
    try {
      j = JSON.parse(text.slice(e.body[0], e.body[0] + e.body[1])) as { objects: MibObjectJson[]; types: MibTypeJson[] };
    } catch (err) {
      throw new MibError(m.file, 0, 0, `the cached definitions of ${m.name} are damaged; load the module again`, { cause: err });
    }
    return {
      objects: j.objects.map((o, i) => objectFromJson(o, m.name, m.oidAt(i), text)),
      types: j.types.map((t) => typeFromJson(t, m.name, text)),
    };
  };
}

/**
 * Reads a block file once, on first use.
 * @param stale files to remove when the block is gone or damaged (the entries naming it),
 *   so that the next load compiles the module again.
 */
export function blockReader(file: string, source: string, length: number, stale: readonly string[]): () => string {
  let text: string | undefined;
  return () => {
    if (text !== undefined) return text;
    let t: string | undefined;
    let cause: unknown;
    try {
      t = readFileSync(file, 'utf8');
    } catch (err) {
      cause = err;
    }
    if (t === undefined || t.length !== length) {
      for (const f of stale) {
        try {
          unlinkSync(f);
        } catch {
          // already gone
        }
      }
      throw new MibError(source, 0, 0, `the cached definitions of ${source} are gone or damaged (${file}); load the module again`, { cause });
    }
    text = t;
    return t;
  };
}

/** An entry without its link data (the module has it decoded). */
function slim(e: ModuleEntry): ModuleEntry {
  return { ...e, arcs: '', ends: '', shared: '', kinds: '' };
}

/** The fields of a module's head in its entry. */
export function headOf(e: ModuleEntry): ModuleHead {
  return {
    name: e.name,
    file: e.file,
    language: e.language,
    imports: e.imports,
    identity: e.identity,
    lastUpdated: e.lastUpdated,
    macros: e.macros,
    anonymous: e.anonymous,
    implicit: e.implicit,
    references: e.references,
    diagnostics: e.diagnostics,
    typeNames: e.typeNames,
  };
}

/** The cache directory. Reads and writes never throw: a bad cache is a cache miss. */
export class MibCache {
  /** The directory holding the cache files. */
  readonly dir: string;
  #made = false;
  /** The entry (and block) of each module this cache read or wrote. */
  readonly #entries = new WeakMap<StoredModule, { entry: ModuleEntry; block: [string, number] }>();

  /** The cache entry of a module read or written by this cache. */
  entryOf(m: StoredModule): { readonly entry: ModuleEntry; readonly block: [string, number] } | undefined {
    return this.#entries.get(m);
  }

  /** Creates the directory if needed. */
  ensureDir(): void {
    if (!this.#made) {
      mkdirSync(this.dir, { recursive: true });
      this.#made = true;
    }
  }

  constructor(dir: string) {
    this.dir = path.resolve(dir);
  }

  #baseOf(file: string): string {
    return createHash('sha1').update(file).digest('hex').slice(0, 24);
  }

  /** The JSON file of a source file's entry. */
  entryPath(file: string): string {
    return path.join(this.dir, `${this.#baseOf(file)}.json`);
  }

  /** The cached modules of `file` if the cache has them for this size and mtime. */
  read(file: string, size: number, mtimeMs: number): CachedModule[] | undefined {
    let text: string;
    try {
      text = readFileSync(this.entryPath(file), 'utf8');
    } catch {
      return undefined;
    }
    try {
      const header = JSON.parse(text) as CacheHeader;
      if (header.v !== CACHE_VERSION || header.file !== file || header.size !== size || header.mtimeMs !== mtimeMs) return undefined;
      const entry = this.entryPath(file);
      const blockFile = path.join(this.dir, path.basename(header.block[0]));
      // The block is read later: make sure now that it is still there.
      if (statSync(blockFile).size < header.block[1]) return undefined;
      const block = blockReader(blockFile, file, header.block[1], [entry]);
      return header.modules.map((e) => {
        const module = new StoredModule(headOf(e), decodeLink(e), bodyMaker(e, block));
        this.#entries.set(module, { entry: slim(e), block: header.block });
        return { key: e.key, deps: e.deps, module };
      });
    } catch {
      return undefined;
    }
  }

  /** Writes the compiled modules of `file` (best effort; errors are ignored). */
  write(file: string, size: number, mtimeMs: number, modules: readonly CachedModule[]): void {
    try {
      this.ensureDir();
      const block = new TextBlock();
      const entries = modules.map((c): ModuleEntry => {
        const m = c.module;
        const body = JSON.stringify({ objects: m.objects.map((o) => objectToJson(o, block, false)), types: m.types.map((t) => typeToJson(t, block)) });
        const e: ModuleEntry = {
          key: c.key,
          deps: { ...c.deps },
          name: m.name,
          file: m.file,
          language: m.language,
          imports: m.imports.map((i) => ({ module: i.module, names: [...i.names] })),
          macros: [...m.macros],
          anonymous: [...m.anonymous],
          implicit: [...m.implicit],
          references: [...m.references],
          diagnostics: [...m.diagnostics],
          typeNames: [...m.typeNames],
          names: m.link.names.join(' '),
          arcs: u32Text(m.link.arcs.subarray(0, m.link.ends[m.link.ends.length - 1] ?? 0)),
          ends: u32Text(m.link.ends),
          shared: Buffer.from(m.link.shared).toString('base64'),
          kinds: Buffer.from(m.link.kinds).toString('base64'),
          traps: [...(m.link.enterprises ?? [])],
          body: block.add(body),
        };
        if (m.identity !== undefined) e.identity = m.identity;
        if (m.lastUpdated !== undefined) e.lastUpdated = m.lastUpdated;
        return e;
      });
      const blockText = block.toString();
      const base = this.#baseOf(file);
      const target = path.join(this.dir, `${base}.json`);
      const blockName = `${base}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}.txt`;
      const header: CacheHeader = { v: CACHE_VERSION, file, size, mtimeMs, block: [blockName, blockText.length], modules: entries };
      const tmp = `${target}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
      writeFileSync(tmp, blockText);
      renameSync(tmp, path.join(this.dir, blockName));
      writeFileSync(tmp, JSON.stringify(header));
      renameSync(tmp, target);
      for (let i = 0; i < modules.length; i++) this.#entries.set(modules[i]!.module, { entry: slim(entries[i]!), block: header.block });
      // Blocks this one replaces go once no process can still be reading them lazily (ten
      // minutes; best effort): the one it replaced, and any that earlier writes left.
      this.#sweepBlocks(base, blockName);
    } catch {
      // A cache that cannot be written is no cache.
    }
  }

  /** Removes this source's blocks other than `current` older than ten minutes. */
  #sweepBlocks(base: string, current: string): void {
    let names: string[];
    try {
      names = readdirSync(this.dir);
    } catch {
      return;
    }
    const prefix = `${base}-`;
    const now = Date.now();
    for (const name of names) {
      if (name === current || !name.startsWith(prefix) || !name.endsWith('.txt')) continue;
      const p = path.join(this.dir, name);
      try {
        if (now - statSync(p).mtimeMs > BLOCK_GRACE_MS) unlinkSync(p);
      } catch {
        // Gone already, or not ours to remove.
      }
    }
  }
}
