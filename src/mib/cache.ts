/**
 * A disk cache of compiled modules. One cache file per source file, named by a hash of
 * the source path; it records the source's size and modification time and, per module,
 * a key that covers the keys of its imports, so a change in an imported module
 * invalidates its importers.
 *
 * A cache file is one JSON line with what loading needs (each module's header, its
 * descriptors and their OIDs), then a block with each module's definitions as JSON and
 * their long texts. Reading a module parses only the line; its definitions are parsed
 * from the block when first asked for.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { MibDiagnostic } from './diagnostics.js';
import type { MibObjectJson, MibTypeJson } from './json.js';
import { TextBlock, objectFromJson, objectToJson, typeFromJson, typeToJson } from './json.js';
import type { MibImport, MibLanguage } from './model.js';
import { StoredModule } from './stored-module.js';
import type { ModuleBody, ModuleLink } from './stored-module.js';

/** Bumped whenever the cached form changes. */
const CACHE_VERSION = 5;

/** A module as the cache keeps it. */
export interface CachedModule {
  /** The module's key (its file stamp and its imports' keys). */
  readonly key: string;
  /** The keys of the modules it imports, at the time it was compiled. */
  readonly deps: Readonly<Record<string, string>>;
  /** The module. */
  readonly module: StoredModule;
}

interface ModuleEntry {
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
  names: string[];
  /** Per definition: arcs shared with the previous one, number of new arcs, the new arcs. */
  arcs: number[];
  /** One character per definition: the kind code + 97. */
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
  /** Length of the block (a cut file is a miss). */
  block: number;
  modules: ModuleEntry[];
}

/** The key of a module: a hash of its file stamp and its imports' keys. */
export function moduleKey(file: string, size: number, mtimeMs: number, deps: Readonly<Record<string, string>>): string {
  const h = createHash('sha1');
  h.update(`${CACHE_VERSION}\0${file}\0${size}\0${mtimeMs}`);
  for (const k of Object.keys(deps).sort()) h.update(`\0${k}=${deps[k]}`);
  return h.digest('base64url').slice(0, 22);
}

/** The arcs of a module's definitions, each written as what differs from the one before. */
function encodeArcs(link: ModuleLink): number[] {
  const out: number[] = [];
  const { arcs, ends } = link;
  let prevStart = 0;
  let prevEnd = 0;
  for (let i = 0; i < ends.length; i++) {
    const start = prevEnd;
    const end = ends[i]!;
    let p = 0;
    while (p < end - start && p < prevEnd - prevStart && arcs[start + p] === arcs[prevStart + p]) p++;
    out.push(p, end - start - p);
    for (let k = start + p; k < end; k++) out.push(arcs[k]!);
    prevStart = start;
    prevEnd = end;
  }
  return out;
}

function decodeLink(e: ModuleEntry): ModuleLink {
  const n = e.names.length;
  const code = e.arcs;
  let total = 0;
  for (let i = 0, at = 0; i < n; i++) {
    total += code[at]! + code[at + 1]!;
    at += 2 + code[at + 1]!;
  }
  const arcs = new Uint32Array(total);
  const ends = new Uint32Array(n);
  const kinds = new Uint8Array(n);
  let w = 0;
  let prevStart = 0;
  for (let i = 0, at = 0; i < n; i++) {
    const p = code[at]!;
    const m = code[at + 1]!;
    at += 2;
    const start = w;
    arcs.copyWithin(w, prevStart, prevStart + p);
    w += p;
    for (let k = 0; k < m; k++) arcs[w++] = code[at++]!;
    ends[i] = w;
    prevStart = start;
    kinds[i] = e.kinds.charCodeAt(i) - 97;
  }
  return { names: e.names, arcs, ends, kinds, enterprises: e.traps.length === 0 ? undefined : new Map(e.traps) };
}

function bodyMaker(e: ModuleEntry, block: string): (m: StoredModule) => ModuleBody {
  return (m) => {
    const j = JSON.parse(block.slice(e.body[0], e.body[0] + e.body[1])) as { objects: MibObjectJson[]; types: MibTypeJson[] };
    return {
      objects: j.objects.map((o, i) => objectFromJson(o, m.name, m.oidAt(i), block)),
      types: j.types.map((t) => typeFromJson(t, m.name, block)),
    };
  };
}

/** The cache directory. Reads and writes never throw: a bad cache is a cache miss. */
export class MibCache {
  /** The directory holding the cache files. */
  readonly dir: string;
  #made = false;

  constructor(dir: string) {
    this.dir = path.resolve(dir);
  }

  #pathOf(file: string): string {
    return path.join(this.dir, createHash('sha1').update(file).digest('hex').slice(0, 24) + '.json');
  }

  /** The cached modules of `file` if the cache has them for this size and mtime. */
  read(file: string, size: number, mtimeMs: number): CachedModule[] | undefined {
    let text: string;
    try {
      text = readFileSync(this.#pathOf(file), 'utf8');
    } catch {
      return undefined;
    }
    try {
      const nl = text.indexOf('\n');
      if (nl < 0) return undefined;
      const header = JSON.parse(text.slice(0, nl)) as CacheHeader;
      if (header.v !== CACHE_VERSION || header.file !== file || header.size !== size || header.mtimeMs !== mtimeMs) return undefined;
      const block = text.slice(nl + 1);
      if (block.length !== header.block) return undefined;
      return header.modules.map((e) => {
        const head = { ...e, identity: e.identity, lastUpdated: e.lastUpdated };
        return { key: e.key, deps: e.deps, module: new StoredModule(head, decodeLink(e), bodyMaker(e, block)) };
      });
    } catch {
      return undefined;
    }
  }

  /** Writes the compiled modules of `file` (best effort; errors are ignored). */
  write(file: string, size: number, mtimeMs: number, modules: readonly CachedModule[]): void {
    try {
      if (!this.#made) {
        mkdirSync(this.dir, { recursive: true });
        this.#made = true;
      }
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
          names: [...m.link.names],
          arcs: encodeArcs(m.link),
          kinds: Array.from(m.link.kinds, (k) => String.fromCharCode(k + 97)).join(''),
          traps: [...(m.link.enterprises ?? [])],
          body: block.add(body),
        };
        if (m.identity !== undefined) e.identity = m.identity;
        if (m.lastUpdated !== undefined) e.lastUpdated = m.lastUpdated;
        return e;
      });
      const blockText = block.toString();
      const header: CacheHeader = { v: CACHE_VERSION, file, size, mtimeMs, block: blockText.length, modules: entries };
      const target = this.#pathOf(file);
      const tmp = `${target}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
      writeFileSync(tmp, JSON.stringify(header) + '\n' + blockText);
      renameSync(tmp, target);
    } catch {
      // A cache that cannot be written is no cache.
    }
  }
}
