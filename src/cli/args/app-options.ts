/**
 * Readers of `-C` letters shared by several commands: numbers written right after their
 * letter (`-Cr50`, `-Cn1`, read like C's strtol with base 0: `0x10` and `010` work).
 */

/** A number at the start of `text` (strtol base 0), with the rest of the text. */
export function leadingNumber(text: string): { value: number; rest: string } | undefined {
  const m = /^[ \t]*([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9]\d*)/.exec(text);
  if (m === null) return undefined;
  const body = m[2]!;
  let n: number;
  if (/^0[xX]/.test(body)) n = Number.parseInt(body.slice(2), 16);
  else if (body.length > 1 && body.startsWith('0')) n = Number.parseInt(body.slice(1), 8);
  else n = Number(body);
  return { value: m[1] === '-' ? -n : n, rest: text.slice(m[0].length) };
}
