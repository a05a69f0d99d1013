/**
 * Lines of an snmpd.conf file as net-snmp reads them: `#` starts a comment line, blank
 * lines are skipped, the first word is the directive, and words may be quoted with `"` or
 * `'` (a backslash escapes the next character inside quotes). Errors name the file and
 * the line.
 */
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
