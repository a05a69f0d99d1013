import { InvalidArgumentError } from '../errors.js';

/**
 * SMIv2 BITS (RFC 2578 §7.1.4) travel as an OCTET STRING: bit 0 is the most significant
 * bit of the first octet. These helpers convert between bit positions and octets.
 */

/**
 * Octets with the given bit positions set; as short as the highest bit needs.
 * @throws InvalidArgumentError on a negative or non-integer position.
 */
export function bitsFromPositions(positions: Iterable<number>): Uint8Array {
  let max = -1;
  const list = [...positions];
  for (const p of list) {
    if (!Number.isInteger(p) || p < 0 || p > 0xffff) throw new InvalidArgumentError(`Not a bit position: ${p}`);
    if (p > max) max = p;
  }
  const out = new Uint8Array(max < 0 ? 0 : (max >> 3) + 1);
  for (const p of list) out[p >> 3]! |= 0x80 >> (p & 7);
  return out;
}

/** The positions of the bits set in BITS octets, in increasing order. */
export function bitsToPositions(octets: Uint8Array): number[] {
  const out: number[] = [];
  for (let i = 0; i < octets.length; i++) {
    const b = octets[i]!;
    if (b === 0) continue;
    for (let j = 0; j < 8; j++) if (b & (0x80 >> j)) out.push(i * 8 + j);
  }
  return out;
}
