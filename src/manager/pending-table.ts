/**
 * The dispatcher's requests in progress, by request id. The dispatcher picks the ids, so it
 * picks each one with a free slot of a direct-mapped table (the id's low bits): finding a
 * request from a response is one array load and one comparison, with no hashing and no
 * rehashing, which a Map of a thousand entries, each replaced a few milliseconds later,
 * does a lot of. An id added whose slot is taken (one not picked here) goes to a Map.
 */

/** What the table holds: anything with a numeric id. */
export interface HasId {
  readonly id: number;
}

/** Requests by id. @internal */
export class PendingTable<T extends HasId> {
  #slots: (T | undefined)[];
  #mask: number;
  /** Entries in #slots. */
  #inSlots = 0;
  /** Entries whose slot was taken when they were added. */
  readonly #others = new Map<number, T>();

  /** @param capacity slots to start with: a power of two */
  constructor(capacity = 256) {
    this.#slots = new Array<T | undefined>(capacity).fill(undefined);
    this.#mask = capacity - 1;
  }

  /** Entries held. */
  get size(): number {
    return this.#inSlots + this.#others.size;
  }

  /**
   * A random id in [min, max) that no entry uses and whose slot is free, so that adding it
   * takes that slot. The table grows first when it is half full. `max - min` must exceed
   * the number of slots.
   */
  freshId(min: number, max: number): number {
    // (Growing may move entries of the Map into the table: grow until half of it is free.)
    while ((this.#inSlots + 1) * 2 > this.#slots.length) this.#grow();
    const slots = this.#slots;
    const mask = this.#mask;
    for (;;) {
      const id = min + ((Math.random() * (max - min)) | 0);
      if (slots[id & mask] === undefined && (this.#others.size === 0 || !this.#others.has(id))) return id;
    }
  }

  /** The entry with this id, if any. */
  get(id: number): T | undefined {
    const e = this.#slots[id & this.#mask];
    if (e !== undefined && e.id === id) return e;
    return this.#others.size === 0 ? undefined : this.#others.get(id);
  }

  has(id: number): boolean {
    return this.get(id) !== undefined;
  }

  /** Adds an entry; one with the same id is replaced. */
  set(entry: T): void {
    const i = entry.id & this.#mask;
    const e = this.#slots[i];
    if (e === undefined) {
      if (this.#others.size > 0) this.#others.delete(entry.id);
      this.#slots[i] = entry;
      this.#inSlots++;
    } else if (e.id === entry.id) {
      this.#slots[i] = entry;
    } else {
      this.#others.set(entry.id, entry);
    }
  }

  /** Removes this entry (not another with its id); true when it was there. */
  delete(entry: T): boolean {
    const i = entry.id & this.#mask;
    if (this.#slots[i] === entry) {
      this.#slots[i] = undefined;
      this.#inSlots--;
      return true;
    }
    if (this.#others.get(entry.id) === entry) return this.#others.delete(entry.id);
    return false;
  }

  /** Every entry (a copy: the table may change while the caller goes through it). */
  values(): T[] {
    const out: T[] = [];
    for (const e of this.#slots) if (e !== undefined) out.push(e);
    for (const e of this.#others.values()) out.push(e);
    return out;
  }

  /**
   * Doubles the slots. Entries keep distinct slots: two ids whose low bits differ still
   * differ with one bit more. Entries of the Map move in when their new slot is free.
   */
  #grow(): void {
    const size = this.#slots.length * 2;
    const slots = new Array<T | undefined>(size).fill(undefined);
    const mask = size - 1;
    for (const e of this.#slots) if (e !== undefined) slots[e.id & mask] = e;
    this.#slots = slots;
    this.#mask = mask;
    for (const e of [...this.#others.values()]) {
      const i = e.id & mask;
      if (slots[i] === undefined) {
        slots[i] = e;
        this.#inSlots++;
        this.#others.delete(e.id);
      }
    }
  }
}
