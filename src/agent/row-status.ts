/**
 * RowStatus (RFC 2579, the RowStatus TEXTUAL-CONVENTION): what a Set may do to a
 * conceptual row whose table has a status column, worked out for one row at a time from
 * every varbind of the Set that names that row. The table handler applies the outcome in
 * its commit phase and reverts it in undo, so a row's creation, activation or deletion
 * stands or falls with the rest of the request.
 */
import { ErrorStatus } from '../pdu/error-status.js';

/** The values of RowStatus (RFC 2579). */
export const RowStatus = { active: 1, notInService: 2, notReady: 3, createAndGo: 4, createAndWait: 5, destroy: 6 } as const;
/** A RowStatus value. */
export type RowStatusValue = (typeof RowStatus)[keyof typeof RowStatus];

/** What a table knows about its rows' requirements. */
export interface RowRules {
  /** The status column's id. */
  readonly statusColumn: number;
  /** Columns that need a value before the row can be active or notInService. */
  readonly required: readonly number[];
  /** Columns with a default value (they count as set). */
  readonly defaults: ReadonlyMap<number, unknown>;
  /** Whether a Set may create rows. */
  readonly rowCreation: boolean;
}

/** What one Set asks of one row. */
export interface RowRequest {
  /** The row's values now, or undefined when it does not exist. */
  readonly current: ReadonlyMap<number, unknown> | undefined;
  /** The values the Set writes to the row's other columns. */
  readonly sets: ReadonlyMap<number, unknown>;
  /** The value the Set writes to the status column, if it writes one. */
  readonly status: number | undefined;
}

/** The outcome for one row. */
export type RowOutcome =
  /** Refused: `status` goes on the status varbind when `onStatus`, else on every varbind of the row. */
  | { readonly kind: 'error'; readonly status: number; readonly onStatus: boolean }
  /** Delete the row (nothing to do when it does not exist). */
  | { readonly kind: 'destroy' }
  /** Write the values (creating the row when `create`), and the status when it is defined. */
  | { readonly kind: 'write'; readonly create: boolean; readonly status: number | undefined };

const refuse = (status: number, onStatus: boolean): RowOutcome => ({ kind: 'error', status, onStatus });

/** What a Set does to one row of a table with a status column (RFC 2579's state table). */
export function planRow(rules: RowRules, req: RowRequest): RowOutcome {
  const cur = req.current;
  const complete = (): boolean => {
    for (const id of rules.required) if (!req.sets.has(id) && cur?.has(id) !== true && !rules.defaults.has(id)) return false;
    return true;
  };
  const s = req.status;
  if (s !== undefined) {
    // RFC 2579: "five of the six values (all except `notReady') may be specified in a
    // management protocol set operation"; notReady, like a value outside the enumeration,
    // could never be assigned: RFC 3416 §4.2.5 (6) wrongValue.
    if (!Number.isInteger(s) || s < RowStatus.active || s > RowStatus.destroy || s === RowStatus.notReady) return refuse(ErrorStatus.wrongValue, true);
    // RFC 2579: destroy takes any state to A (does not exist), noError even from A.
    if (s === RowStatus.destroy) return { kind: 'destroy' };
    if (s === RowStatus.createAndGo || s === RowStatus.createAndWait) {
      // RFC 2579: createAndGo / createAndWait on an existing row (states B, C, D): inconsistentValue.
      if (cur !== undefined) return refuse(ErrorStatus.inconsistentValue, true);
      // RFC 3416 §4.2.5 (7): a table that never creates rows: noCreation.
      if (!rules.rowCreation) return refuse(ErrorStatus.noCreation, true);
      // RFC 2579 Interaction 2a: "If there is insufficient information, then the conceptual
      // row is not created, and the set operation fails with an error of `inconsistentValue'."
      if (s === RowStatus.createAndGo) return complete() ? { kind: 'write', create: true, status: RowStatus.active } : refuse(ErrorStatus.inconsistentValue, true);
      // Interaction 2b: notInService when it has sufficient information, else notReady.
      return { kind: 'write', create: true, status: complete() ? RowStatus.notInService : RowStatus.notReady };
    }
    // active / notInService: inconsistentValue in state A; from notReady only when the same
    // PDU supplies every missing required column (notes 2, 3); from notInService when the
    // row is consistent (note 8).
    if (cur === undefined || !complete()) return refuse(ErrorStatus.inconsistentValue, true);
    return { kind: 'write', create: false, status: s };
  }
  // RFC 2579 note (4): another column of a row that does not exist, without its status
  // column: the agent may refuse with inconsistentName (RFC 3416 §4.2.5 (8): "could not be
  // created under present circumstances"); noCreation when the table never creates rows.
  if (cur === undefined) return refuse(rules.rowCreation ? ErrorStatus.inconsistentName : ErrorStatus.noCreation, false);
  // RFC 2579 Interaction 3: once every required column has a value, notReady becomes notInService.
  const now = cur.get(rules.statusColumn);
  return { kind: 'write', create: false, status: now === RowStatus.notReady && complete() ? RowStatus.notInService : undefined };
}
