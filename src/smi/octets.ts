import { InvalidArgumentError } from '../errors.js';

const utf8Decoder = new TextDecoder('utf-8', { fatal: true });
const utf8Encoder = new TextEncoder();

/** Encodes text as UTF-8 octets. */
export function octetsFromText(text: string): Uint8Array {
  return utf8Encoder.encode(text);
}

/** Decodes octets as UTF-8; invalid sequences become U+FFFD. */
export function octetsToText(octets: Uint8Array): string {
  return Buffer.from(octets.buffer, octets.byteOffset, octets.byteLength).toString('utf8');
}

/** True when the octets are valid UTF-8. */
export function isUtf8(octets: Uint8Array): boolean {
  try {
    utf8Decoder.decode(octets);
    return true;
  } catch {
    return false;
  }
}

/** Lower-case hex without separators: `0a1b`. */
export function octetsToHex(octets: Uint8Array, separator = ''): string {
  let out = '';
  for (let i = 0; i < octets.length; i++) {
    if (i > 0 && separator !== '') out += separator;
    out += HEX[octets[i]!];
  }
  return out;
}

/**
 * Parses hex octets, ignoring spaces, colons and a leading `0x`: `0a 1b`, `0a:1b`, `0x0a1b`.
 * @throws InvalidArgumentError on an odd number of digits or a non-hex character.
 */
export function octetsFromHex(text: string): Uint8Array {
  let s = text.trim();
  if (s.startsWith('0x') || s.startsWith('0X')) s = s.slice(2);
  s = s.replace(/[\s:]/g, '');
  if (s.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(s)) throw new InvalidArgumentError(`Not hex octets: "${text}"`);
  const out = new Uint8Array(s.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(s.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/** True when both hold the same bytes. */
export function octetsEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

const HEX: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/**
 * Formats 4 octets as a dotted quad.
 * @throws InvalidArgumentError when there are not exactly 4 octets.
 */
export function ipAddressFromOctets(octets: Uint8Array): string {
  if (octets.length !== 4) throw new InvalidArgumentError(`An IpAddress has 4 octets, not ${octets.length}`);
  return `${octets[0]}.${octets[1]}.${octets[2]}.${octets[3]}`;
}

/**
 * Parses a dotted quad into 4 octets.
 * @throws InvalidArgumentError when the text is not a dotted quad of 0..255.
 */
export function ipAddressToOctets(text: string): Uint8Array {
  const parts = text.split('.');
  if (parts.length !== 4) throw new InvalidArgumentError(`Not an IPv4 address: "${text}"`);
  const out = new Uint8Array(4);
  for (let i = 0; i < 4; i++) {
    const p = parts[i]!;
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) throw new InvalidArgumentError(`Not an IPv4 address: "${text}"`);
    out[i] = Number(p);
  }
  return out;
}
