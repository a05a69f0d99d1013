/**
 * Deterministic mutation of seed packets for the decoder fuzz test: bit flips, byte
 * changes, truncation, insertion, deletion, duplication, length-field corruption and
 * splicing of two seeds.
 */

/** mulberry32: a small, fast, seedable PRNG; `next()` is uniform in [0, 2^32). */
export class Prng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** Uniform integer in [0, n). */
  below(n: number): number {
    return n <= 0 ? 0 : this.next() % n;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.below(items.length)]!;
  }
}

/** The concatenation of some byte ranges. */
function concat(...parts: Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Byte values that sit on BER boundaries (tags, length forms, sign bits). */
const INTERESTING = [0x00, 0x01, 0x02, 0x04, 0x05, 0x06, 0x30, 0x40, 0x46, 0x7f, 0x80, 0x81, 0x82, 0x83, 0x84, 0x85, 0x9f, 0xa0, 0xa4, 0xa5, 0xa8, 0xff];

/** The names of the mutation operators, for statistics. */
export const MUTATIONS = ['bitFlip', 'byteSet', 'interesting', 'truncate', 'insert', 'delete', 'duplicate', 'length', 'splice'] as const;
/** One mutation operator. */
export type Mutation = (typeof MUTATIONS)[number];

/** Offsets where a BER length octet follows something that looks like a tag. */
function lengthPositions(b: Uint8Array): number[] {
  const out: number[] = [];
  // Walk the structure as far as it parses, collecting every header's length offset.
  const walk = (start: number, end: number, depth: number): void => {
    let p = start;
    while (p + 1 < end && depth < 16) {
      const tag = b[p]!;
      out.push(p + 1);
      let len = b[p + 1]!;
      let q = p + 2;
      if (len & 0x80) {
        const n = len & 0x7f;
        if (n === 0 || n > 4 || q + n > end) return;
        len = 0;
        for (let i = 0; i < n; i++) len = len * 256 + b[q++]!;
      }
      if (q + len > end) return;
      if (tag & 0x20) walk(q, q + len, depth + 1);
      p = q + len;
    }
  };
  walk(0, b.length, 0);
  return out;
}

/** Applies one mutation to `b` (not modified) and returns the result. */
export function mutate(rng: Prng, b: Uint8Array, seeds: readonly Uint8Array[], op: Mutation): Uint8Array {
  const n = b.length;
  switch (op) {
    case 'bitFlip': {
      const out = b.slice();
      const flips = 1 + rng.below(4);
      for (let i = 0; i < flips && n > 0; i++) out[rng.below(n)]! ^= 1 << rng.below(8);
      return out;
    }
    case 'byteSet': {
      const out = b.slice();
      if (n > 0) out[rng.below(n)] = rng.below(256);
      return out;
    }
    case 'interesting': {
      const out = b.slice();
      if (n > 0) out[rng.below(n)] = rng.pick(INTERESTING);
      return out;
    }
    case 'truncate':
      return b.slice(0, rng.below(n + 1));
    case 'insert': {
      const at = rng.below(n + 1);
      const k = 1 + rng.below(8);
      const ins = new Uint8Array(k).map(() => (rng.below(2) === 0 ? rng.pick(INTERESTING) : rng.below(256)));
      return concat(b.subarray(0, at), ins, b.subarray(at));
    }
    case 'delete': {
      const at = rng.below(n + 1);
      const k = 1 + rng.below(8);
      return concat(b.subarray(0, at), b.subarray(at + k));
    }
    case 'duplicate': {
      const at = rng.below(n + 1);
      const k = 1 + rng.below(Math.max(1, Math.min(64, n - at)));
      const piece = b.subarray(at, at + k);
      return concat(b.subarray(0, at + k), piece, b.subarray(at + k));
    }
    case 'length': {
      const positions = lengthPositions(b);
      if (positions.length === 0) return mutate(rng, b, seeds, 'byteSet');
      const at = rng.pick(positions);
      const old = b[at]!;
      const choice = rng.below(7);
      let repl: number[];
      if (choice === 0) repl = [0x80]; // indefinite
      else if (choice === 1) repl = [(old + 1) & 0xff];
      else if (choice === 2) repl = [(old - 1) & 0xff];
      else if (choice === 3) repl = [0x84, 0xff, 0xff, 0xff, 0xff];
      else if (choice === 4) repl = [0x81, old]; // non-minimal but equal (when old < 0x80)
      else if (choice === 5) repl = [0x85, 0, 0, 0, 0, old];
      else repl = [rng.below(256)];
      // Replace the whole old length field.
      let oldLen = 1;
      if (old & 0x80) oldLen += old & 0x7f;
      return concat(b.subarray(0, at), Uint8Array.from(repl), b.subarray(Math.min(n, at + oldLen)));
    }
    case 'splice': {
      const other = rng.pick(seeds);
      const cut = rng.below(n + 1);
      const from = rng.below(other.length + 1);
      return concat(b.subarray(0, cut), other.subarray(from));
    }
  }
}

/** One to three stacked mutations of a random seed. */
export function mutant(rng: Prng, seeds: readonly Uint8Array[], stats?: Map<Mutation, number>): Uint8Array {
  let b = rng.pick(seeds);
  const k = 1 + (rng.below(4) === 0 ? rng.below(3) : 0);
  for (let i = 0; i < k; i++) {
    const op = rng.pick(MUTATIONS);
    stats?.set(op, (stats.get(op) ?? 0) + 1);
    b = mutate(rng, b, seeds, op);
  }
  return b;
}
