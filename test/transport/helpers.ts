/** Shared helpers of the transport tests: frames, waiting with a bound, diagnostics capture. */
import { subscribe, unsubscribe } from 'node:diagnostics_channel';

/** A BER SEQUENCE of `size` bytes in all (header included, at least 6) whose contents start with the 32-bit index `n`. */
export function frame(n: number, size = 16): Uint8Array {
  if (size < 6) throw new RangeError('frame size below 6');
  const header = size - 2 < 0x80 ? 2 : size - 3 < 0x100 ? 3 : size - 4 < 0x10000 ? 4 : 5;
  const contents = size - header;
  const out = new Uint8Array(size);
  out[0] = 0x30;
  if (header === 2) out[1] = contents;
  else {
    out[1] = 0x80 | (header - 2);
    for (let i = header - 1, v = contents; i >= 2; i--, v = Math.floor(v / 256)) out[i] = v & 0xff;
  }
  new DataView(out.buffer).setUint32(header, n >>> 0);
  for (let i = header + 4; i < size; i++) out[i] = (n + i) & 0xff;
  return out;
}

/** Reads back the index written by {@link frame}. */
export function frameIndex(message: Uint8Array): number {
  const header = message[1]! < 0x80 ? 2 : 2 + (message[1]! & 0x7f);
  return new DataView(message.buffer, message.byteOffset, message.byteLength).getUint32(header);
}

/** Resolves when `check()` is true; rejects after `ms` milliseconds (polls every 5 ms). */
export async function until(check: () => boolean, ms = 5000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Collects what is published on a diagnostics channel until `stop()`. */
export function capture<T>(name: string): { events: T[]; stop: () => void } {
  const events: T[] = [];
  const listener = (m: unknown): void => {
    events.push(m as T);
  };
  subscribe(name, listener);
  return { events, stop: () => unsubscribe(name, listener) };
}

/** Hex of a byte array (any Uint8Array view, Buffer or not), for readable comparisons. */
export function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}
