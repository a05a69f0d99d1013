/**
 * Removal of conceptual rows left in notReady or notInService. RFC 2579, RowStatus
 * DESCRIPTION ("Conceptual Row Creation"): "The agent must detect conceptual rows that
 * have been in either state for an abnormally long period of time and remove them. [...]
 * In the absence of such information in the DESCRIPTION clause, it is suggested that this
 * period be approximately 5 minutes in length. This removal action applies not only to
 * newly-created rows, but also to previously active rows which are set to, and left in,
 * the notInService state for a prolonged period exceeding that which is considered normal
 * for such a conceptual row."
 *
 * No timer: the table sweeps when it is used (get, getNext, testSet, its row accessors),
 * and a sweep reads the clock only while some row is waiting, and scans the rows only once
 * the earliest deadline has passed. Every row a Set leaves waiting is made by a Set, which
 * sweeps first, so waiting rows never pile up beyond those of the last period.
 */
import { InvalidArgumentError } from '../errors.js';
import { RowStatus } from './row-status.js';

/** RFC 2579's suggested period: about 5 minutes, in milliseconds. */
export const DEFAULT_STALE_ROW_TIMEOUT = 300_000;

/** A row whose status a Set may have left waiting. */
export interface WaitingRow {
  /** When a Set left the row in notReady or notInService (clock milliseconds), or undefined. */
  waitingSince: number | undefined;
}

/** The deadline bookkeeping of one table. */
export class StaleRows {
  readonly #timeout: number;
  readonly #now: () => number;
  /** No row can be due before this (Infinity: no row is waiting). */
  #next = Infinity;

  /** See {@link StaleRows.create}. */
  private constructor(timeout: number, now: () => number) {
    this.#timeout = timeout;
    this.#now = now;
  }

  /**
   * The tracker for a table, or undefined when removal is disabled (timeout 0 or Infinity).
   * @throws InvalidArgumentError when the timeout is negative or NaN.
   */
  static create(timeout: number, now: () => number): StaleRows | undefined {
    if (typeof timeout !== 'number' || Number.isNaN(timeout) || timeout < 0) throw new InvalidArgumentError(`staleRowTimeout must be 0, Infinity or a positive number of milliseconds, not ${String(timeout)}`);
    return timeout === 0 || timeout === Infinity ? undefined : new StaleRows(timeout, now);
  }

  /**
   * After a Set wrote a row's status: active stops its clock; notReady or notInService
   * starts it unless it is already running (moving between the two keeps the first time).
   */
  statusSet(row: WaitingRow, status: unknown): void {
    if (status === RowStatus.active) row.waitingSince = undefined;
    else if (row.waitingSince === undefined) this.watch(row, this.#now());
  }

  /** Starts (or restores, on undo) a row's clock at `since`. */
  watch(row: WaitingRow, since: number): void {
    row.waitingSince = since;
    const due = since + this.#timeout;
    if (due < this.#next) this.#next = due;
  }

  /**
   * Removes, from `rows` and the parallel `keys`, every row that has waited longer than
   * the timeout; keeps the order of the others. Cheap when no row can be due.
   */
  sweep<R extends WaitingRow>(rows: R[], keys: unknown[]): void {
    if (this.#next === Infinity) return;
    const now = this.#now();
    if (now <= this.#next) return;
    const limit = now - this.#timeout;
    let next = Infinity;
    let w = 0;
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r]!;
      const since = row.waitingSince;
      if (since !== undefined) {
        if (since < limit) continue;
        if (since + this.#timeout < next) next = since + this.#timeout;
      }
      if (w !== r) {
        rows[w] = row;
        keys[w] = keys[r];
      }
      w++;
    }
    rows.length = w;
    keys.length = w;
    this.#next = next;
  }
}
