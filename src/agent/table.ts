/**
 * A conceptual table (RFC 2578 §7.1.12) served from rows kept in index order: register it
 * at the table's entry OID (`xxxEntry`); instances are `entry.column.index`.
 */
import { InvalidArgumentError } from '../errors.js';
import { ErrorStatus } from '../pdu/error-status.js';
import { Oid, oidArcs, oidFromTrustedArcs } from '../smi/oid.js';
import type { SmiType, VarBind } from '../smi/types.js';
import { checkValue } from '../smi/values.js';
import type { HandlerItem, SubtreeHandler } from './handler.js';
import type { MibAccess } from './mib-store.js';
import { compareArcs } from './registry.js';
import { decodeIndex, encodeIndex, type IndexSyntax, type IndexValue } from './table-index.js';

/** One column of a table. */
export interface TableColumn {
  /** The column's arc under the entry OID. */
  readonly id: number;
  /** Its value type. */
  readonly type: SmiType;
  /** Its access. Default `read-only`; index columns are usually `not-accessible`. */
  readonly access?: MibAccess;
  /** Extra check of a new value: an ErrorStatus or 0. Default none. */
  readonly validate?: (value: unknown, row: TableRow | undefined) => number;
}

/** Options of a {@link TableHandler}. */
export interface TableOptions {
  /** The columns (any order). */
  readonly columns: readonly TableColumn[];
  /** The INDEX clause, in order. */
  readonly index: readonly IndexSyntax[];
  /** Let a Set of a read-create column create a missing row. Default false. */
  readonly rowCreation?: boolean;
}

/** A row as the table hands it out. */
export interface TableRow {
  /** The index values. */
  readonly index: readonly IndexValue[];
  /** The values by column id. */
  readonly values: ReadonlyMap<number, unknown>;
}

interface Row {
  key: Uint32Array;
  index: IndexValue[];
  values: Map<number, unknown>;
  /** Instance OIDs made so far, by column id (GetNext answers reuse them). */
  oids: Map<number, Oid> | undefined;
}

interface Pending {
  row: Row;
  column: number;
  old: unknown;
  created: boolean;
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
  #keys: Uint32Array[] = [];
  #rows: Row[] = [];
  #pending = new Map<HandlerItem, Pending>();

  /** @throws InvalidArgumentError on a bad entry OID, column or index. */
  constructor(entry: Oid | string, options: TableOptions) {
    this.entry = Oid.of(entry);
    this.#entryArcs = oidArcs(this.entry);
    this.#columns = [...options.columns].sort((a, b) => a.id - b.id);
    for (const c of this.#columns) if (!Number.isInteger(c.id) || c.id < 0 || c.id > 0xffffffff) throw new InvalidArgumentError(`Bad column id ${c.id}`);
    this.#index = options.index;
    encodeIndex(options.index, options.index.map((s) => (s.type === 'Integer' ? 0 : s.type === 'IpAddress' ? '0.0.0.0' : s.type === 'ObjectIdentifier' ? Oid.parse('0.0') : new Uint8Array('fixedLength' in s ? (s.fixedLength ?? 0) : 0))));
    this.#rowCreation = options.rowCreation ?? false;
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
      checked.set(col.id, v);
    }
    const i = this.#find(key, 0);
    if (i >= 0) for (const [k, v] of checked) this.#rows[i]!.values.set(k, v);
    else this.#insert(-i - 1, { key, index: [...index], values: checked, oids: undefined });
  }

  /** Deletes a row; true when it was there. @throws InvalidArgumentError on a bad index. */
  deleteRow(index: readonly IndexValue[]): boolean {
    const i = this.#find(Uint32Array.from(encodeIndex(this.#index, index)), 0);
    if (i < 0) return false;
    this.#keys.splice(i, 1);
    this.#rows.splice(i, 1);
    return true;
  }

  /** A row, or undefined. @throws InvalidArgumentError on a bad index. */
  row(index: readonly IndexValue[]): TableRow | undefined {
    const i = this.#find(Uint32Array.from(encodeIndex(this.#index, index)), 0);
    return i < 0 ? undefined : this.#rows[i];
  }

  /** Every row in index order. */
  get rows(): readonly TableRow[] {
    return this.#rows;
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
    for (const it of items) {
      const at = this.#locate(it.oid);
      const readable = at !== undefined && isReadable(at.col.access);
      const v = readable && at.row >= 0 ? this.#rows[at.row]!.values.get(at.col.id) : undefined;
      if (v !== undefined) it.result = { oid: it.oid, type: at!.col.type, value: v } as VarBind;
      else it.result = { oid: it.oid, type: readable ? 'NoSuchInstance' : 'NoSuchObject', value: null };
    }
  }

  getNext(items: readonly HandlerItem[]): void {
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
    // Rows this request creates (through a read-create column) accept its other columns too.
    const n = this.#entryArcs.length + 1;
    const creating = new Set<string>();
    if (this.#rowCreation) {
      for (const it of items) {
        const at = this.#locate(it.oid);
        if (at !== undefined && at.row < 0 && at.col.access === 'read-create' && decodeIndex(this.#index, at.arcs, n) !== undefined) creating.add(at.arcs.subarray(n).join('.'));
      }
    }
    for (const it of items) {
      const at = this.#locate(it.oid);
      const v = it.value!;
      if (at === undefined || !isWritable(at.col.access)) {
        it.status = ErrorStatus.notWritable;
        continue;
      }
      if (v.type !== at.col.type) {
        it.status = ErrorStatus.wrongType;
        continue;
      }
      if (at.row < 0) {
        const ok = creating.has(at.arcs.subarray(n).join('.'));
        if (!ok) {
          it.status = ErrorStatus.noCreation;
          continue;
        }
      }
      try {
        checkValue(at.col.type, v.value);
        it.status = at.col.validate?.(v.value, at.row >= 0 ? this.#rows[at.row] : undefined) ?? 0;
      } catch {
        it.status = ErrorStatus.wrongValue;
      }
    }
  }

  commitSet(items: readonly HandlerItem[]): void {
    for (const it of items) {
      const at = this.#locate(it.oid)!;
      let created = false;
      let rowIndex = at.row;
      if (rowIndex < 0) {
        const n = this.#entryArcs.length + 1;
        const key = at.arcs.slice(n);
        this.#insert(-rowIndex - 1, { key, index: decodeIndex(this.#index, key)!, values: new Map(), oids: undefined });
        rowIndex = -rowIndex - 1;
        created = true;
      }
      const row = this.#rows[rowIndex]!;
      this.#pending.set(it, { row, column: at.col.id, old: row.values.get(at.col.id), created });
      row.values.set(at.col.id, it.value!.value);
    }
  }

  undoSet(items: readonly HandlerItem[]): void {
    for (let k = items.length - 1; k >= 0; k--) {
      const p = this.#pending.get(items[k]!);
      if (p === undefined) continue;
      this.#pending.delete(items[k]!);
      if (p.created) {
        const i = this.#rows.indexOf(p.row);
        if (i >= 0) {
          this.#rows.splice(i, 1);
          this.#keys.splice(i, 1);
        }
      } else if (p.old === undefined) p.row.values.delete(p.column);
      else p.row.values.set(p.column, p.old);
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
