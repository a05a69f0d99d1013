/**
 * Lines of an snmpd.conf file as net-snmp reads them (snmp_config(5)): `#` starts a
 * comment line, blank lines are skipped, the first word is the directive, and words may be
 * quoted with `"` or `'` (a backslash escapes the next character inside quotes);
 * `includeFile FILE` and `includeDir DIR` read other files in place; `[snmp]` before a
 * line, or alone on a line (until `[snmpd]`), marks lines meant for another program's
 * configuration type. Errors name the file and the line; warnings are in net-snmp's words
 * (`FILE: line N: Warning: ...`).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { InvalidArgumentError } from '../../errors.js';

/** One directive line. */
export interface ConfigLine {
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  /** The directive, as written. */
  readonly directive: string;
  /** Everything after the directive, trimmed (sysDescr and friends take it verbatim). */
  readonly rest: string;
}

/** A configuration error at a line of a file. */
export function configError(at: { file: string; line: number }, message: string): InvalidArgumentError {
  return new InvalidArgumentError(`${at.file}:${at.line}: ${message}`);
}

/** A warning at a line of a file, as net-snmp's snmpd words it. */
export function configWarning(at: { file: string; line: number }, message: string): string {
  return `${at.file}: line ${at.line}: Warning: ${message}`;
}

/** Splits the directive lines of a configuration text. */
export function configLines(text: string, file: string): ConfigLine[] {
  const out: ConfigLine[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!.trim();
    if (raw === '' || raw.startsWith('#')) continue;
    const m = /^(\S+)\s*(.*)$/.exec(raw)!;
    out.push({ file, line: i + 1, directive: m[1]!, rest: m[2]! });
  }
  return out;
}

/**
 * The words of a directive's arguments, with quotes removed.
 * @throws InvalidArgumentError (file:line) on an unclosed quote.
 */
export function words(l: ConfigLine): string[] {
  const out: string[] = [];
  const s = l.rest;
  let i = 0;
  while (i < s.length) {
    while (i < s.length && /\s/.test(s[i]!)) i++;
    if (i >= s.length) break;
    const q = s[i];
    if (q === '"' || q === "'") {
      let w = '';
      i++;
      let closed = false;
      while (i < s.length) {
        const c = s[i]!;
        if (c === '\\' && i + 1 < s.length) {
          w += s[i + 1];
          i += 2;
          continue;
        }
        if (c === q) {
          closed = true;
          i++;
          break;
        }
        w += c;
        i++;
      }
      if (!closed) throw configError(l, `unclosed ${q} quote`);
      out.push(w);
    } else {
      let w = '';
      while (i < s.length && !/\s/.test(s[i]!)) w += s[i++];
      out.push(w);
    }
  }
  return out;
}

/** Where included files are read from (tests give their own). */
export interface ConfigFiles {
  /** A file's text. */
  readFile(file: string): string;
  /** The names of a directory's entries. */
  readDir(dir: string): string[];
}

const FS_FILES: ConfigFiles = {
  readFile: (file) => readFileSync(file, 'utf8'),
  readDir: (dir) => readdirSync(dir),
};

/** Included files deeper than this are refused (a loop through links the stack misses). */
const MAX_INCLUDE_DEPTH = 16;

/**
 * The directive lines of a configuration text and of the files it includes, in reading
 * order, with the lines meant for other configuration types left out. Lines are read as
 * they are taken, so warnings come in file order with the taker's own.
 *
 * - `includeFile FILE`: FILE's lines, here; a relative FILE is relative to the including
 *   file's directory (snmp_config(5)).
 * - `includeDir DIR`: the lines of every `*.conf` file in DIR (in name order; net-snmp
 *   gives none), relative to the including file's directory as includeFile is.
 * - `include` (net-snmp warns that it is ambiguous, and ignores it) and `includeSearch`
 *   (net-snmp's search path) are ignored with a warning.
 * - `[TYPE] LINE` and `[TYPE]` alone (until `[snmpd]`, within the file): lines of another
 *   configuration type (`[snmp]` is snmp.conf's), ignored with a warning.
 *
 * @param warn receives each warning's text (configWarning's form)
 * @param files where included files are read from; default the file system
 * @throws InvalidArgumentError (file:line) for an included file or directory that cannot
 *   be read, a file that includes itself, or an unclosed quote
 */
export function* expandConfigLines(text: string, file: string, warn: (text: string) => void, files: ConfigFiles = FS_FILES): Generator<ConfigLine, void, undefined> {
  const stack: string[] = [path.resolve(file)];
  function* read(text: string, file: string): Generator<ConfigLine, void, undefined> {
    let otherType: string | undefined;
    for (const l of configLines(text, file)) {
      const type = /^\[([^\]]*)\]$/.exec(l.directive)?.[1];
      if (type !== undefined) {
        const forUs = type.toLowerCase() === 'snmpd';
        if (l.rest === '') {
          otherType = forUs ? undefined : type;
          if (!forUs) warn(configWarning(l, `lines for [${type}] are not read by tsnmp agent; ignored up to [snmpd]`));
          continue;
        }
        if (!forUs) {
          warn(configWarning(l, `a line for [${type}] is not read by tsnmp agent; line ignored`));
          continue;
        }
        const m = /^(\S+)\s*(.*)$/.exec(l.rest)!;
        yield { file: l.file, line: l.line, directive: m[1]!, rest: m[2]! };
        continue;
      }
      if (otherType !== undefined) continue;
      const d = l.directive.toLowerCase();
      if (d === 'include') {
        // net-snmp 5.9 (read_config.c) warns so and reads nothing.
        warn(configWarning(l, `Ambiguous token '${l.directive}' - use 'includeFile' instead; line ignored`));
      } else if (d === 'includesearch') {
        warn(configWarning(l, `"${l.directive}" (net-snmp's configuration search path) is not supported by tsnmp agent (use includeFile); line ignored`));
      } else if (d === 'includefile' || d === 'includedir') {
        const w = words(l);
        if (w.length !== 1) throw configError(l, `${l.directive}: expected one ${d === 'includefile' ? 'file' : 'directory'}`);
        const target = path.resolve(path.dirname(file), w[0]!);
        if (d === 'includefile') yield* include(l, target);
        else {
          let names: string[];
          try {
            names = files.readDir(target);
          } catch (err) {
            throw configError(l, `${l.directive}: cannot read directory ${target}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
          }
          for (const name of names.filter((n) => n.endsWith('.conf')).sort()) yield* include(l, path.join(target, name));
        }
      } else {
        yield l;
      }
    }
  }
  function* include(at: ConfigLine, target: string): Generator<ConfigLine, void, undefined> {
    if (stack.includes(target)) throw configError(at, `${at.directive}: ${target} includes itself`);
    if (stack.length > MAX_INCLUDE_DEPTH) throw configError(at, `${at.directive}: files included more than ${MAX_INCLUDE_DEPTH} deep`);
    let text: string;
    try {
      text = files.readFile(target);
    } catch (err) {
      throw configError(at, `${at.directive}: cannot read ${target}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
    stack.push(target);
    yield* read(text, target);
    stack.pop();
  }
  yield* read(text, file);
}
