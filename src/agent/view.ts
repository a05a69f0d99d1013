/**
 * MIB views (seed 003's MIBViews; RFC 3415 §5 vacmViewTreeFamilyTable): a view is a set of
 * included and excluded subtree families, each a subtree OID with an optional mask whose
 * 0 bits make arcs wildcards. Of the families that match an OID, the one with the longest
 * subtree (then the lexicographically greatest) decides; an OID no family matches is not
 * in the view.
 */
import { InvalidArgumentError } from '../errors.js';
import { Oid, oidArcs } from '../smi/oid.js';
import { octetsFromHex } from '../smi/octets.js';
import { compareArcs, subtreeEnd } from './registry.js';

/** One view subtree family. */
export interface ViewFamily {
  /** The subtree. */
  readonly subtree: Oid | string;
  /**
   * RFC 3415 vacmViewTreeFamilyMask: bit i (most significant first) set means arc i must
   * match, clear means any value; missing bits are 1. As octets or hex (`ff:a0`). Default none (every arc must match).
   */
  readonly mask?: Uint8Array | string;
  /** Whether the family includes or excludes its OIDs. Default `included`. */
  readonly type?: 'included' | 'excluded';
}

interface Family {
  arcs: Uint32Array;
  mask: Uint8Array | undefined;
  included: boolean;
}

/**
 * A MIB view.
 *
 * ```ts
 * const limited = new MibView([{ subtree: '1.3.6.1.2.1.1' }, { subtree: '1.3.6.1.2.1.1.9', type: 'excluded' }]);
 * limited.includes(Oid.parse('1.3.6.1.2.1.1.5.0')); // true
 * ```
 */
export class MibView {
  /** A view of everything (no check at all). */
  static readonly all: MibView = new MibView([{ subtree: '1' }, { subtree: '0' }, { subtree: '2' }]);
  /** The empty view. */
  static readonly none: MibView = new MibView([]);

  readonly #families: Family[];
  readonly #everything: boolean;
  readonly #masked: boolean;

  /** @throws InvalidArgumentError on a bad subtree or mask. */
  constructor(families: Iterable<ViewFamily>) {
    this.#families = [];
    for (const f of families) {
      const arcs = oidArcs(Oid.of(f.subtree));
      let mask: Uint8Array | undefined;
      if (f.mask !== undefined) {
        mask = typeof f.mask === 'string' ? octetsFromHex(f.mask) : f.mask;
        if (mask.length > 16) throw new InvalidArgumentError('A view mask has at most 16 octets (RFC 3415)');
        if (mask.length === 0) mask = undefined;
      }
      const type = f.type ?? 'included';
      if (type !== 'included' && type !== 'excluded') throw new InvalidArgumentError(`View family type must be included or excluded, not ${String(type)}`);
      this.#families.push({ arcs, mask, included: type === 'included' });
    }
    this.#everything = this.#families.length === 3 && this.#families.every((f) => f.included && f.arcs.length === 1 && f.mask === undefined);
    this.#masked = this.#families.some((f) => f.mask !== undefined);
  }

  /** True when the view holds every OID. */
  get isEverything(): boolean {
    return this.#everything;
  }

  /** True when `oid` is in the view. */
  includes(oid: Oid): boolean {
    return this.#everything || this.includesArcs(oidArcs(oid));
  }

  /** True when the OID with these arcs is in the view. */
  includesArcs(arcs: Uint32Array): boolean {
    if (this.#everything) return true;
    const d = this.#decide(arcs);
    return d !== undefined && d.included;
  }

  #decide(arcs: Uint32Array): Family | undefined {
    let best: Family | undefined;
    for (const f of this.#families) {
      if (!matches(f, arcs)) continue;
      if (best === undefined || f.arcs.length > best.arcs.length || (f.arcs.length === best.arcs.length && compareArcs(f.arcs, best.arcs) > 0)) best = f;
    }
    return best;
  }

  /**
   * For a GetNext that found `arcs` outside the view: the smallest OID after it that may
   * be in the view (a search restarts there, inclusively), or undefined when no OID after
   * it can be. With masked families it is simply `arcs` itself plus nothing skipped: the
   * search goes on one OID at a time.
   */
  nextCandidate(arcs: Uint32Array): { arcs: Uint32Array; inclusive: boolean } | undefined {
    if (this.#masked) return { arcs, inclusive: false };
    const d = this.#decide(arcs);
    let best: Uint32Array | undefined;
    if (d !== undefined) best = subtreeEnd(d.arcs);
    for (const f of this.#families) {
      if (!f.included || compareArcs(f.arcs, arcs) <= 0) continue;
      if (d !== undefined && !startsWith(f.arcs, d.arcs)) continue;
      if (best === undefined || compareArcs(f.arcs, best) < 0) best = f.arcs;
    }
    if (best === undefined) return undefined;
    return { arcs: best, inclusive: true };
  }
}

function matches(f: Family, arcs: Uint32Array): boolean {
  const s = f.arcs;
  if (arcs.length < s.length) return false;
  const m = f.mask;
  for (let i = 0; i < s.length; i++) {
    if (m !== undefined) {
      const byte = i >> 3;
      // RFC 3415: a mask shorter than the subtree is extended with 1s.
      const bit = byte < m.length ? m[byte]! & (0x80 >> (i & 7)) : 1;
      if (bit === 0) continue;
    }
    if (s[i] !== arcs[i]) return false;
  }
  return true;
}

function startsWith(a: Uint32Array, prefix: Uint32Array): boolean {
  if (a.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (a[i] !== prefix[i]) return false;
  return true;
}
