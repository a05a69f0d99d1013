/**
 * A disk cache of compiled modules. One cache file per source file, named by a hash of
 * the source path; it records the source's size and modification time and, per module,
 * a key that covers the keys of its imports, so a change in an imported module
 * invalidates its importers. A cache file is the module JSON on one line, then a block
 * of long texts referred to by offset.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { MibModuleJson } from './json.js';
import { moduleFromJson, moduleToJson, TextBlock } from './json.js';
import type { MibModule } from './model.js';

/** Bumped whenever the compiled form changes. */
const CACHE_VERSION = 4;

/** A module as the cache keeps it. */
export interface CachedModule {
  /** The module's key (its file stamp and its imports' keys). */
  readonly key: string;
  /** The keys of the modules it imports, at the time it was compiled. */
  readonly deps: Readonly<Record<string, string>>;
  /** The module. */
  readonly module: MibModule;
}

interface CacheHeader {
  v: number;
  file: string;
  size: number;
  mtimeMs: number;
  modules: { key: string; deps: Record<string, string>; json: MibModuleJson }[];
}

/** The key of a module: a hash of its file stamp and its imports' keys. */
export function moduleKey(file: string, size: number, mtimeMs: number, deps: Readonly<Record<string, string>>): string {
  const h = createHash('sha1');
  h.update(`${CACHE_VERSION}\0${file}\0${size}\0${mtimeMs}`);
  for (const k of Object.keys(deps).sort()) h.update(`\0${k}=${deps[k]}`);
  return h.digest('base64url').slice(0, 22);
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
      return header.modules.map((m) => ({ key: m.key, deps: m.deps, module: moduleFromJson(m.json, block) }));
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
      const header: CacheHeader = {
        v: CACHE_VERSION,
        file,
        size,
        mtimeMs,
        modules: modules.map((m) => ({ key: m.key, deps: { ...m.deps }, json: moduleToJson(m.module, block) })),
      };
      const target = this.#pathOf(file);
      const tmp = `${target}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
      writeFileSync(tmp, JSON.stringify(header) + '\n' + block.toString());
      renameSync(tmp, target);
    } catch {
      // A cache that cannot be written is no cache.
    }
  }
}
