/** The public shapes of a conceptual table: its columns, options and rows. */
import type { SmiType } from '../smi/types.js';
import type { MibAccess } from './mib-store.js';
import type { IndexSyntax, IndexValue } from './table-index.js';

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
  /**
   * The column needs a value before its row can leave notReady (RFC 2579): a Set that
   * creates the row with createAndGo must give one. Default false.
   */
  readonly required?: boolean;
  /** The value a row created by a Set starts with when the Set gives none (the MIB's DEFVAL). Default none. */
  readonly defaultValue?: unknown;
}

/** Options of a {@link TableHandler}. */
export interface TableOptions {
  /** The columns (any order). */
  readonly columns: readonly TableColumn[];
  /** The INDEX clause, in order; an index outside its ranges or sizes is never created (noCreation). */
  readonly index: readonly IndexSyntax[];
  /**
   * Let a Set create a missing row: through a read-create column, or, with {@link rowStatus},
   * only by createAndGo / createAndWait. Default false.
   */
  readonly rowCreation?: boolean;
  /**
   * The id of the table's RowStatus column (RFC 2579): rows are created, activated,
   * taken out of service and destroyed through it. Default none.
   */
  readonly rowStatus?: number;
  /**
   * With {@link rowStatus}: milliseconds after which a row that a Set left in notReady or
   * notInService (created by createAndWait, or set to notInService) is removed, unless a
   * Set makes it active before (RFC 2579: "it is suggested that this period be
   * approximately 5 minutes"). Checked when the table is next used, without timers. Rows
   * whose status the application writes with `TableHandler.setRow` are never
   * removed. 0 or Infinity: never. Default 300,000 (5 minutes).
   */
  readonly staleRowTimeout?: number;
  /** The clock of {@link staleRowTimeout}, in milliseconds. Default `performance.now`. */
  readonly now?: () => number;
}

/** A row as the table hands it out. */
export interface TableRow {
  /** The index values. */
  readonly index: readonly IndexValue[];
  /** The values by column id. */
  readonly values: ReadonlyMap<number, unknown>;
}
