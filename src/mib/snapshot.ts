/**
 * A snapshot of a whole store after `loadAll()`, kept in the cache directory: the modules
 * (their cache entries, without definitions), the failures, and the OID tree as it was
 * linked, in one file. A fresh store whose search path has exactly the same files (same
 * names, sizes and modification times) takes it as it is — one read, no linking — and
 * reads each module's definitions from its own cache entry when first asked for.
 *
 * The file is a short header (`TSNMPMIB`, a format number, the JSON length), the JSON, and
 * the typed arrays, each aligned to 8 bytes, named in the JSON by offset and length.
 */
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CACHE_VERSION, blockReader, bodyMaker, headOf } from './cache.js';
import type { MibCache, ModuleEntry } from './cache.js';
import { BUILTIN_FILE } from './base-modules.js';
import { MibFileIndex } from './files.js';
import { StoredModule } from './stored-module.js';
import type { TreeData } from './tree-store.js';

const MAGIC = 'TSNMPMIB';

type ArrayKind = 'i32' | 'u32' | 'u16' | 'u8';
type Typed = Int32Array | Uint32Array | Uint16Array | Uint8Array;

/** A module in a snapshot. */
export interface SnapshotModule {
  /** Its cache entry (without link data) and the block file with its definitions. */
  readonly entry: ModuleEntry;
  readonly block: [string, number];
  /** Where its arcs and per-definition arrays start in the shared arrays. */
  readonly arcsAt: number;
  readonly arcsLength: number;
  readonly defsAt: number;
}

/** What a snapshot holds. */
export interface StoreSnapshot {
  /** Every file of the search path with its size and modification time, in index order. */
  readonly files: readonly (readonly [string, number, number])[];
  /** Modules in load order. */
  readonly modules: readonly SnapshotModule[];
  /** Modules that failed: name, file, line, column, message. */
  readonly failed: readonly (readonly [string, string, number, number, string])[];
  /** The failures loadAll() reported: module, its file, then the error as in `failed`. */
  readonly report: readonly (readonly [string, string, string, number, number, string])[];
  /** What the file index learned: file and the module it holds (null: not a MIB). */
  readonly notes: readonly (readonly [string, string | null])[];
  /** The number of anonymous nodes made so far. */
  readonly anonymous: number;
  /** The tree. */
  readonly tree: TreeData;
  /** The modules' arcs, definition ends (relative to each module), kinds and shared counts. */
  readonly arcs: Uint32Array;
  readonly ends: Uint32Array;
  readonly kinds: Uint8Array;
  readonly shared: Uint8Array;
}

const TREE_ARRAYS: readonly [keyof TreeData, ArrayKind][] = [
  ['parent', 'i32'], ['arc', 'u32'], ['depth', 'u16'], ['firstLabel', 'i32'], ['firstChild', 'i32'], ['nextSibling', 'i32'],
  ['childCount', 'i32'], ['table', 'i32'], ['labelNode', 'i32'], ['labelNext', 'i32'], ['labelAnon', 'u8'],
  ['labelObjModule', 'i32'], ['labelObjIndex', 'i32'],
];

/** Module names of labels as numbers into a table of the names. */
function nameTable(names: readonly string[]): { table: string[]; codes: Int32Array } {
  const table: string[] = [];
  const index = new Map<string, number>();
  const codes = new Int32Array(names.length);
  for (let i = 0; i < names.length; i++) {
    const n = names[i]!;
    let k = index.get(n);
    if (k === undefined) {
      k = table.length;
      table.push(n);
      index.set(n, k);
    }
    codes[i] = k;
  }
  return { table, codes };
}

/** The snapshot file of a search path and store options, in a cache directory. */
export function snapshotPath(cacheDir: string, dirs: readonly string[], options: string): string {
  const key = createHash('sha1').update(JSON.stringify([CACHE_VERSION, dirs, options])).digest('hex').slice(0, 24);
  return path.join(cacheDir, `store-${key}.bin`);
}

/** Writes a snapshot (best effort: errors are ignored). */
export function writeSnapshot(file: string, s: StoreSnapshot): void {
  try {
    const arrays: [string, ArrayKind, Typed][] = [];
    for (const [name, kind] of TREE_ARRAYS) arrays.push([`tree.${name}`, kind, s.tree[name] as Typed]);
    const modules = nameTable(s.tree.labelModule);
    arrays.push(['labelModule', 'i32', modules.codes]);
    arrays.push(['arcs', 'u32', s.arcs], ['ends', 'u32', s.ends], ['kinds', 'u8', s.kinds], ['shared', 'u8', s.shared]);
    const sections: [string, ArrayKind, number, number][] = [];
    let at = 0;
    for (const [name, kind, a] of arrays) {
      sections.push([name, kind, at, a.length]);
      at = align8(at + a.byteLength);
    }
    const { tree } = s;
    const json = JSON.stringify({
      v: CACHE_VERSION,
      littleEndian: LITTLE_ENDIAN,
      files: s.files,
      modules: s.modules,
      failed: s.failed,
      report: s.report,
      notes: s.notes,
      anonymous: s.anonymous,
      nodeCount: tree.nodeCount,
      labelCount: tree.labelCount,
      labelName: tree.labelName.join(' '),
      labelModules: modules.table,
      moreModules: tree.moreModules,
      sections,
    });
    const jsonBytes = Buffer.from(json, 'utf8');
    const start = align8(16 + jsonBytes.length);
    const out = Buffer.alloc(start + at);
    out.write(MAGIC, 0, 'latin1');
    out.writeUInt32LE(CACHE_VERSION, 8);
    out.writeUInt32LE(jsonBytes.length, 12);
    jsonBytes.copy(out, 16);
    for (let i = 0; i < arrays.length; i++) {
      const a = arrays[i]![2];
      out.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), start + sections[i]![2]);
    }
    const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    writeFileSync(tmp, out);
    renameSync(tmp, file);
  } catch {
    // No snapshot: the next load links the modules from their entries.
  }
}

/**
 * Reads a snapshot; undefined when there is none, it is not one this version wrote, or the
 * search path's files (`files`, in index order) are not those it was taken of, with the
 * same sizes and modification times.
 */
export function readSnapshot(file: string, files: readonly string[]): StoreSnapshot | undefined {
  const snap = readSnapshotFile(file);
  if (snap === undefined || files.length !== snap.files.length) return undefined;
  for (let i = 0; i < files.length; i++) {
    const [name, size, mtimeMs] = snap.files[i]!;
    if (files[i] !== name) return undefined;
    const st = MibFileIndex.stat(name);
    if (st === undefined || st.size !== size || st.mtimeMs !== mtimeMs) return undefined;
  }
  return snap;
}

function readSnapshotFile(file: string): StoreSnapshot | undefined {
  let buf: Buffer;
  try {
    buf = readFileSync(file);
  } catch {
    return undefined;
  }
  try {
    if (buf.length < 16 || buf.toString('latin1', 0, 8) !== MAGIC || buf.readUInt32LE(8) !== CACHE_VERSION) return undefined;
    const jsonLength = buf.readUInt32LE(12);
    const j = JSON.parse(buf.toString('utf8', 16, 16 + jsonLength)) as {
      v: number;
      littleEndian: boolean;
      files: [string, number, number][];
      modules: SnapshotModule[];
      failed: [string, string, number, number, string][];
      report: [string, string, string, number, number, string][];
      notes: [string, string | null][];
      anonymous: number;
      nodeCount: number;
      labelCount: number;
      labelName: string;
      labelModules: string[];
      moreModules: [number, string[]][];
      sections: [string, ArrayKind, number, number][];
    };
    if (j.v !== CACHE_VERSION || j.littleEndian !== LITTLE_ENDIAN) return undefined;
    // Copied once into an aligned buffer of our own; the arrays are views on it.
    const start = align8(16 + jsonLength);
    const body = new Uint8Array(buf.length - start);
    body.set(buf.subarray(start));
    const view = (name: string): Typed => {
      const sec = j.sections.find((x) => x[0] === name);
      if (sec === undefined) throw new RangeError(`no ${name}`);
      const [, kind, at, n] = sec;
      if (kind === 'i32') return new Int32Array(body.buffer, at, n);
      if (kind === 'u32') return new Uint32Array(body.buffer, at, n);
      if (kind === 'u16') return new Uint16Array(body.buffer, at, n);
      return new Uint8Array(body.buffer, at, n);
    };
    const codes = view('labelModule');
    const labelModule = new Array<string>(codes.length);
    for (let i = 0; i < codes.length; i++) labelModule[i] = j.labelModules[codes[i]!]!;
    const tree = {
      nodeCount: j.nodeCount,
      labelCount: j.labelCount,
      labelName: j.labelCount === 0 ? [] : j.labelName.split(' '),
      labelModule,
      moreModules: j.moreModules,
    } as Record<string, unknown>;
    for (const [name] of TREE_ARRAYS) tree[name] = view(`tree.${name}`);
    return {
      files: j.files,
      modules: j.modules,
      failed: j.failed,
      report: j.report,
      notes: j.notes,
      anonymous: j.anonymous,
      tree: tree as unknown as TreeData,
      arcs: view('arcs') as Uint32Array,
      ends: view('ends') as Uint32Array,
      kinds: view('kinds') as Uint8Array,
      shared: view('shared') as Uint8Array,
    };
  } catch {
    return undefined;
  }
}

function align8(n: number): number {
  return (n + 7) & ~7;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** A module of the store, for {@link makeSnapshot}. */
export interface SnapshotSource {
  readonly module: StoredModule;
  readonly entry: ModuleEntry;
  readonly block: [string, number];
}

/** Gathers a snapshot from the store's modules (in load order) and the rest of its state. */
export function makeSnapshot(
  sources: readonly SnapshotSource[],
  rest: Omit<StoreSnapshot, 'modules' | 'arcs' | 'ends' | 'kinds' | 'shared'>,
): StoreSnapshot {
  let arcCount = 0;
  let defCount = 0;
  for (const { module } of sources) {
    const { ends } = module.link;
    arcCount += ends.length === 0 ? 0 : ends[ends.length - 1]!;
    defCount += ends.length;
  }
  const arcs = new Uint32Array(arcCount);
  const ends = new Uint32Array(defCount);
  const kinds = new Uint8Array(defCount);
  const shared = new Uint8Array(defCount);
  const modules: SnapshotModule[] = [];
  let a = 0;
  let d = 0;
  for (const { module, entry, block } of sources) {
    const link = module.link;
    const n = link.ends.length;
    const arcsLength = n === 0 ? 0 : link.ends[n - 1]!;
    arcs.set(link.arcs.subarray(0, arcsLength), a);
    ends.set(link.ends, d);
    kinds.set(link.kinds, d);
    shared.set(link.shared, d);
    modules.push({ entry, block, arcsAt: a, arcsLength, defsAt: d });
    a += arcsLength;
    d += n;
  }
  return { ...rest, modules, arcs, ends, kinds, shared };
}

/** The modules of a snapshot, each reading its definitions from its cache block on first use. */
export function snapshotModules(s: StoreSnapshot, cache: MibCache, snapshotFile: string): { module: StoredModule; key: string }[] {
  const readers = new Map<string, () => string>();
  return s.modules.map((sm) => {
    const e = sm.entry;
    let read = readers.get(sm.block[0]);
    if (read === undefined) {
      const source = e.file === BUILTIN_FILE ? `${BUILTIN_FILE}${e.name}` : e.file;
      read = blockReader(path.join(cache.dir, path.basename(sm.block[0])), e.file, sm.block[1], [snapshotFile, cache.entryPath(source)]);
      readers.set(sm.block[0], read);
    }
    const names = e.names === '' ? [] : e.names.split(' ');
    const n = names.length;
    const link = {
      names,
      arcs: s.arcs.subarray(sm.arcsAt, sm.arcsAt + sm.arcsLength),
      ends: s.ends.subarray(sm.defsAt, sm.defsAt + n),
      kinds: s.kinds.subarray(sm.defsAt, sm.defsAt + n),
      shared: s.shared.subarray(sm.defsAt, sm.defsAt + n),
      enterprises: e.traps.length === 0 ? undefined : new Map(e.traps),
    };
    return { module: new StoredModule(headOf(e), link, bodyMaker(e, read)), key: e.key };
  });
}
