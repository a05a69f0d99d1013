/**
 * A conceptual table (RFC 2578 §7.1.12) served from rows kept in index order: register it
 * at the table's entry OID (`xxxEntry`); instances are `entry.column.index`.
 */
import { InvalidArgumentError } from '../errors.js';
import { ErrorStatus } from '../pdu/error-status.js';
import { Oid, oidArcs, oidFromTrustedArcs } from '../smi/oid.js';
import type { VarBind } from '../smi/types.js';
import { checkValue } from '../smi/values.js';
import type { HandlerItem, SubtreeHandler } from './handler.js';
import type { MibAccess } from './mib-store.js';
import { compareArcs } from './registry.js';
import { planRow, type RowOutcome, type RowRules, RowStatus } from './row-status.js';
import { DEFAULT_STALE_ROW_TIMEOUT, StaleRows } from './stale-rows.js';
import { checkIndexSyntax, decodeIndex, encodeIndex, indexInRange, type IndexSyntax, type IndexValue } from './table-index.js';
import type { TableColumn, TableOptions, TableRow } from './table-types.js';

export type { TableColumn, TableOptions, TableRow } from './table-types.js';

interface Row {
  key: Uint32Array;
  index: IndexValue[];
  values: Map<number, unknown>;
  /** Instance OIDs made so far, by column id (GetNext answers reuse them). */
  oids: Map<number, Oid> | undefined;
  /** When a Set left it in notReady or notInService, or undefined. */
  waitingSince: number | undefined;
}

/** What one commit did to one row, to undo it. */
interface Pending {
  /** The row before (undefined: it did not exist). */
  before: Row | undefined;
  /** Its values before. */
  values: Map<number, unknown> | undefined;
  /** Its waitingSince before. */
  waitingSince: number | undefined;
  /** The row created, if any. */
  created: Row | undefined;
}

/** The varbinds of one Set that name one row. */
interface RowGroup {
  arcs: Uint32Array;
  row: number;
  items: HandlerItem[];
  sets: Map<number, unknown>;
  status: HandlerItem | undefined;
}

/**
 * A table handler.
 *
 * ```ts
 * const t = new TableHandler('1.3.6.1.2.1.2.2.1', {
 *   index: [{ type: 'Integer' }],
 *   columns: [{ id: 1, type: 'Integer32' }, { id: 2, type: 'OctetString' }, { id: 7, type: 'Integer32', access: 'read-write' }],
 * });
 * t.setRow([1], { 1: 1, 2: octetsFromText('lo'), 7: 1 });
 * agent.registry.register(t.entry, t);
 * ```
 */
export class TableHandler implements SubtreeHandler {
  /** The entry OID the table is registered at. */
  readonly entry: Oid;
  readonly #entryArcs: Uint32Array;
  readonly #columns: TableColumn[];
  readonly #index: readonly IndexSyntax[];
  readonly #rowCreation: boolean;
  readonly #rules: RowRules | undefined;
  readonly #defaults: Map<number, unknown>;
  readonly #stale: StaleRows | undefined;
  #keys: Uint32Array[] = [];
  #rows: Row[] = [];
  #pending = new Map<HandlerItem, Pending>();

  /** @throws InvalidArgumentError on a bad entry OID, column, index or staleRowTimeout. */
  constructor(entry: Oid | string, options: TableOptions) {
    this.entry = Oid.of(entry);
    this.#entryArcs = oidArcs(this.entry);
    this.#columns = [...options.columns].sort((a, b) => a.id - b.id);
    for (const c of this.#columns) if (!Number.isInteger(c.id) || c.id < 0 || c.id > 0xffffffff) throw new InvalidArgumentError(`Bad column id ${c.id}`);
    this.#index = options.index;
    checkIndexSyntax(options.index);
    this.#rowCreation = options.rowCreation ?? false;
    this.#defaults = new Map();
    for (const c of this.#columns) {
      if (c.defaultValue === undefined) continue;
      checkValue(c.type, c.defaultValue);
      this.#defaults.set(c.id, c.defaultValue);
    }
    const rs = options.rowStatus;
    if (rs !== undefined) {
      const col = this.#column(rs);
      if (col === undefined || col.type !== 'Integer32') throw new InvalidArgumentError(`RowStatus column ${rs} is not an Integer32 column of the table`);
      const required = this.#columns.filter((c) => c.required === true && c.id !== rs).map((c) => c.id);
      this.#rules = { statusColumn: rs, required, defaults: this.#defaults, rowCreation: this.#rowCreation };
    }
    const stale = StaleRows.create(options.staleRowTimeout ?? DEFAULT_STALE_ROW_TIMEOUT, options.now ?? (() => performance.now()));
    this.#stale = rs === undefined ? undefined : stale;
  }

  /**
   * Adds a row or merges values into an existing one.
   * @throws InvalidArgumentError when the index or a value does not fit.
   */
  setRow(index: readonly IndexValue[], values: Readonly<Record<number, unknown>>): void {
    const key = Uint32Array.from(encodeIndex(this.#index, index));
    const checked = new Map<number, unknown>();
    for (const [k, v] of Object.entries(values)) {
      const col = this.#column(Number(k));
      if (col === undefined) throw new InvalidArgumentError(`No column ${k} in table ${this.entry.toString()}`);
      checkValue(col.type, v);
      // RFC 2579: a read only ever returns active, notInService or notReady.
      if (col.id === this.#rules?.statusColumn && v !== RowStatus.active && v !== RowStatus.notInService && v !== RowStatus.notReady) throw new InvalidArgumentError(`A RowStatus is active(1), notInService(2) or notReady(3), not ${String(v)}`);
      checked.set(col.id, v);
    }
    this.#sweep();
    const i = this.#find(key, 0);
    if (i >= 0) {
      const row = this.#rows[i]!;
      for (const [k, v] of checked) row.values.set(k, v);
      // The application's own status: no longer timed.
      if (this.#rules !== undefined && checked.has(this.#rules.statusColumn)) row.waitingSince = undefined;
    } else this.#insert(-i - 1, { key, index: [...index], values: checked, oids: undefined, waitingSince: undefined });
  }

  /** Deletes a row; true when it was there. @throws InvalidArgumentError on a bad index. */
  deleteRow(index: readonly IndexValue[]): boolean {
    this.#sweep();
    const i = this.#find(Uint32Array.from(encodeIndex(this.#index, index)), 0);
    if (i < 0) return false;
    this.#keys.splice(i, 1);
    this.#rows.splice(i, 1);
    return true;
  }

  /** A row, or undefined. @throws InvalidArgumentError on a bad index. */
  row(index: readonly IndexValue[]): TableRow | undefined {
    this.#sweep();
    const i = this.#find(Uint32Array.from(encodeIndex(this.#index, index)), 0);
    return i < 0 ? undefined : this.#rows[i];
  }

  /** Every row in index order. */
  get rows(): readonly TableRow[] {
    this.#sweep();
    return this.#rows;
  }

  /** Removes the rows left waiting too long (see {@link TableOptions.staleRowTimeout}). */
  #sweep(): void {
    this.#stale?.sweep(this.#rows, this.#keys);
  }

  #insert(at: number, row: Row): void {
    this.#keys.splice(at, 0, row.key);
    this.#rows.splice(at, 0, row);
  }

  #column(id: number): TableColumn | undefined {
    const cols = this.#columns;
    for (let i = 0; i < cols.length; i++) if (cols[i]!.id === id) return cols[i];
    return undefined;
  }

  /** Binary search of the key found at `arcs[from..]`: the row index or -(insertion point)-1. */
  #find(arcs: Uint32Array, from: number): number {
    const keys = this.#keys;
    let lo = 0;
    let hi = keys.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const c = compareKey(keys[mid]!, arcs, from);
      if (c === 0) return mid;
      if (c < 0) lo = mid + 1;
      else hi = mid - 1;
    }
    return -lo - 1;
  }

  #instance(column: number, row: Row): Oid {
    let oids = row.oids;
    const cached = oids?.get(column);
    if (cached !== undefined) return cached;
    const e = this.#entryArcs;
    const key = row.key;
    const a = new Uint32Array(e.length + 1 + key.length);
    a.set(e);
    a[e.length] = column;
    a.set(key, e.length + 1);
    const oid = oidFromTrustedArcs(a);
    oids ??= row.oids = new Map();
    oids.set(column, oid);
    return oid;
  }

  /** Column and row of an instance OID (row -1 when absent), or undefined when it names no column. */
  #locate(oid: Oid): { col: TableColumn; row: number; arcs: Uint32Array } | undefined {
    const arcs = oidArcs(oid);
    const n = this.#entryArcs.length;
    if (arcs.length <= n + 1) return undefined;
    const col = this.#column(arcs[n]!);
    if (col === undefined) return undefined;
    return { col, row: this.#find(arcs, n + 1), arcs };
  }

  get(items: readonly HandlerItem[]): void {
    this.#sweep();
    for (const it of items) {
      const at = this.#locate(it.oid);
      const readable = at !== undefined && isReadable(at.col.access);
      const v = readable && at.row >= 0 ? this.#rows[at.row]!.values.get(at.col.id) : undefined;
      if (v !== undefined) it.result = { oid: it.oid, type: at!.col.type, value: v } as VarBind;
      else it.result = { oid: it.oid, type: readable ? 'NoSuchInstance' : 'NoSuchObject', value: null };
    }
  }

  getNext(items: readonly HandlerItem[]): void {
    this.#sweep();
    const n = this.#entryArcs.length;
    const cols = this.#columns;
    const rows = this.#rows;
    for (const it of items) {
      const arcs = oidArcs(it.oid);
      let c = 0;
      let r = 0;
      if (arcs.length > n && hasPrefix(arcs, this.#entryArcs)) {
        const colId = arcs[n]!;
        while (c < cols.length && cols[c]!.id < colId) c++;
        if (c < cols.length && cols[c]!.id === colId) {
          const i = this.#find(arcs, n + 1);
          r = i >= 0 ? (it.include ? i : i + 1) : -i - 1;
        }
      } else if (compareArcs(arcs, this.#entryArcs) > 0) continue;
      for (; c < cols.length; c++, r = 0) {
        const col = cols[c]!;
        if (!isReadable(col.access)) continue;
        while (r < rows.length && rows[r]!.values.get(col.id) === undefined) r++;
        if (r === rows.length) continue;
        const row = rows[r]!;
        const oid = this.#instance(col.id, row);
        if (it.end !== undefined && oid.compare(it.end) >= 0) break;
        it.result = { oid, type: col.type, value: row.values.get(col.id) } as VarBind;
        break;
      }
    }
  }

  testSet(items: readonly HandlerItem[]): void {
    this.#sweep();
    const n = this.#entryArcs.length + 1;
    const groups = new Map<string, RowGroup>();
    const failed = new Set<string>();
    for (const it of items) {
      const at = this.#locate(it.oid);
      const v = it.value!;
      if (at === undefined || !isWritable(at.col.access)) {
        it.status = ErrorStatus.notWritable;
        continue;
      }
      const key = at.arcs.subarray(n).join('.');
      if (v.type !== at.col.type) {
        it.status = ErrorStatus.wrongType;
      } else if (at.row < 0 && !this.#creatable(at.arcs, n)) {
        // RFC 3416 §4.2.5 (7): an instance that could never be created (no such index, or an
        // index outside its SYNTAX's range or SIZE, or a table that never creates rows).
        it.status = ErrorStatus.noCreation;
      } else {
        try {
          checkValue(at.col.type, v.value);
          it.status = at.col.validate?.(v.value, at.row >= 0 ? this.#rows[at.row] : undefined) ?? 0;
        } catch {
          it.status = ErrorStatus.wrongValue;
        }
      }
      if (it.status !== 0) failed.add(key);
      else if (at.row < 0 || this.#rules !== undefined) this.#group(groups, key, at, it);
    }
    for (const [key, g] of groups) {
      if (failed.has(key)) continue;
      const out = this.#plan(g);
      if (out.kind !== 'error') continue;
      if (out.onStatus && g.status !== undefined) g.status.status = out.status;
      else for (const it of g.items) it.status = out.status;
    }
  }

  /** Whether a Set could ever create the row an instance names. */
  #creatable(arcs: Uint32Array, n: number): boolean {
    if (!this.#rowCreation && this.#rules === undefined) return false;
    const index = decodeIndex(this.#index, arcs, n);
    return index !== undefined && indexInRange(this.#index, index);
  }

  #group(groups: Map<string, RowGroup>, key: string, at: { col: TableColumn; row: number; arcs: Uint32Array }, it: HandlerItem): void {
    let g = groups.get(key);
    if (g === undefined) groups.set(key, (g = { arcs: at.arcs.subarray(this.#entryArcs.length + 1), row: at.row, items: [], sets: new Map(), status: undefined }));
    g.items.push(it);
    if (at.col.id === this.#rules?.statusColumn) g.status = it;
    else g.sets.set(at.col.id, it.value!.value);
  }

  /** What a Set does to one row. */
  #plan(g: RowGroup): RowOutcome {
    const current = g.row >= 0 ? this.#rows[g.row]!.values : undefined;
    if (this.#rules !== undefined) return planRow(this.#rules, { current, sets: g.sets, status: g.status === undefined ? undefined : (g.status.value!.value as number) });
    if (current !== undefined) return { kind: 'write', create: false, status: undefined };
    // Without a status column, a row is created through one of its read-create columns.
    const viaReadCreate = this.#rowCreation && g.items.some((it) => this.#locate(it.oid)!.col.access === 'read-create');
    return viaReadCreate ? { kind: 'write', create: true, status: undefined } : { kind: 'error', status: ErrorStatus.noCreation, onStatus: false };
  }

  commitSet(items: readonly HandlerItem[]): void {
    const groups = new Map<string, RowGroup>();
    const n = this.#entryArcs.length + 1;
    for (const it of items) {
      const at = this.#locate(it.oid)!;
      this.#group(groups, at.arcs.subarray(n).join('.'), at, it);
    }
    for (const g of groups.values()) {
      // Rows created or destroyed by earlier groups move the others.
      g.row = this.#find(g.arcs, 0);
      const out = this.#plan(g);
      const i = g.row;
      const before = i >= 0 ? this.#rows[i] : undefined;
      if (out.kind === 'error') {
        // The table changed between test and commit.
        for (const it of g.items) it.status = ErrorStatus.commitFailed;
        continue;
      }
      const p: Pending = { before, values: before === undefined ? undefined : new Map(before.values), waitingSince: before?.waitingSince, created: undefined };
      this.#pending.set(g.items[0]!, p);
      if (out.kind === 'destroy') {
        if (before !== undefined) this.#remove(before);
        continue;
      }
      let row = before;
      if (row === undefined) {
        const key = Uint32Array.from(g.arcs);
        row = p.created = { key, index: decodeIndex(this.#index, key)!, values: new Map(this.#defaults), oids: undefined, waitingSince: undefined };
        this.#insert(-i - 1, row);
      }
      for (const [k, v] of g.sets) row.values.set(k, v);
      if (out.status !== undefined) {
        row.values.set(this.#rules!.statusColumn, out.status);
        this.#stale?.statusSet(row, out.status);
      }
    }
  }

  undoSet(items: readonly HandlerItem[]): void {
    for (let k = items.length - 1; k >= 0; k--) {
      const p = this.#pending.get(items[k]!);
      if (p === undefined) continue;
      this.#pending.delete(items[k]!);
      if (p.created !== undefined) this.#remove(p.created);
      const row = p.before;
      if (row === undefined) continue;
      row.values = p.values!;
      if (p.waitingSince === undefined) row.waitingSince = undefined;
      else this.#stale?.watch(row, p.waitingSince);
      if (!this.#rows.includes(row)) {
        const i = this.#find(row.key, 0);
        if (i < 0) this.#insert(-i - 1, row);
      }
    }
  }

  #remove(row: Row): void {
    const i = this.#rows.indexOf(row);
    if (i >= 0) {
      this.#rows.splice(i, 1);
      this.#keys.splice(i, 1);
    }
  }

  cleanupSet(items: readonly HandlerItem[]): void {
    for (const it of items) this.#pending.delete(it);
  }
}

/** Compares a row key with the arcs of an instance from `from` on (the key part). */
function compareKey(key: Uint32Array, arcs: Uint32Array, from: number): number {
  const m = arcs.length - from;
  const n = key.length < m ? key.length : m;
  for (let i = 0; i < n; i++) {
    const x = key[i]!;
    const y = arcs[from + i]!;
    if (x !== y) return x < y ? -1 : 1;
  }
  return key.length - m;
}

function hasPrefix(arcs: Uint32Array, prefix: Uint32Array): boolean {
  for (let i = prefix.length - 1; i >= 0; i--) if (arcs[i] !== prefix[i]) return false;
  return true;
}

function isReadable(a: MibAccess | undefined): boolean {
  return a === undefined || a === 'read-only' || a === 'read-write' || a === 'read-create';
}

function isWritable(a: MibAccess | undefined): boolean {
  return a === 'read-write' || a === 'read-create' || a === 'write-only';
}
