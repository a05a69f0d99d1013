/**
 * net-snmp's hex layouts: the value layout of `Hex-STRING:` (16 octets a line, each as
 * `XX `, with `-OT` the printable text beside each line), and the `-d` packet dump
 * (`0000: 30 29 02 01  01 04 06 70  ...    0)....`).
 */

const HEX_UPPER: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).toUpperCase().padStart(2, '0'));

/** C's isprint() || isspace() in the C locale: what net-snmp shows as text. */
export function isPrintOrSpace(b: number): boolean {
  return (b >= 0x20 && b <= 0x7e) || (b >= 0x09 && b <= 0x0d);
}

/** C's isprint() in the C locale. */
export function isPrint(b: number): boolean {
  return b >= 0x20 && b <= 0x7e;
}

function textOf(bytes: Uint8Array, start: number, end: number): string {
  let s = '';
  for (let i = start; i < end; i++) {
    const b = bytes[i]!;
    s += isPrintOrSpace(b) ? String.fromCharCode(b) : '.';
  }
  return s;
}

/**
 * The octets as net-snmp 5.9 prints a hex string: `XX ` per octet, a newline after each
 * full line of 16 when more follow, and with `hexText` (`-OT`) `  [text]` after each line.
 */
export function hexString(bytes: Uint8Array, hexText: boolean): string {
  let out = '';
  const n = bytes.length;
  // No octets: one empty line (with -OT its empty text, `  []`).
  if (n === 0) return hexText ? '  []' : '';
  let i = 0;
  for (; n - i >= 16; i += 16) {
    for (let j = i; j < i + 16; j++) out += HEX_UPPER[bytes[j]!] + ' ';
    if (hexText) out += `  [${textOf(bytes, i, i + 16)}]`;
    if (n - i > 16) out += '\n';
  }
  if (i < n) {
    for (let j = i; j < n; j++) out += HEX_UPPER[bytes[j]!] + ' ';
    if (hexText) out += `  [${textOf(bytes, i, n)}]`;
  }
  return out;
}

/**
 * net-snmp's packet dump (`xdump`): lines of 16 octets with a decimal offset, groups of
 * four, and the printable characters at the end; each line ends with a newline.
 */
export function xdump(bytes: Uint8Array): string {
  let out = '';
  for (let line = 0; line < bytes.length; line += 16) {
    out += String(line).padStart(4, '0') + ': ';
    let text = '';
    for (let col = 0; col < 16; col++) {
      const idx = line + col;
      if (idx < bytes.length) {
        const b = bytes[idx]!;
        out += HEX_UPPER[b] + ' ';
        text += isPrint(b) ? String.fromCharCode(b) : '.';
      } else {
        out += '   ';
      }
      if (col % 4 === 3) out += ' ';
    }
    out += '  ' + text + '\n';
  }
  return out;
}
