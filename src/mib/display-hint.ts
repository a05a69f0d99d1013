/**
 * DISPLAY-HINT formatting (RFC 2579 §3.1): octet-string hints such as `255a`, `1x:` or
 * DateAndTime's `2d-1d-1d,1d:1d:1d.1d,1a1d:1d`, and integer hints `d-2`, `x`, `o`, `b`.
 * The output follows net-snmp's implementation (mib.c), including its handling of
 * malformed hints, so that values print as net-snmp's tools print them; and TimeTicks as
 * net-snmp's uptimeString writes them.
 */

/** Characters net-snmp prints as themselves in strings (isprint || isspace in the C locale). */
export function isPrintOrSpace(c: number): boolean {
  return (c >= 0x20 && c < 0x7f) || (c >= 9 && c <= 13);
}

/** net-snmp's ASCII rendering: printable characters, `\` before `\` and `"`, `.` for the rest. */
export function asciiString(bytes: Uint8Array, start = 0, end: number = bytes.length): string {
  let out = '';
  for (let i = start; i < end; i++) {
    const c = bytes[i]!;
    if (isPrintOrSpace(c)) {
      if (c === 0x5c || c === 0x22) out += '\\';
      out += String.fromCharCode(c);
    } else out += '.';
  }
  return out;
}

/** Options of {@link formatOctetHint}. */
export interface OctetHintOptions {
  /** Always print single hex digits with a leading zero (net-snmp `-O0`). Default false. */
  twoDigitHex?: boolean;
}

/**
 * Formats octets with an octet-string DISPLAY-HINT.
 * @returns the text, or undefined when the hint has a format letter that is not
 *   `a`, `t`, `x`, `d` or `o` (net-snmp then ignores the hint).
 */
export function formatOctetHint(hint: string, bytes: Uint8Array, options: OctetHintOptions = {}): string | undefined {
  const twoDigit = options.twoDigitHex ?? false;
  const n = bytes.length;
  let out = '';
  let h = 0;
  let cp = 0;
  let width = 1;
  let code = 'd';
  let separ = '';
  let term = '';
  const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
  while (cp < n) {
    let repeat = 1;
    if (h < hint.length) {
      if (hint[h] === '*') {
        repeat = bytes[cp++]!;
        h++;
      }
      width = 0;
      while (isDigit(hint[h])) width = width * 10 + (hint.charCodeAt(h++) - 48);
      code = hint[h++] ?? '';
      let ch = hint[h];
      if (ch !== undefined && ch !== '*' && !isDigit(ch) && (width !== 0 || (ch !== 'x' && ch !== 'd' && ch !== 'o'))) {
        separ = ch;
        h++;
      } else separ = '';
      ch = hint[h];
      if (ch !== undefined && ch !== '*' && !isDigit(ch) && (width !== 0 || (ch !== 'x' && ch !== 'd' && ch !== 'o'))) {
        term = ch;
        h++;
      } else term = '';
      if (width === 0) width = 1;
    }
    while (repeat > 0 && cp < n) {
      let value = 0n;
      if (code !== 'a' && code !== 't') {
        for (let x = 0; x < width; x++) value = value * 256n + BigInt(cp < n ? bytes[cp++]! : (cp++, 0));
      }
      switch (code) {
        case 'x':
          if (value < 16n && width === 1 && (twoDigit || (separ === '' && h >= hint.length))) out += `0${value.toString(16)}`;
          else out += value.toString(16);
          break;
        case 'd':
          out += signedLong(value).toString();
          break;
        case 'o':
          out += value.toString(8);
          break;
        case 't':
        case 'a': {
          // net-snmp 5.9 copies these octets as they are unless they hold a NUL (then it
          // escapes them); text that is valid UTF-8 is decoded as such.
          const cnt = Math.min(width, n - cp);
          const chunk = bytes.subarray(cp, cp + cnt);
          out += chunk.includes(0) ? asciiString(chunk) : rawText(chunk);
          cp += cnt;
          break;
        }
        default:
          return undefined;
      }
      if (cp < n && separ !== '') out += separ;
      repeat--;
    }
    if (term !== '' && cp < n) out += term;
  }
  return out;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Octets as text: UTF-8 when valid, else one character per octet. */
export function rawText(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    let s = '';
    for (let i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]!);
    return s;
  }
}

/** The value as a C `long` (64-bit two's complement) from up to 8 octets. */
function signedLong(v: bigint): bigint {
  return BigInt.asIntN(64, v);
}

/**
 * Formats an integer with an integer DISPLAY-HINT (`d`, `d-N`, `x`, `o`, `b`).
 * @param unsigned print the value as unsigned for `d` (net-snmp does for Gauge32 and
 *   UInteger32).
 */
export function formatIntegerHint(hint: string, value: number | bigint, unsigned = false): string {
  const v = BigInt(value);
  let shift = 0;
  if (hint[1] === '-') shift = parseInt(hint.slice(2), 10) || 0;
  let tmp: string;
  switch (hint[0]) {
    case 'x':
      tmp = (v < 0n ? BigInt.asUintN(64, v) : v).toString(16);
      break;
    case 'o':
      tmp = (v < 0n ? BigInt.asUintN(64, v) : v).toString(8);
      break;
    case 'b':
      tmp = (v < 0n ? BigInt.asUintN(64, v) : v).toString(2);
      break;
    default:
      tmp = (unsigned && v < 0n ? BigInt.asUintN(64, v) : v).toString(10);
      break;
  }
  if (shift !== 0) {
    // net-snmp inserts the decimal point by moving characters (mib.c hinted_integer),
    // after the sign: -1 with d-2 is -.01.
    let sign = '';
    if (tmp.startsWith('-')) {
      sign = '-';
      tmp = tmp.slice(1);
    }
    const chars = tmp.split('');
    let len = chars.length;
    if (shift <= len) {
      const out = chars.slice();
      out.length = len + 1;
      let s = shift;
      while (s-- > 0) {
        out[len] = out[len - 1]!;
        len--;
      }
      out[len] = '.';
      tmp = out.join('');
    } else {
      const out: string[] = new Array<string>(shift + 1).fill('');
      let s = shift;
      while (s > 0) {
        if (len-- > 0) out[s] = chars[len]!;
        else out[s] = '0';
        s--;
      }
      out[0] = '.';
      tmp = out.join('');
    }
    tmp = sign + tmp;
  }
  return tmp;
}

/** net-snmp's uptimeString: `1 day, 2:03:04.05` (centiseconds in). */
export function uptimeString(ticks: number, quick = false): string {
  let t = ticks >>> 0;
  const cs = t % 100;
  t = Math.floor(t / 100);
  const days = Math.floor(t / 86400);
  t %= 86400;
  const h = Math.floor(t / 3600);
  t %= 3600;
  const m = Math.floor(t / 60);
  const s = t % 60;
  const p2 = (x: number): string => String(x).padStart(2, '0');
  if (quick) return `${days}:${h}:${p2(m)}:${p2(s)}.${p2(cs)}`;
  if (days === 0) return `${h}:${p2(m)}:${p2(s)}.${p2(cs)}`;
  return `${days} day${days === 1 ? '' : 's'}, ${h}:${p2(m)}:${p2(s)}.${p2(cs)}`;
}
