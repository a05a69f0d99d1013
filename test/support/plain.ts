/**
 * Comparison helpers for tests. assert.deepEqual cannot see an Oid's arcs (private fields),
 * so compare structures holding Oids through {@link plain} / {@link assertSame}.
 */
import assert from 'node:assert/strict';
import { Oid } from '../../src/smi/oid.js';

/** Octets from hex with optional spaces: `h('30 03 02 01 05')`. */
export function h(text: string): Uint8Array {
  const s = text.replace(/\s+/g, '');
  if (s.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(s)) throw new Error(`bad hex in test: ${text}`);
  return Uint8Array.from(Buffer.from(s, 'hex'));
}

/** Lower-case hex without spaces. */
export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}

/**
 * A deep plain form for comparisons: Oids become `oid:1.3.6`, octets `hex:0a0b`, undefined
 * fields are dropped. (assert.deepEqual cannot see an Oid's arcs: they are private fields.)
 */
export function plain(x: unknown): unknown {
  if (x instanceof Oid) return `oid:${x.toString()}`;
  if (x instanceof Uint8Array) return `hex:${toHex(x)}`;
  if (Array.isArray(x)) return x.map(plain);
  if (x !== null && typeof x === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(x)) if (v !== undefined) out[k] = plain(v);
    return out;
  }
  return x;
}

/** Deep equality that sees the arcs of Oids and the octets of Uint8Arrays. */
export function assertSame(actual: unknown, expected: unknown, message?: string): void {
  assert.deepEqual(plain(actual), plain(expected), message);
}
