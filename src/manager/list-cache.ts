/**
 * The few OID lists a session sends again and again (a poller's), each kept with its
 * VarBindList encoded once: the request is then built around those bytes.
 *
 * The encoded form is shared by every session given the same array (a poller of a
 * thousand agents usually polls them all with one list): one copy of the bytes and of the
 * expected names, which then stay in the processor's caches, where a copy per session
 * would be a thousand scattered copies, each read once in a while from far away.
 */
import { type ExpectedNames, expectedNames } from '../pdu/varbinds.js';
import type { OidInput } from './requests.js';
import { nullVarbinds } from './requests.js';
import { encodeVarbindList } from './security-model.js';

/** A list encoded once, shared by the sessions given the same array with the same elements. @internal */
export interface SharedList {
  /** The array's elements when it was encoded (Oids are immutable; strings are values). */
  readonly items: readonly OidInput[];
  /** The encoded VarBindList of the OIDs with NULL values. */
  readonly bytes: Uint8Array;
  /** The list's OIDs, parsed, with their octets: what a Get's response should name. */
  readonly names: ExpectedNames;
}

/** A session's entry for one OID array. @internal */
export interface EncodedList<C> {
  /** The array the caller passed. */
  readonly array: readonly OidInput[];
  readonly shared: SharedList;
  /** Completion contexts of a Get and a GetNext of this list without per-call options, made once. */
  get: C | undefined;
  next: C | undefined;
}

/** Lists remembered per session. */
const SIZE = 4;

/** The encoded lists of arrays still in use anywhere, whichever session encoded them. */
const shared = new WeakMap<readonly OidInput[], SharedList>();

function sameItems(a: readonly OidInput[], b: readonly OidInput[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The shared encoding of an array as it is now: from the shared cache or made now. @throws InvalidArgumentError, EncodeError */
function sharedList(oids: readonly OidInput[]): SharedList {
  const known = shared.get(oids);
  // The same array with the same elements: a caller may have changed it in between.
  if (known !== undefined && sameItems(known.items, oids)) return known;
  const varbinds = nullVarbinds(oids);
  const made: SharedList = { items: oids.slice(), bytes: encodeVarbindList(varbinds), names: expectedNames(varbinds.map((vb) => vb.oid)) };
  shared.set(oids, made);
  return made;
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
      if (e.array === oids && sameItems(e.shared.items, oids)) return e;
    }
    const entry: EncodedList<C> = { array: oids, shared: sharedList(oids), get: undefined, next: undefined };
    if (lists.length < SIZE) lists.push(entry);
    else {
      lists[this.#next] = entry;
      this.#next = (this.#next + 1) % SIZE;
    }
    return entry;
  }
}
