/**
 * MIB files on disk: reading a file's text (ASCII, UTF-8 or Latin-1) and the index of a
 * search path: which file holds which module.
 */
import { closeSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { isAscii, isUtf8 } from 'node:buffer';
import path from 'node:path';
import { Lexer, Tok } from './lexer.js';

/**
 * Reads a MIB file as text: ASCII and Latin-1 files byte for byte, UTF-8 files decoded.
 * @throws Error from node:fs when the file cannot be read.
 */
export function readMibText(file: string): string {
  return readMibSource(file).text;
}

/** A file's text and how it was decoded. */
export interface MibSource {
  /** The text. */
  readonly text: string;
  /** True when each character is one byte of the file (ASCII or Latin-1): none is above U+00FF. */
  readonly latin1: boolean;
}

/**
 * The buffer every file is read into. Fresh memory for each file would cost a page
 * fault per 4 KiB the first time it is written; the text is copied out at once.
 */
let readBuffer: Buffer | undefined;

/** Reads a whole file into {@link readBuffer}; returns its length. */
function readWhole(file: string): number {
  let buf = (readBuffer ??= Buffer.allocUnsafeSlow(1 << 18));
  const fd = openSync(file, 'r');
  try {
    let n = 0;
    for (;;) {
      if (n === buf.length) {
        const bigger = Buffer.allocUnsafeSlow(buf.length * 2);
        buf.copy(bigger, 0, 0, n);
        readBuffer = buf = bigger;
      }
      const got = readSync(fd, buf, n, buf.length - n, null);
      if (got === 0) return n;
      n += got;
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads a MIB file as {@link readMibText} does; `bytes` holds the file's bytes when
 * they are its characters (`latin1`), valid only until the next read.
 * @throws Error from node:fs when the file cannot be read.
 */
function readSource(file: string): { text: string; latin1: boolean; bytes: Uint8Array | undefined } {
  const n = readWhole(file);
  const buf = readBuffer!;
  const bytes = buf.subarray(0, n);
  if (!isAscii(bytes) && isUtf8(bytes)) return { text: buf.toString('utf8', 0, n), latin1: false, bytes: undefined };
  return { text: buf.toString('latin1', 0, n), latin1: true, bytes };
}

/**
 * Reads a MIB file as {@link readMibText} does, saying how it was decoded.
 * @throws Error from node:fs when the file cannot be read.
 */
export function readMibSource(file: string): MibSource {
  const { text, latin1 } = readSource(file);
  return { text, latin1 };
}

/** Decodes MIB file bytes: UTF-8 when valid, Latin-1 otherwise. */
export function decodeMibText(buf: Buffer): string {
  if (isAscii(buf)) return buf.toString('latin1');
  if (isUtf8(buf)) return buf.toString('utf8');
  return buf.toString('latin1');
}

/** File name extensions tried when looking a module up by name, after the bare name. */
const EXTENSIONS = ['.txt', '.mib', '.my', '.smi', '.asn', '.asn1', '.mi2', '.smiv2', '.v2', '.v1'];

/**
 * The module names a text starts with: `NAME DEFINITIONS ::=` (first module only).
 * @param bytes the text's characters as bytes, when the caller has them.
 */
export function headerModuleName(text: string, bytes?: Uint8Array): string | undefined {
  const lx = new Lexer(text, bytes);
  if (lx.next() !== Tok.Ident) return undefined;
  const name = lx.text;
  let k = lx.next();
  if (k === Tok.LBrace) {
    while (k !== Tok.RBrace && k !== Tok.Eof) k = lx.next();
    k = lx.next();
  }
  if (k !== Tok.Ident || lx.text !== 'DEFINITIONS') return undefined;
  return name;
}

function readHead(file: string, bytes: number): { text: string; bytes: Uint8Array } {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.allocUnsafe(bytes);
    const n = readSync(fd, buf, 0, bytes, 0);
    return { text: buf.toString('latin1', 0, n), bytes: buf.subarray(0, n) };
  } finally {
    closeSync(fd);
  }
}

/** The files of a search path and the modules they hold. */
export class MibFileIndex {
  /** The directories, in search order. */
  readonly dirs: readonly string[];
  #files: string[] | undefined;
  /** lower-cased file name -> full paths, per directory order */
  #byStem: Map<string, string[]> | undefined;
  /** module name -> file (from headers read so far) */
  readonly #byModule = new Map<string, string>();
  /** file -> module name (undefined: not a MIB) */
  readonly #headers = new Map<string, string | undefined>();

  constructor(dirs: readonly string[]) {
    this.dirs = dirs.map((d) => path.resolve(d));
  }

  /** Every candidate file, directory by directory, each directory's names sorted (as net-snmp). */
  files(): readonly string[] {
    if (this.#files !== undefined) return this.#files;
    const out: string[] = [];
    const byStem = new Map<string, string[]>();
    for (const dir of this.dirs) {
      let entries: import('node:fs').Dirent[];
      try {
        entries = readdirSync(dir, { withFileTypes: true });
      } catch {
        continue;
      }
      const names: string[] = [];
      for (const e of entries) {
        const n = e.name;
        if (n.length === 0 || n.charCodeAt(0) === 46 || n.startsWith('#') || n.endsWith('#') || n.endsWith('~')) continue;
        if (e.isDirectory()) continue;
        names.push(n);
      }
      names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      for (const n of names) {
        const full = path.join(dir, n);
        out.push(full);
        const stem = stemOf(n).toLowerCase();
        let l = byStem.get(stem);
        if (l === undefined) byStem.set(stem, (l = []));
        l.push(full);
      }
    }
    this.#files = out;
    this.#byStem = byStem;
    return out;
  }

  /** Records that `file` holds module `name` (learned from parsing or the cache). */
  note(file: string, name: string | undefined): void {
    this.#headers.set(file, name);
    if (name !== undefined && !this.#byModule.has(name)) this.#byModule.set(name, file);
  }

  /** Every file whose module is known (undefined: not a MIB), in the order learned. */
  notes(): [string, string | undefined][] {
    return [...this.#headers];
  }

  /** Texts read whole by {@link MibFileIndex.moduleOf}, kept for {@link MibFileIndex.takeText}. */
  #texts: Map<string, MibSource> | undefined;

  /**
   * While on, {@link MibFileIndex.moduleOf} reads files whole and keeps their text until
   * taken (for a caller about to read every file anyway); turning it off drops what is left.
   */
  keepTexts(on: boolean): void {
    this.#texts = on ? new Map() : undefined;
  }

  /** The text of a file kept by {@link MibFileIndex.moduleOf}, if any (given once). */
  takeText(file: string): MibSource | undefined {
    const t = this.#texts?.get(file);
    if (t !== undefined) this.#texts!.delete(file);
    return t;
  }

  /** The module a file starts with, reading its first bytes if not known yet. */
  moduleOf(file: string): string | undefined {
    if (this.#headers.has(file)) return this.#headers.get(file);
    let name: string | undefined;
    try {
      if (this.#texts !== undefined) {
        const { text, latin1, bytes } = readSource(file);
        name = headerModuleName(text, bytes);
        if (name !== undefined) this.#texts.set(file, { text, latin1 });
      } else {
        const head = readHead(file, 4096);
        name = headerModuleName(head.text, head.bytes);
        if (name === undefined) {
          const { text, bytes } = readSource(file);
          name = headerModuleName(text, bytes);
        }
      }
    } catch {
      name = undefined;
    }
    this.note(file, name);
    return name;
  }

  /** The file that holds module `name`, if the search path has one. */
  find(name: string): string | undefined {
    const known = this.#byModule.get(name);
    if (known !== undefined) return known;
    this.files();
    const cands = this.#byStem!.get(name.toLowerCase());
    if (cands !== undefined) {
      for (const f of cands) if (this.moduleOf(f) === name) return f;
    }
    // Fall back to reading the headers of every file (vendor files named otherwise).
    for (const f of this.#files!) {
      if (this.#headers.has(f)) continue;
      if (this.moduleOf(f) === name) return f;
    }
    return this.#byModule.get(name);
  }

  /** Size and modification time of a file, or undefined when it is gone. */
  static stat(file: string): { size: number; mtimeMs: number } | undefined {
    try {
      const s = statSync(file);
      return { size: s.size, mtimeMs: s.mtimeMs };
    } catch {
      return undefined;
    }
  }
}

function stemOf(file: string): string {
  const lower = file.toLowerCase();
  for (const e of EXTENSIONS) if (lower.endsWith(e)) return file.slice(0, file.length - e.length);
  return file;
}
