/**
 * The few OID lists a session sends again and again (a poller's), each kept with its
 * VarBindList encoded once: the request is then built around those bytes.
 */
import { type ExpectedNames, expectedNames } from '../pdu/varbinds.js';
import type { OidInput } from './requests.js';
import { nullVarbinds } from './requests.js';
import { encodeVarbindList } from './security-model.js';

/** A varbind list encoded once, for the OID array it came from. @internal */
export interface EncodedList<C> {
  /** The array the caller passed, and its elements then (Oids are immutable; strings are values). */
  readonly array: readonly OidInput[];
  readonly items: readonly OidInput[];
  readonly bytes: Uint8Array;
  /** The list's OIDs, parsed, with their octets: what a Get's response should name. */
  readonly names: ExpectedNames;
  /** Completion contexts of a Get and a GetNext of this list without per-call options, made once. */
  get: C | undefined;
  next: C | undefined;
}

/** Lists remembered per session. */
const SIZE = 4;

function sameItems(a: readonly OidInput[], b: readonly OidInput[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** A small cache of encoded lists, keyed by the caller's array and checked item by item. @internal */
export class ListCache<C> {
  readonly #lists: EncodedList<C>[] = [];
  #next = 0;

  /** The entry for an OID array, from the cache or made now. @throws InvalidArgumentError, EncodeError */
  lookup(oids: readonly OidInput[]): EncodedList<C> {
    const lists = this.#lists;
    for (let i = 0; i < lists.length; i++) {
      const e = lists[i]!;
      // The same array with the same elements: a caller may have changed it in between.
      if (e.array === oids && sameItems(e.items, oids)) return e;
    }
    const varbinds = nullVarbinds(oids);
    const entry: EncodedList<C> = {
      array: oids,
      items: oids.slice(),
      bytes: encodeVarbindList(varbinds),
      names: expectedNames(varbinds.map((vb) => vb.oid)),
      get: undefined,
      next: undefined,
    };
    if (lists.length < SIZE) lists.push(entry);
    else {
      lists[this.#next] = entry;
      this.#next = (this.#next + 1) % SIZE;
    }
    return entry;
  }
}
