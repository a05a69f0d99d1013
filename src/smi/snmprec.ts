/**
 * snmpsim's `.snmprec` text format: one `OID|TAG|VALUE` record a line, sorted by OID;
 * `#` comments and blank lines are ignored. TAG is the decimal BER tag of the value's
 * type (2 Integer32, 4 OCTET STRING, 5 NULL, 6 OBJECT IDENTIFIER, 64 IpAddress,
 * 65 Counter32, 66 Gauge32, 67 TimeTicks, 68 Opaque, 70 Counter64, 128 noSuchObject,
 * 129 noSuchInstance, 130 endOfMibView; tsnmp also reads and writes 3 BIT STRING,
 * 69 NsapAddress and 71 UInteger32), optionally followed by `x` (VALUE is hex) or `e`
 * (VALUE has Python-style escapes). Plain text values are ISO-8859-1, as snmpsim reads them.
 *
 * ```ts
 * parseSnmprec('1.3.6.1.2.1.1.5.0|4|router1\n1.3.6.1.2.1.1.1.0|4x|4c696e7578\n');
 * formatSnmprec([{ oid: Oid.parse('1.3.6.1.2.1.1.3.0'), type: 'TimeTicks', value: 42 }]); // '1.3.6.1.2.1.1.3.0|67|42\n'
 * ```
 */
import { DecodeError, type DecodeErrorKind, InvalidArgumentError } from '../errors.js';
import { Oid } from './oid.js';
import { type SmiType, SmiTag, SmiTypeByTag, type VarBind } from './types.js';
import { checkValue } from './values.js';

/** Options of {@link parseSnmprec}. */
export interface SnmprecParseOptions {
  /** Sort the records by OID and drop later duplicates (snmpsim needs sorted files). Default true. */
  sort?: boolean;
}

/**
 * Parses `.snmprec` text into varbinds.
 * @throws DecodeError naming the line and column (its `offset` is the character offset in
 *   the text) for a broken record, an unknown tag, a variation-module tag, or a value that
 *   does not fit its type.
 */
export function parseSnmprec(text: string, options: SnmprecParseOptions = {}): VarBind[] {
  const out: VarBind[] = [];
  let lineStart = 0;
  let lineNo = 1;
  const n = text.length;
  while (lineStart <= n) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = n;
    const vb = parseLine(text, lineStart, lineEnd, lineNo);
    if (vb !== undefined) out.push(vb);
    lineStart = lineEnd + 1;
    lineNo++;
  }
  if (options.sort ?? true) {
    out.sort((a, b) => a.oid.compare(b.oid));
    let w = 0;
    for (let i = 0; i < out.length; i++) if (w === 0 || !out[w - 1]!.oid.equals(out[i]!.oid)) out[w++] = out[i]!;
    out.length = w;
  }
  return out;
}

/**
 * Parses one record line (without its newline); undefined for a blank or comment line.
 * @throws DecodeError as {@link parseSnmprec} does.
 */
export function parseSnmprecLine(line: string, lineNo = 1): VarBind | undefined {
  return parseLine(line, 0, line.length, lineNo);
}

function parseLine(text: string, start: number, end: number, lineNo: number): VarBind | undefined {
  let s = start;
  let e = end;
  while (s < e && isSpace(text.charCodeAt(s))) s++;
  while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
  if (s === e || text.charCodeAt(s) === 35 /* # */) return undefined;
  const fail = (kind: DecodeErrorKind, at: number, msg: string, cause?: unknown): never => {
    throw new DecodeError(kind, at, `line ${lineNo}, column ${at - start + 1}: ${msg}`, cause === undefined ? undefined : { cause });
  };
  const bar1 = text.indexOf('|', s);
  const bar2 = bar1 < 0 || bar1 >= e ? -1 : text.indexOf('|', bar1 + 1);
  if (bar1 < 0 || bar1 >= e || bar2 < 0 || bar2 >= e) return fail('badFrame', s, 'expected OID|TAG|VALUE');
  const oidText = text.slice(s, bar1);
  const tagText = text.slice(bar1 + 1, bar2);
  const valueText = text.slice(bar2 + 1, e);
  if (oidText === '' || tagText === '') return fail('badFrame', s, 'empty OID or tag');
  let oid: Oid;
  try {
    oid = Oid.parse(oidText);
  } catch (err) {
    return fail('badOid', s, `bad OID "${oidText}"`, err);
  }
  const tagAt = bar1 + 1;
  if (tagText.includes(':')) return fail('badTag', tagAt, `tag "${tagText}" names a variation module, which tsnmp does not run`);
  let enc = '';
  let digits = tagText;
  const last = tagText[tagText.length - 1];
  if (last === 'x' || last === 'e') {
    enc = last;
    digits = tagText.slice(0, -1);
  }
  if (!/^\d{1,3}$/.test(digits)) return fail('badTag', tagAt, `bad tag "${tagText}"`);
  const type = SmiTypeByTag[Number(digits)];
  if (type === undefined) return fail('badTag', tagAt, `unknown tag ${digits}`);
  const valueAt = bar2 + 1;
  let bytes: Uint8Array | undefined;
  if (enc === 'x') {
    if (!/^([0-9a-fA-F]{2})*$/.test(valueText)) return fail('badFrame', valueAt, 'hex value with an odd length or a non-hex digit');
    bytes = Uint8Array.from(Buffer.from(valueText, 'hex'));
  } else if (enc === 'e') {
    bytes = unescape(valueText, (i, msg) => fail('badFrame', valueAt + i, msg));
  }
  try {
    return { oid, ...valueOf(type, valueText, bytes) } as VarBind;
  } catch (err) {
    const kind: DecodeErrorKind =
      type === 'ObjectIdentifier' ? 'badOid' : type === 'IpAddress' ? 'badIpAddress' : type === 'BitString' ? 'badBitString' : type === 'OctetString' || type === 'Opaque' || type === 'NsapAddress' ? 'badFrame' : 'badInteger';
    return fail(kind, valueAt, `bad ${type} value "${valueText}": ${(err as Error).message}`, err);
  }
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 13 || c === 10;
}

/** The value for a type from its text (or, for `x` and `e` tags, its octets). @throws InvalidArgumentError */
function valueOf(type: SmiType, text: string, bytes: Uint8Array | undefined): { type: SmiType; value: unknown } {
  switch (type) {
    case 'OctetString':
    case 'Opaque':
    case 'NsapAddress':
      return { type, value: bytes ?? latin1(text) };
    case 'BitString': {
      const b = bytes ?? latin1(text);
      if (b.length === 0) throw new InvalidArgumentError('BIT STRING needs its unused-bits octet');
      const value = { bytes: b.slice(1), unusedBits: b[0]! };
      checkValue(type, value);
      return { type, value };
    }
    case 'IpAddress': {
      if (bytes !== undefined) {
        if (bytes.length !== 4) throw new InvalidArgumentError(`an IpAddress has 4 octets, not ${bytes.length}`);
        return { type, value: `${bytes[0]}.${bytes[1]}.${bytes[2]}.${bytes[3]}` };
      }
      checkValue(type, text);
      return { type, value: text };
    }
    case 'ObjectIdentifier':
      return { type, value: Oid.parse(noBytes(bytes, type, text)) };
    case 'Integer32':
    case 'Counter32':
    case 'Gauge32':
    case 'TimeTicks':
    case 'UInteger32': {
      const t = noBytes(bytes, type, text);
      if (!/^[-+]?\d+$/.test(t)) throw new InvalidArgumentError('not a decimal integer');
      const v = Number(t);
      checkValue(type, v);
      return { type, value: v };
    }
    case 'Counter64': {
      const t = noBytes(bytes, type, text);
      if (!/^\+?\d+$/.test(t)) throw new InvalidArgumentError('not a decimal integer');
      const v = BigInt(t);
      checkValue(type, v);
      return { type, value: v };
    }
    default:
      // Null and the three exceptions: the value text is ignored.
      return { type, value: null };
  }
}

function noBytes(bytes: Uint8Array | undefined, type: SmiType, text: string): string {
  if (bytes !== undefined) throw new InvalidArgumentError(`${type} cannot be given in hex or escaped form`);
  return text.trim();
}

/** ISO-8859-1 octets of text, as snmpsim encodes plain values. @throws InvalidArgumentError */
function latin1(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 0xff) throw new InvalidArgumentError(`character U+${c.toString(16).padStart(4, '0')} is not ISO-8859-1; use a hex value (tag suffix x)`);
    out[i] = c;
  }
  return out;
}

const ESCAPES: Readonly<Record<string, number>> = { '\\': 92, "'": 39, '"': 34, a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11 };

/** Python-style escapes (`\n`, `\xHH`...), as snmpsim's `e` tag reads them. */
function unescape(text: string, fail: (i: number, msg: string) => never): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 92) {
      if (c > 0xff) fail(i, 'character above U+00FF in an escaped value');
      out.push(c);
      continue;
    }
    const next = text[i + 1];
    if (next === undefined) fail(i, 'escape at the end of the value');
    if (next === 'x') {
      const h = text.slice(i + 2, i + 4);
      if (!/^[0-9a-fA-F]{2}$/.test(h)) fail(i, 'bad \\x escape');
      out.push(parseInt(h, 16));
      i += 3;
      continue;
    }
    const v = ESCAPES[next!];
    if (v === undefined) fail(i, `unknown escape \\${next}`);
    out.push(v!);
    i++;
  }
  return Uint8Array.from(out);
}

function isAlnum(b: number): boolean {
  return (b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122);
}

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}

/**
 * One record line (without a newline) as snmpsim's recorder writes it: octet strings that
 * are all letters and digits as text, others (and every IpAddress) in hex with the `x` tag.
 * @throws InvalidArgumentError when the value does not fit its type.
 */
export function formatSnmprecLine(vb: VarBind): string {
  checkValue(vb.type, vb.value);
  const tag = SmiTag[vb.type];
  const oid = vb.oid.toString();
  switch (vb.type) {
    case 'OctetString':
    case 'Opaque': {
      const b = vb.value;
      let plain = true;
      for (let i = 0; i < b.length; i++) if (!isAlnum(b[i]!)) plain = false;
      return plain ? `${oid}|${tag}|${String.fromCharCode(...b)}` : `${oid}|${tag}x|${hex(b)}`;
    }
    case 'NsapAddress':
      return `${oid}|${tag}x|${hex(vb.value)}`;
    case 'BitString': {
      const b = new Uint8Array(vb.value.bytes.length + 1);
      b[0] = vb.value.unusedBits;
      b.set(vb.value.bytes, 1);
      return `${oid}|${tag}x|${hex(b)}`;
    }
    case 'IpAddress':
      return `${oid}|${tag}x|${vb.value
        .split('.')
        .map((p) => Number(p).toString(16).padStart(2, '0'))
        .join('')}`;
    case 'ObjectIdentifier':
      return `${oid}|${tag}|${vb.value.toString()}`;
    case 'Null':
    case 'NoSuchObject':
    case 'NoSuchInstance':
    case 'EndOfMibView':
      return `${oid}|${tag}|`;
    default:
      return `${oid}|${tag}|${String(vb.value)}`;
  }
}

/**
 * `.snmprec` text for varbinds, one line each, in the order given (sort them by OID for
 * snmpsim, which searches its files by bisection).
 * @throws InvalidArgumentError when a value does not fit its type.
 */
export function formatSnmprec(varbinds: Iterable<VarBind>): string {
  let out = '';
  for (const vb of varbinds) out += formatSnmprecLine(vb) + '\n';
  return out;
}
