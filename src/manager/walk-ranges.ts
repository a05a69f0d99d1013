/**
 * The ranges a parallel walk divides a subtree into (see parallel-walk.ts): a range of OIDs
 * with its pages and its waiting parties, and how ranges are found from a response.
 */
import type { Oid } from '../smi/oid.js';
import type { VarBind } from '../smi/types.js';

const MAX_ARC = 0xffffffff;

/** One range of OIDs, [start, end), walked by its own chain of requests. @internal */
export class Range {
  /** Pages walked and not yet read. */
  readonly pages: VarBind[][] = [];
  /** The object at `start` exactly, found by the range before. */
  head: VarBind | undefined = undefined;
  done = false;
  error: unknown = undefined;
  /** Wakes the reader waiting for this range. */
  wakeReader: (() => void) | undefined = undefined;
  /** Wakes this range's requests, waiting for the reader to catch up. */
  wakeWalker: (() => void) | undefined = undefined;

  constructor(
    readonly index: number,
    readonly start: Oid,
    /** Exclusive; undefined: up to the end of the walk's bounds. */
    public end: Oid | undefined,
  ) {}

  wake(): void {
    const w = this.wakeReader;
    this.wakeReader = undefined;
    w?.();
  }
}

/** The sibling after `oid` (its last arc plus one), or undefined when there is none. */
export function sibling(oid: Oid): Oid | undefined {
  const last = oid.at(oid.length - 1)!;
  return last >= MAX_ARC ? undefined : oid.parent().child(last + 1);
}

/** The arcs the OIDs of a page all start with. */
export function commonPrefix(page: readonly VarBind[]): Oid {
  const first = page[0]!.oid;
  let n = first.length;
  for (let i = 1; i < page.length && n > 0; i++) {
    const o = page[i]!.oid;
    let k = 0;
    while (k < n && k < o.length && o.at(k) === first.at(k)) k++;
    n = k;
  }
  return first.slice(0, n);
}
