/**
 * Reading a conceptual table (RFC 2578 §7.1.12) by its entry OID. With a list of columns,
 * one GetBulk carries every unfinished column (as `snmptable` does), each column advances
 * on its own, and rows are returned in index order as soon as every column has moved past
 * their index: sparse columns just leave a hole in the row. Without a list, the entry's
 * subtree is bulk-walked and the rows are returned at the end.
 */
import { InvalidArgumentError, WalkAbortedError } from '../errors.js';
import { ErrorStatus } from '../pdu/error-status.js';
import type { Oid } from '../smi/oid.js';
import { isException, type VarBind } from '../smi/types.js';
import type { RequestOptions } from './options.js';
import { basicRequest, bulkRequest, countOption, type Requester, statusError } from './requests.js';
import { bulkWalk } from './walk.js';

/** Options of {@link Session.table}. */
export interface TableOptions extends RequestOptions {
  /** Column numbers (the arc after the entry OID) to read. Default: every column found. */
  columns?: readonly number[];
  /** Rows asked for per request. Default: the session's max-repetitions (10). */
  maxRepetitions?: number;
  /** Check that each column's OIDs increase. Default true. */
  checkIncreasing?: boolean;
  /** Stop with `WalkAbortedError('limit')` rather than send more requests. Default unlimited. */
  maxRequests?: number;
}

/** One row of a table. */
export interface TableRow {
  /** The row's index: the arcs after `entry.column`. */
  readonly index: Oid;
  /** The row's varbinds by column number; a column the agent has no value for is absent. */
  readonly columns: Map<number, VarBind>;
}

/** One column's progress. */
class Column {
  readonly prefix: Oid;
  cursor: Oid;
  done = false;
  readonly indexes: Oid[] = [];
  readonly values: VarBind[] = [];
  head = 0;

  constructor(
    readonly num: number,
    entry: Oid,
  ) {
    this.prefix = entry.child(num);
    this.cursor = this.prefix;
  }

  get empty(): boolean {
    return this.head >= this.values.length;
  }

  push(vb: VarBind): void {
    this.indexes.push(vb.oid.slice(this.prefix.length));
    this.values.push(vb);
    this.cursor = vb.oid;
  }
}

/** Takes every row that is complete: no unfinished column can still add to it. */
function* completeRows(cols: readonly Column[]): Generator<TableRow> {
  for (;;) {
    let min: Oid | undefined;
    for (const c of cols) {
      if (c.empty) {
        if (!c.done) return;
        continue;
      }
      const idx = c.indexes[c.head]!;
      if (min === undefined || idx.compare(min) < 0) min = idx;
    }
    if (min === undefined) return;
    const row = new Map<number, VarBind>();
    for (const c of cols) {
      if (!c.empty && c.indexes[c.head]!.compare(min) === 0) {
        row.set(c.num, c.values[c.head]!);
        c.indexes[c.head] = undefined as unknown as Oid;
        c.values[c.head] = undefined as unknown as VarBind;
        c.head++;
      }
    }
    yield { index: min, columns: row };
  }
}

/**
 * Rows of the table whose entry OID is `entry`.
 * @throws (while iterating) WalkAbortedError, ResponseStatusError, RequestTimeoutError, AbortError
 */
export async function* tableRows(r: Requester, entry: Oid, o: TableOptions): AsyncGenerator<TableRow, void, undefined> {
  if (entry.length === 0) throw new InvalidArgumentError('A table needs its entry OID');
  if (o.columns === undefined) {
    yield* discoveredRows(r, entry, o);
    return;
  }
  const nums = [...new Set(o.columns)];
  for (const n of nums) if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) throw new InvalidArgumentError(`Column ${String(n)} is not an arc`);
  if (nums.length === 0) return;
  const cols = nums.sort((a, b) => a - b).map((n) => new Column(n, entry));
  const check = o.checkIncreasing ?? true;
  const maxRequests = countOption(o.maxRequests, 'maxRequests', Infinity);
  let reps = countOption(o.maxRepetitions, 'maxRepetitions', r.maxRepetitions, 1);
  const target = await r.target();
  let requests = 0;
  for (;;) {
    yield* completeRows(cols);
    const active = cols.filter((c) => !c.done);
    if (active.length === 0) return;
    if (requests >= maxRequests) throw new WalkAbortedError('limit', `Table read stopped after ${requests} requests (maxRequests)`);
    requests++;
    const vbs: VarBind[] = active.map((c) => ({ oid: c.cursor, type: 'Null', value: null }));
    const bulk = r.version !== 'v1';
    const sent = bulk ? Math.min(reps, target.maxRepetitions) : 1;
    const res = await r.request(bulk ? bulkRequest(0, sent, vbs) : basicRequest('GetNextRequest', vbs), o);
    if (res.errorStatus !== ErrorStatus.noError) {
      if (res.errorStatus === ErrorStatus.tooBig && bulk && sent > 1) {
        reps = sent >> 1;
        if (reps < target.maxRepetitions) target.maxRepetitions = reps;
        continue;
      }
      // v1: noSuchName on a GetNext means a column ran off the end of the MIB view.
      if (res.errorStatus === ErrorStatus.noSuchName && !bulk && res.errorIndex >= 1 && res.errorIndex <= active.length) {
        active[res.errorIndex - 1]!.done = true;
        continue;
      }
      throw statusError(res, vbs);
    }
    if (res.varbinds.length === 0) throw new WalkAbortedError('cycle', 'The agent answered with no varbinds');
    const k = active.length;
    const finished = new Array<boolean>(k).fill(false);
    res.varbinds.forEach((vb, p) => {
      const m = p % k;
      const c = active[m]!;
      if (finished[m]) return;
      if (isException(vb) || !vb.oid.startsWith(c.prefix)) {
        finished[m] = true;
        c.done = true;
        return;
      }
      if (vb.oid.compare(c.cursor) <= 0) {
        if (check) throw new WalkAbortedError('nonIncreasing', `OID not increasing: ${c.cursor.toString()} >= ${vb.oid.toString()}`);
        finished[m] = true; // without the check, a column that goes back is over (it would loop)
        c.done = true;
        return;
      }
      c.push(vb);
    });
  }
}

/** Without a column list: bulk-walk the entry and build the rows at the end. */
async function* discoveredRows(r: Requester, entry: Oid, o: TableOptions): AsyncGenerator<TableRow, void, undefined> {
  const byNum = new Map<number, Column>();
  const walkOptions = {
    ...o,
    getRequestedIfEmpty: false,
    ...(o.maxRepetitions === undefined ? {} : { maxRepetitions: o.maxRepetitions }),
  };
  for await (const vb of bulkWalk(r, entry, walkOptions)) {
    if (isException(vb) || vb.oid.length <= entry.length + 1) continue;
    const num = vb.oid.at(entry.length)!;
    let c = byNum.get(num);
    if (c === undefined) {
      c = new Column(num, entry);
      byNum.set(num, c);
    }
    c.push(vb);
  }
  const cols = [...byNum.values()].sort((a, b) => a.num - b.num);
  for (const c of cols) c.done = true;
  yield* completeRows(cols);
}
