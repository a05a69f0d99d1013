/**
 * Seed 003's MIB entries: a store of object instances, each with a name, a value type,
 * an access, a status, a description and a value, kept sorted by name and served as a
 * subtree handler (get, getNext, and the set phases for writable entries).
 */
import { ErrorStatus } from '../pdu/error-status.js';
import { Oid, oidArcs } from '../smi/oid.js';
import type { SmiType, SmiValueMap, VarBind } from '../smi/types.js';
import { checkValue } from '../smi/values.js';
import type { HandlerItem, SubtreeHandler } from './handler.js';
import { compareArcs } from './registry.js';

/** RFC 2578 §7.3 MAX-ACCESS (and SMIv1's write-only, treated as read-write). */
export type MibAccess = 'not-accessible' | 'accessible-for-notify' | 'read-only' | 'read-write' | 'read-create' | 'write-only';

/** RFC 2578 §7.4 STATUS (and SMIv1's mandatory and optional). */
export type MibStatus = 'current' | 'deprecated' | 'obsolete' | 'mandatory' | 'optional';

/** How to make a {@link MibEntry}. */
export interface MibEntryInit<K extends SmiType = SmiType> {
  /** The instance OID (for a scalar, the object OID with `.0`). */
  readonly name: Oid | string;
  /** The value type. */
  readonly type: K;
  /** The value; for BitString, `{ bytes, unusedBits }` (seed 003's BSsize and BSbits). Ignored when `read` is given. */
  readonly value?: SmiValueMap[K];
  /** Computes the value on every read instead (sysUpTime, counters). Default none. */
  readonly read?: () => SmiValueMap[K];
  /** Access. Default `read-only`. */
  readonly access?: MibAccess;
  /** Status. Default `current`. */
  readonly status?: MibStatus;
  /** A description. Default `''`. */
  readonly description?: string;
  /** Keep values set through SNMP in the agent's state file. Default false. */
  readonly persistent?: boolean;
  /** Extra check of a new value: return an ErrorStatus (wrongValue, wrongLength, inconsistentValue...) or 0. Default none. */
  readonly validate?: (value: SmiValueMap[K]) => number;
  /** Octet-string sizes allowed (RFC 2578 SIZE): `[min, max]`; others get wrongLength. Default any. */
  readonly size?: readonly [number, number];
}

/** One MIB entry. */
export class MibEntry<K extends SmiType = SmiType> {
  readonly name: Oid;
  readonly type: K;
  readonly access: MibAccess;
  readonly status: MibStatus;
  description: string;
  readonly persistent: boolean;
  readonly read: (() => SmiValueMap[K]) | undefined;
  readonly validate: ((value: SmiValueMap[K]) => number) | undefined;
  readonly size: readonly [number, number] | undefined;
  #value: SmiValueMap[K];

  /** @throws InvalidArgumentError on a bad name or a value that does not fit the type. */
  constructor(init: MibEntryInit<K>) {
    this.name = Oid.of(init.name);
    this.type = init.type;
    this.access = init.access ?? 'read-only';
    this.status = init.status ?? 'current';
    this.description = init.description ?? '';
    this.persistent = init.persistent ?? false;
    this.read = init.read;
    this.validate = init.validate;
    this.size = init.size;
    if (init.read === undefined) checkValue(init.type, init.value);
    this.#value = init.value as SmiValueMap[K];
  }

  /** True when Get and GetNext may return it. */
  get readable(): boolean {
    const a = this.access;
    return a === 'read-only' || a === 'read-write' || a === 'read-create';
  }

  /** True when Set may change it. */
  get writable(): boolean {
    const a = this.access;
    return a === 'read-write' || a === 'read-create' || a === 'write-only';
  }

  /** The current value. */
  get value(): SmiValueMap[K] {
    return this.read === undefined ? this.#value : this.read();
  }

  /** Replaces the value (no access check). @throws InvalidArgumentError when it does not fit the type. */
  set value(v: SmiValueMap[K]) {
    checkValue(this.type, v);
    this.#value = v;
  }

  /**
   * Checks a new value against the entry's constraints, as a Set's test phase does
   * (RFC 3416 §4.2.5 (4), (6)): its type (wrongType), its SIZE (wrongLength), its shape
   * and the entry's own `validate` (wrongValue, or what `validate` returns; a throwing
   * `validate` gives wrongValue). Returns 0 when it may be assigned.
   */
  check(value: VarBind): number {
    if (value.type !== this.type) return ErrorStatus.wrongType;
    const v = value.value;
    if (this.size !== undefined && v instanceof Uint8Array && (v.length < this.size[0] || v.length > this.size[1])) return ErrorStatus.wrongLength;
    try {
      checkValue(this.type, v);
      return this.validate?.(v as SmiValueMap[K]) ?? 0;
    } catch {
      return ErrorStatus.wrongValue;
    }
  }

  /** The entry as a varbind. */
  toVarBind(): VarBind {
    return { oid: this.name, type: this.type, value: this.value } as VarBind;
  }
}

interface Pending {
  entry: MibEntry;
  old: unknown;
}

/** A value from the state file that a persistent entry refused (see {@link MibStore.onRestoreRefused}). */
export interface RestoreRefusal {
  /** The entry, which keeps its own value. */
  readonly entry: MibEntry;
  /** The value the state file held. */
  readonly value: VarBind;
  /** Why: the error status a Set of that value would get (wrongType, wrongLength, wrongValue...). */
  readonly status: number;
}

/**
 * A sorted store of MIB entries, served as a subtree handler. Register it under the
 * subtrees it holds (the agent's default store sits under `1`, the least specific root).
 *
 * ```ts
 * const store = new MibStore();
 * store.add({ name: '1.3.6.1.4.1.99999.1.0', type: 'Integer32', access: 'read-write', value: 5 });
 * agent.registry.register('1.3.6.1.4.1.99999', store);
 * ```
 */
export class MibStore implements SubtreeHandler {
  #arcs: Uint32Array[] = [];
  #entries: MibEntry[] = [];
  #descriptions = new Map<string, string>();
  #pending = new Map<HandlerItem, Pending>();
  #listeners: ((entry: MibEntry) => void)[] = [];
  #restored = new Map<string, VarBind>();
  #refusalListeners: ((refusal: RestoreRefusal) => void)[] = [];

  constructor(entries: Iterable<MibEntryInit> = []) {
    for (const e of entries) this.add(e);
  }

  /**
   * Adds an entry, replacing one of the same name. A persistent entry takes the value
   * restored from the state file, when there is one that a Set could assign
   * ({@link MibEntry.check}); otherwise it keeps its own and the refusal goes to the
   * {@link onRestoreRefused} listeners.
   * @throws InvalidArgumentError on a bad entry.
   */
  add<K extends SmiType>(init: MibEntryInit<K> | MibEntry<K>): MibEntry<K> {
    const entry = init instanceof MibEntry ? init : new MibEntry(init);
    if (entry.persistent) {
      const saved = this.#restored.get(entry.name.toString());
      if (saved !== undefined) this.#apply(entry as unknown as MibEntry, saved);
    }
    const arcs = oidArcs(entry.name);
    const i = this.#search(arcs);
    if (i >= 0) this.#entries[i] = entry as unknown as MibEntry;
    else {
      const at = -i - 1;
      this.#arcs.splice(at, 0, arcs);
      this.#entries.splice(at, 0, entry as unknown as MibEntry);
    }
    return entry;
  }

  /** Removes an entry; true when it was there. */
  remove(name: Oid | string): boolean {
    const i = this.#search(oidArcs(Oid.of(name)));
    if (i < 0) return false;
    this.#arcs.splice(i, 1);
    this.#entries.splice(i, 1);
    return true;
  }

  /** The entry of that name, or undefined. */
  entry(name: Oid | string): MibEntry | undefined {
    const i = this.#search(oidArcs(Oid.of(name)));
    return i < 0 ? undefined : this.#entries[i];
  }

  /** Every entry in OID order. */
  get entries(): readonly MibEntry[] {
    return this.#entries;
  }

  /** Adds to the description map (seed 003's DescriptionMapAdd): a description for a name, entry or not. */
  describe(name: Oid | string, description: string): void {
    const key = Oid.of(name).toString();
    this.#descriptions.set(key, description);
    const e = this.entry(name);
    if (e !== undefined) e.description = description;
  }

  /** The description of a name: from the description map, else from its entry. */
  descriptionOf(name: Oid | string): string | undefined {
    const key = Oid.of(name).toString();
    return this.#descriptions.get(key) ?? this.entry(name)?.description;
  }

  /** Calls `listener` after a Set has changed an entry (once the whole Set succeeded). */
  onChange(listener: (entry: MibEntry) => void): void {
    this.#listeners.push(listener);
  }

  /**
   * Calls `listener` when a persistent entry refuses the value the state file holds for it
   * (of another type, or outside its SIZE or its `validate`): the entry keeps its own value,
   * which the next write of the state file keeps instead.
   */
  onRestoreRefused(listener: (refusal: RestoreRefusal) => void): void {
    this.#refusalListeners.push(listener);
  }

  /**
   * Values to give persistent entries when they are added (from a state file); applied to
   * existing ones now. A value is applied only when a Set could assign it
   * ({@link MibEntry.check}); otherwise the entry keeps its own and the refusal goes to the
   * {@link onRestoreRefused} listeners.
   */
  restore(values: Iterable<VarBind>): void {
    for (const vb of values) {
      this.#restored.set(vb.oid.toString(), vb);
      const e = this.entry(vb.oid);
      if (e !== undefined && e.persistent) this.#apply(e, vb);
    }
  }

  /** Gives a persistent entry its saved value when the entry's constraints allow it. */
  #apply(entry: MibEntry, saved: VarBind): void {
    // A state file is outside input (edited by hand, or written under other constraints):
    // the same checks as a Set's (RFC 3416 §4.2.5), so no value gets in that a Set could not set.
    const status = entry.check(saved);
    if (status === 0) {
      entry.value = saved.value as never;
      return;
    }
    const refusal: RestoreRefusal = { entry, value: saved, status };
    for (const l of this.#refusalListeners) l(refusal);
  }

  /**
   * What the state file keeps: the value of every persistent entry, and the restored values
   * of entries not added (yet) in this run, so that a start which adds them later (or not
   * at all) loses nothing.
   */
  persistentValues(): VarBind[] {
    const values: VarBind[] = [];
    const kept = new Set<string>();
    for (const e of this.#entries) {
      if (!e.persistent) continue;
      const vb = e.toVarBind();
      values.push(vb);
      if (this.#restored.size > 0) kept.add(e.name.toString());
    }
    for (const [name, vb] of this.#restored) if (!kept.has(name)) values.push(vb);
    return values;
  }

  /** Binary search: the index, or -(insertion point) - 1. */
  #search(arcs: Uint32Array): number {
    const all = this.#arcs;
    let lo = 0;
    let hi = all.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const c = compareArcs(all[mid]!, arcs);
      if (c === 0) return mid;
      if (c < 0) lo = mid + 1;
      else hi = mid - 1;
    }
    return -lo - 1;
  }

  /** Whether some entry is an instance of the object that `arcs` would be an instance of. */
  #objectExists(arcs: Uint32Array, near: number): boolean {
    const n = arcs.length - 1;
    for (const j of [near - 1, near]) {
      const a = this.#arcs[j];
      if (a === undefined || a.length - 1 !== n) continue;
      let same = true;
      for (let k = 0; k < n; k++) if (a[k] !== arcs[k]) same = false;
      if (same) return true;
    }
    return false;
  }

  /** Finds `arcs`, trying the entry after the previous hit first (requests often name consecutive entries). */
  #find(arcs: Uint32Array): number {
    const all = this.#arcs;
    const h = this.#hint + 1;
    if (h < all.length && compareArcs(all[h]!, arcs) === 0) {
      this.#hint = h;
      return h;
    }
    const i = this.#search(arcs);
    if (i >= 0) this.#hint = i;
    return i;
  }

  #hint = -1;

  get(items: readonly HandlerItem[]): void {
    for (let k = 0; k < items.length; k++) {
      const it = items[k]!;
      const arcs = oidArcs(it.oid);
      const i = this.#find(arcs);
      const e = i >= 0 ? this.#entries[i]! : undefined;
      if (e !== undefined && e.readable) {
        it.result = { oid: it.oid, type: e.type, value: e.value } as VarBind;
      } else {
        const exists = e !== undefined || this.#objectExists(arcs, -i - 1);
        it.result = { oid: it.oid, type: exists ? 'NoSuchInstance' : 'NoSuchObject', value: null };
      }
    }
  }

  getNext(items: readonly HandlerItem[]): void {
    const entries = this.#entries;
    const all = this.#arcs;
    for (let k = 0; k < items.length; k++) {
      const it = items[k]!;
      let i = this.#search(oidArcs(it.oid));
      if (i >= 0) {
        if (!it.include) i++;
      } else i = -i - 1;
      while (i < entries.length && !entries[i]!.readable) i++;
      const e = entries[i];
      if (e === undefined) continue;
      if (it.end !== undefined && compareArcs(all[i]!, oidArcs(it.end)) >= 0) continue;
      it.result = { oid: e.name, type: e.type, value: e.value } as VarBind;
    }
  }

  testSet(items: readonly HandlerItem[]): void {
    for (const it of items) {
      const e = this.entry(it.oid);
      if (e === undefined) it.status = ErrorStatus.noCreation;
      else if (!e.writable || e.read !== undefined) it.status = ErrorStatus.notWritable;
      else it.status = e.check(it.value!);
    }
  }

  commitSet(items: readonly HandlerItem[]): void {
    for (const it of items) {
      const e = this.entry(it.oid)!;
      this.#pending.set(it, { entry: e, old: e.value });
      e.value = it.value!.value as never;
    }
  }

  undoSet(items: readonly HandlerItem[]): void {
    for (const it of items) {
      const p = this.#pending.get(it);
      if (p === undefined) continue;
      p.entry.value = p.old as never;
      this.#pending.delete(it);
    }
  }

  cleanupSet(items: readonly HandlerItem[]): void {
    for (const it of items) {
      const p = this.#pending.get(it);
      if (p === undefined) continue;
      this.#pending.delete(it);
      for (const l of this.#listeners) l(p.entry);
    }
  }
}

